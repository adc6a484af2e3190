"""ensemble-v2: the combination rule on constructed inputs, and its scores on the test split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import parley.analysis as pa
from parley.analysis import Utterance, get_analyzer
from parley.analysis._corpus import corpus_files, load_examples
from parley.analysis._ensemble import COUNTS, ERROR_COUNTS, RULE, Rule, combine, floor_of
from parley.analysis._evaluate import default_floor, evaluate
from parley.scenario import load_scenario
from parley.session import Session
from parley.subject import _effects as fx
from parley.techniques import ERRORS

CORPUS = Path(__file__).parents[2] / "data" / "corpus"
MARGIN = 0.02
MEASURED_TEST = {"macro_f1": 0.810, "error_recall": 0.917, "n": 471}
"""ensemble-v2 on the test split, artefact of 2026-12-01, tenth round (BENCHMARKS.md):
possible errors (reported, uncounted) carry the error recall over the issue's 0.9."""


def _split(name: str) -> list:
    assignment = json.loads((CORPUS / "splits.json").read_text())["splits"]
    examples = load_examples(corpus_files(CORPUS / "en"))
    return [e for e in examples if assignment.get(e.id) == name]


def votes(proba: dict[str, float], rules: dict[str, float] | None = None,
          rule: Rule = RULE) -> dict[str, float]:
    return {v.technique: v.confidence for v in combine(proba, rules or {}, rule) if v.counted}


# --- the combination rule ------------------------------------------------------------------


def test_counting_floors_are_the_subjects() -> None:
    assert (COUNTS, ERROR_COUNTS) == (fx.CONFIDENT, fx.ERROR_CONFIDENT)
    assert floor_of("threat") == ERROR_COUNTS and floor_of("paraphrasing") == COUNTS


def test_uncorroborated_error_needs_the_high_bar() -> None:
    # The expert lines that ended bank-hostages in violence: hybrid threat 0.41, alone.
    assert votes({"threat": 0.41, "paraphrasing": 0.7}) == {"paraphrasing": 0.7}
    assert "threat" not in votes({"threat": 0.84, "paraphrasing": 0.7})
    assert votes({"threat": 0.85})["threat"] == 0.85
    # An expert's emotional label that hybrid-v2's pool put at threat 0.84 (bank-hostages
    # expert-1, seed 2): "You're scared that if you walk out, they'll see a man with a gun".


def test_an_error_rules_v1_counts_counts_unless_the_classifier_rules_it_out() -> None:
    assert votes({"minimizing": 0.15}, {"minimizing": 0.6}) == {"minimizing": 0.6}
    assert votes({"minimizing": 0.7}, {"minimizing": 0.6}) == {"minimizing": 0.7}
    # The classifier misses this novice false promise (p = 0.03); rules-v1 does not.
    assert votes({"false_promise": 0.03, "reassurance": 0.85}, {"false_promise": 0.55}) == {
        "reassurance": 0.85, "false_promise": 0.55}
    assert "minimizing" not in votes({"minimizing": 0.3}, {"minimizing": 0.35})  # rule silent


def test_a_rule_the_classifier_rules_out_does_not_count() -> None:
    # A play-test: "No, you won't go to prison. I'll make sure of that." -> rules-v1
    # arguing 0.6 ("no + correction"), classifier 0.00; a restated contradiction read as
    # a paraphrase by the rules alone.
    assert votes({"false_promise": 1.0, "arguing": 0.001}, {"false_promise": 0.8,
                                                            "arguing": 0.6}) == {
        "false_promise": 1.0}
    assert votes({"arguing": 0.97}, {"paraphrasing": 0.5}) == {"arguing": 0.97}
    assert votes({"paraphrasing": 0.1}, {"paraphrasing": 0.5}) == {"paraphrasing": 0.5}


def test_a_negated_error_counts_at_the_same_bar() -> None:
    # "Richard didn't do anything to you. You got sacked because you nicked diesel."
    # used to need 0.99 for being negated, and was left a possible error at 0.97.
    assert votes({"arguing": 0.9})["arguing"] == 0.9


def test_influence_needs_the_high_bar_unless_rules_count_it() -> None:
    assert votes({"face_saving": 0.79, "emotional_labeling": 0.97}) == {
        "emotional_labeling": 0.97}
    assert votes({"face_saving": 0.8})["face_saving"] == 0.8
    assert votes({"problem_solving": 0.1}, {"problem_solving": 0.7}) == {"problem_solving": 0.7}


def test_skills_take_the_maximum() -> None:
    assert votes({"emotional_labeling": 0.12}, {"emotional_labeling": 0.55}) == {
        "emotional_labeling": 0.55}
    assert votes({"open_question": 0.7}, {"open_question": 0.2}) == {"open_question": 0.7}
    assert votes({"summarizing": 0.9}, {"summarizing": 0.8}) == {"summarizing": 0.9}
    assert "open_question" not in votes({"open_question": 0.49, "information": 0.6},
                                        {"open_question": 0.49})


def test_every_counted_vote_is_at_its_floor_and_sorted() -> None:
    proba = {"threat": 0.9, "judging": 0.2, "open_question": 0.6, "mirroring": 0.3}
    out = combine(proba, {"judging": 0.5, "mirroring": 0.8})
    assert [v.technique for v in out] == ["threat", "mirroring", "open_question", "judging"]
    assert all(v.counted and v.confidence >= floor_of(v.technique) for v in out)


