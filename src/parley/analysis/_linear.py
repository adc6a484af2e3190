"""The trained classifier as plain arrays: scaling, one-vs-rest weights, Platt scaling.

Inference needs numpy only; scikit-learn is needed to train (:mod:`._classifier`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parley.analysis._embed import Matrix


def sigmoid(x: Matrix) -> Matrix:
    """Return the logistic function of ``x``, element-wise."""
    return (1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))).astype(np.float32)


@dataclass(frozen=True)
class LinearModel:
    """A multi-label one-vs-rest logistic model with calibrated probabilities.

    Attributes:
        mean: Per-column mean of the training rows, shape ``(D,)``.
        scale: Per-column standard deviation (1 where constant), shape ``(D,)``.
        weights: One row of weights per technique, shape ``(T, D)``.
        bias: Intercepts, shape ``(T,)``.
        platt_a: Platt slope per technique, shape ``(T,)``.
        platt_b: Platt intercept per technique, shape ``(T,)``.
        thresholds: Decision threshold per technique on the calibrated probability.
    """

    mean: Matrix
    scale: Matrix
    weights: Matrix
    bias: Matrix
    platt_a: Matrix
    platt_b: Matrix
    thresholds: Matrix

    def scores(self, rows: Matrix) -> Matrix:
        """Return raw decision scores, shape ``(n, T)``."""
        out = ((rows - self.mean) / self.scale) @ self.weights.T + self.bias
        return np.asarray(out, dtype=np.float32)

    def proba(self, rows: Matrix) -> Matrix:
        """Return calibrated probabilities in [0, 1], shape ``(n, T)``."""
        return sigmoid(self.platt_a * self.scores(rows) + self.platt_b)

    def with_thresholds(self, thresholds: Matrix) -> LinearModel:
        """Return a copy with new decision thresholds."""
        return dataclasses.replace(self, thresholds=thresholds)

    def save(self, path: Path) -> None:
        """Write the arrays to ``path`` (``.npz``)."""
        np.savez_compressed(path, **{k: getattr(self, k) for k in _FIELDS})

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by :meth:`save`."""
        with np.load(path) as data:
            return cls(**{k: data[k].astype(np.float32) for k in _FIELDS})


_FIELDS = ("mean", "scale", "weights", "bias", "platt_a", "platt_b", "thresholds")
