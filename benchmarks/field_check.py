"""The analyzers on field sets: turns written blind to the corpus, as instructors hear them.

``python -m benchmarks.field_check [--analyzers hybrid,ensemble,lexical,rules]``; prints one
JSON object.

``data/field/field-*.jsonl`` are independent sets of negotiator turns in context, written
by instructors from ``docs/coding-manual.md`` and ``../shared/DOMAIN.md`` without reading
the corpus or running any analyzer, and never trained or tuned on. Each is scored as
``parley analyze --evaluate`` scores (per technique, macro-F1, error recall). Where a
blind second coding of the same turns exists (``data/field/<name>-coder2.jsonl``), it is
compared with the writer's labels as if it were a classifier, and each analyzer is scored
against it too. The nearest corpus example of each field turn (USE cosine) is reported, so
a field set that only repeats the corpus would show.

``data/field/boundary-*.jsonl`` are smaller sets written the same way (blind to the
corpus and the analyzers, never trained on) around one boundary that analyzers were seen
to get wrong: ``boundary-credit`` (sixth round, 90 turns, one coding) holds negotiators
crediting or validating the subject (face_saving, emotional_labeling) beside real
judging and the errors it is confused with. They are scored the same way.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np

from benchmarks._common import ROOT
from benchmarks.coder_agreement import _labels, compare

FIELD = ROOT / "data" / "field"
NEAR = 0.92
"""USE cosine at which two turns count as near-duplicates (the corpus split's threshold)."""


def _nearest_corpus(texts: list[str]) -> dict[str, float]:
    """Share of ``texts`` with a corpus example at cosine >= NEAR, and the median nearest."""
    from parley.analysis._corpus import corpus_files, load_examples
    from parley.analysis._embed import CachedEmbedder, get_embedder

    embed = CachedEmbedder(get_embedder("use"))
    corpus = [e.text for e in load_examples(corpus_files(ROOT / "data" / "corpus" / "en"))]
    a, b = embed.many(texts), embed.many(corpus)
    best = (a @ b.T).max(1)
    return {"near_duplicates": round(float(np.mean(best >= NEAR)), 3),
            "median_nearest_cosine": round(float(np.median(best)), 3)}


def run(analyzers: list[str]) -> dict[str, Any]:
    """Score every analyzer of ``analyzers`` on every field set (and its second coding)."""
    from parley.analysis import code_many, get_analyzer
    from parley.analysis._corpus import load_examples
    from parley.analysis._evaluate import default_floor, predicted, score_analyses

    out: dict[str, Any] = {}
    backends = [get_analyzer(name) for name in analyzers]
    for path in sorted(FIELD.glob("field-*.jsonl")) + sorted(FIELD.glob("boundary-*.jsonl")):
        if path.stem.endswith("-coder2"):
            continue
        examples = load_examples([path])
        second = path.with_name(f"{path.stem}-coder2.jsonl")
        coder = None
        if second.exists():
            coded = {r["id"]: r["labels"] for r in map(json.loads, second.read_text(
                "utf-8").splitlines()) if r}
            coder = _labels([coded[e.id] for e in examples])
        gold = _labels([list(e.labels) for e in examples])
        entry: dict[str, Any] = {"n": len(examples),
                                 "corpus_overlap": _nearest_corpus([e.text for e in examples])}
        if coder is not None:
            entry["second_coder_vs_writer"] = _brief(compare(gold, coder))
        for backend in backends:
            analyses = code_many(backend, [(e.text, e.context) for e in examples])
            report = score_analyses(examples, analyses, default_floor(backend)).as_dict()
            result = {k: report[k] for k in ("macro_f1", "error_recall", "primary_accuracy")}
            result["per_technique"] = {t: (s["precision"], s["recall"])
                                       for t, s in report["per_technique"].items()}
            if coder is not None:
                model = _labels([predicted(a, default_floor(backend)) for a in analyses])
                result["vs_second_coder"] = _brief(compare(coder, model))
            entry[backend.name] = result
        out[path.stem] = entry
    return out


def _brief(scores: dict[str, Any]) -> dict[str, Any]:
    return {k: scores[k] for k in ("macro_f1", "error_recall", "mean_kappa",
                                   "exact_label_sets")}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--analyzers", default="hybrid,ensemble,lexical,rules")
    args = parser.parse_args()
    print(json.dumps(run(args.analyzers.split(",")), indent=1))

