"""Frozen splits: examples written after a split was published never leak into evaluation."""

from __future__ import annotations

import numpy as np

from parley.analysis._corpus import Example
from parley.analysis._split import EXCLUDED, extend


def _ex(id_: str, text: str) -> Example:
    return Example(id_, text, (), ("paraphrasing",))


def test_published_assignment_is_kept_and_new_examples_train_or_are_excluded() -> None:
    examples = [_ex("a", "You lost the job."), _ex("b", "What happened?"),
                _ex("c", "Go on."), _ex("new-far", "Is anyone hurt?"),
                _ex("new-near", "What happened?!"), _ex("new-close", "What happened")]
    vectors = np.eye(6, dtype=np.float32)
    vectors[5] = vectors[1]  # embedding-identical to the dev example "b"
    frozen = {"a": "train", "b": "dev", "c": "test"}
    out = extend(frozen, examples, vectors, threshold=0.92)
    assert {k: out[k] for k in frozen} == frozen
    assert out["new-far"] == "train"
    assert out["new-near"] == EXCLUDED  # same normalised text as a dev example
    assert out["new-close"] == EXCLUDED  # cosine 1.0 to a dev example


def test_near_duplicates_of_training_examples_still_train() -> None:
    examples = [_ex("a", "You lost the job."), _ex("new", "You lost the job!")]
    vectors = np.eye(2, dtype=np.float32)
    assert extend({"a": "train"}, examples, vectors)["new"] == "train"
