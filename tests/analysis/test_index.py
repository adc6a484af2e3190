"""Nearest-example evidence: a turn is shown labelled examples in its own language."""

from __future__ import annotations

import numpy as np

from parley.analysis._hybrid import Index


def _index() -> Index:
    vectors = np.array([[1.0, 0.0], [0.99, 0.14], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    texts = ("Тебе страшно.", "You sound scared.", "Is anyone hurt?", "Вам тяжело.")
    labels = np.array([[1, 0], [1, 0], [0, 1], [1, 0]], dtype=np.float32)
    return Index(vectors, texts, labels)


def test_examples_in_the_turns_script_come_first() -> None:
    index = _index()
    query = np.array([1.0, 0.0], dtype=np.float32)
    english = [t for t, _ in index.nearest(query, 0, k=2, cyrillic=False)]
    russian = [t for t, _ in index.nearest(query, 0, k=2, cyrillic=True)]
    assert english == ["You sound scared."]
    assert russian == ["Тебе страшно.", "Вам тяжело."]
    assert [t for t, _ in index.nearest(query, 0, k=2)] == ["Тебе страшно.",
                                                            "You sound scared."]


def test_a_technique_without_examples_in_the_script_falls_back_to_all() -> None:
    index = _index()
    near = index.nearest(np.array([0.0, 1.0], dtype=np.float32), 1, cyrillic=True)
    assert [t for t, _ in near] == ["Is anyone hurt?"]
    assert near[0][1] == 1.0
