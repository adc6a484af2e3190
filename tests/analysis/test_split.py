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


def test_corpus_files_name_duplicate_ids_and_bad_bytes(tmp_path) -> None:
    import json

    import pytest

    from parley.analysis._corpus import load_examples
    from parley.errors import InputError

    line = json.dumps({"id": "a-1", "text": "Go on.", "labels": ["minimal_encourager"]})
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(line + "\n", encoding="utf-8")
    two.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"two.jsonl:2: id 'a-1' already used at .*one.jsonl:1"):
        load_examples([one, two])
    two.write_bytes(b"\n\xff\xfe\n")
    with pytest.raises(InputError, match=r"two.jsonl:2: not UTF-8"):
        load_examples([two])
