"""Classifier speed: load time, memory, single-turn latency (1 core), batch throughput.

Run: ``python -m benchmarks.hybrid_speed [--n 400] [--analyzer hybrid|ensemble|lexical]
[--lang en|ru|kk]``;
prints one JSON object. The subject's line is embedded ahead of the turn (``prepare``),
as while the trainee types; ``latency_cold`` embeds it inside the turn instead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks._common import summary_ms

ROOT = Path(__file__).resolve().parent.parent


def _data(n: int, lang: str = "en") -> list[tuple[str, str]]:
    rows = []
    for path in sorted((ROOT / "data" / "corpus" / lang).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            subj = [u["text"] for u in r["context"] if u["speaker"] == "subject"]
            rows.append((r["text"], subj[-1] if subj else ""))
    return rows[:: max(1, len(rows) // n)][:n]


def _batch(items: list[tuple[str, str]], name: str = "hybrid") -> int:
    from parley.analysis import Utterance, get_analyzer

    h = get_analyzer(name)
    coded = h.analyze_many([(t, [Utterance("subject", s)] if s else []) for t, s in items])
    return len(coded)


def run(n: int, name: str = "hybrid", lang: str = "en") -> dict[str, Any]:
    """Measure backend ``name`` on ``n`` corpus utterances of ``lang`` (en, ru or kk).

    Single turns are pinned to one core.
    """
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    start = time.perf_counter()
    from parley.analysis import Utterance, get_analyzer

    h = get_analyzer(name)
    prepare = getattr(h, "prepare", lambda line: None)
    h("warm up")
    load_s = time.perf_counter() - start
    data = _data(n, lang)
    warm, cold = [], []
    for text, subj in data:
        ctx = [Utterance("subject", subj)] if subj else []
        t0 = time.perf_counter()
        h(text, [Utterance("subject", subj + " (cold)")])
        cold.append(time.perf_counter() - t0)
        prepare(subj)
        t0 = time.perf_counter()
        h(text, ctx)
        warm.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    _batch(data, name)
    one_core = len(data) / (time.perf_counter() - t0)
    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    half = len(data) // 2
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_batch, [data[:4], data[:4]], [name, name]))
        t0 = time.perf_counter()
        done = sum(pool.map(_batch, [data[:half], data[half:]], [name, name]))
        two_cores = done / (time.perf_counter() - t0)
    return {"analyzer": h.name, "lang": lang, "n": len(data), "load_s": round(load_s, 2),
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "latency": summary_ms(warm), "latency_cold": summary_ms(cold),
            "batch_1_core_per_s": round(one_core, 1), "batch_2_cores_per_s": round(two_cores, 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--analyzer", default="hybrid")
    parser.add_argument("--lang", default="en", choices=("en", "ru", "kk"))
    args = parser.parse_args()
    print(json.dumps(run(args.n, args.analyzer, args.lang), indent=1))
