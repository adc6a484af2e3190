"""`parley analyze` for researchers: evidence in JSON, evaluate as JSON, clear input errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()


def test_json_lines_carry_evidence() -> None:
    line = json.dumps({"text": "Worthless?", "context": "I'm worthless."})
    result = runner.invoke(app, ["analyze", "--json", "--analyzer", "rules", "-"], input=line)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.splitlines()[0])
    assert out["techniques"][0]["evidence"] and "span" in out["techniques"][0]


def test_evaluate_prints_json_when_asked(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in (
        {"text": "What happened tonight?", "label": "open_question"},
        {"text": "Calm down.", "label": "minimizing"},
        {"text": "Mm-hmm.", "label": "minimal_encourager"})) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(gold), "--analyzer", "rules",
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 3 and 0.0 <= report["macro_f1"] <= 1.0
    assert report["analyzer"] == "rules-v1" and "per_technique" in report


def test_empty_input_and_json_arrays_are_refused(tmp_path: Path) -> None:
    for text, message in (("\n\n", "no utterances"), ('["a"]\n', "a JSON array")):
        result = runner.invoke(app, ["analyze", "-"], input=text)
        assert result.exit_code == 1 and message in result.output
        assert "Traceback" not in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(empty)])
    assert result.exit_code == 1 and "no labelled examples" in result.output


def test_bracketed_stage_directions_stay_text() -> None:
    result = runner.invoke(app, ["analyze", "--json", "--analyzer", "rules", "-"],
                           input="[pause]\n")
    assert result.exit_code == 0, result.output
