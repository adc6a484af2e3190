"""Run the benchmarks: ``python -m benchmarks [--quick] [--out FILE]``.

Writes JSON results (default ``benchmarks/results.json``) and prints a table with the
targets of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks import analysis_speed, startup, turn_latency
from benchmarks._common import machine, peak_rss_mb, pin_to_one_core

TARGETS = {
    "turn p95 (ms, 1 core, embedded)": ("turn_latency.p95_ms", 20.0, "<="),
    "analysis single p95 (ms)": ("analysis.latency.p95_ms", 15.0, "<="),
    "analysis batch, 2 cores (utt/s)": ("analysis.throughput_2_cores_per_s", 1000.0, ">="),
}


def _get(data: dict[str, Any], dotted: str) -> Any:
    for key in dotted.split("."):
        data = data[key]
    return data


def main() -> None:
    """Parse arguments, run, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="Finish in under a minute.")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results.json"))
    args = parser.parse_args()
    console = Console()
    turns = 1000 if args.quick else 3000
    results: dict[str, Any] = {"machine": machine(), "quick": args.quick,
                               "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    with console.status("start-up time..."):
        results["startup"] = startup.run(3 if args.quick else 7)
    with console.status("analysis speed..."):
        results["analysis"] = analysis_speed.run(2000 if args.quick else 10000)
    results["pinned_one_core"] = pin_to_one_core()
    with console.status(f"turn latency over {turns} turns (SQLite commit included)..."):
        results["turn_latency"] = turn_latency.run(turns)
    with console.status("turn latency without the database..."):
        results["turn_latency_engine_only"] = turn_latency.run_engine_only(turns)
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    table = Table(title="Parley benchmarks")
    for col in ("measure", "value", "target", "met"):
        table.add_column(col)
    for name, (path, target, op) in TARGETS.items():
        value = _get(results, path)
        met = value <= target if op == "<=" else value >= target
        table.add_row(name, f"{value}", f"{op} {target}", "yes" if met else "NO")
    table.add_row("turn p95 without DB (ms)", str(results["turn_latency_engine_only"]["p95_ms"]),
                  "", "")
    table.add_row("CLI start-up (ms)", str(results["startup"]["cli_scenarios_list_ms"]), "", "")
    table.add_row("peak RSS of the benchmark process (MB)", str(results["peak_rss_mb"]), "", "")
    console.print(table)
    console.print(f"Results written to {args.out}")


if __name__ == "__main__":
    main()
