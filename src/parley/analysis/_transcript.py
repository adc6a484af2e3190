"""Whole transcripts: code every negotiator line in context and summarise the session.

Input: plain text with ``NEGOTIATOR:`` and ``SUBJECT:`` prefixes (a line without a prefix
continues the previous turn), or JSON lines with ``speaker`` and ``text`` fields.

Real after-action transcripts are read as they are usually typed up: a line may start
with a time stamp (``[00:14:05]``, ``(14:05)``, ``00:14:05 -``), a speaker may carry a
name or number (``NEGOTIATOR (Sgt. Kelly):``, ``NEGOTIATOR 2:``), and the common
abbreviations are understood (:data:`SPEAKERS`).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from parley.analysis._analyzer import CONTEXT_WINDOW, check_text, code_many
from parley.analysis._corpus import json_object, lines, numbered_lines
from parley.analysis._types import Analysis, Analyzer, Speaker, Utterance
from parley.errors import InputError
from parley.techniques import ACTIVE_LISTENING, ERRORS

SPEAKERS: dict[str, Speaker] = {
    "negotiator": "negotiator", "neg": "negotiator", "primary negotiator": "negotiator",
    "secondary negotiator": "negotiator", "crisis negotiator": "negotiator",
    "cnt": "negotiator",
    "subject": "subject", "subj": "subject", "sub": "subject", "hostage taker": "subject",
    "hostage-taker": "subject", "ht": "subject", "perpetrator": "subject", "perp": "subject",
    "suspect": "subject",
}
"""Speaker labels understood (any case) and whose turn they are."""
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?"
_STAMP = rf"(?:[\[(]\s*{_CLOCK}\s*[\])]|{_CLOCK})"
_PREFIX = re.compile(
    rf"^\s*(?:{_STAMP}\s*[-–—]?\s*)?(?P<label>[^\W\d_][\w'’ -]{{0,30}}?)"
    r"(?:\s*#?\d{1,2})?(?:\s*\([^()]{0,60}\))?\s*:\s*(?P<text>.*)$")
"""A time stamp (optional), a speaker label, an optional number or (name), a colon."""
_NAME = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBER = re.compile(r"\s*#?\d{1,2}\s*$")
_SHOUTED = re.compile(r"^[A-Z][A-Z '’-]{2,30}$")
"""An upper-case label: another speaker (HOSTAGE, UNKNOWN MALE) unless it is a typo."""


def speaker_of(label: str) -> Speaker | None:
    """Return whose turn a speaker label marks (``None`` if it is not one we know)."""
    key = _NUMBER.sub("", _NAME.sub("", label))
    return SPEAKERS.get(" ".join(key.lower().split()))


def _prefixed(line: str) -> tuple[str, str] | None:
    """Return (label, text) when ``line`` opens with a speaker label, else None."""
    m = _PREFIX.match(line)
    return (m.group("label").strip(), m.group("text")) if m else None


STAGES = ("active listening", "empathy", "rapport", "influence")
"""BCSM stages a negotiator turn can show (Vecchi, Van Hasselt & Romano 2005)."""
_STAGE = {"emotional_labeling": "empathy", "i_message": "empathy", "reassurance": "rapport",
          "self_disclosure": "rapport", "face_saving": "rapport",
          "problem_solving": "influence"}


def _check_line(text: str) -> None:
    check_text(text)
    for ch in text:
        if ch not in "\t\n" and unicodedata.category(ch) in ("Cc", "Cs"):
            raise InputError(f"turn contains a control character (U+{ord(ch):04X})")


HEAD_LINES = 5
"""Lines at the top of a file that may precede the first speaker (a case title, a date)."""


def is_transcript(text: str) -> bool:
    """True when ``text`` looks like a transcript.

    One of its first :data:`HEAD_LINES` non-blank lines opens with a known speaker
    label, or its first line is JSON with a ``speaker``.
    """
    seen = 0
    for line in lines(text):
        first = line.strip()
        if not first:
            continue
        if first.startswith("{"):
            try:
                return seen == 0 and "speaker" in json.loads(first)
            except json.JSONDecodeError:
                return False
        found = _prefixed(first)
        if found is not None and speaker_of(found[0]) is not None:
            return True
        seen += 1
        if seen >= HEAD_LINES:
            return False
    return False


_TITLE = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}$")
"""A capitalised label of up to three words (``Sister``, ``Unknown Male``)."""


def _typo_of(label: str) -> str | None:
    """Return the known label ``label`` looks like a misspelling of (NEGOTATOR), if any."""
    near = difflib.get_close_matches(label.lower(), [k for k in SPEAKERS if len(k) > 3],
                                     n=1, cutoff=0.8)
    return near[0].upper() if near else None


@dataclass(frozen=True)
class Transcript:
    """A parsed transcript.

    Attributes:
        turns: Negotiator and subject turns, oldest first.
        lines: The file line on which each turn starts (1-based), one per turn.
        not_coded: Other speakers (hostages, third-party intermediaries, notes) and
            header lines -> number of lines they had; they are neither coded nor context.
    """

    turns: list[Utterance]
    lines: list[int]
    not_coded: dict[str, int]


def read_transcript(text: str, source: str) -> Transcript:
    """Parse a transcript into turns, with where each starts and what was left out.

    Square-bracketed transcriber notes (``[inaudible]``, ``[overlapping]``) are not words
    of the speaker and are removed from the turns.

    Raises:
        InputError: A JSON line without speaker/text, a misspelt speaker label, a control
            character, or no negotiator line.
    """
    turns: list[Utterance] = []
    starts: list[int] = []
    others: Counter[str] = Counter()
    current: str | None = "header"
    for where, line in numbered_lines(text, source):
        number = int(where.rsplit(":", 1)[1])
        if line.startswith("{"):
            rec = json_object(line, where)
            label = str(rec.get("speaker", ""))
            speaker = speaker_of(label)
            if not isinstance(rec.get("text"), str) or not label.strip():
                raise InputError(f"{where}: needs 'speaker' and 'text'")
            if speaker is None:
                _refuse_typo(label, where)
                others[label] += 1
                current = label
                continue
            turns.append(Utterance(speaker, _words(rec["text"])))
            starts.append(number)
        elif (found := _prefixed(line)) and (who := speaker_of(found[0])):
            turns.append(Utterance(who, _words(found[1])))
            starts.append(number)
        elif found and (_SHOUTED.match(found[0]) or _TITLE.match(found[0])):
            _refuse_typo(found[0], where)
            current = line.split(":", 1)[0].strip()
            others[current] += 1
            continue
        elif current is not None:  # a header line, or another speaker's line continued
            others[current] += 1
            continue
        else:
            prev: Speaker = turns[-1].speaker
            turns[-1] = Utterance(prev, f"{turns[-1].text} {_words(line)}".strip())
        current = None
        try:
            _check_line(turns[-1].text)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    if not any(t.speaker == "negotiator" and t.text.strip() for t in turns):
        raise InputError(f"{source}: no NEGOTIATOR lines to code")
    return Transcript(turns, starts, dict(others))


_NOTE = re.compile(r"\[[^\[\]]*\]")


def _words(text: str) -> str:
    return " ".join(_NOTE.sub(" ", text).split())


def _refuse_typo(label: str, where: str) -> None:
    typo = _typo_of(label)
    if typo is not None:
        raise InputError(f"{where}: unknown speaker {label!r} (did you mean {typo}?)")


def parse_transcript(text: str, source: str) -> list[Utterance]:
    """Parse a transcript into its negotiator and subject turns, oldest first.

    Raises:
        InputError: As :func:`read_transcript`.
    """
    return read_transcript(text, source).turns


@dataclass(frozen=True)
class Summary:
    """What a transcript shows.

    Attributes:
        coded: (turn number, 1-based, analysis) for every negotiator turn.
        skill_rates: Active-listening skill -> share of negotiator turns using it.
        errors: Error technique -> turn numbers where it was found at :data:`LIKELY`
            confidence or more.
        possible_errors: The same for errors found under :data:`LIKELY` (to be checked).
        stairway: Per third of the transcript, the share of turns at each BCSM stage.
        premature_influence: Turns with problem solving before three listening turns.

    Skill rates, stages and premature influence count findings at :data:`LIKELY` or more.
    """

    coded: list[tuple[int, Analysis]]
    skill_rates: dict[str, float]
    errors: dict[str, list[int]]
    possible_errors: dict[str, list[int]]
    stairway: list[dict[str, float]]
    premature_influence: list[int]


LIKELY = 0.5
"""Confidence from which a finding counts in the summary (under it: a possible error)."""


def _likely(a: Analysis) -> list[str]:
    return [f.technique for f in a.findings if f.confidence >= LIKELY]


def _stage(a: Analysis) -> str:
    stages = [_STAGE.get(t, "active listening" if t in ACTIVE_LISTENING else "")
              for t in _likely(a)]
    found = [s for s in stages if s]
    return max(found, key=STAGES.index) if found else ""


def to_code(turns: Sequence[Utterance]) -> list[int]:
    """Return the indices of the turns a summary codes: the negotiator's, with words."""
    return [i for i, u in enumerate(turns) if u.speaker == "negotiator" and u.text.strip()]


