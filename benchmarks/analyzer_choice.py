"""Which analyzer drives sessions: quality on the splits and outcomes of the test scripts.

``python -m benchmarks.analyzer_choice [--seeds 0,1,2,3] [--out FILE]``

For each backend (rules, hybrid, ensemble, lexical) and each split of ``data/corpus/splits.json``
(dev, test, ru): macro-F1, error recall and error precision, per-technique P/R, scored as
``parley analyze --evaluate`` scores them (a backend's primary always counts as predicted),
and ``NAME@session``: scored as a session counts findings (skills from confidence 0.5,
errors from 0.4, nothing else; a turn may count no technique at all). Then every script
in ``tests/scripts`` is replayed with each backend and judged as test_scripts.py judges it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchmarks._common import ROOT, SCRIPTS

_BACKENDS = ("rules", "hybrid", "ensemble", "lexical")


def _split(name: str) -> list[Any]:
    from parley.analysis._corpus import load_examples

    record = json.loads((ROOT / "data" / "corpus" / "splits.json").read_text("utf-8"))
    examples = load_examples(ROOT / "data" / f for f in record["files"])
    return [e for e in examples if record["splits"].get(e.id) == name]


def _error_precision(report: Any) -> float:
    from parley.techniques import ERRORS

    tp = fp = 0.0
    for name, s in report.scores.items():
        if name in ERRORS and s.precision > 0:
            hits = s.recall * s.support
            tp += hits
            fp += hits / s.precision - hits
    return tp / (tp + fp) if tp + fp else 0.0


def quality() -> dict[str, Any]:
    """Scores of every backend on dev, test and ru."""
    from parley.analysis import Analysis, get_analyzer
    from parley.analysis._evaluate import default_floor, score_analyses, score_sets
    from parley.techniques import COUNTS, ERROR_COUNTS, ERRORS

    def counted(a: Analysis) -> list[str]:
        return [f.technique for f in a.findings
                if f.confidence >= (ERROR_COUNTS if f.technique in ERRORS else COUNTS)]

    out: dict[str, Any] = {}
    analyzers = {name: get_analyzer(name) for name in _BACKENDS}
    for split in ("dev", "test", "ru"):
        examples = _split(split)
        items = [(e.text, e.context) for e in examples]
        for name, analyzer in analyzers.items():
            many = getattr(analyzer, "analyze_many", None)
            analyses = many(items) if many else [analyzer(t, c) for t, c in items]
            variants = {
                name: score_analyses(examples, analyses, default_floor(analyzer)),
                f"{name}@session": score_sets(
                    [e.labels for e in examples], [counted(a) for a in analyses],
                    [e.primary for e in examples], [a.primary for a in analyses]),
            }
            for label, report in variants.items():
                data = report.as_dict()
                data.pop("confusion")
                data["error_precision"] = round(_error_precision(report), 4)
                out.setdefault(split, {})[label] = data
    return out


def outcomes(seeds: list[int]) -> dict[str, Any]:
    """Replay every test script with every backend; judge it like test_scripts.py."""
    from parley.assessment import assess
    from parley.scenario import load_scenario
    from parley.session import Session, parse_script, run_script

    out: dict[str, Any] = {}
    for name in _BACKENDS:
        rows = []
        for seed in seeds:
            for folder in sorted(SCRIPTS.iterdir()):
                for path in sorted(folder.glob("*.txt")):
                    s = Session(load_scenario(folder.name), seed=seed, analyzer=name)
                    run_script(s, parse_script(path.read_text("utf-8"), source=path.stem))
                    score = assess(s).score
                    won = s.outcome == "peaceful_resolution" or (
                        bool(s.scenario.gains) and s.outcome == "ongoing"
                        and len(s.state.gains) >= 2)
                    if path.stem.startswith("expert"):
                        ok = won and 12 <= len(s.turns) <= 32 and score >= 60
                    else:
                        ok = not won and score < 50
                        if path.stem == "robotic":
                            ok = ok and any(t.decision.situation == "robotic" for t in s.turns)
                    rows.append({"seed": seed, "scenario": folder.name, "script": path.stem,
                                 "outcome": s.outcome, "gains": len(s.state.gains),
                                 "turns": len(s.turns), "score": round(score, 1), "ok": ok})
        out[name] = {"rows": rows, "failed": [f"{r['scenario']}/{r['script']}@{r['seed']}"
                                              for r in rows if not r["ok"]]}
    return out


def main() -> None:
    """Parse arguments, run, print a summary and save JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--out", default=str(Path(__file__).parent / "analyzer_choice.json"))
    args = parser.parse_args()
    result = {"quality": quality(),
              "scripts": outcomes([int(s) for s in args.seeds.split(",")])}
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    for split, by in result["quality"].items():
        for name, d in by.items():
            print(f"{split:5} {name:15} macro-F1 {d['macro_f1']:.3f}  error recall "
                  f"{d['error_recall']:.3f}  error precision {d['error_precision']:.3f}")
    for name, d in result["scripts"].items():
        print(f"scripts {name:9} failed: {d['failed'] or 'none'}")


if __name__ == "__main__":
    main()
