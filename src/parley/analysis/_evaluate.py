"""Scoring an analyzer against gold labels: per-technique P/R/F1, macro-F1, confusions.

Multi-label: a technique counts as predicted when it is among the analyzer's findings at
or above ``floor`` confidence (the hybrid analyzer reports only techniques that passed
their thresholds). The confusion matrix compares primary labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from parley.analysis._analyzer import code_many
from parley.analysis._corpus import Example
from parley.analysis._embed import Matrix
from parley.analysis._types import Analysis, Analyzer
from parley.techniques import ERRORS, TECHNIQUES


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one technique; support = gold count."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    """An evaluation.

    Attributes:
        n: Number of examples.
        scores: Per technique (those in gold or predicted), in TECHNIQUES order.
        macro_f1: Mean F1 over ``scores``.
        error_recall: Share of gold error labels (threat, arguing...) that were predicted.
        primary_accuracy: Share whose predicted primary is among the gold labels.
        confusion: ``(gold primary, predicted primary) -> count``.
    """

    n: int
    scores: dict[str, Score]
    macro_f1: float
    error_recall: float
    primary_accuracy: float
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def measures_errors(self) -> bool:
        """True when the gold labels hold an error (else ``error_recall`` is 1.0 by default)."""
        return any(s.support for name, s in self.scores.items() if name in ERRORS)

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready summary (confusion as nested dicts)."""
        nested: dict[str, dict[str, int]] = {}
        for (gold, pred), count in sorted(self.confusion.items()):
            nested.setdefault(gold, {})[pred] = count
        return {
            "n": self.n, "macro_f1": round(self.macro_f1, 4),
            "error_recall": round(self.error_recall, 4),
            "primary_accuracy": round(self.primary_accuracy, 4),
            "per_technique": {k: {"precision": round(s.precision, 4),
                                  "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                                  "support": s.support} for k, s in self.scores.items()},
            "confusion": nested,
        }


def score_sets(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]],
               gold_primary: Sequence[str], predicted_primary: Sequence[str]) -> Report:
    """Score predicted technique sets against gold sets (one pair per example)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = set(g), set(p)
        tp.update(gs & ps)
        fp.update(ps - gs)
        fn.update(gs - ps)
    scores = {}
    for name in TECHNIQUES:
        t, f_p, f_n = tp[name], fp[name], fn[name]
        if t + f_p + f_n == 0:
            continue
        prec = t / (t + f_p) if t + f_p else 0.0
        rec = t / (t + f_n) if t + f_n else 0.0
        scores[name] = Score(prec, rec, 2 * t / (2 * t + f_p + f_n), t + f_n)
    err_tp = sum(tp[n] for n in ERRORS)
    err_all = err_tp + sum(fn[n] for n in ERRORS)
    hits = sum(p in g for g, p in zip(gold, predicted_primary, strict=True))
    return Report(
        n=len(gold), scores=scores,
        macro_f1=float(np.mean([s.f1 for s in scores.values()])) if scores else 0.0,
        error_recall=err_tp / err_all if err_all else 1.0,
        primary_accuracy=hits / len(gold) if gold else 0.0,
        confusion=Counter(zip(gold_primary, predicted_primary, strict=True)),
    )


def predicted(analysis: Analysis, floor: float = 0.0) -> list[str]:
    """Return the techniques of ``analysis`` at or above ``floor`` (the primary always)."""
    names = [f.technique for f in analysis.findings if f.confidence >= floor]
    return names or [analysis.primary]


RULES_FLOOR = 0.4
"""Confidence at which a ``rules-v1`` finding counts as a prediction."""


def default_floor(analyzer: Analyzer) -> float:
    """Return the confidence floor for ``analyzer``: 0 for the self-thresholded classifiers."""
    return 0.0 if analyzer.name.startswith(("hybrid", "ensemble", "lexical")) else RULES_FLOOR


def evaluate(analyzer: Analyzer, examples: Sequence[Example], floor: float = 0.0,
             progress: Callable[[int], None] | None = None) -> Report:
    """Run ``analyzer`` on ``examples`` and score it (see :func:`score_sets`).

    ``progress`` is called with the number of examples coded after each batch.
    """
    analyses = code_many(analyzer, [(e.text, e.context) for e in examples], progress)
    return score_analyses(examples, analyses, floor)


def score_analyses(examples: Sequence[Example], analyses: Sequence[Analysis],
                   floor: float = 0.0) -> Report:
    """Score ready-made ``analyses`` of ``examples``."""
    return score_sets([e.labels for e in examples], [predicted(a, floor) for a in analyses],
                      [e.primary for e in examples], [a.primary for a in analyses])


def reliability(proba: Matrix, targets: Matrix, bins: int = 10
                ) -> tuple[float, list[tuple[float, float, float, int]]]:
    """Expected calibration error and reliability table over all (example, technique) pairs.

    Args:
        proba: Predicted probabilities, shape ``(n, T)``.
        targets: 0/1 gold labels, shape ``(n, T)``.
        bins: Number of equal-width probability bins.

    Returns:
        ``(ece, rows)``; each row is ``(bin low, mean predicted, observed rate, count)``.
    """
    p, y = proba.ravel(), targets.ravel()
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        mask = which == b
        count = int(mask.sum())
        if not count:
            continue
        conf, rate = float(p[mask].mean()), float(y[mask].mean())
        ece += count / len(p) * abs(conf - rate)
        rows.append((round(float(edges[b]), 2), round(conf, 4), round(rate, 4), count))
    return round(ece, 4), rows
