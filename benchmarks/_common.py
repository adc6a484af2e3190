"""Shared helpers: percentiles, scripts, machine description."""

from __future__ import annotations

import os
import platform
import resource
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "scripts"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    data = sorted(values)
    if not data:
        return float("nan")
    k = (len(data) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    """p50/p95/p99/mean in milliseconds from samples in seconds."""
    ms = [s * 1000 for s in samples_s]
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 3),
            "p95_ms": round(percentile(ms, 95), 3), "p99_ms": round(percentile(ms, 99), 3),
            "mean_ms": round(sum(ms) / len(ms), 3)}


def script_lines() -> dict[str, list[str]]:
    """Every trainee line of the test scripts, by scenario."""
    out: dict[str, list[str]] = {}
    for folder in sorted(SCRIPTS.iterdir()):
        lines = []
        for path in sorted(folder.glob("*.txt")):
            lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                      if ln.strip() and not ln.startswith("#")]
        out[folder.name] = lines
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpu": platform.processor() or platform.machine(), "cores": os.cpu_count()}


def pin_to_one_core() -> bool:
    """Restrict this process to one CPU (Linux); return whether it worked."""
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        return True
    except (AttributeError, OSError):
        return False
