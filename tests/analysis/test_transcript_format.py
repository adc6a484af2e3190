"""Transcripts as they are typed up after real incidents: time stamps, names, abbreviations."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from parley.analysis import CONTEXT_WINDOW
from parley.analysis._analyzer import RulesAnalyzer
from parley.analysis._transcript import (
    LIKELY,
    is_transcript,
    parse_transcript,
    read_transcript,
    summarize,
)
from parley.cli import app
from parley.cli._io import PROGRESS_FROM, progress_bar
from parley.errors import InputError


def _turns(text: str) -> list[tuple[str, str]]:
    return [(u.speaker, u.text) for u in parse_transcript(text, "t.txt")]


def test_time_stamps_names_and_numbers_are_read_as_speaker_prefixes() -> None:
    text = ("[00:14:05] SUBJECT: Nobody's coming in here.\n"
            "(00:14:11) NEGOTIATOR (Sgt. Kelly): Nobody's coming in. You have my word.\n"
            "00:14:30 - HT: You said that last time.\n"
            "14:31 Negotiator 2: Last time went wrong: I'd want to know why too.\n")
    assert is_transcript(text)
    assert _turns(text) == [
        ("subject", "Nobody's coming in here."),
        ("negotiator", "Nobody's coming in. You have my word."),
        ("subject", "You said that last time."),
        ("negotiator", "Last time went wrong: I'd want to know why too."),
    ]


@pytest.mark.parametrize("label,speaker", [
    ("NEG", "negotiator"), ("Primary Negotiator", "negotiator"), ("CNT", "negotiator"),
    ("SUBJ", "subject"), ("Hostage Taker", "subject"), ("PERP", "subject"),
    ("suspect", "subject"),
])
def test_common_abbreviations_are_understood(label: str, speaker: str) -> None:
    other = "NEGOTIATOR" if speaker == "subject" else "SUBJECT"
    turns = _turns(f"{other}: first\n{label}: second\n")
    assert turns[1] == (speaker, "second")


def test_json_lines_accept_the_same_labels() -> None:
    text = '{"speaker": "HT", "text": "Back off."}\n{"speaker": "Neg", "text": "Okay."}\n'
    assert _turns(text) == [("subject", "Back off."), ("negotiator", "Okay.")]


def test_a_colon_inside_a_continuation_line_is_not_a_speaker() -> None:
    text = "NEGOTIATOR: Here's what I can do\nfor you: the phone stays on.\n"
    assert _turns(text) == [("negotiator", "Here's what I can do for you: the phone stays on.")]


def test_an_unknown_upper_case_speaker_is_named_with_its_line() -> None:
    with pytest.raises(InputError, match=r"t.txt:2: unknown speaker 'NEGOTATOR'"):
        parse_transcript("SUBJECT: Stay back.\n[00:01] NEGOTATOR: Okay.\n", "t.txt")


def test_plain_lines_with_a_colon_are_not_a_transcript() -> None:
    assert not is_transcript("Listen: I hear you.\nWhat happened tonight?\n")


class _Recording:
    """rules-v1, remembering how much context each turn was given."""

    name = "rules-v1"

    def __init__(self) -> None:
        self.inner = RulesAnalyzer()
        self.context_sizes: list[int] = []

    def __call__(self, text: str, context=()):  # type: ignore[no-untyped-def]
        self.context_sizes.append(len(context))
        return self.inner(text, context)


def test_a_long_transcript_is_coded_whole_each_turn_with_the_session_window() -> None:
    lines = []
    for k in range(150):  # 300 turns: more than the 200 context turns one call accepts
        lines += [f"SUBJECT: I told you {k} times, I'm not coming out.",
                  f"NEGOTIATOR: You've told me {k} times. What would help right now?"]
    analyzer = _Recording()
    seen: list[int] = []
    summary = summarize(parse_transcript("\n".join(lines), "t.txt"), analyzer, seen.append)
    assert [n for n, _ in summary.coded] == list(range(2, 301, 2))
    assert max(analyzer.context_sizes) == CONTEXT_WINDOW
    assert analyzer.context_sizes[:3] == [1, 3, 5]
    assert sum(seen) == 150


def test_cli_codes_a_transcript_longer_than_the_context_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("".join("SUBJECT: Not today.\nNEGOTIATOR: Not today...\n"
                            for _ in range(250)))
    result = CliRunner().invoke(app, ["analyze", str(path), "--json", "--analyzer", "rules"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["turns"]) == 250


def test_the_progress_bar_shows_on_a_terminal_only_for_long_work() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80)
    with progress_bar(PROGRESS_FROM, "coding with rules-v1", console) as advance:
        advance(PROGRESS_FROM)
    assert "coding with rules-v1" in screen.getvalue()
    quiet = io.StringIO()
    with progress_bar(PROGRESS_FROM - 1, "coding", Console(file=quiet, force_terminal=True)
                      ) as advance:
        advance(1)
    with progress_bar(PROGRESS_FROM, "coding", Console(file=quiet)) as advance:
        advance(1)
    assert quiet.getvalue() == ""


def test_other_speakers_notes_and_a_header_are_left_out_and_reported() -> None:
    text = ("Case 114, Harbor Street barricade\n"
            "[00:01] NEGOTIATOR #1: Hi, I'm Dan. I'm here to listen.\n"
            "SUBJECT: Go away.\n"
            "Sister (TPI): Tony, please, come out.\n"
            "she is crying\n"
            "NEG: You want us gone. [inaudible]\n"
            "HOSTAGE: Help me.\n"
            "SUBJECT: [no response]\n")
    assert is_transcript(text)
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Hi, I'm Dan. I'm here to listen."), ("subject", "Go away."),
        ("negotiator", "You want us gone."), ("subject", "")]
    assert t.lines == [2, 3, 6, 8]
    assert t.not_coded == {"header": 1, "Sister (TPI)": 2, "HOSTAGE": 1}


def test_json_speakers_may_carry_names_and_numbers() -> None:
    text = ('{"speaker": "NEGOTIATOR (Lt. Ames)", "text": "Talk to me."}\n'
            '{"speaker": "hostage", "text": "Please."}\n'
            '{"speaker": "Negotiator 2", "text": "I hear you."}\n')
    t = read_transcript(text, "t.jsonl")
    assert [u.speaker for u in t.turns] == ["negotiator", "negotiator"]
    assert t.not_coded == {"hostage": 1}


def test_a_misspelt_speaker_is_refused_with_the_likely_label() -> None:
    with pytest.raises(InputError, match=r"t.txt:2: .*'SUBJCET' \(did you mean SUBJECT\?\)"):
        read_transcript("NEGOTIATOR: Hello.\nSUBJCET: Go away.\n", "t.txt")


def test_the_summary_counts_skills_at_50_percent_and_keeps_possible_errors_apart() -> None:
    turns = parse_transcript("SUBJECT: They took my kids.\n"
                             "NEGOTIATOR: Calm down, it's not that bad.\n", "t.txt")
    summary = summarize(turns, RulesAnalyzer())
    found = {f.technique: f.confidence for f in summary.coded[0][1].findings}
    for t, ns in summary.errors.items():
        assert found[t] >= LIKELY and ns == [2]
    for t in summary.possible_errors:
        assert found[t] < LIKELY
    assert "minimizing" in summary.errors
