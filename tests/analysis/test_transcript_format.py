"""Transcripts as they are typed up after real incidents: time stamps, names, abbreviations."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from parley.analysis import CONTEXT_WINDOW
from parley.analysis._analyzer import RulesAnalyzer
from parley.analysis._transcript import (
    ERROR_LIKELY,
    LIKELY,
    assign_roles,
    direction,
    furniture,
    is_transcript,
    openings,
    parse_transcript,
    read_transcript,
    refuse_labelled,
    summarize,
    unnumbered,
    unroled_speakers,
)
from parley.analysis._types import Analysis, Finding, Utterance
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
    ("suspect", "subject"), ("N", "negotiator"), ("HN", "negotiator"), ("S", "subject"),
    ("Caller", "subject"),
])
def test_common_abbreviations_are_understood(label: str, speaker: str) -> None:
    other = "NEGOTIATOR" if speaker == "subject" else "SUBJECT"
    turns = _turns(f"{other}: first\n{label}: second\n")
    assert turns[1] == (speaker, "second")


def test_a_transcript_in_single_letters_is_recognised() -> None:
    text = "N: Talk to me, Dale.\nS: She left. Took the kids.\nN: She took the kids.\n"
    assert is_transcript(text)
    assert _turns(text)[1] == ("subject", "She left. Took the kids.")


def test_russian_and_kazakh_transcripts_and_their_other_speakers() -> None:
    text = ("ПЕРЕГОВОРЩИК: Алексей, это Марина. Я слушаю.\nСУБЪЕКТ: Мне нечего терять.\n"
            "ПЕРЕГОВОРЩИК: Нечего терять?\nЗАЛОЖНИЦА: Помогите!\nСУБЪЕКТ: Жена ушла.\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns][2:] == [
        ("negotiator", "Нечего терять?"), ("subject", "Жена ушла.")]
    assert t.not_coded == {"ЗАЛОЖНИЦА": 1}
    assert _turns("Келіссөзші: Сәлем, Ерлан.\nКүдікті: Кет.\n")[1] == ("subject", "Кет.")


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
        assert found[t] >= ERROR_LIKELY and ns == [2]
    for t in summary.possible_errors:
        assert found[t] < ERROR_LIKELY
    assert "minimizing" in summary.errors
    assert (LIKELY, ERROR_LIKELY) == (0.5, 0.4)


class _Fixed:
    """An analyzer that finds what it is given, whatever the turn (to place confidences)."""

    name = "fixed"

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings

    def __call__(self, text: str, context: Sequence[Utterance] = ()) -> Analysis:
        return Analysis(text=text, findings=tuple(self.findings))


def test_an_error_counts_in_a_transcript_from_the_confidence_a_session_counts_it() -> None:
    """An error at 45% counts in a session (and the subject reacts to it): the after-action
    summary must list it as an error, not as one to check; 30% stays possible."""
    from parley.assessment._rubric import ERROR_CONFIDENT
    from parley.subject._effects import ERROR_CONFIDENT as SUBJECT_ERROR

    assert ERROR_LIKELY == ERROR_CONFIDENT == SUBJECT_ERROR
    turns = parse_transcript("SUBJECT: I want the car.\nNEGOTIATOR: Not happening.\n"
                             "SUBJECT: Then she stays.\nNEGOTIATOR: Maybe.\n", "t.txt")
    analyzer = _Fixed([Finding("flat_refusal", 0.45, "test"), Finding("judging", 0.3, "test")])
    summary = summarize(turns, analyzer)
    assert summary.errors == {"flat_refusal": [2, 4]}
    assert summary.possible_errors == {"judging": [2, 4]}


EMAIL = ("From: Dana Whitfield\n"
         "Sent: Monday, March 3, 2025 9:14 AM\n"
         "To: Mike Ortega\n"
         "Subject: Re: the bus\n"
         "Mike, we can't hold the route for you.\n")


def test_an_email_read_out_in_a_turn_is_part_of_the_turn() -> None:
    text = ("[00:10:01] SUBJECT: Nobody told me about the bus.\n"
            "[00:10:09] NEGOTIATOR: I have the message they sent. I'll read it:\n"
            + EMAIL +
            "[00:10:40] SUBJECT: That's a lie.\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, t.lines[k]) for k, u in enumerate(t.turns)] == [
        ("subject", 1), ("negotiator", 2), ("subject", 8)]
    said = t.turns[1].text
    assert said.startswith("I have the message they sent. I'll read it: From: Dana")
    assert "Subject: Re: the bus Mike, we can't hold the route for you." in said
    assert t.not_coded == {}


def test_in_a_title_case_transcript_an_email_is_read_out_and_turns_stay_turns() -> None:
    plain = "Subject: Nobody told me.\nNegotiator: Tell me about it.\nSubject: The bus.\n"
    assert _turns(plain) == [("subject", "Nobody told me."),
                             ("negotiator", "Tell me about it."), ("subject", "The bus.")]
    t = read_transcript(plain + "Negotiator: Here's what they wrote:\n" + EMAIL
                        + "Subject: Liars.\n", "t.txt")
    assert [u.speaker for u in t.turns] == ["subject", "negotiator", "subject",
                                            "negotiator", "subject"]
    assert t.turns[3].text.endswith("Subject: Re: the bus Mike, we can't hold the route "
                                    "for you.")
    assert t.lines[4] == 10


def test_a_subject_label_written_unlike_the_file_next_to_a_header_line_is_a_header() -> None:
    text = ("NEGOTIATOR: The memo says\n"
            "Date: 3 March\n"
            "Subject: Bus schedule change\n"
            "Route 9 is suspended.\n"
            "SUBJECT: So what?\n")
    t = read_transcript(text, "t.txt")
    assert [u.speaker for u in t.turns] == ["negotiator", "subject"]
    assert t.turns[0].text == ("The memo says Date: 3 March Subject: Bus schedule change "
                               "Route 9 is suspended.")


def test_a_real_subject_turn_after_a_header_or_alone_in_odd_case_stays_a_turn() -> None:
    after_header = ("NEGOTIATOR: It's from your boss.\nFrom: Dana\nTo: Mike\n"
                    "SUBJECT: That's a lie.\n")
    assert _turns(after_header) == [
        ("negotiator", "It's from your boss. From: Dana To: Mike"),
        ("subject", "That's a lie.")]
    odd_case_alone = "SUBJECT: Go.\nNEGOTIATOR: I hear you.\nSubject: Whatever.\n"
    assert _turns(odd_case_alone)[2] == ("subject", "Whatever.")


def test_a_memo_header_before_the_first_turn_is_the_files_header() -> None:
    text = ("TO: Lt. Ames\nFROM: Sgt. Kelly\nSUBJECT: Harbor St transcript\n"
            "NEGOTIATOR: Hi, I'm Dan.\nSUBJECT: Go away.\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Hi, I'm Dan."), ("subject", "Go away.")]
    assert t.not_coded == {"header": 3}


class _Seen:
    """rules-v1, remembering the text and context each turn was coded with."""

    name = "rules-v1"

    def __init__(self) -> None:
        self.inner = RulesAnalyzer()
        self.calls: list[tuple[str, list[tuple[str, str]]]] = []

    def __call__(self, text: str, context=()):  # type: ignore[no-untyped-def]
        self.calls.append((text, [(u.speaker, u.text) for u in context]))
        return self.inner(text, context)


@pytest.mark.parametrize("direction", [
    "(no response)", "[silence]", "(pause)", "[long pause]", "(silence 20 s)",
    "(Pause.)", "[no reply]", "(20 second pause)", "[says nothing]",
])
def test_a_negotiator_stage_direction_of_silence_is_coded_as_a_pause(direction: str) -> None:
    text = f"SUBJECT: You people lied to me.\nNEGOTIATOR: {direction}\nSUBJECT: Hello?\n" \
           "NEGOTIATOR: I'm here.\n"
    t = read_transcript(text, "t.txt")
    assert t.turns[1].text == direction
    analyzer = _Seen()
    summary = summarize(t.turns, analyzer)
    assert analyzer.calls[0][0] == "..."
    assert analyzer.calls[1][1][1] == ("negotiator", "...")
    number, a = summary.coded[0]
    assert (number, a.text, a.primary) == (2, direction, "effective_pause")
    assert "flat_refusal" not in {f.technique for f in a.findings}


def test_a_subject_stage_direction_of_silence_is_context_without_words() -> None:
    text = ("NEGOTIATOR: What happened tonight?\nSUBJECT: (no response)\n"
            "NEGOTIATOR: Take your time.\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "What happened tonight?"), ("subject", ""),
        ("negotiator", "Take your time.")]
    assert t.lines == [1, 2, 3]
    analyzer = _Seen()
    summarize(t.turns, analyzer)
    assert analyzer.calls[1][1] == [("negotiator", "What happened tonight?"),
                                    ("subject", "")]


def test_other_bracketed_only_turns_are_listed_with_their_line_not_coded() -> None:
    text = ("SUBJECT: Get back!\n"
            "NEGOTIATOR: [inaudible]\n"
            "SUBJECT: (crosstalk)\n"
            "NEG: [overlapping] (pause)\n"
            "NEGOTIATOR: [sighs] Okay. I hear you.\n"
            "NEGOTIATOR: [unintelligible]\n"
            "and I'm not going anywhere.\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("subject", "Get back!"), ("negotiator", "Okay. I hear you."),
        ("negotiator", "and I'm not going anywhere.")]
    assert t.lines == [1, 5, 6]
    assert t.not_coded == {"NEGOTIATOR [inaudible] at line 2": 1,
                           "SUBJECT (crosstalk) at line 3": 1,
                           "NEG [overlapping] (pause) at line 4": 1}


HEADED = ("Case no. 24-0713 — barricade, 14 Harbour Street\n"
          "Date: 13 July 2024\n"
          "Location: 14 Harbour Street\n"
          "Negotiator: Sgt D. Okafor\n"
          "Subject: Mark Hale, 41\n"
          "Transcribed by PC Lowe\n"
          "\n"
          "N: Mark, it's Dee again. I'm still here.\n"
          "S: Go away.\n"
          "N: You want us gone.\n")


def test_a_header_block_with_speaker_named_fields_is_the_files_header() -> None:
    assert is_transcript(HEADED)
    t = read_transcript(HEADED, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Mark, it's Dee again. I'm still here."), ("subject", "Go away."),
        ("negotiator", "You want us gone.")]
    assert t.lines == [8, 9, 10]
    assert t.not_coded == {"header": 6}


def test_the_cli_lists_the_header_as_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "headed.txt"
    path.write_text(HEADED, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--analyzer", "rules"])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())
    assert "Not coded (other speakers, notes, header): header (6 lines)" in shown
    assert "Okafor" not in shown and "Date" not in shown


@pytest.mark.parametrize("head,lines", [
    ("Case 24-0713\nNegotiator: Sgt D. Okafor\n\n", 2),           # a title, names: N: after
    ("Case 24-0713\nNegotiator: Sgt D. Okafor\n", 2),             # no blank line
    ("Case 24-0713\nNegotiator: Sgt D. Okafor\nNegotiator 2: PC Ash\n\n", 3),  # two named
    ("Negotiator: Sgt D. Okafor\nSubject: Mark Hale, 41\n\n", 2),  # set apart, N: after
    ("Negotiator: Sgt D. Okafor\nDate: 13 July 2024\n\n", 2),     # the field comes after
    ("INCIDENT: Barricade\nDATE: 03/04/2023\nNEGOTIATOR: Det. J. Ramos\n"
     "SUBJECT: Unknown male, approx 30s\n", 4),                   # a description, no blank
    ("Date: 13 July 2024\n\nLocation: Harbour St\n\nInterpreter: Ms A. Aydin\n\n"
     "Negotiator: Sgt D. Okafor\n\n", 4),                         # double-spaced
    ("Case: 24-0713\nIncident type: barricade\nDate: 13 July 2024\nTime started: 21:04\n"
     "Location: Harbour St\nUnit: CNT 2\nTranscribed by: PC Lowe\n\n", 7),  # no speakers
])
def test_header_fields_are_told_from_the_dialogue(head: str, lines: int) -> None:
    text = head + "N: Mark, it's Dee again.\nS: Go away.\n"
    assert is_transcript(text)
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Mark, it's Dee again."), ("subject", "Go away.")]
    assert t.not_coded == {"header": lines}


@pytest.mark.parametrize("text", [
    "NEGOTIATOR: Mark\nSUBJECT: What\nNEGOTIATOR: Mark, talk to me.\n",
    "Negotiator: Dee Okafor here\nSubject: So?\nNegotiator: Talk to me.\n",
    "NEGOTIATOR: The memo says\nDate: 3 March\nSubject: Bus schedule change\n"
    "SUBJECT: So what?\nNEGOTIATOR: Talk to me.\n",
])
def test_a_transcript_opening_with_a_real_turn_has_no_header(text: str) -> None:
    t = read_transcript(text, "t.txt")
    assert t.lines[0] == 1 and t.turns[0].speaker == "negotiator"
    assert "header" not in t.not_coded


def test_a_title_then_a_short_first_turn_keeps_the_turn() -> None:
    t = read_transcript("Harbour Street barricade\nNEGOTIATOR: Mark\nSUBJECT: What\n"
                        "NEGOTIATOR: Mark, talk to me.\n", "t.txt")
    assert [(u.speaker, u.text) for u in t.turns][:2] == [("negotiator", "Mark"),
                                                         ("subject", "What")]
    assert t.not_coded == {"header": 1}


def test_other_speakers_after_a_time_stamp_are_listed_by_their_label() -> None:
    text = ("[21:05:00] NEGOTIATOR: Who's with you?\n"
            "[21:05:02] HOSTAGE: Please\nhelp us.\n"
            "21:05 HOSTAGE: Please.\n"
            "(21:06) Sister (TPI): Tony?\n"
            "21:06:10 - UNKNOWN MALE 2: Get down.\n"
            "[21:07] SUBJECT: Shut up.\n")
    t = read_transcript(text, "t.txt")
    assert t.not_coded == {"HOSTAGE": 3, "Sister (TPI)": 1, "UNKNOWN MALE 2": 1}


@pytest.mark.parametrize("value,shown", [
    ('["subject"]', '["subject"]'), ("true", "true"), ("3", "3"), ("null", "null"),
    ('{"name": "S"}', '{"name": "S"}'),
])
def test_a_json_speaker_that_is_not_a_string_is_refused(value: str, shown: str) -> None:
    text = (f'{{"speaker": {value}, "text": "Back off."}}\n'
            '{"speaker": "NEGOTIATOR", "text": "Okay."}\n')
    with pytest.raises(InputError) as caught:
        read_transcript(text, "t.jsonl")
    assert str(caught.value) == f"t.jsonl:1: 'speaker' must be a name (a string), not {shown}"


def test_json_errors_are_one_line_from_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text('{"speaker": "NEGOTIATOR", "text": "Okay."}\n'
                    '{"speaker": true, "text": "Back off."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--analyzer", "rules"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path}:2: 'speaker' must be a name (a string), "
                             "not true\n")
    with pytest.raises(InputError, match=r"t.jsonl:1: 'text' must be a string, not 5$"):
        read_transcript('{"speaker": "NEGOTIATOR 2", "text": 5}\n', "t.jsonl")


def test_a_line_of_notes_only_inside_a_turn_is_listed_whoever_spoke() -> None:
    text = ("SUBJECT: Get back!\n"
            "NEGOTIATOR: You sound scared.\n"
            "(crosstalk)\n"
            "[transcriber note: line drops for 20 s]\n"
            "and I'm not going anywhere.\n"
            "HOSTAGE: Help us.\n"
            "(crosstalk)\n"
            "SUBJECT: Shut up.\n"
            "[00:14:05] [inaudible]\n"
            "NEGOTIATOR: I hear you.\n"
            "(long pause)\n"
            "SUBJECT:\n"
            "(no response)\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("subject", "Get back!"),
        ("negotiator", "You sound scared. and I'm not going anywhere."),
        ("subject", "Shut up."), ("negotiator", "I hear you."), ("subject", "")]
    assert t.lines == [1, 2, 8, 10, 12]
    assert t.not_coded == {"(crosstalk) at line 3": 1,
                           "[transcriber note: line drops for 20 s] at line 4": 1,
                           "HOSTAGE": 1, "(crosstalk) at line 7": 1,
                           "[00:14:05] [inaudible] at line 9": 1,
                           "(long pause) at line 11": 1}


def test_a_line_with_only_a_time_stamp_is_not_words() -> None:
    t = read_transcript("NEGOTIATOR: Talk to me.\n(14:05)\n[00:14:09]\nSUBJECT: No.\n",
                        "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [("negotiator", "Talk to me."),
                                                      ("subject", "No.")]
    assert t.not_coded == {}


TWO_TURNS = ("SUBJECT: Go away.\nNEGOTIATOR: You sound scared.\nSUBJECT: I am.\n"
             "NEGOTIATOR: What happened tonight?\n")


def test_a_third_with_no_negotiator_turns_is_shown_as_such_not_as_0_percent(
        tmp_path: Path) -> None:
    summary = summarize(parse_transcript(TWO_TURNS, "t.txt"), RulesAnalyzer())
    assert summary.stairway[0] is None
    assert all(part is not None for part in summary.stairway[1:])
    path = tmp_path / "two.txt"
    path.write_text(TWO_TURNS, encoding="utf-8")
    table = CliRunner().invoke(app, ["analyze", str(path), "--analyzer", "rules"])
    assert table.exit_code == 0, table.output
    assert "  first third: no negotiator turns\n" in table.stdout
    assert "middle third: active listening" in table.stdout
    out = CliRunner().invoke(app, ["analyze", str(path), "--json", "--analyzer", "rules"])
    assert json.loads(out.stdout)["stairway"][0] is None


LAST_TURNS = "NEGOTIATOR: They took your kids.\nSUBJECT: Yes.\nNEGOTIATOR: Okay.\n"


@pytest.mark.parametrize("footer", [
    "END OF TRANSCRIPT", "- END -", "Transcribed by J. Ortiz, 03/15/2023",
    "*** End of recording ***", "(End of recording)", "[END]", "Recording ends at 22:14",
    "END OF TRANSCRIPT OF CALL 2", "Transcriber: J. Ortiz",
    "Transcript prepared by: PC Lowe, 4 Unit", "Certified true copy",
])
@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_footer_after_the_last_turn_is_left_out_and_listed(footer: str, gap: str) -> None:
    t = read_transcript(LAST_TURNS + gap + footer + "\n", "t.txt")
    assert [u.text for u in t.turns] == ["They took your kids.", "Yes.", "Okay."]
    assert t.not_coded == {"footer": 1}


def test_lines_after_an_end_marker_are_footer_until_the_next_turn() -> None:
    text = (LAST_TURNS + "END OF EXCERPT\nI, J. Ortiz, hereby certify that the foregoing\n"
            "is a true and accurate transcript.\nNEGOTIATOR: Still here.\n")
    t = read_transcript(text, "t.txt")
    assert [u.text for u in t.turns][-2:] == ["Okay.", "Still here."]
    assert t.not_coded == {"footer": 3}


@pytest.mark.parametrize("page", [
    "Page 13", "                                  Page 13", "Page 3 of 10", "- 13 -",
    "State v. Tolan, No. 23-CR-4417          Page 13", "PAGE: 13",
])
def test_a_page_header_inside_a_turn_is_left_out_and_the_turn_goes_on(page: str) -> None:
    text = (f"NEGOTIATOR: I'm not going anywhere, though. I'm\n{page}\n"
            "right here if you need anything.\nSUBJECT: Whatever.\n")
    t = read_transcript(text, "t.txt")
    assert [(u.text, line) for u, line in zip(t.turns, t.lines, strict=True)] == [
        ("I'm not going anywhere, though. I'm right here if you need anything.", 1),
        ("Whatever.", 4)]
    assert t.not_coded == {"page header": 1}


def test_words_after_a_closing_separator_are_not_the_last_speakers() -> None:
    text = ("NEGOTIATOR: Sounds like you've felt unheard for a long time.\n"
            "SUBJECT: Since I was a kid.\n"
            "                      * * * * *\n"
            "                 Hollis Reporting Services, LLC\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns][-1] == ("subject", "Since I was a kid.")
    assert t.not_coded == {"separator": 2}


def test_page_headers_and_separators_are_listed_wherever_they_stand() -> None:
    text = ("Page 1\nNEGOTIATOR: Talk to me.\n----------\nSUBJECT: No.\n* * *\n"
            "NEGOTIATOR: Okay.\n=====\n")
    t = read_transcript(text, "t.txt")
    assert [u.text for u in t.turns] == ["Talk to me.", "No.", "Okay."]
    assert t.not_coded == {"page header": 1, "separator": 3}


@pytest.mark.parametrize("words", [
    "And I'm not going anywhere.", "end of the call.", "End of the call, I'll still be here.",
    "Call ended after a minute.", "Prepared by the county, that's what it said.",
    "Turn to page 12.", "...",
])
def test_words_like_a_footer_still_join_the_turn_even_after_a_blank_line(words: str) -> None:
    for gap in ("", "\n"):
        t = read_transcript(f"SUBJECT: Why?\nNEGOTIATOR: I'm here.\n{gap}{words}\n", "t.txt")
        assert t.turns[-1].text == f"I'm here. {words}"
        assert t.not_coded == {}


EXHIBIT = ("                                                    Page 12\n"
           " 1   NEGOTIATOR:  Can you tell me what's going on in\n"
           " 2       there?\n"
           " 3   SUBJECT:  Nothing. Leave me alone.\n"
           " 4\n"
           " 5   NEGOTIATOR:  12 hours you've been in there.\n"
           "                                                    Page 13\n"
           " 1       That's a long time.\n"
           " 2   SUBJECT:  Whatever.\n")


def test_a_court_exhibit_with_line_numbers_reads_as_the_transcript_it_is() -> None:
    assert is_transcript(EXHIBIT)
    t = read_transcript(EXHIBIT, "t.txt")
    assert [(u.speaker, u.text, line) for u, line in zip(t.turns, t.lines, strict=True)] == [
        ("negotiator", "Can you tell me what's going on in there?", 2),
        ("subject", "Nothing. Leave me alone.", 4),
        ("negotiator", "12 hours you've been in there. That's a long time.", 6),
        ("subject", "Whatever.", 9)]
    assert t.not_coded == {"page header": 2}


def test_the_cli_codes_a_court_exhibit(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.txt"
    path.write_text(EXHIBIT, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--json", "--analyzer", "rules"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(t["turn"], t["line"]) for t in out["turns"]] == [(1, 2), (3, 6)]
    assert out["not_coded"] == {"page header": 2}


@pytest.mark.parametrize("text", [
    "NEGOTIATOR: It's been\n12 hours, Dale.\nSUBJECT: 12 hours.\nNEGOTIATOR: 3 kids.\n",
    "NEGOTIATOR: How many?\n3 kids\n12 cops\n7 days\n",  # numbers that do not run on
])
def test_numbers_in_the_words_of_a_plain_transcript_are_kept(text: str) -> None:
    assert unnumbered(text) == text
    said = " ".join(u.text for u in read_transcript(text, "t.txt").turns)
    assert all(n in said for n in ("12", "3"))


NAMED = ("DET. RUIZ: Jason, it's Detective Ruiz again.\n"
         "HALE: I told you I'm done talking.\n"
         "DET. RUIZ: I know. I'm still here because I care what happens to you.\n"
         "HALE: Nobody cares.\n"
         "DET. RUIZ: It feels like nobody cares.\n")


def test_named_speakers_without_roles_are_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "05_names.txt"
    path.write_text(NAMED, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--analyzer", "rules"])
    assert result.exit_code == 1
    assert result.stderr == (
        f'Error: {path}: speakers DET. RUIZ, HALE are not roles; say who is who: '
        f'--negotiator "DET. RUIZ" --subject HALE (or write NEGOTIATOR (Ruiz): / '
        f'SUBJECT (Hale):)\n')


def test_named_speakers_after_a_header_naming_the_roles_are_refused_too() -> None:
    text = ("Negotiator: Sgt. Dana Whitfield\nSubject: Marcus Tolan\n\n"
            "WHITFIELD: Marcus, this is Dana.\nTOLAN: Go away.\nWHITFIELD: You want me gone.\n")
    with pytest.raises(InputError, match=r"^t.txt: speakers WHITFIELD, TOLAN are not roles"):
        read_transcript(text, "t.txt")


@pytest.mark.parametrize("args,subject_lines", [
    (["--negotiator", "DET. RUIZ", "--subject", "HALE"], {}),
    (["--negotiator", "det. ruiz", "--subject", "Hale"], {}),
    (["--negotiator", "DET.  RUIZ"], {"HALE": 2}),  # the subject unnamed: left out, listed
])
def test_negotiator_and_subject_options_say_who_is_who(
        tmp_path: Path, args: list[str], subject_lines: dict[str, int]) -> None:
    path = tmp_path / "05_names.txt"
    path.write_text(NAMED, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--json", "--analyzer", "rules",
                                      *args])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(t["line"], t["text"]) for t in out["turns"]] == [
        (1, "Jason, it's Detective Ruiz again."),
        (3, "I know. I'm still here because I care what happens to you."),
        (5, "It feels like nobody cares.")]
    assert out["not_coded"] == subject_lines


def test_two_negotiators_and_an_unnamed_third_speaker() -> None:
    text = ("[21:04] SGT. KELLY: Mark, it's Sergeant Kelly.\n[21:04] MARK HALE: Get off.\n"
            "[21:05] Det. Ruiz (secondary): Mark, we hear you.\n[21:05] MRS. HALE: Mark!\n"
            "[21:06] MARK HALE: Leave her out of it.\n")
    text = assign_roles(text, "t.txt", {"Sgt. Kelly": "negotiator", "det. ruiz": "negotiator",
                                        "mark hale": "subject"})
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Mark, it's Sergeant Kelly."), ("subject", "Get off."),
        ("negotiator", "Mark, we hear you."), ("subject", "Leave her out of it.")]
    assert t.not_coded == {"MRS. HALE": 1}


def test_a_name_no_line_is_spoken_by_or_given_both_roles_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "05_names.txt"
    path.write_text(NAMED, encoding="utf-8")
    run = CliRunner().invoke
    missing = run(app, ["analyze", str(path), "--negotiator", "RUIZ", "--subject", "HALE"])
    assert missing.exit_code == 1
    assert missing.stderr == (f"Error: {path}: no line is spoken by 'RUIZ'; the speakers "
                              "are DET. RUIZ, HALE\n")
    both = run(app, ["analyze", str(path), "--negotiator", "HALE", "--subject", "hale"])
    assert both.exit_code == 1
    assert both.stderr == "Error: 'hale' is named as both the negotiator and the subject\n"


def test_a_named_speaker_with_a_dot_in_a_transcript_of_roles_is_another_speaker() -> None:
    t = read_transcript("NEGOTIATOR: Talk to me.\nSGT. KELLY: Perimeter's set.\n"
                        "SUBJ.: No.\nNEG.: Okay.\n", "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Talk to me."), ("subject", "No."), ("negotiator", "Okay.")]
    assert t.not_coded == {"SGT. KELLY": 1}


@pytest.mark.parametrize("text", [
    "Listen: I hear you.\nWhat happened tonight?\nOkay. Listen: here's the deal.\n",
    "NOTE: first\nNOTE: second\nTIP: third\n",  # no speakers taking turns
])
def test_plain_lines_with_labels_are_not_named_speakers(text: str) -> None:
    assert unroled_speakers(text, "t.txt") == []


def _read(text: str) -> list[tuple[int, str, str, str]]:
    """(file line, speaker, speaker as written, text) of every turn."""
    t = read_transcript(text, "t.txt")
    return [(line, u.speaker, who, u.text)
            for u, line, who in zip(t.turns, t.lines, t.speakers, strict=True)]


OWN_LINE = ("Transcript - Kidnap for ransom, call 3 of 7\n"
            "Date: 11/02/2022\n"
            "\n"
            "14:02:11 Negotiator\n"
            "Hello, this is Michael.\n"
            "\n"
            "14:02:16 Subject\n"
            "Where's the brother?\n"
            "\n"
            "14:02:20 Negotiator\n"
            "The brother asked me to help.\n"
            "He wants to make sure Daniel is okay.\n"
            "\n"
            "14:02:31 Brother\n"
            "Danny, I'm here.\n"
            "\n"
            "14:03:49 Subject\n"
            "[line disconnected]\n")


def test_a_speaker_alone_on_a_time_stamped_line_opens_the_turn_below_it() -> None:
    assert is_transcript(OWN_LINE)
    t = read_transcript(OWN_LINE, "t.txt")
    assert _read(OWN_LINE) == [
        (4, "negotiator", "Negotiator", "Hello, this is Michael."),
        (7, "subject", "Subject", "Where's the brother?"),
        (10, "negotiator", "Negotiator",
         "The brother asked me to help. He wants to make sure Daniel is okay.")]
    assert t.not_coded == {"header": 2, "Brother": 2,
                           "Subject [line disconnected] at line 17": 2}


def test_a_role_in_capitals_alone_on_its_line_opens_a_turn() -> None:
    text = ("NEGOTIATOR\nHello, this is Michael.\n\nSUBJECT\nWhere's the brother?\n\n"
            "HOSTAGE\nHelp us.\n\nNEGOTIATOR\nI hear you.\nSTOP\nand listen.\n")
    assert is_transcript(text)
    assert _read(text) == [
        (1, "negotiator", "NEGOTIATOR", "Hello, this is Michael."),
        (4, "subject", "SUBJECT", "Where's the brother?"),
        (10, "negotiator", "NEGOTIATOR", "I hear you. STOP and listen.")]  # no blank: words
    assert read_transcript(text, "t.txt").not_coded == {"HOSTAGE": 2}


@pytest.mark.parametrize("text,turns", [
    ("NEGOTIATOR\u00a0\u2014 Mark, it\u2019s Detective Shaw.\nSUBJECT \u2014 No.\n"
     "HOSTAGE \u2014 Help!\nNEGOTIATOR\u2014Come out now \u2014 both of you.\n",
     [(1, "negotiator", "Mark, it\u2019s Detective Shaw."), (2, "subject", "No."),
      (4, "negotiator", "Come out now \u2014 both of you.")]),
    ("NEGOTIATOR: Are you hurt?\nSUBJECT - Leave me alone.\nNEGOTIATOR: Okay.\n"
     "SUBJECT; Yeah.\nNEGOTIATOR: What happened?\nSUBJECT. She left. I'm done.\n"
     "Negotiator \u2013 I hear you.\n",
     [(1, "negotiator", "Are you hurt?"), (2, "subject", "Leave me alone."),
      (3, "negotiator", "Okay."), (4, "subject", "Yeah."),
      (5, "negotiator", "What happened?"), (6, "subject", "She left. I'm done."),
      (7, "negotiator", "I hear you.")]),
    ("N - Talk to me, Dale.\nS; She left.\n[00:14] Subject. Gone.\nNEG.\tOkay.\n",
     [(1, "negotiator", "Talk to me, Dale."), (2, "subject", "She left."),
      (3, "subject", "Gone."), (4, "negotiator", "Okay.")]),
])
def test_a_role_followed_by_a_dash_semicolon_full_stop_or_tab_opens_a_turn(
        text: str, turns: list[tuple[int, str, str]]) -> None:
    assert is_transcript(text)
    assert [(line, who, said) for line, who, _, said in _read(text)] == turns


@pytest.mark.parametrize("words", [
    "Okay - listen to me.", "No. Not today.", "S. Okay, fine.", "Subject. That's the word.",
    "N. Nothing.", "n - no.", "Caller. Right.",
])
def test_speech_like_a_label_with_a_separator_is_words_of_the_turn(words: str) -> None:
    t = read_transcript(f"SUBJECT: Why?\nNEGOTIATOR: I'm here.\n{words}\n", "t.txt")
    assert t.turns[-1].text == f"I'm here. {words}"
    assert not is_transcript(f"{words}\nWhat happened tonight?\n")


def test_a_tab_separated_call_log_is_read_by_its_columns_without_the_header_row() -> None:
    text = ("Time\tSpeaker\tText\n"
            "00:00:03\tNegotiator\tHi Sam, my name is Priya.\n"
            "00:00:09\tCaller\tI'm on the roof.\n"
            "00:00:12\tSister\tSam, please.\n"
            "00:00:15\tNegotiator\tYou're on the roof.\n")
    assert is_transcript(text)
    assert _read(text) == [(2, "negotiator", "Negotiator", "Hi Sam, my name is Priya."),
                           (3, "subject", "Caller", "I'm on the roof."),
                           (5, "negotiator", "Negotiator", "You're on the roof.")]
    assert read_transcript(text, "t.tsv").not_coded == {"Sister": 1}
    headless = text.split("\n", 1)[1]  # no header row: time, speaker and words by tabs
    assert is_transcript(headless)
    t = read_transcript(headless, "t.tsv")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Hi Sam, my name is Priya."), ("subject", "I'm on the roof."),
        ("negotiator", "You're on the roof.")]
    assert t.not_coded == {"Sister": 1}


def test_a_csv_call_log_with_a_speaker_column_is_a_transcript() -> None:
    text = ("timestamp,speaker,text\n"
            '2024-05-02 22:14:03,Negotiator,"Hi Sam, I\'m Priya. What\'s happening?"\n'
            '2024-05-02 22:14:09,Caller,"I\'m on the roof.\nI\'m going to jump."\n'
            "2024-05-02 22:14:15,Negotiator,You're thinking, right, about jumping.\n")
    assert is_transcript(text)
    assert _read(text) == [
        (2, "negotiator", "Negotiator", "Hi Sam, I'm Priya. What's happening?"),
        (3, "subject", "Caller", "I'm on the roof. I'm going to jump."),
        (5, "negotiator", "Negotiator", "You're thinking, right, about jumping.")]


@pytest.mark.parametrize("text,message", [
    ("time,speaker,text\n1,Negotiator,Hi\n2,,Go away.\n",
     "t.csv:3: no speaker in the 'speaker' column"),
    ('time,speaker,text\n1,Negotiator,"Hi Sam\n2,Caller,Go away.\n',
     "t.csv:3: not readable as CSV (unexpected end of data; a quote that is never closed?)"),
    ("text,speaker\nHi, there,Negotiator\n",
     "t.csv:2: 3 cells but the header has 2 (put text that contains commas in double quotes)"),
])
def test_a_call_log_csv_that_cannot_be_read_is_named_by_row(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_transcript(text, "t.csv")
    assert str(caught.value) == message


@pytest.mark.parametrize("speaker,said", [
    ("role", "text"), ("role", "utterance"), ("speaker_role", "text"), ("speaker", "utterance"),
])
def test_json_lines_may_name_the_speaker_role_and_the_words_utterance(
        speaker: str, said: str) -> None:
    text = (f'{{"seq": 1, "{speaker}": "NEGOTIATOR", "{said}": "What\'s your name?"}}\n'
            f'{{"seq": 2, "{speaker}": "SUBJECT", "{said}": "Get away."}}\n'
            f'{{"seq": 3, "{speaker}": "third_party", "{said}": "Please."}}\n')
    assert is_transcript(text)
    t = read_transcript(text, "t.jsonl")
    assert _read(text) == [(1, "negotiator", "NEGOTIATOR", "What's your name?"),
                           (2, "subject", "SUBJECT", "Get away.")]
    assert t.not_coded == {"third_party": 1}


def test_a_json_line_with_a_name_and_a_role_is_the_role_written_by_the_name() -> None:
    text = ('{"speaker": "Det. Hale", "role": "negotiator", "text": "Talk to me."}\n'
            '{"speaker": "Eddie", "role": "subject", "text": "No."}\n')
    assert _read(text) == [(1, "negotiator", "Det. Hale", "Talk to me."),
                           (2, "subject", "Eddie", "No.")]
    with pytest.raises(InputError, match=r"^t.jsonl:1: needs 'speaker' \(or 'role'\) and "
                                         r"'text' \(or 'utterance'\)$"):
        read_transcript('{"role": "NEGOTIATOR", "content": "Hi."}\n', "t.jsonl")


def test_team_labels_with_a_hyphenated_number_and_a_tpi_are_read() -> None:
    text = ("CNT-1: Luis, it's Officer Grant again.\n"
            "SUBJ: Put her on.\n"
            "TPI (mother): Mijo, it's Mama.\n"
            "SUBJ: Mama, go home.\n"
            "CNT-2: Luis, this is Sgt. Park.\n")
    assert is_transcript(text)
    assert _read(text) == [(1, "negotiator", "CNT-1", "Luis, it's Officer Grant again."),
                           (2, "subject", "SUBJ", "Put her on."),
                           (4, "subject", "SUBJ", "Mama, go home."),
                           (5, "negotiator", "CNT-2", "Luis, this is Sgt. Park.")]
    assert read_transcript(text, "t.txt").not_coded == {"TPI (mother)": 1}


def test_without_negotiator_lines_the_speakers_found_and_the_option_are_named() -> None:
    with pytest.raises(InputError) as caught:
        read_transcript("CRT-1: Luis, it's Grant.\nSUBJ: Go.\nTPI (mother): Mijo.\n"
                        "CRT-1: I'm here.\n", "t.txt")
    assert str(caught.value) == (
        "t.txt: no NEGOTIATOR lines to code; the speakers are CRT-1, SUBJ, TPI (mother); "
        "if one of them is the negotiator, say so with --negotiator LABEL "
        "(e.g. --negotiator CRT-1)")
    with pytest.raises(InputError) as caught:
        read_transcript("SUBJECT: Stay back.\nSUBJECT: I mean it.\n", "t.txt")
    assert str(caught.value) == (
        "t.txt: no NEGOTIATOR lines to code; the speakers are SUBJECT; if one of them is "
        "the negotiator, say so with --negotiator LABEL")


BARRICADE = ("LAKEVIEW COUNTY SHERIFF'S OFFICE - CRISIS NEGOTIATION TEAM\n"
             "Case No. 2023-04471   Barricaded subject, 1182 Orchard Rd\n"
             "Primary: Sgt. R. Morales   Coach: Dep. K. Ito\n"
             "Transcribed from CNT recorder, ch. 1\n"
             "\n"
             "MORALES: Dwayne, it's Ray Morales again. How are you holding up?\n"
             "DWAYNE: How do you think.\n"
             "MORALES: It's got you feeling cornered.\n"
             "TANYA (SISTER): Dwayne? It's me.\n"
             "DWAYNE: Tanya, get out of here.\n"
             "MORALES: She's stepping back.\n")


def test_a_header_naming_the_primary_and_coach_is_header_not_a_speaker() -> None:
    with pytest.raises(InputError) as caught:
        read_transcript(BARRICADE, "t.txt")
    assert str(caught.value) == (
        "t.txt: speakers MORALES, DWAYNE, TANYA are not roles; say who is who: "
        "--negotiator MORALES --subject DWAYNE (or write NEGOTIATOR (Morales): / "
        "SUBJECT (Dwayne):)")
    text = assign_roles(BARRICADE, "t.txt", {"morales": "negotiator", "DWAYNE": "subject"})
    t = read_transcript(text, "t.txt")
    assert [line for line, *_ in _read(text)] == [6, 7, 8, 10, 11]
    assert t.not_coded == {"header": 4, "TANYA (SISTER)": 1}


def test_the_header_says_which_named_speaker_is_the_negotiator() -> None:
    text = ("Date: 04/17/2022\nPrimary: Det. J. Okoro\n\n"
            "BEN: Leave me alone, man.\nOKORO: Ben, it's Jay Okoro.\nBEN: Whatever.\n"
            "OKORO: I'm not going anywhere.\n")
    with pytest.raises(InputError, match=r"say who is who: --negotiator OKORO --subject BEN"):
        read_transcript(text, "t.txt")


RUSSIAN = ("Стенограмма переговоров. Происшествие № 4471/23.\n"
           "Расшифровка: ст. лейтенант Ковалёва А.С.\n"
           "\n"
           "[21:16:06] ПЕРЕГОВОРЩИК: Миша.\n"
           "[21:16:10] СУБЪЕКТ: Он думает, что папа герой.\n"
           "[21:16:15] ПЕРЕГОВОРЩИК: Обещаю, завтра вы увидите Мишу.\n")


def test_russian_end_markers_and_credits_are_a_footer_and_the_credit_header_is_header(
        ) -> None:
    text = RUSSIAN + "Конец записи.\nРасшифровку выполнила ст. лейтенант Ковалёва А.С.\n"
    t = read_transcript(text, "t.txt")
    assert [u.text for u in t.turns] == ["Миша.", "Он думает, что папа герой.",
                                         "Обещаю, завтра вы увидите Мишу."]
    assert t.not_coded == {"header": 2, "footer": 2}


@pytest.mark.parametrize("footer", [
    "Конец записи", "КОНЕЦ СТЕНОГРАММЫ", "Запись окончена 22:14", "Копия верна",
    "Расшифровал: мл. сержант Петров И.И.", "Стенограмму составила капитан Иванова",
    "Жазбаның соңы", "Жазба аяқталды",
])
def test_russian_and_kazakh_footers_are_left_out(footer: str) -> None:
    t = read_transcript(RUSSIAN + footer + "\n", "t.txt")
    assert t.turns[-1].text == "Обещаю, завтра вы увидите Мишу."
    assert t.not_coded == {"header": 2, "footer": 1}


def test_russian_words_like_a_footer_stay_words() -> None:
    for words in ("конец всему.", "Расшифровка показала, что он лжёт."):
        t = read_transcript(RUSSIAN + words + "\n", "t.txt")
        assert t.turns[-1].text == f"Обещаю, завтра вы увидите Мишу. {words}"


def test_a_word_of_speech_before_a_colon_continues_the_turn() -> None:
    text = ("NEGOTIATOR: Then you and your lawyer decide together.\n"
            "Listen: that's a real offer.\n"
            "SUBJECT: I've heard real offers before.\n"
            "NEGOTIATOR: Okay.\n"
            "Here's the thing: nobody rushes you.\n"
            "Look: I'm here. Remember: six o'clock.\n")
    assert _read(text) == [
        (1, "negotiator", "NEGOTIATOR",
         "Then you and your lawyer decide together. Listen: that's a real offer."),
        (3, "subject", "SUBJECT", "I've heard real offers before."),
        (4, "negotiator", "NEGOTIATOR",
         "Okay. Here's the thing: nobody rushes you. Look: I'm here. Remember: six o'clock.")]
    assert read_transcript(text, "t.txt").not_coded == {}


def test_a_word_of_speech_the_file_writes_as_a_speaker_stays_a_speaker() -> None:
    text = ("[00:01] NEGOTIATOR: Who is this?\n[00:02] Listen: It's me.\n"
            "[00:03] NEGOTIATOR: Okay.\nNOTE: the line drops\n")
    t = read_transcript(text, "t.txt")
    assert [u.text for u in t.turns] == ["Who is this?", "Okay."]
    assert t.not_coded == {"Listen": 1, "NOTE": 1}


def test_each_turn_keeps_its_speaker_as_written() -> None:
    text = ("[00:01] NEGOTIATOR 1 (Det.  Hale): Eddie, it's Tom.\nSUBJECT: Go.\n"
            "NEGOTIATOR 2 (Sgt. Pruitt): Eddie, it's Dana.\n")
    assert [who for _, _, who, _ in _read(text)] == [
        "NEGOTIATOR 1 (Det. Hale)", "SUBJECT", "NEGOTIATOR 2 (Sgt. Pruitt)"]


# --- input a tester built to break the reader ----------------------------------------------

NESTED = '{"a": ' * 100_000 + "1" + "}" * 100_000


def test_json_nested_too_deeply_is_invalid_json_not_a_traceback() -> None:
    assert not is_transcript(NESTED + "\n")
    assert unroled_speakers(NESTED + "\n", "t.jsonl") == []
    refuse_labelled(NESTED + "\n", "t.jsonl")  # no speakers' turns: nothing to refuse
    with pytest.raises(InputError) as caught:
        read_transcript(f'{{"speaker": "NEGOTIATOR", "text": "Hi."}}\n{NESTED}\n', "t.jsonl")
    assert str(caught.value) == "t.jsonl:2: invalid JSON (nested too deeply)"


LONG = 40_000
"""Characters of a pathological line: a pattern that backtracks would never finish it."""


@pytest.mark.parametrize("line,found", [
    ("NEGOTIATOR" + " " * LONG + "x", []),
    ("12:00" + " " * LONG + "!", []),
    ("12:00" + " " * LONG + "-" + " " * LONG, []),
    ("NEGOTIATOR" + " \t" * (LONG // 2), [("NEGOTIATOR", "alone")]),
    ("NEGOTIATOR" + " \t" * (LONG // 2) + "x", [("NEGOTIATOR", "separator")]),
    ("**NEGOTIATOR" + " " * LONG + "**x", []),
])
def test_a_long_run_of_spaces_after_a_label_is_read_once(
        line: str, found: list[tuple[str, str]]) -> None:
    assert [(o.label, o.form) for o in openings(line)] == found


def test_page_furniture_and_notes_on_pathological_lines() -> None:
    assert furniture("Okay" + " " * LONG + "then.") is None
    assert furniture("page" + " " * LONG + "x") is None
    assert furniture("x" + " " * LONG + "Page 12") is None  # a page header is short
    assert furniture("STATE v. TOLAN" + " " * 40 + "Page 12") == "page header"
    assert direction("(a)  " * (LONG // 5) + "okay") is None
    assert direction("(a)  " * (LONG // 5)) == "note"
    assert direction("[pause]  (no response). " * 100) == "silence"


@pytest.mark.parametrize("line", [
    "a" + " " * 3970 + "b", "NEGOTIATOR" + " " * 3960 + "x", "(a)  " * 790 + "okay",
    "Page" + " " * 3970 + "x", "12:00" + " " * 3970 + "-", "[" * 3980, "(" * 3980,
    "A " * 1990, "a." * 1990, "1:" * 1990, "- " * 1980 + "x", "transcribed" + " x" * 1980,
    "certified" + " true" * 790, "I," + "x" * 3970, "*" * 3980, "END" + " of" * 1320,
])
def test_a_4000_character_line_reads_as_words_of_the_turn(line: str) -> None:
    text = f"NEGOTIATOR: Talk to me.\n{line}\nSUBJECT: No.\n"
    assert is_transcript(text)
    t = read_transcript(text, "t.txt")
    assert [u.speaker for u in t.turns] == ["negotiator", "subject"]
    assert t.turns[0].text.startswith("Talk to me.")
    assert unroled_speakers(line + "\n", "t.txt") == []
    assert not is_transcript(line + "\nWhat happened?\n")


def test_the_tester_s_notes_line_is_coded_not_hung() -> None:
    text = "NEGOTIATOR: " + "(a)  " * 18 + "okay\nSUBJECT: yes\n"
    assert _turns(text) == [("negotiator", "(a) " * 17 + "(a) okay"), ("subject", "yes")]


@pytest.mark.parametrize("text", [
    "I hear you're frustrated.\nNeg - that's a lot to carry, Dale.\n"
    "What happened this morning?\nYou sound exhausted.\n",
    "Negotiator\nI hear you are frustrated.\nWhat happened this morning?\n",
    "Dale - I'm not going anywhere.\nOkay - tell me what happened.\n"
    "Subject - wait, no, I mean you - sound tired.\n"
    "Primary - keep your voice low when you answer the phone.\n"
    "Caller - are you still on the line?\nSuspect - that's what they call you.\n",
    "I hear you are frustrated.\tEmotional labelling\nWhat happened?\topen question\n"
    "Primary\tkeep him talking\nSubject\tyou sound tired\n",
    "Secondary; we need more time.\nSuspect. That's what the paper calls you.\n"
    "Caller, you sound worried.\nSub. Okay, what do you need?\n"
    "Perp — that word doesn't fit you.\n",
    "Hi, this is Sam.\nI hear you're frustrated.\nCaller — are you still on the line?\n"
    "What happened this morning?\nYou sound exhausted.\n",
    "Hi, this is Sam.\nI hear you're frustrated.\nWhat happened this morning?\n"
    "You sound exhausted.\nCaller — are you still on the line?\n",
])
def test_a_list_with_a_role_word_on_one_line_is_not_a_transcript(text: str) -> None:
    assert not is_transcript(text)


@pytest.mark.parametrize("text", [
    "NEGOTIATOR - Talk to me.\nSUBJECT - No.\n",                    # two lines, both roles
    "Hi.\nNEGOTIATOR\nTalk to me, Dale.\nI'm here.\n\nSUBJECT\nNo.\n",  # a role alone
    "14:02\tNEGOTIATOR\tHi Dale.\n14:03\tSUBJECT\tGo away.\n",       # a headless call log
])
def test_a_file_written_with_roles_and_dashes_tabs_or_alone_is_a_transcript(
        text: str) -> None:
    assert is_transcript(text)
    assert [u.speaker for u in parse_transcript(text, "t.txt")] == ["negotiator", "subject"]


def test_lenient_roles_must_make_up_half_the_lines() -> None:
    lines = ["I hear you.", "What happened?", "You sound tired.", "Okay.", "Go on."]
    few = "NEGOTIATOR - Talk to me.\n" + "\n".join(lines) + "\nSUBJECT - No.\n"
    assert not is_transcript(few)  # 2 of 7 lines
    assert is_transcript("NEGOTIATOR - Talk to me.\nI mean it.\nSUBJECT - No.\n")


def test_primary_and_secondary_are_roles_only_before_a_colon() -> None:
    assert _turns("SUBJECT: Go away.\nPRIMARY: I hear you.\nSecondary: We're here.\n") == [
        ("subject", "Go away."), ("negotiator", "I hear you."),
        ("negotiator", "We're here.")]
    assert _turns("SUBJECT: Go away.\nNEGOTIATOR: Okay.\nPrimary - the kids.\n")[-1] == (
        "negotiator", "Okay. Primary - the kids.")


def test_a_shouted_sentence_alone_after_a_blank_line_is_words_not_a_speaker() -> None:
    text = ("14:02:11 Negotiator\n\nDALE.\n\nDale, look at me. Put it down.\n\n"
            "14:02:15 Subject\n\nSTOP.\n\nGET AWAY FROM THE DOOR.\n\n"
            "14:02:20 Negotiator\n\nOkay. I'm backing off.\n\nHOSTAGE\n\nHelp!\n")
    t = read_transcript(text, "t.txt")
    assert _read(text) == [
        (1, "negotiator", "Negotiator", "DALE. Dale, look at me. Put it down."),
        (7, "subject", "Subject", "STOP. GET AWAY FROM THE DOOR."),
        (13, "negotiator", "Negotiator", "Okay. I'm backing off.")]
    assert t.not_coded == {"HOSTAGE": 2}  # a name: no full stop, three words at most


def test_a_role_with_no_words_at_the_end_is_listed_not_lost() -> None:
    text = ("14:02:11 Negotiator\nDale, it's Sam.\n14:02:20 Subject\nWhat do you want?\n"
            "14:02:31 Negotiator\n")
    t = read_transcript(text, "t.txt")
    assert [(u.speaker, u.text) for u in t.turns] == [
        ("negotiator", "Dale, it's Sam."), ("subject", "What do you want?")]
    assert t.not_coded == {"Negotiator (no words) at line 5": 1}


def test_an_excel_quoted_cell_of_two_lines_in_a_tab_separated_log_is_read_whole() -> None:
    text = ('Time\tSpeaker\tText\n14:02\tNEGOTIATOR\t"Dale, it is Sam.\nI am ""here""."\n'
            '14:03\tSUBJECT\tGo away.\n14:04\tNEGOTIATOR\t"""Yet,"" he said."\n')
    assert _read(text) == [
        (2, "negotiator", "NEGOTIATOR", 'Dale, it is Sam. I am "here".'),
        (4, "subject", "SUBJECT", "Go away."),
        (5, "negotiator", "NEGOTIATOR", '"Yet," he said.')]
    typed = ('Time\tSpeaker\tText\n14:02\tNEGOTIATOR\t"Yet" he said, "no."\n'
             '14:03\tSUBJECT\t"Go\n')  # quotes as typed, not as Excel writes them
    assert _read(typed) == [(2, "negotiator", "NEGOTIATOR", '"Yet" he said, "no."'),
                            (3, "subject", "SUBJECT", '"Go')]
    across = ('Time\tSpeaker\tText\n1\tNEGOTIATOR\t"I can\'t\n2\tSUBJECT\tYou\'re lying"\n'
              "3\tNEGOTIATOR\tOkay.\n")  # a quote opened in one row, closed in the next
    assert [said for *_, said in _read(across)] == ['"I can\'t', 'You\'re lying"', "Okay."]


