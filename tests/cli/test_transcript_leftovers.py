"""``parley analyze`` on transcripts as agencies type them: Windows-1252, stage directions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.cli._io import read_text

TYPED = ("SUBJECT: Nobody\x92s listening to me.\n"
         "NEGOTIATOR: I\x92m listening. Andr\xe9 told me you\x92re tired.\n")


def _analyze(path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["analyze", str(path), "--json", *args])


def test_a_windows_1252_transcript_is_read_with_one_note(tmp_path: Path) -> None:
    path = tmp_path / "typed.txt"
    path.write_bytes(TYPED.encode("latin-1"))
    result = _analyze(path, "--analyzer", "rules")
    assert result.exit_code == 0, result.output
    turn = json.loads(result.stdout)["turns"][0]
    assert turn["text"] == "I\u2019m listening. Andr\u00e9 told me you\u2019re tired."
    assert result.stderr == (f"note: {path} is not all UTF-8; the rest read as "
                             "Windows-1252\n")


def test_a_utf8_file_with_one_windows_line_keeps_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("SUBJECT: Ren\u00e9e left.\n".encode()
                     + b"NEGOTIATOR: Ren\xe9e left you\x92re saying?\n")
    text = read_text(str(path))
    assert text == "SUBJECT: Ren\u00e9e left.\nNEGOTIATOR: Ren\u00e9e left you\u2019re saying?\n"


def test_utf8_with_a_byte_order_mark_is_read_without_a_note(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "NEGOTIATOR: Caf\u00e9?\n".encode())
    assert read_text(str(path)) == "NEGOTIATOR: Caf\u00e9?\n"
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 4,                          # binary: NUL and C0 controls
    b"NEGOTIATOR: hi\n\x81\x8d\x8f\n",              # bytes Windows-1252 leaves undefined
    b"NEGOTIATOR: caf\xe9\x1b[2J\n",                # an escape sequence
    "NEGOTIATOR: hi\n".encode("utf-16"),            # UTF-16 with its byte-order mark
])
def test_binary_and_other_encodings_are_refused_in_one_line(tmp_path: Path,
                                                            content: bytes) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    result = _analyze(path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}:") and "not UTF-8 text" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_stage_directions_are_a_pause_silence_or_a_listed_note(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("SUBJECT: You lied to me.\n"
                    "NEGOTIATOR: (no response)\n"
                    "SUBJECT: (no response)\n"
                    "NEGOTIATOR: [long pause]\n"
                    "SUBJECT: [inaudible]\n"
                    "NEGOTIATOR: (crosstalk)\n"
                    "NEGOTIATOR: [sighs] You sound exhausted.\n", encoding="utf-8")
    result = _analyze(path, "--analyzer", "lexical")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(t["turn"], t["line"], t["text"], t["primary"]) for t in out["turns"]] == [
        (2, 2, "(no response)", "effective_pause"),
        (4, 4, "[long pause]", "effective_pause"),
        (5, 7, "You sound exhausted.", "emotional_labeling")]
    assert out["not_coded"] == {"SUBJECT [inaudible] at line 5": 1,
                                "NEGOTIATOR (crosstalk) at line 6": 1}
    table = CliRunner().invoke(app, ["analyze", str(path), "--analyzer", "lexical"])
    shown = " ".join(table.stdout.split())  # the console wraps long lines
    assert "SUBJECT [inaudible] at line 5 (1 line), NEGOTIATOR (crosstalk) at line 6" in shown


def _run(path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["analyze", str(path), "--analyzer", "rules", *args],
                              env={"COLUMNS": "200"})


CALL_LOG = ("timestamp,speaker,text\n"
            '2024-05-02 22:14:03,Negotiator,"Hi Sam, my name is Priya. What\'s happening?"\n'
            '2024-05-02 22:14:09,Caller,"I\'m on the roof. I\'m going to jump."\n'
            '2024-05-02 22:14:15,Negotiator,"You\'re on the roof, and thinking of jumping."\n')


def test_a_csv_call_log_codes_only_the_negotiators_rows(tmp_path: Path) -> None:
    path = tmp_path / "calllog.csv"
    path.write_text(CALL_LOG, encoding="utf-8")
    result = _run(path, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(t["turn"], t["line"], t["speaker"], t["text"]) for t in out["turns"]] == [
        (1, 2, "Negotiator", "Hi Sam, my name is Priya. What's happening?"),
        (3, 4, "Negotiator", "You're on the roof, and thinking of jumping.")]
    assert out["not_coded"] == {}


def test_a_csv_call_log_row_without_a_speaker_is_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "calllog.csv"
    path.write_text(CALL_LOG + "2024-05-02 22:14:20,,Don't.\n", encoding="utf-8")
    result = _run(path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}:5: no speaker in the 'speaker' column\n"


def test_json_lines_with_role_and_utterance_are_a_transcript(tmp_path: Path) -> None:
    path = tmp_path / "calls.jsonl"
    path.write_text(
        '{"seq": 1, "role": "NEGOTIATOR", "utterance": "Hi, I\'m Sam. What\'s your name?"}\n'
        '{"seq": 2, "role": "SUBJECT", "utterance": "Get away from my door."}\n'
        '{"seq": 3, "role": "NEGOTIATOR", "utterance": "You\'re scared of the door."}\n',
        encoding="utf-8")
    result = _run(path, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(t["line"], t["speaker"], t["text"]) for t in out["turns"]] == [
        (1, "NEGOTIATOR", "Hi, I'm Sam. What's your name?"),
        (3, "NEGOTIATOR", "You're scared of the door.")]


TWO_NEGOTIATORS = ("NEGOTIATOR 1 (Det. Hale): Eddie, it's Tom again.\n"
                   "SUBJECT: Where's my car?\n"
                   "[Det. Hale hands phone to Sgt. Pruitt]\n"
                   "NEGOTIATOR 2 (Sgt. Pruitt): Eddie, my name's Dana.\n")


def _header_cells(stdout: str) -> list[str]:
    row = next(line for line in stdout.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in row.split("┃")[1:-1]]


def test_with_two_negotiators_each_coded_line_says_who_spoke_it(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text(TWO_NEGOTIATORS, encoding="utf-8")
    out = json.loads(_run(path, "--json").stdout)
    assert [(t["turn"], t["speaker"]) for t in out["turns"]] == [
        (1, "NEGOTIATOR 1 (Det. Hale)"), (3, "NEGOTIATOR 2 (Sgt. Pruitt)")]
    table = _run(path)
    assert table.exit_code == 0, table.output
    assert _header_cells(table.stdout) == ["turn", "line", "speaker", "negotiator",
                                           "techniques"]
    assert "│ 3    │ 4    │ NEGOTIATOR 2 (Sgt. Pruitt) │ Eddie, my name's Dana." in table.stdout


def test_with_one_negotiator_the_table_has_no_speaker_column(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("NEG: Talk to me.\nSUBJ: No.\nNEG: Okay.\n", encoding="utf-8")
    table = _run(path)
    assert table.exit_code == 0, table.output
    assert _header_cells(table.stdout) == ["turn", "line", "negotiator", "techniques"]
    out = json.loads(_run(path, "--json").stdout)
    assert [t["speaker"] for t in out["turns"]] == ["NEG", "NEG"]


def test_the_negotiator_option_the_message_suggests_codes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "team.txt"
    path.write_text("CRT-1: Luis, it's Grant.\nSUBJ: Go.\nCRT-1: I'm here.\n",
                    encoding="utf-8")
    refused = _run(path)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Error: {path}: no NEGOTIATOR lines to code; the speakers are CRT-1, SUBJ; if one "
        "of them is the negotiator, say so with --negotiator LABEL (e.g. --negotiator "
        "CRT-1)\n")
    coded = _run(path, "--negotiator", "CRT-1", "--json")
    assert coded.exit_code == 0, coded.output
    assert [(t["line"], t["speaker"]) for t in json.loads(coded.stdout)["turns"]] == [
        (1, "NEGOTIATOR (CRT-1)"), (3, "NEGOTIATOR (CRT-1)")]


@pytest.mark.parametrize("text", [
    "14:02:11 Michael\nHello, this is Michael.\n\n14:02:16 Kidnapper\nWhere's the brother?"
    "\n\n14:02:20 Michael\nHe's right here.\n\n14:02:25 Kidnapper\nGood.\n",
    "MICHAEL — Hello, this is Michael.\nKIDNAPPER — Where's the brother?\n"
    "MICHAEL — He's right here.\nKIDNAPPER — Good.\n",
    "Speaker 1: Hello, this is Michael.\nSpeaker 2: Where's the brother?\n"
    "Speaker 1: He's right here.\nSpeaker 2: Good.\n",
])
def test_named_speakers_in_other_layouts_are_refused_then_coded_with_the_fix(
        tmp_path: Path, text: str) -> None:
    path = tmp_path / "named.txt"
    path.write_text(text, encoding="utf-8")
    refused = _run(path)
    assert refused.exit_code == 1 and "are not roles; say who is who: --negotiator" \
        in refused.stderr
    negotiator = "Speaker 1" if "Speaker" in text else "michael"
    subject = "Speaker 2" if "Speaker" in text else "KIDNAPPER"
    coded = _run(path, "--negotiator", negotiator, "--subject", subject, "--json")
    assert coded.exit_code == 0, coded.output
    out = json.loads(coded.stdout)
    assert [t["text"] for t in out["turns"]] == ["Hello, this is Michael.",
                                                 "He's right here."]
    assert out["not_coded"] == {}


def test_lines_of_speakers_without_roles_are_not_coded_as_the_negotiators(
        tmp_path: Path) -> None:
    path = tmp_path / "hostage.txt"
    path.write_text("Harbour St, call 2\nHOSTAGE: Help us.\nHOSTAGE: Please.\n"
                    "(crying)\nHOSTAGE: He has a gun.\nwe're in the back room\n",
                    encoding="utf-8")
    result = _run(path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"Error: {path}: not read as a transcript (no NEGOTIATOR: or SUBJECT: in its first "
        "lines), yet lines 2, 3, 5 open with a speaker (HOSTAGE): write the turns as "
        "NEGOTIATOR: and SUBJECT:, or say who is who with --negotiator NAME (and --subject "
        "NAME) as the file writes them\n")


def test_plain_lines_of_utterances_are_still_coded_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    lines = ["Listen: I hear you.", "What happened tonight?", "Okay - take your time.",
             "No. Not today.", "Look: nobody is coming in.", "Subject. That's what they "
             "call you?"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run(path, "--json")
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == lines


@pytest.mark.parametrize("stamp", [
    "[2024-03-15 14:02:{:02d}] ", "2:{:02d} PM ", "**", "{}. "])
def test_transcripts_with_dates_am_pm_bold_or_numbers_are_coded_as_transcripts(
        tmp_path: Path, stamp: str) -> None:
    said = [("NEGOTIATOR", "Hi Dale, it's Sam from the police."),
            ("SUBJECT", "Get off my property or I shoot."),
            ("NEGOTIATOR", "You sound really angry."), ("SUBJECT", "You're damn right.")]
    bold = stamp == "**"
    path = tmp_path / "t.txt"
    path.write_text("".join(f"{stamp.format(k + 1)}{who}:{'**' if bold else ''} {text}\n"
                            for k, (who, text) in enumerate(said)), encoding="utf-8")
    result = _run(path, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(t["turn"], t["line"], t["speaker"], t["text"]) for t in out["turns"]] == [
        (1, 1, "NEGOTIATOR", "Hi Dale, it's Sam from the police."),
        (3, 3, "NEGOTIATOR", "You sound really angry.")]
    assert out["not_coded"] == {}


@pytest.mark.parametrize("name", ["log.csv", "log.csv.txt"])
def test_a_call_log_saved_with_semicolons_is_coded_as_a_transcript(
        tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Time;Speaker;Text\n14:02;NEGOTIATOR;Hi Dale, it's Sam from the police.\n"
                    "14:03;SUBJECT;Get off my property.\n14:04;NEGOTIATOR;You sound angry.\n",
                    encoding="utf-8")
    result = _run(path, "--json")
    assert result.exit_code == 0, result.output
    assert [(t["line"], t["text"]) for t in json.loads(result.stdout)["turns"]] == [
        (2, "Hi Dale, it's Sam from the police."), (4, "You sound angry.")]


def test_a_shouted_line_and_a_last_role_without_words_are_never_lost(tmp_path: Path) -> None:
    path = tmp_path / "alone.txt"
    path.write_text("14:02:11 Negotiator\n\nDALE.\n\nDale, look at me. Put it down.\n\n"
                    "14:02:15 Subject\n\nSTOP.\n\n14:02:20 Negotiator\n\nOkay.\n\n"
                    "14:02:31 Subject\nWhat?\n14:02:40 Negotiator\n", encoding="utf-8")
    out = json.loads(_run(path, "--json").stdout)
    assert [(t["line"], t["text"]) for t in out["turns"]] == [
        (1, "DALE. Dale, look at me. Put it down."), (11, "Okay.")]
    assert out["not_coded"] == {"Negotiator (no words) at line 17": 1}


def test_control_characters_in_a_speaker_are_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "esc.jsonl"
    path.write_text('{"speaker": "\\u001b[2J\\u001b[31mPWNED", "text": "hi"}\n',
                    encoding="utf-8")
    refused = _run(path)
    assert refused.exit_code == 1 and "\x1b" not in refused.output
    assert refused.stderr == (
        f"Error: {path}: no NEGOTIATOR lines to code; the speakers are "
        "\\x1b[2J\\x1b[31mPWNED; if one of them is the negotiator, say so with --negotiator "
        'LABEL (e.g. --negotiator "\\x1b[2J\\x1b[31mPWNED")\n')
    path.write_text('{"speaker": "NEGOTIATOR", "text": "Talk to me."}\n'
                    '{"speaker": "HOSTAGE\\u001b[2J", "text": "Help."}\n'
                    '{"speaker": "NEGOTIATOR 2 (Kelly\\u0007)", "text": "Okay."}\n',
                    encoding="utf-8")
    table = _run(path)
    assert table.exit_code == 0, table.output
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout
    shown = " ".join(table.stdout.split())
    assert "HOSTAGE\\x1b[2J (1 line)" in shown and "NEGOTIATOR 2 (Kelly\\x07)" in shown


HEADED_THREAT = ("Incident 24-0113, barricade, 14 Mill Lane\n"
                 "Date: 3 March 2024\n"
                 "\n"
                 "SUBJECT: I'm not coming out.\n"
                 "NEGOTIATOR: You sound worn out, Gary.\n"
                 "SUBJECT: Leave me alone.\n"
                 "\n"
                 "NEGOTIATOR: Come out in five minutes or we are coming in to get you.\n")


def test_the_summary_cites_each_error_by_turn_and_file_line(tmp_path: Path) -> None:
    path = tmp_path / "headed.txt"
    path.write_text(HEADED_THREAT, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--analyzer", "rules"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    errors = next(x for x in result.stdout.splitlines() if x.startswith("Errors:"))
    assert errors.startswith("Errors: threat at turn 4 (line 8, ")
    assert "the rest show none: closed questions, information, errors" in result.stdout
