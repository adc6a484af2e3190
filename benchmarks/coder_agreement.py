"""How far human coders agree on the labels: the ceiling a classifier is measured under.

``python -m benchmarks.coder_agreement [--analyzer hybrid]``; prints one JSON object.

``data/corpus/third-coding.jsonl`` is a third, independent coding of every dev and test
example by ``docs/coding-manual.md``, made blind to the corpus labels and to every
classifier. This compares it with the corpus labels (the second coding) as if it were a
classifier (per-technique precision/recall, macro-F1, error recall, Cohen's kappa), and
scores the analyzer against both codings, so the analyzer's distance from a human coder
and its distance from the gold labels can be read side by side.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np

from benchmarks._common import ROOT

CORPUS = ROOT / "data" / "corpus"


def _labels(rows: list[list[str]]) -> Any:
    from parley.techniques import TECHNIQUES

    return np.array([[t in r for t in TECHNIQUES] for r in rows], dtype=bool)


def compare(gold: Any, other: Any) -> dict[str, Any]:
    """Score 0/1 label matrices ``other`` against ``gold`` (both shape ``(n, T)``)."""
    from parley.techniques import ERRORS, TECHNIQUES

    tp = (gold & other).sum(0)
    fp = (~gold & other).sum(0)
    fn = (gold & ~other).sum(0)
    f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    per = {}
    for j, t in enumerate(TECHNIQUES):
        po = float(np.mean(gold[:, j] == other[:, j]))
        a, b = gold[:, j].mean(), other[:, j].mean()
        pe = a * b + (1 - a) * (1 - b)
        per[t] = {"precision": round(float(tp[j] / max(tp[j] + fp[j], 1)), 3),
                  "recall": round(float(tp[j] / max(tp[j] + fn[j], 1)), 3),
                  "kappa": round((po - pe) / (1 - pe), 3) if pe < 1 else 1.0}
    err = np.array([t in ERRORS for t in TECHNIQUES])
    return {"macro_f1": round(float(f1.mean()), 3),
            "error_recall": round(float((gold & other)[:, err].sum() / gold[:, err].sum()), 3),
            "mean_kappa": round(float(np.mean([p["kappa"] for p in per.values()])), 3),
            "exact_label_sets": round(float(np.mean((gold == other).all(1))), 3),
            "per_technique": per}


def run(analyzer: str = "hybrid") -> dict[str, Any]:
    """Compare the third coding, and ``analyzer``, with the corpus labels of dev and test."""
    from parley.analysis import get_analyzer
    from parley.analysis._corpus import corpus_files, load_examples

    third = {r["id"]: r["labels"] for r in map(json.loads, (CORPUS / "third-coding.jsonl")
                                               .read_text("utf-8").splitlines())}
    splits = json.loads((CORPUS / "splits.json").read_text("utf-8"))["splits"]
    examples = load_examples(corpus_files(CORPUS / "en"))
    backend = get_analyzer(analyzer)
    out: dict[str, Any] = {"analyzer": backend.name}
    for part in ("dev", "test"):
        chosen = [e for e in examples if splits.get(e.id) == part]
        gold = _labels([list(e.labels) for e in chosen])
        coder = _labels([third[e.id] for e in chosen])
        coded = backend.analyze_many([(e.text, e.context) for e in chosen])
        model = _labels([list(a.techniques) for a in coded])
        out[part] = {"n": len(chosen), "third_coder_vs_gold": compare(gold, coder),
                     "analyzer_vs_gold": compare(gold, model),
                     "analyzer_vs_third_coder": compare(coder, model)}
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--analyzer", default="hybrid")
    result = run(parser.parse_args().analyzer)
    brief = {p: {k: {m: v[m] for m in ("macro_f1", "error_recall", "mean_kappa",
                                       "exact_label_sets")}
                 for k, v in result[p].items() if isinstance(v, dict)}
             for p in ("dev", "test")}
    print(json.dumps({"analyzer": result["analyzer"], **brief}, indent=1))
    print(json.dumps({p: {t: s for t, s in result[p]["third_coder_vs_gold"]
                          ["per_technique"].items()} for p in ("test",)}))
