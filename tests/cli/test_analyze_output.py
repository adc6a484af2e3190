"""`parley analyze` for researchers: evidence in JSON, evaluate as JSON, clear input errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
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


def test_evaluate_takes_any_written_pause(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps({"text": t, "label": "effective_pause"})
                              for t in ("....", ". . .", "……", "(no response)")) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(gold), "--analyzer", "rules",
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["per_technique"]["effective_pause"]["recall"] == 1.0


def test_huge_context_is_refused_not_embedded() -> None:
    line = json.dumps({"text": "Go on.", "context": "x " * 5000})
    result = runner.invoke(app, ["analyze", "-"], input=line)
    assert result.exit_code == 1 and "context turn 1 too long" in result.output


def test_lines_split_at_newlines_only() -> None:
    text = 'You sound tired\u2028 really\n{"text": 5}\n'
    result = runner.invoke(app, ["analyze", "--analyzer", "rules", "-"], input=text)
    assert result.exit_code == 1 and "-:2:" in result.output


def test_transcript_speaker_typos_and_control_characters_are_named() -> None:
    for text, message in (
            ("SUBJECT: Stay back.\nNEGOTATOR: Okay. I'm here.\n", ":2: unknown speaker"),
            ("SUBJECT: Stay back.\nSUBJECT: I mean it.\n", "no NEGOTIATOR lines"),
            ("SUBJECT: Stay back.\nNEGOTIATOR: Okay\x1b[31m red\n", ":2: turn contains")):
        result = runner.invoke(app, ["analyze", "--analyzer", "rules", "-"], input=text)
        assert result.exit_code == 1 and message in result.output, result.output


def test_evaluate_holds_gold_lines_to_the_input_rules(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "Hi\x1b there", "label": "open_question"}) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(gold), "--analyzer", "rules"])
    assert result.exit_code == 1 and f"{gold}:1:" in result.output
    both = runner.invoke(app, ["analyze", "x.txt", "--evaluate", str(gold)])
    assert both.exit_code == 1 and "not both" in both.output
    none = runner.invoke(app, ["analyze", "--analyzer", "", "-"], input="Hello.\n")
    assert none.exit_code == 1 and "unknown analyzer" in none.output


def test_analysis_commands_check_their_folders_first(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["analysis", "split", "--corpus", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    (tmp_path / "c" / "en").mkdir(parents=True)
    empty = runner.invoke(app, ["analysis", "split", "--corpus", str(tmp_path / "c")])
    assert empty.exit_code == 1 and "no English examples" in empty.output
    assert not (tmp_path / "c" / "splits.json").exists()
    (tmp_path / "file").write_text("x")
    bad_out = runner.invoke(app, ["analysis", "train", "--corpus", str(tmp_path / "c"),
                                  "--out", str(tmp_path / "file")])
    assert bad_out.exit_code == 1 and "not a folder" in bad_out.output


def test_a_spreadsheet_saved_as_csv_is_coded_and_evaluated(tmp_path: Path) -> None:
    sheet = tmp_path / "coded.csv"
    sheet.write_text('Subject,Negotiator,Label\n'
                     '"I\'ve tried everyone. Nobody picks up.","Nobody picks up?",mirroring\n'
                     '\n'
                     ',"What happened tonight, Dale?","open-ended question; Mirroring"\n',
                     encoding="utf-8")
    coded = runner.invoke(app, ["analyze", str(sheet), "--json", "--analyzer", "rules"])
    assert coded.exit_code == 0, coded.output
    first, second = (json.loads(x) for x in coded.stdout.splitlines())
    assert first["context"] == "I've tried everyone. Nobody picks up."
    assert first["primary"] == "mirroring" and second["primary"] == "open_question"
    scored = runner.invoke(app, ["analyze", "--evaluate", str(sheet), "--analyzer", "rules",
                                 "--json"])
    assert scored.exit_code == 0, scored.output
    report = json.loads(scored.output)
    assert report["n"] == 2 and report["per_technique"]["mirroring"]["support"] == 2


def test_a_csv_without_the_columns_names_them(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("utterance,notes\nGo on.,fine\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(sheet)])
    assert result.exit_code == 1
    assert "sheet.csv:1: a CSV needs a header with a 'text' column and a 'label' column" \
        in result.output
    sheet.write_text("text,label\nGo on.,rapport\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(sheet)])
    assert result.exit_code == 1 and "sheet.csv:2: unknown technique 'rapport'" in result.output


def test_gold_labels_of_the_wrong_type_are_named(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    for label in (3, True, {"emotional_labeling": 1}, [1]):
        gold.write_text(json.dumps({"text": "You sound tired.", "label": label}) + "\n",
                        encoding="utf-8")
        result = runner.invoke(app, ["analyze", "--evaluate", str(gold)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "gold.jsonl:1: a gold label must be a technique name" in result.output


def test_csv_rows_that_do_not_fit_the_header_are_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("text,label\nYou sound tired, paraphrase,Emotional labelling\n",
                     encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(sheet)])
    assert result.exit_code == 1
    assert "sheet.csv:2: 3 cells but the header has 2" in result.output
    sheet.write_text('text,label\n"You sound tired.\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--evaluate", str(sheet)])
    assert result.exit_code == 1 and "never closed" in result.output


def test_a_spreadsheet_piped_in_is_read_by_its_header() -> None:
    sheet = 'Subject,Negotiator,Label\n"I\'m done.","You sound exhausted.",emotional labeling\n'
    coded = runner.invoke(app, ["analyze", "--json", "--analyzer", "rules", "-"], input=sheet)
    assert coded.exit_code == 0, coded.output
    rows = [json.loads(x) for x in coded.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["context"] == "I'm done."
    scored = runner.invoke(app, ["analyze", "--evaluate", "-", "--analyzer", "rules", "--json"],
                           input=sheet)
    assert json.loads(scored.output)["per_technique"]["emotional_labeling"]["recall"] == 1.0


def test_a_workbook_or_utf16_file_says_how_to_save_it(tmp_path: Path) -> None:
    book = tmp_path / "coded.xlsx"
    book.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(40))
    result = runner.invoke(app, ["analyze", "--evaluate", str(book)])
    assert result.exit_code == 1 and "or 'CSV UTF-8' and use that file" in result.output
    sheet = tmp_path / "coded.csv"
    sheet.write_bytes("text,label\nGo on.,minimal encourager\n".encode("utf-16"))
    result = runner.invoke(app, ["analyze", "--evaluate", str(sheet)])
    assert result.exit_code == 1 and "UTF-16 text" in result.output


def test_a_line_that_is_one_json_string_is_coded_without_its_quotes() -> None:
    lines = '"Sounds like you are exhausted."\n"Okay," I said, "go on."\n'
    result = runner.invoke(app, ["analyze", "--json", "--analyzer", "rules", "-"], input=lines)
    assert result.exit_code == 0, result.output
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == ["Sounds like you are exhausted.", '"Okay," I said, "go on."']
    first = json.loads(result.stdout.splitlines()[0])
    assert first["primary"] == "emotional_labeling"


def test_a_confusion_matrix_too_wide_for_the_terminal_is_not_cut(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    names = ("open_question", "minimal_encourager", "minimizing", "why_question",
             "closed_question", "emotional_labeling", "threat", "information", "reassurance",
             "problem_solving", "flat_refusal", "judging")
    texts = ("What happened tonight?", "Mm-hmm.", "Calm down, it's not that bad.",
             "Why would you do something so stupid?", "Are you alone in there?",
             "You sound exhausted.", "Come out now or we come in.",
             "The doctor arrives at six.", "Nobody is coming through that door.",
             "How about we get the water in first?", "No. Not happening.",
             "That's a pathetic thing to do.")
    gold.write_text("".join(json.dumps({"text": t, "label": n}) + "\n"
                            for t, n in zip(texts, names, strict=True)), encoding="utf-8")
    args = ["analyze", "--evaluate", str(gold), "--analyzer", "rules"]
    narrow = runner.invoke(app, args, env={"COLUMNS": "60"})
    assert narrow.exit_code == 0, narrow.output
    said = " ".join(narrow.output.split())
    assert "columns, not 60" in said and "--report PATH" in said
    assert "rows: gold" not in said and "Most frequent confusions" in said
    wide = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert wide.exit_code == 0, wide.output
    assert "rows: gold, columns: predicted" in wide.output
    assert re.search(r"\b\d+ closed_question\b", wide.output)
    assert "columns, not" not in wide.output
    small = tmp_path / "small.jsonl"
    small.write_text("".join(json.dumps({"text": t, "label": n}) + "\n" for t, n in (
        ("What happened tonight?", "open_question"), ("Mm-hmm.", "minimal_encourager"))),
        encoding="utf-8")
    fits = runner.invoke(app, ["analyze", "--evaluate", str(small), "--analyzer", "rules"],
                         env={"COLUMNS": "60"})  # a small matrix fits; its title wraps
    assert "1 open_question" in fits.output or "1 minimal_encourager" in fits.output
    for width in ("20", "10"):  # too narrow even for the note's table: never an empty grid
        tiny = runner.invoke(app, args, env={"COLUMNS": width})
        assert tiny.exit_code == 0 and "rows: gold" not in tiny.output


def test_a_tab_separated_call_log_piped_in_is_coded_as_a_transcript() -> None:
    log = ("Time\tSpeaker\tText\n"
           "00:00:03\tNegotiator\tHi Sam, my name is Priya.\n"
           "00:00:09\tCaller\tI'm on the roof. I'm going to jump.\n"
           "00:00:15\tNegotiator\tYou're on the roof and you're thinking about jumping.\n")
    result = runner.invoke(app, ["analyze", "--json", "--analyzer", "rules", "-"], input=log)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(t["turn"], t["line"], t["speaker"], t["text"]) for t in out["turns"]] == [
        (1, 2, "Negotiator", "Hi Sam, my name is Priya."),
        (3, 4, "Negotiator", "You're on the roof and you're thinking about jumping.")]
    assert out["not_coded"] == {}


def _coded(text: str, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["analyze", "--json", "--analyzer", "rules", *args, "-"],
                           input=text)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_json_nested_too_deeply_is_one_line_of_error_not_a_traceback() -> None:
    for line in ('{"a": ' * 100_000 + "1" + "}" * 100_000, "[" * 100_000 + "]" * 100_000,
                 '{"text": "Hi.", "n": [' + "[" * 5_000 + "]" * 5_000 + "]}"):
        result = runner.invoke(app, ["analyze", "--analyzer", "rules", "-"], input=line)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr == "Error: -:1: invalid JSON (nested too deeply)\n"
    digits = runner.invoke(app, ["analyze", "-"], input='{"text": "Hi.", "n": ' + "1" * 5000
                           + "}\n")
    assert digits.stderr == "Error: -:1: invalid JSON (a number too long to read)\n"


def test_a_line_padded_past_the_limit_is_refused_with_its_line() -> None:
    padded = "I hear you.\nOkay" + " " * 5_000 + "then.\n"
    result = runner.invoke(app, ["analyze", "--analyzer", "rules", "-"], input=padded)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == ("Error: -:2: utterance is too long (5009 characters; the limit "
                             "is 4000)\n")


@pytest.mark.parametrize("lines", [
    ["I hear you're frustrated.", "Neg - that's a lot to carry, Dale.",
     "What happened this morning?", "You sound exhausted."],
    ["Dale - I'm not going anywhere.", "Subject - wait, no, I mean you - sound tired.",
     "Primary - keep your voice low when you answer the phone.",
     "Caller - are you still on the line?", "Suspect - that's what they call you."],
    ["I hear you are frustrated.\tEmotional labelling", "Primary\tkeep him talking",
     "Subject\tyou sound tired"],
    ["Secondary; we need more time.", "Suspect. That's what the paper calls you, not me.",
     "Sub. Okay, what do you need?", "Perp — that word doesn't fit you."],
    ["Hi, this is Sam.", "Caller — are you still on the line?", "What happened?"],
    ["Hi, this is Sam.", "What happened?", "Caller — are you still on the line?"],
    ["Look: nobody has to get hurt tonight.", "Note: I'm writing down everything you tell me.",
     "Question: what would make this better for you?",
     "Promise: nobody comes through that door while we talk.",
     "Fact: you've kept everyone safe so far.", "Listen: that's a real offer.",
     "Dale: you still there?", "Truth: I can't do that, but I can do this."],
    ["I hear you're frustrated.", "Question: what would make tonight end well?",
     "What happened this morning?", "Real talk: nobody is coming through that door.",
     "You sound exhausted.", "Dale: you still with me?", "So nobody's listened to you.",
     "Promise: I'll call you right back.", "Tell me more about your daughter."],
    ["WAIT - I need you to hear me.", "STOP - put it down on the table.",
     "DALE - listen to me.", "LOOK - I know this is hard.", "I hear you."],
])
def test_a_list_of_utterances_with_role_words_or_labels_is_coded_line_by_line(
        lines: list[str]) -> None:
    assert [r["text"] for r in _coded("\n".join(lines) + "\n")] == lines


def test_a_one_column_paste_with_its_heading_codes_the_lines_below_it() -> None:
    lines = ["I hear you are frustrated.", "What happened this morning?", "You sound tired."]
    for heading in ("Negotiator", "TEXT", "Utterance:"):
        assert [r["text"] for r in _coded("\n".join([heading, *lines]) + "\n")] == lines
    assert [r["text"] for r in _coded("Negotiator\n")] == ["Negotiator"]


def test_a_csv_of_utterances_is_read_by_its_columns_never_as_a_transcript(
        tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text("text,context\nI hear you're frustrated.,Nobody listens to me\n"
                     "Neg - that's a lot to carry.,I lost my job\n"
                     "Caller — are you still on the line?,\n"
                     "What happened this morning?,They took my kids\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(sheet), "--json", "--analyzer", "rules"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["context"]) for r in rows] == [
        ("I hear you're frustrated.", "Nobody listens to me"),
        ("Neg - that's a lot to carry.", "I lost my job"),
        ("Caller — are you still on the line?", ""),
        ("What happened this morning?", "They took my kids")]


def test_a_csv_of_utterances_saved_with_semicolons_is_read_by_its_columns() -> None:
    sheet = ("Negotiator;Subject;Label\n"
             "\"You sound exhausted, Dale.\";\"I'm done; I can't.\";emotional labeling\n")
    rows = _coded(sheet)
    assert [(r["text"], r["context"]) for r in rows] == [
        ("You sound exhausted, Dale.", "I'm done; I can't.")]
