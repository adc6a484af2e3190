"""Run the benchmarks: ``python -m benchmarks [--quick] [--out FILE]``.

Writes JSON results (default ``benchmarks/results.json``) and prints a table with the
targets of BENCHMARKS.md (issue 8).

Full run: CLI start-up; analysis speed of every analysis backend; live load against a
real ``parley serve`` with N = 50, 100, 200 on SQLite and on PostgreSQL (when one answers
on 127.0.0.1:5432), and N = 200 with two uvicorn workers; then, pinned to one core, turn
latency with each backend and with the Recorder on SQLite and on PostgreSQL, and the cost
of replaying a stored session. ``--quick`` (under a minute): smaller samples, live load
with N = 50 and 5 turns each on SQLite only.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks import analysis_speed, live_load, startup, turn_latency
from benchmarks._common import machine, peak_rss_mb, pin_to_one_core, restore_affinity

TARGETS: dict[str, tuple[str, float, str]] = {
    "turn p95 (ms, 1 core, embedded, SQLite)": ("turn_latency.p95_ms", 20.0, "<="),
    "analysis batch, 2 cores (utt/s)": ("analysis.throughput_2_cores_per_s", 1000.0, ">="),
    "live N=200: turn p95 (ms)": ("live_load.runs.200.turn.p95_ms", 100.0, "<="),
    "live N=200: errors": ("live_load.runs.200.errors", 0, "<="),
    "server peak RSS after the load (MB)": ("live_load.memory_after_load.peak_rss_mb", 400.0,
                                            "<="),
}


def _get(data: dict[str, Any], dotted: str) -> Any:
    for key in dotted.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _ratio(a: Any, b: Any) -> float | None:
    try:
        return round(float(a) / float(b), 2)
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def main() -> None:
    """Parse arguments, run, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="Finish in under a minute.")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results.json"))
    parser.add_argument("--no-postgres", action="store_true",
                        help="Skip the PostgreSQL figures even if a server answers.")
    args = parser.parse_args()
    console = Console(width=120)
    quick = args.quick
    t_start = time.perf_counter()
    turns = 1000 if quick else 3000
    results: dict[str, Any] = {"machine": machine(), "quick": quick,
                               "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    postgres = not args.no_postgres and live_load.postgres_available()
    results["postgres_available"] = postgres
    backends = analysis_speed.analyzer_names()
    results["analyzers"] = backends

    with console.status("start-up time..."):
        results["startup"] = startup.run(3 if quick else 7)
    with console.status("analysis speed..."):
        speed = {}
        for name in backends:
            n = (2000 if quick else 10000) if name == "rules" else (300 if quick else 2000)
            speed[name] = analysis_speed.run(n, name)
        results["analysis_by_backend"] = speed
        results["analysis"] = speed.get("rules") or next(iter(speed.values()))

    ns = [50] if quick else [50, 100, 200]
    load_turns, limit = (5, 40.0) if quick else (10, 300.0)
    with console.status(f"live load: N = {ns} trainees x {load_turns} turns (SQLite)..."):
        results["live_load"] = live_load.run(ns, turns=load_turns, timeout_s=limit)
    if not quick:
        if postgres:
            with console.status(f"live load: N = {ns} (PostgreSQL)..."):
                results["live_load_postgres"] = live_load.run(
                    ns, turns=load_turns, timeout_s=limit, postgres=True)
        with console.status("live load: N = 200, two uvicorn workers (SQLite)..."):
            results["live_load_2_workers"] = live_load.run([200], turns=load_turns,
                                                           timeout_s=limit, workers=2)

    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    results["pinned_one_core"] = pin_to_one_core()
    by_backend = {}
    for name in backends:
        with console.status(f"turn latency over {turns} turns ({name}, SQLite commit)..."):
            n = turns if name == "rules" else turns // (8 if quick else 3)
            by_backend[name] = turn_latency.run(n, analyzer=name)
    results["turn_latency_by_backend"] = by_backend
    results["turn_latency"] = by_backend.get("rules") or next(iter(by_backend.values()))
    with console.status("turn latency without the database..."):
        results["turn_latency_engine_only"] = turn_latency.run_engine_only(turns)
    if postgres:
        with console.status("turn latency with the Recorder on PostgreSQL..."), \
                live_load.postgres_database() as url:
            results["turn_latency_postgres"] = turn_latency.run(turns // 3 if quick else turns,
                                                                url=url)
    with console.status("replay cost of stored sessions..."):
        results["replay"] = turn_latency.replay_cost(repeats=3 if quick else 20)
    restore_affinity(cpus)

    results["ratios"] = _ratios(results)
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    results["wall_s"] = round(time.perf_counter() - t_start, 1)
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    console.print(_table(results))
    console.print(f"Results written to {args.out} ({results['wall_s']} s)")


def _ratios(r: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pg = r.get("turn_latency_postgres")
    if pg:
        out["turn_p50_postgres_over_sqlite"] = _ratio(pg["p50_ms"], r["turn_latency"]["p50_ms"])
        out["turn_p95_postgres_over_sqlite"] = _ratio(pg["p95_ms"], r["turn_latency"]["p95_ms"])
    lp = r.get("live_load_postgres")
    if lp:
        for n in lp["runs"]:
            out[f"live_N{n}_p95_postgres_over_sqlite"] = _ratio(
                lp["runs"][n]["turn"].get("p95_ms"),
                _get(r, f"live_load.runs.{n}.turn.p95_ms"))
    w2 = r.get("live_load_2_workers")
    if w2:
        out["live_N200_p95_2_workers_over_1"] = _ratio(
            _get(w2, "runs.200.turn.p95_ms"), _get(r, "live_load.runs.200.turn.p95_ms"))
    base_t, base_a = r["turn_latency_by_backend"].get("rules"), r["analysis_by_backend"].get(
        "rules")
    for name in r["analyzers"]:
        if name == "rules" or not base_t or not base_a:
            continue
        out[f"turn_p95_{name}_over_rules"] = _ratio(
            r["turn_latency_by_backend"][name]["p95_ms"], base_t["p95_ms"])
        out[f"analysis_2_cores_{name}_over_rules"] = _ratio(
            r["analysis_by_backend"][name]["throughput_2_cores_per_s"],
            base_a["throughput_2_cores_per_s"])
    return out


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _table(r: dict[str, Any]) -> Table:
    table = Table(title="Parley benchmarks" + (" (--quick)" if r["quick"] else ""))
    for col in ("measure", "value", "target", "met"):
        table.add_column(col)
    for name, (path, target, op) in TARGETS.items():
        value = _get(r, path)
        if value is None:
            table.add_row(name, "-", f"{op} {target:g}", "not run (--quick)" if r["quick"]
                          else "-")
            continue
        met = value <= target if op == "<=" else value >= target
        table.add_row(name, _fmt(value), f"{op} {target:g}", "yes" if met else "NO")
    live = r["live_load"]
    for n, run in live["runs"].items():
        t = run["turn"]
        table.add_row(f"live N={n} (SQLite, {live['workers']} process): p50/p95/p99 ms",
                      f"{_fmt(t.get('p50_ms'))} / {_fmt(t.get('p95_ms'))} / "
                      f"{_fmt(t.get('p99_ms'))}", "", "")
        table.add_row(f"live N={n}: turns/s, errors, server CPU ms/request",
                      f"{_fmt(run['throughput_turns_per_s'])}, {run['errors']}, "
                      f"{_fmt(run['server_cpu_ms_per_request'])}", "", "")
    for key, label in (("live_load_postgres", "PostgreSQL"), ("live_load_2_workers",
                                                              "SQLite, 2 workers")):
        other = r.get(key)
        if not other:
            continue
        for n, run in other["runs"].items():
            t = run["turn"]
            table.add_row(f"live N={n} ({label}): p95 ms, errors",
                          f"{_fmt(t.get('p95_ms'))}, {run['errors']}", "", "")
    table.add_row("server RSS after start-up / first turn / after load (MB)",
                  f"{_fmt(live['memory_after_startup'].get('rss_mb'))} / "
                  f"{_fmt(live['memory_models_loaded'].get('rss_mb'))} / "
                  f"{_fmt(live['memory_after_load'].get('rss_mb'))}", "", "")
    table.add_row("server start-up: first (migrates) / restart (ms)",
                  f"{_fmt(live['startup_first_ms'])} / {_fmt(live['startup_ms'])}", "", "")
    table.add_row("CLI start-up (ms)", _fmt(r["startup"]["cli_scenarios_list_ms"]), "", "")
    table.add_row("turn p95 without DB (ms)", _fmt(r["turn_latency_engine_only"]["p95_ms"]),
                  "", "")
    for name, t in r["turn_latency_by_backend"].items():
        a = r["analysis_by_backend"][name]
        table.add_row(f"analyzer {name}: turn p95 ms, analysis 2-core utt/s",
                      f"{_fmt(t['p95_ms'])}, {_fmt(a['throughput_2_cores_per_s'])}", "", "")
    if r.get("turn_latency_postgres"):
        table.add_row("turn p95 with PostgreSQL (ms)",
                      _fmt(r["turn_latency_postgres"]["p95_ms"]), "", "")
    for name, value in r["ratios"].items():
        table.add_row(f"ratio {name}", _fmt(value), "", "")
    table.add_row("replay a stored session, turns -> ms",
                  ", ".join(f"{k}: {v:g}" for k, v in r["replay"]["turns_to_ms"].items()),
                  "", "")
    return table


if __name__ == "__main__":
    main()
