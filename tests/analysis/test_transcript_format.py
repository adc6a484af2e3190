"""Transcripts as they are typed up after real incidents: time stamps, names, abbreviations."""

from __future__ import annotations

import pytest

from parley.analysis._transcript import is_transcript, parse_transcript
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
