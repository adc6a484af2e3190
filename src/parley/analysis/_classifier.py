"""Training the multi-label classifier (scikit-learn) and choosing its thresholds.

Two kinds, on standardised rows: one logistic regression per technique (one-vs-rest,
:func:`fit`), or a small multi-label network averaged over seeds (:func:`fit_mlp`).
Probabilities are calibrated by Platt scaling fitted on out-of-fold scores of the
training set (5 folds), so the dev set stays clean for thresholds and the reliability
report.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import numpy as np

from parley.analysis._embed import Matrix
from parley.analysis._lexical import platt
from parley.analysis._linear import LinearModel
from parley.analysis._mlp import MlpModel
from parley.errors import InputError

FOLDS = 5


def _sklearn(module: str) -> Any:
    try:
        return import_module(f"sklearn.{module}")
    except ImportError:
        raise InputError("training needs scikit-learn: pip install scikit-learn") from None


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
    mean, scale, x = _standardise(rows)
    n_tech = targets.shape[1]
    weights = np.zeros((n_tech, rows.shape[1]), dtype=np.float32)
    bias, pa, pb = (np.zeros(n_tech, dtype=np.float32) for _ in range(3))
    for t in range(n_tech):
        y = targets[:, t]
        model = linear.LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        folds = selection.StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
        oof = selection.cross_val_predict(model, x, y, cv=folds, method="decision_function")
        pa[t], pb[t] = platt(np.asarray(oof, dtype=np.float32), y)
        model.fit(x, y)
        weights[t], bias[t] = model.coef_[0], model.intercept_[0]
    return LinearModel(mean, scale, weights, bias,
                       pa, pb, np.full(n_tech, 0.5, dtype=np.float32))


def _standardise(rows: Matrix) -> tuple[Matrix, Matrix, Matrix]:
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean.astype(np.float32), scale.astype(np.float32), (rows - mean) / scale


def fit_mlp(rows: Matrix, targets: Matrix, *, hidden: int = 256, alpha: float = 1.0,
            seeds: int = 3, seed: int = 0) -> MlpModel:
    """Fit the averaged multi-label network and its Platt scaling.

    Args:
        rows: Training rows, shape ``(n, D)``.
        targets: 0/1 label matrix, shape ``(n, T)``; every column needs positives.
        hidden: Width of the hidden ReLU layer.
        alpha: L2 penalty of scikit-learn's ``MLPClassifier``.
        seeds: Number of networks averaged (seeds ``seed`` .. ``seed + seeds - 1``).
        seed: First seed; also the seed of the cross-validation folds.

    Returns:
        An :class:`MlpModel` with all thresholds at 0.5 (see :func:`choose_thresholds`).
    """
    network = _sklearn("neural_network")
    selection = _sklearn("model_selection")
    mean, scale, x = _standardise(rows)

    def nets(xs: Matrix, ys: Matrix) -> list[Any]:
        return [network.MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha,
                                      max_iter=300, random_state=seed + k).fit(xs, ys)
                for k in range(seeds)]

    def stack(fitted: list[Any]) -> MlpModel:
        t = targets.shape[1]
        return MlpModel(mean, scale,
                        np.stack([n.coefs_[0] for n in fitted]).astype(np.float32),
                        np.stack([n.intercepts_[0] for n in fitted]).astype(np.float32),
                        np.stack([n.coefs_[1] for n in fitted]).astype(np.float32),
                        np.stack([n.intercepts_[1] for n in fitted]).astype(np.float32),
                        np.ones(t, np.float32), np.zeros(t, np.float32),
                        np.full(t, 0.5, np.float32))

    oof = np.zeros(targets.shape, dtype=np.float32)
    folds = selection.KFold(FOLDS, shuffle=True, random_state=seed)
    raw = rows.astype(np.float32)
    for train_idx, test_idx in folds.split(x):
        oof[test_idx] = stack(nets(x[train_idx], targets[train_idx])).scores(raw[test_idx])
    pa, pb = zip(*(platt(oof[:, t], targets[:, t]) for t in range(targets.shape[1])),
                 strict=True)
    model = stack(nets(x, targets))
    return MlpModel(model.mean, model.scale, model.hidden, model.hidden_bias, model.out,
                    model.out_bias, np.array(pa, np.float32), np.array(pb, np.float32),
                    model.thresholds)


def _macro_f1(proba: Matrix, targets: Matrix, th: Matrix) -> float:
    pred = proba >= th
    pos = targets > 0
    tp = np.sum(pred & pos, axis=0)
    fp = np.sum(pred & ~pos, axis=0)
    fn = np.sum(~pred & pos, axis=0)
    den = 2 * tp + fp + fn
    return float(np.mean(np.where(den > 0, 2 * tp / np.maximum(den, 1), 0.0)))


def _recall(proba: Matrix, targets: Matrix, th: float, columns: Matrix) -> float:
    pos = targets[:, columns] > 0
    hit = (proba[:, columns] >= th) & pos
    return float(hit.sum() / max(int(pos.sum()), 1))


GRID = np.round(np.arange(0.02, 0.951, 0.01), 2)


def choose_thresholds(proba: Matrix, targets: Matrix, errors: Matrix,
                      min_error_recall: float = 0.9) -> Matrix:
    """Return one threshold per technique, chosen on dev: two shared values.

    Per-technique thresholds fitted on ~25 dev positives each overfit (they lowered the
    test macro-F1 by 0.08), so the techniques share one threshold (the best dev macro-F1)
    and the errors share a lower one: the highest that keeps the dev recall of error
    labels at ``min_error_recall`` or more.

    Args:
        proba: Calibrated dev probabilities, shape ``(n, T)``.
        targets: 0/1 dev labels, shape ``(n, T)``.
        errors: Boolean mask of the error techniques, shape ``(T,)``.
        min_error_recall: Dev recall the error threshold must keep.
    """
    best = max(GRID, key=lambda g: (_macro_f1(proba, targets, np.full(len(errors), g)), -g))
    ok = [g for g in GRID if g <= best and _recall(proba, targets, g, errors)
          >= min_error_recall]
    err = max(ok) if ok else float(GRID[0])
    return np.where(errors, err, best).astype(np.float32)
