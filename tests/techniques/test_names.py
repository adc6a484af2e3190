"""Gold labels as coders write them map to the taxonomy's names, and nothing is guessed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.techniques import TECHNIQUES, technique_name


@pytest.mark.parametrize("written, name", [
    ("Emotional Labelling", "emotional_labeling"), ("open-ended question", "open_question"),
    ("Open ended questions", "open_question"), ("Minimal encouragers", "minimal_encourager"),
    ("I-Messages", "i_message"), ("effective pauses", "effective_pause"),
    ("paraphrase", "paraphrasing"), ("Why-question", "why_question"),
    ("flat refusals", "flat_refusal"), ("judgement", "judging"), ("face-saving", "face_saving"),
    ("summarising", "summarizing"), ("minimising", "minimizing"),
    ("Closed-ended question", "closed_question"), ("Ultimatum", "threat"),
    ("I statement", "i_message"), ("suggestions", "problem_solving"),
])
def test_spoken_spellings_map_to_names(written: str, name: str) -> None:
    assert technique_name(written) == name


def test_every_name_maps_to_itself_and_unknown_words_to_nothing() -> None:
    assert all(technique_name(n) == n for n in TECHNIQUES)
    assert all(technique_name(w) is None for w in ("rapport", "label", "question", ""))


def test_evaluate_reads_spoken_labels_and_names_a_typo(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "Mm-hmm.", "labels": ["Minimal encouragers"]}) + "\n"
                    + json.dumps({"text": "What happened?", "label": "open-ended question"})
                    + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", "--evaluate", str(gold), "--analyzer",
                                      "rules", "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)["per_technique"]) == {"minimal_encourager",
                                                               "open_question"}
    gold.write_text(json.dumps({"text": "Mm.", "label": "minimal encuoragers"}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", "--evaluate", str(gold)])
    assert result.exit_code == 1
    assert "gold.jsonl:1: unknown technique 'minimal encuoragers'" in result.output
    assert "did you mean minimal_encourager?" in result.output
