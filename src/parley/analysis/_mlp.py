"""The trained classifier as plain arrays: a small multi-label neural network, averaged.

One hidden ReLU layer shared by all techniques and one sigmoid output per technique
(scikit-learn's ``MLPClassifier``, multi-label), trained from a few seeds and averaged.
Probabilities are calibrated by Platt scaling of the averaged logit, fitted on
out-of-fold predictions of the training set. Inference needs numpy only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parley.analysis._embed import Matrix
from parley.analysis._linear import LinearModel, sigmoid


@dataclass(frozen=True)
class MlpModel:
    """An averaged one-hidden-layer multi-label network with calibrated probabilities.

    Attributes:
        mean: Per-column mean of the training rows, shape ``(D,)``.
        scale: Per-column standard deviation (1 where constant), shape ``(D,)``.
        hidden: Hidden-layer weights per seed, shape ``(S, D, H)``.
        hidden_bias: Hidden-layer biases, shape ``(S, H)``.
        out: Output weights per seed, shape ``(S, H, T)``.
        out_bias: Output biases, shape ``(S, T)``.
        platt_a: Platt slope per technique, shape ``(T,)``.
        platt_b: Platt intercept per technique, shape ``(T,)``.
        thresholds: Decision threshold per technique on the calibrated probability.
    """

    mean: Matrix
    scale: Matrix
    hidden: Matrix
    hidden_bias: Matrix
    out: Matrix
    out_bias: Matrix
    platt_a: Matrix
    platt_b: Matrix
    thresholds: Matrix

    def scores(self, rows: Matrix) -> Matrix:
        """Return the logit of the seed-averaged probability, shape ``(n, T)``."""
        x = ((rows - self.mean) / self.scale).astype(np.float32)
        total = np.zeros((len(x), self.out.shape[2]), dtype=np.float32)
        for s in range(self.hidden.shape[0]):
            h = np.maximum(x @ self.hidden[s] + self.hidden_bias[s], 0.0)
            total += sigmoid(h @ self.out[s] + self.out_bias[s])
        p = np.clip(total / self.hidden.shape[0], 1e-6, 1 - 1e-6)
        return np.asarray(np.log(p / (1 - p)), dtype=np.float32)

    def proba(self, rows: Matrix) -> Matrix:
        """Return calibrated probabilities in [0, 1], shape ``(n, T)``."""
        return sigmoid(self.platt_a * self.scores(rows) + self.platt_b)

    def with_thresholds(self, thresholds: Matrix) -> MlpModel:
        """Return a copy with new decision thresholds."""
        return dataclasses.replace(self, thresholds=thresholds)

    def save(self, path: Path) -> None:
        """Write the arrays to ``path`` (``.npz``)."""
        np.savez_compressed(path, kind=np.array("mlp"),
                            **{k: getattr(self, k) for k in _FIELDS})


_FIELDS = ("mean", "scale", "hidden", "hidden_bias", "out", "out_bias", "platt_a",
           "platt_b", "thresholds")


Model = LinearModel | MlpModel
"""Either trained classifier (same interface: ``scores``, ``proba``, ``thresholds``)."""


def load_model(path: Path) -> Model:
    """Read a model written by :meth:`MlpModel.save` or :meth:`LinearModel.save`."""
    with np.load(path) as data:
        if "kind" in data and str(data["kind"]) == "mlp":
            return MlpModel(**{k: data[k].astype(np.float32) for k in _FIELDS})
    return LinearModel.load(path)
