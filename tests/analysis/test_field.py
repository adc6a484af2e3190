"""The field sets: turns written blind to the corpus, never trained on, scored like --evaluate."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from parley.analysis import get_analyzer
from parley.analysis._corpus import Example, corpus_files, load_examples
from parley.analysis._evaluate import evaluate
from parley.techniques import ERRORS, TECHNIQUES

ROOT = Path(__file__).parents[2]
FIELD = ROOT / "data" / "field"
SETS = sorted(p for p in FIELD.glob("field-*.jsonl") if not p.stem.endswith("-coder2"))
MEASURED = {"field-a": 0.889, "field-b": 0.861}
"""hybrid-v2 macro-F1 on each field set (BENCHMARKS.md, "Field sets")."""
MARGIN = 0.02


def _examples(path: Path) -> list[Example]:
    return load_examples([path])


def test_both_field_sets_are_there_and_cover_every_technique() -> None:
    assert [p.stem for p in SETS] == sorted(MEASURED)
    for path in SETS:
        counts = Counter(t for e in _examples(path) for t in e.labels)
        assert min(counts[t] for t in TECHNIQUES) >= 8, path.name
        assert sum(counts[t] for t in ERRORS) >= 60, path.name


def test_field_turns_answer_a_subject_and_are_not_corpus_copies() -> None:
    corpus = {" ".join(e.text.lower().split())
              for e in load_examples(corpus_files(ROOT / "data" / "corpus" / "en"))}
    for path in SETS:
        for e in _examples(path):
            assert e.context and e.context[-1].speaker == "subject", e.where
            words = " ".join(e.text.lower().split())
            assert len(words.split()) <= 3 or words not in corpus, e.where


def test_second_codings_label_the_same_turns() -> None:
    for path in SETS:
        second = path.with_name(f"{path.stem}-coder2.jsonl")
        if not second.exists():
            continue
        ids = [json.loads(line)["id"] for line in second.read_text("utf-8").splitlines()]
        assert ids == [e.id for e in _examples(path)]


@pytest.fixture(scope="module")
def hybrid():
    return get_analyzer("hybrid")


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_hybrid_on_the_field_sets(hybrid, name: str) -> None:
    report = evaluate(hybrid, _examples(FIELD / f"{name}.jsonl"))
    assert report.macro_f1 >= MEASURED[name] - MARGIN
    assert report.error_recall >= 0.9
