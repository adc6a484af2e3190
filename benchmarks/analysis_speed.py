"""Analysis speed: per-utterance latency and batch throughput over a long transcript."""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from benchmarks._common import script_lines, summary_ms


def _transcript(n: int) -> list[tuple[str, str]]:
    lines = [ln for v in script_lines().values() for ln in v]
    out = []
    for i in range(n):
        out.append((lines[i % len(lines)], lines[(i * 7 + 3) % len(lines)]))
    return out


def _code(batch: list[tuple[str, str]]) -> int:
    from parley.analysis import Utterance, analyze

    for text, ctx in batch:
        analyze(text, [Utterance("subject", ctx)])
    return len(batch)


def run(n: int) -> dict[str, Any]:
    """Latency over ``n`` single calls; throughput on 1 and 2 processes."""
    from parley.analysis import Utterance, analyze

    data = _transcript(n)
    analyze("warm up", ())
    samples = []
    for text, ctx in data:
        start = time.perf_counter()
        analyze(text, [Utterance("subject", ctx)])
        samples.append(time.perf_counter() - start)
    result: dict[str, Any] = {"latency": summary_ms(samples)}
    result["throughput_1_core_per_s"] = round(n / sum(samples), 1)
    half = len(data) // 2
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_code, [data[:10], data[:10]]))
        start = time.perf_counter()
        done = sum(pool.map(_code, [data[:half], data[half:]]))
        result["throughput_2_cores_per_s"] = round(done / (time.perf_counter() - start), 1)
    return result
