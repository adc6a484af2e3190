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
