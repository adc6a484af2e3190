"""Analysis speed: per-utterance latency and batch throughput over a long transcript."""

from __future__ import annotations

import re
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from benchmarks._common import script_lines, summary_ms

_ANALYZERS: dict[str, Any] = {}


def analyzer_names() -> list[str]:
    """The analysis backends ``parley.analysis.get_analyzer`` knows (from its own error)."""
    from parley.analysis import get_analyzer
    from parley.errors import InputError

    try:
        get_analyzer("\x00no such backend")
    except InputError as exc:
        found = re.search(r"known: (.+)$", str(exc))
        if found:
            return [n.strip() for n in found.group(1).split(",") if n.strip()]
    return ["rules"]


def _analyzer(name: str) -> Any:
    """One analyzer per backend and process (a model loads once, not per batch)."""
    if name not in _ANALYZERS:
        from parley.analysis import get_analyzer

        _ANALYZERS[name] = get_analyzer(name)
    return _ANALYZERS[name]


def _transcript(n: int) -> list[tuple[str, str]]:
    lines = [ln for v in script_lines().values() for ln in v]
    out = []
    for i in range(n):
        out.append((lines[i % len(lines)], lines[(i * 7 + 3) % len(lines)]))
    return out


def _code(batch: list[tuple[str, str]], name: str = "rules") -> int:
    from parley.analysis import Utterance

    analyzer = _analyzer(name)
    for text, ctx in batch:
        analyzer(text, [Utterance("subject", ctx)])
    return len(batch)


def run(n: int, analyzer: str = "rules") -> dict[str, Any]:
    """Latency over ``n`` single calls; throughput on 1 and 2 processes."""
    from parley.analysis import Utterance

    data = _transcript(n)
    code = _analyzer(analyzer)
    code("warm up", ())
    samples = []
    for text, ctx in data:
        start = time.perf_counter()
        code(text, [Utterance("subject", ctx)])
        samples.append(time.perf_counter() - start)
    result: dict[str, Any] = {"analyzer": getattr(code, "name", analyzer),
                              "latency": summary_ms(samples)}
    result["throughput_1_core_per_s"] = round(n / sum(samples), 1)
    half = len(data) // 2
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_code, [data[:10], data[:10]], [analyzer, analyzer]))
        start = time.perf_counter()
        done = sum(pool.map(_code, [data[:half], data[half:]], [analyzer, analyzer]))
        result["throughput_2_cores_per_s"] = round(done / (time.perf_counter() - start), 1)
    return result
