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


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def machine() -> dict[str, object]:
    """What the figures were measured on (and how busy it was when they started)."""
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpu": _cpu_model(), "cores": os.cpu_count(), "ram_gb": _ram_gb(),
            "load_average_at_start": load}


def restore_affinity(cpus: set[int] | None) -> None:
    """Undo :func:`pin_to_one_core` (``cpus`` from ``os.sched_getaffinity(0)``)."""
    if cpus:
        try:
            os.sched_setaffinity(0, cpus)
        except (AttributeError, OSError):
            pass


def pin_to_one_core() -> bool:
    """Restrict this process to one CPU (Linux); return whether it worked."""
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        return True
    except (AttributeError, OSError):
        return False
