"""The field sets: turns written blind to the corpus, never trained on, scored like --evaluate."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from parley.analysis import get_analyzer
from parley.analysis._corpus import Example, corpus_files, load_examples
from parley.analysis._evaluate import evaluate, score_analyses
from parley.techniques import ERRORS, TECHNIQUES

ROOT = Path(__file__).parents[2]
FIELD = ROOT / "data" / "field"
SETS = sorted(p for p in FIELD.glob("field-*.jsonl") if not p.stem.endswith("-coder2"))
MEASURED = {"field-a": 0.918, "field-b": 0.889}
"""hybrid-v2 macro-F1 on each field set, tenth round (BENCHMARKS.md, "Field sets")."""
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


BOUNDARY_CREDIT = (0.743, 0.64)
"""hybrid-v2 on data/field/boundary-credit.jsonl, tenth round: macro-F1 and face_saving
recall (0.708 and 0.10 before supplement-15 taught the credit convention, 0.724 and 0.43
after it, 0.735 and 0.52 in the seventh round, 0.770 and 0.52 in the ninth; credit beside
a question is the act most often lost, and since the tenth round credit that echoes the
subject's act is also read as paraphrasing, which this set does not code)."""


def test_crediting_the_subject_is_not_read_as_judging(hybrid) -> None:
    examples = _examples(FIELD / "boundary-credit.jsonl")
    analyses = [hybrid(e.text, e.context) for e in examples]
    report = score_analyses(examples, analyses)
    assert report.macro_f1 >= BOUNDARY_CREDIT[0] - MARGIN
    assert report.scores["face_saving"].recall >= BOUNDARY_CREDIT[1] - 0.08
    credit = [a for e, a in zip(examples, analyses, strict=True)
              if "face_saving" in e.labels and not set(e.labels) & set(ERRORS)]
    judged = [a for a in credit if any(f.technique == "judging" for f in a.findings)]
    assert len(credit) >= 30 and len(judged) <= 0.15 * len(credit)