def summarize(turns: Sequence[Utterance], analyzer: Analyzer,
              progress: Callable[[int], None] | None = None) -> Summary:
    """Code every negotiator turn of ``turns`` in context and summarise.

    Each turn is coded with the :data:`CONTEXT_WINDOW` turns before it, as in a session,
    so a transcript of any length reads the same as the session it could have been.
    ``progress`` is called with the number of turns coded after each batch.
    """
    numbers = to_code(turns)
    analyses = code_many(analyzer, [(turns[i].text, turns[max(0, i - CONTEXT_WINDOW):i])
                                    for i in numbers], progress)
    coded = [(i + 1, a) for i, a in zip(numbers, analyses, strict=True)]
    n = max(len(coded), 1)
    skills = Counter(t for _, a in coded for t in set(_likely(a)) if t in ACTIVE_LISTENING)
    errors: dict[str, list[int]] = {}
    possible: dict[str, list[int]] = {}
    for number, a in coded:
        for f in a.findings:
            if f.technique in ERRORS:
                into = errors if f.confidence >= LIKELY else possible
                into.setdefault(f.technique, []).append(number)
    thirds = [coded[k * len(coded) // 3:(k + 1) * len(coded) // 3] for k in range(3)]
    stairway = []
    for part in thirds:
        c = Counter(_stage(a) for _, a in part)
        stairway.append({s: round(c[s] / max(len(part), 1), 3) for s in STAGES})
    premature, listened = [], 0
    for number, a in coded:
        if "problem_solving" in _likely(a) and listened < 3:
            premature.append(number)
        listened += any(t in ACTIVE_LISTENING for t in _likely(a))
    rates = {t: round(skills[t] / n, 3) for t in sorted(skills, key=lambda t: -skills[t])}
    return Summary(coded, rates, errors, possible, stairway, premature)
