"""How hybrid-v2 combines its two calibrated models: a pool in log-odds."""

from __future__ import annotations

import numpy as np
import pytest

from parley.analysis._hybrid import pool


def _one(a: float, b: float, w: float) -> float:
    return float(pool(np.array([[a]], np.float32), np.array([[b]], np.float32),
                      np.array([[w]], np.float32))[0, 0])


def test_one_models_doubt_outweighs_the_others_weak_support() -> None:
    # The case the pool exists for: the network at 0.2, the lexical model at 0.001.
    # The plain average (0.1005) sat at the error threshold; the pool is near 0.016.
    assert _one(0.2, 0.001, 0.5) == pytest.approx(0.0155, abs=0.001)
    assert _one(0.2, 0.001, 0.5) < 0.09


def test_agreement_keeps_its_value_and_weights_pick_a_side() -> None:
    assert _one(0.9, 0.9, 0.5) == pytest.approx(0.9, abs=1e-5)
    assert _one(0.7, 0.1, 0.0) == pytest.approx(0.7, abs=1e-5)
    assert _one(0.7, 0.1, 1.0) == pytest.approx(0.1, abs=1e-5)
    # Equal weights: the pool of p and 1 - p is one half.
    assert _one(0.8, 0.2, 0.5) == pytest.approx(0.5, abs=1e-5)


def test_extremes_are_clipped_and_the_result_is_a_probability() -> None:
    a = np.array([[0.0, 1.0, 0.5, 1.0]], np.float32)
    b = np.array([[0.0, 1.0, 1.0, 0.0]], np.float32)
    out = pool(a, b, np.array([[0.5]], np.float32))
    assert out.shape == (1, 4) and out.dtype == np.float32
    assert np.all((out > 0) & (out < 1))
    assert out[0, 0] == pytest.approx(1e-4, rel=1e-3)
    assert out[0, 3] == pytest.approx(0.5, abs=1e-4)


def test_rows_take_their_own_weight() -> None:
    a = np.full((2, 3), 0.6, np.float32)
    b = np.full((2, 3), 0.05, np.float32)
    out = pool(a, b, np.array([[0.0], [0.5]], np.float32))
    assert np.allclose(out[0], 0.6, atol=1e-5)
    assert np.all(out[1] < 0.3)
