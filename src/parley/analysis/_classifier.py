"""Training the multi-label classifier (scikit-learn) and choosing its thresholds.

One logistic regression per technique (one-vs-rest) on standardised rows. Probabilities
are calibrated by Platt scaling fitted on out-of-fold decision scores of the training set
(5 folds), so the dev set stays clean for thresholds and the reliability report.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Any

import numpy as np

from parley.analysis._embed import Matrix
from parley.analysis._linear import LinearModel
from parley.errors import InputError

FOLDS = 5


def _sklearn(module: str) -> Any:
    try:
        return import_module(f"sklearn.{module}")
    except ImportError:
        raise InputError("training needs scikit-learn: pip install scikit-learn") from None


def _platt(scores: Matrix, y: Matrix) -> tuple[float, float]:
    lr = _sklearn("linear_model").LogisticRegression(C=1e4, max_iter=1000)
    lr.fit(scores.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def fit(rows: Matrix, targets: Matrix, *, c: float = 0.5, seed: int = 0) -> LinearModel:
    """Fit the one-vs-rest model and its Platt scaling.

    Args:
        rows: Training rows, shape ``(n, D)`` (see :func:`parley.analysis._design.design`).
        targets: 0/1 label matrix, shape ``(n, T)``; every column needs positives.
        c: Inverse L2 regularisation strength of each logistic regression.
        seed: Seed of the cross-validation folds.

    Returns:
        A :class:`LinearModel` with all thresholds at 0.5 (see :func:`choose_thresholds`).
    """
    linear = _sklearn("linear_model")
    selection = _sklearn("model_selection")
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-6] = 1.0
    x = (rows - mean) / scale
    n_tech = targets.shape[1]
    weights = np.zeros((n_tech, rows.shape[1]), dtype=np.float32)
    bias, pa, pb = (np.zeros(n_tech, dtype=np.float32) for _ in range(3))
    for t in range(n_tech):
        y = targets[:, t]
        model = linear.LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        folds = selection.StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
        oof = selection.cross_val_predict(model, x, y, cv=folds, method="decision_function")
        pa[t], pb[t] = _platt(np.asarray(oof, dtype=np.float32), y)
        model.fit(x, y)
        weights[t], bias[t] = model.coef_[0], model.intercept_[0]
    return LinearModel(mean.astype(np.float32), scale.astype(np.float32), weights, bias,
                       pa, pb, np.full(n_tech, 0.5, dtype=np.float32))


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(p: Matrix, y: Matrix, min_recall: float = 0.0) -> float:
    """Return the threshold on ``p`` with the best F1 among those with recall >= min_recall.

    Candidates run from 0.05 to 0.95 in steps of 0.01; ties go to the higher threshold.
    """
    best, best_f1 = 0.05, -1.0
    positives = int(y.sum())
    for th in np.arange(0.05, 0.951, 0.01):
        pred = p >= th
        tp = int(np.sum(pred & (y > 0)))
        if positives and tp / positives < min_recall:
            continue
        f1 = _f1(tp, int(np.sum(pred & (y == 0))), positives - tp)
        if f1 >= best_f1:
            best, best_f1 = float(th), f1
    return round(best, 2)


def choose_thresholds(proba: Matrix, targets: Matrix, min_recall: Sequence[float]
                      ) -> Matrix:
    """Return one threshold per technique chosen on dev (``proba``, ``targets``: ``(n, T)``).

    Args:
        proba: Calibrated dev probabilities.
        targets: 0/1 dev labels.
        min_recall: Per technique, the dev recall a threshold must keep (errors: high).
    """
    return np.array([best_threshold(proba[:, t], targets[:, t], min_recall[t])
                     for t in range(targets.shape[1])], dtype=np.float32)