def test_nothing_counted_names_the_likeliest_under_its_floor() -> None:
    (only,) = combine({"threat": 0.58, "reassurance": 0.3}, {"information": 0.3})
    assert only.technique == "threat" and not only.counted
    assert only.confidence < ERROR_COUNTS
    (only,) = combine({"reassurance": 0.45}, {})
    assert only.technique == "reassurance" and only.confidence == 0.45 and not only.counted
    (only,) = combine({}, {})
    assert only.confidence == 0.0 and not only.counted


def test_possible_errors_are_reported_under_the_floor() -> None:
    possible = {"arguing": 0.1, "threat": 0.1}
    out = combine({"arguing": 0.62, "paraphrasing": 0.7}, {}, possible=possible)
    found = {v.technique: v for v in out}
    assert found["paraphrasing"].counted and found["paraphrasing"].confidence == 0.7
    assert not found["arguing"].counted and found["arguing"].confidence == 0.399
    assert [v.technique for v in combine({"threat": 0.05}, {}, possible=possible)] == [
        "threat"]  # under the report threshold: only named, as the likeliest
    assert "arguing" not in votes({"arguing": 0.62, "paraphrasing": 0.7})  # None: off
    # A possible error alone still leaves the turn named by its likeliest technique.
    out = combine({"judging": 0.3, "information": 0.45}, {}, possible={"judging": 0.1})
    assert [(v.technique, v.counted) for v in out] == [("information", False),
                                                      ("judging", False)]


def test_thresholds_under_the_counting_floor_are_refused() -> None:
    with pytest.raises(ValueError):
        Rule(error_bar=0.3)
    with pytest.raises(ValueError):
        Rule(skill_rule=0.4)
    with pytest.raises(ValueError):
        Rule(influence_bar=0.45)


# --- the analyzer --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ensemble():
    return get_analyzer("ensemble")


def test_is_a_backend_and_the_default(ensemble) -> None:
    assert ensemble.name == "ensemble-v2" and "ensemble" in pa.BACKENDS
    assert pa.DEFAULT_BACKEND == "ensemble" and default_floor(ensemble) == 0.0
    session = Session(load_scenario("bridge-jumper"))
    assert session.events[0]["analyzer"] == "ensemble-v2"
    assert pa.analyze("Why would you do something so stupid?").primary == "why_question"


def test_a_threat_put_as_a_question_counts(ensemble) -> None:
    ctx = [Utterance("subject", "Police? You've got police in that house? Who's telling you "
                                "to say that?")]
    a = ensemble("Nobody's telling me anything. Do you know how many years you'll get for "
                 "taking a child?", ctx)
    threat = next(f for f in a.findings if f.technique == "threat")
    assert threat.confidence >= ERROR_COUNTS and threat.evidence.startswith("rule:")


def test_expert_lines_carry_no_counted_error(ensemble) -> None:
    ctx = [Utterance("subject", "Nobody was supposed to get hurt. That was the plan.")]
    for text in ("So you planned it so that nobody got touched, and it went wrong the "
                 "minute you walked in.",
                 "I'll be straight with you, Keith. The car isn't mine to give. I'll take "
                 "what you want to the people who decide."):
        a = ensemble(text, ctx)
        assert not [f for f in a.findings
                    if f.technique in ERRORS and f.confidence >= ERROR_COUNTS], a.findings


def test_findings_are_explained(ensemble) -> None:
    a = ensemble("Calm down, it's not that bad. What happened tonight?",
                 [Utterance("subject", "They took my kids.")])
    found = {f.technique: f for f in a.findings}
    assert found["minimizing"].confidence >= ERROR_COUNTS
    assert found["minimizing"].evidence.startswith("rule: ")
    assert all("classifier" in f.evidence for f in a.findings)
    assert [f.confidence for f in a.findings] == sorted(
        (f.confidence for f in a.findings), reverse=True)


def test_always_a_finding(ensemble) -> None:
    for text in ("", "...", "zzz qqq", "a" * 300):
        assert ensemble(text).findings


def test_batch_and_single_agree(ensemble) -> None:
    items = [(e.text, e.context) for e in _split("dev")[:20]]
    for (text, ctx), b in zip(items, ensemble.analyze_many(items), strict=True):
        assert ensemble(text, ctx).findings == b.findings


# --- quality on the held-out test split ---------------------------------------------------


@pytest.fixture(scope="module")
def reports(ensemble):
    test = _split("test")
    return evaluate(ensemble, test), evaluate(get_analyzer("rules"), test, 0.4)


def test_macro_f1_on_test_split(reports) -> None:
    ens, rules = reports
    assert ens.n >= 0.9 * MEASURED_TEST["n"]
    assert ens.macro_f1 >= MEASURED_TEST["macro_f1"] - MARGIN
    assert ens.macro_f1 > rules.macro_f1 + 0.1


def test_error_recall_on_test_split(reports) -> None:
    ens, rules = reports
    assert ens.error_recall >= MEASURED_TEST["error_recall"] - MARGIN
    assert ens.error_recall > rules.error_recall + 0.15


def test_possible_errors_reach_the_feedback_not_the_subject(ensemble) -> None:
    ctx = [Utterance("subject", "I'm worthless. Everyone would be better off.")]
    a = ensemble("Come on, that's not true, people care about you.", ctx)
    arguing = next(f for f in a.findings if f.technique == "arguing")
    assert arguing.confidence >= ERROR_COUNTS or arguing.evidence.startswith(
        "possible error, not scored")


def test_a_disowned_or_negated_cue_is_not_an_error(ensemble) -> None:
    for text in ("I'm not going to tell you to calm down. You've every right to be angry.",
                 "Nobody's asking you to calm down."):
        counted = [f for f in ensemble(text).findings
                   if f.technique in ERRORS and f.confidence >= 0.4]
        assert counted == [], (text, counted)
    assert ensemble("Calm down.").primary == "minimizing"