@pytest.mark.parametrize("opening", [
    "[2024-03-15 14:02:11] {}:", "2024-03-15T14:02:11 {}:", "03/15/2024 2:02 PM {}:",
    "2:02 PM {}:", "[2:02 p.m.] {}:", "**{}:**", "**{}**:", "1. {}:", "12) [14:02] {}:",
])
def test_dates_am_pm_markdown_bold_and_list_numbers_before_a_label(opening: str) -> None:
    text = "\n".join(f"{opening.format(who)} {said}" for who, said in (
        ("NEGOTIATOR", "Hi Dale, it's Sam."), ("SUBJECT", "Get off my property."),
        ("NEGOTIATOR", "You sound really angry."))) + "\n"
    assert is_transcript(text)
    assert _read(text) == [(1, "negotiator", "NEGOTIATOR", "Hi Dale, it's Sam."),
                           (2, "subject", "SUBJECT", "Get off my property."),
                           (3, "negotiator", "NEGOTIATOR", "You sound really angry.")]


@pytest.mark.parametrize("text", [
    "Time;Speaker;Text\n14:02;NEGOTIATOR;Hi Dale, it's Sam.\n14:03;SUBJECT;Go away.\n"
    "14:04;NEGOTIATOR;You sound angry.\n",
    'Time;Speaker;Text\n14:02;NEGOTIATOR;"Hi Dale; it\'s Sam."\n14:03;SUBJECT;Go away.\n'
    "14:04;NEGOTIATOR;You sound angry.\n",
])
def test_a_call_log_saved_with_semicolons_is_read_by_its_columns(text: str) -> None:
    assert is_transcript(text)
    assert [(line, who, said) for line, who, _, said in _read(text)] == [
        (2, "negotiator", text.split("\n")[1].split(";", 2)[2].strip('"')),
        (3, "subject", "Go away."), (4, "negotiator", "You sound angry.")]


def test_input_quoted_in_a_message_has_its_control_characters_escaped() -> None:
    with pytest.raises(InputError) as caught:
        read_transcript('{"speaker": "\\u001b[2J\\u001b[31mPWNED", "text": "hi"}\n', "t.jsonl")
    assert str(caught.value) == (
        "t.jsonl: no NEGOTIATOR lines to code; the speakers are \\x1b[2J\\x1b[31mPWNED; if "
        "one of them is the negotiator, say so with --negotiator LABEL (e.g. --negotiator "
        '"\\x1b[2J\\x1b[31mPWNED")')
    named = ('{"speaker": "NEG (Ruiz\\u0007)", "text": "Hi."}\n'
             '{"speaker": "HALE", "text": "No."}\n')
    with pytest.raises(InputError) as caught:
        assign_roles(named, "t.jsonl", {"KELLY": "negotiator"})
    assert str(caught.value) == ("t.jsonl: no line is spoken by 'KELLY'; the speakers are "
                                 "NEG (Ruiz\\x07), HALE")
