"""Whole transcripts: code every negotiator line in context and summarise the session.

Input: plain text with ``NEGOTIATOR:`` and ``SUBJECT:`` prefixes (a line without a prefix
continues the previous turn), or JSON lines with ``speaker`` and ``text`` fields.

Real after-action transcripts are read as they are usually typed up: a line may start
with a time stamp (``[00:14:05]``, ``(14:05)``, ``00:14:05 -``), a speaker may carry a
name or number (``NEGOTIATOR (Sgt. Kelly):``, ``NEGOTIATOR 2:``), and the common
abbreviations are understood (:data:`SPEAKERS`). A header block at the top (``Date:``,
``Location:``, ``Negotiator: Sgt D. Okafor``) is told from the dialogue
(:func:`file_header`). Page headers, separators and footers (``Page 12``, ``END OF
TRANSCRIPT``) are never words of a turn (:func:`furniture`), a court exhibit's line numbers
are read past (:func:`unnumbered`), and speakers written by name (``DET. RUIZ:``) are
given roles by :func:`assign_roles`, or refused with the fix (:func:`refuse_unroled`).

The pieces are in modules of their own, whose public names are importable from here too:
speaker labels and time stamps (``_transcript_labels``), headers
(``_transcript_header``), page furniture and line numbers (``_transcript_layout``) and
speakers written by name (``_transcript_roles``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from parley.analysis._analyzer import CONTEXT_WINDOW, check_text, code_many
from parley.analysis._corpus import json_object, lines, numbered_lines
from parley.analysis._transcript_header import _SNIFF, _head, file_header, quoted_headers
from parley.analysis._transcript_labels import (
    _LEAD_STAMP,
    _PREFIX,
    SPEAKERS,
    _prefixed,
    _refuse_typo,
    _shouted,
    _titled,
    speaker_of,
)
from parley.analysis._transcript_layout import FOOTER, PAGE, SEPARATOR, furniture, unnumbered
from parley.analysis._transcript_roles import assign_roles, refuse_unroled, unroled_speakers
from parley.analysis._types import Analysis, Analyzer, Speaker, Utterance
from parley.errors import InputError
from parley.techniques import ACTIVE_LISTENING, ERRORS

__all__ = [
    "FOOTER", "HEAD_LINES", "LIKELY", "PAGE", "PAUSE", "SEPARATOR", "SPEAKERS", "STAGES",
    "Summary", "Transcript", "assign_roles", "direction", "file_header", "furniture",
    "is_transcript", "parse_transcript", "quoted_headers", "read_transcript",
    "refuse_unroled", "speaker_of", "summarize", "to_code", "unnumbered",
    "unroled_speakers",
]


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
"""Lines at the top of a file, after its header, that may precede the first speaker."""


def is_transcript(text: str) -> bool:
    """True when ``text`` looks like a transcript.

    One of its first :data:`HEAD_LINES` non-blank lines, not counting the fields of its
    header (:func:`file_header`), opens with a known speaker label, or its first line
    (after any header fields) is JSON with a ``speaker``. Page headers, footers and
    separators (:func:`furniture`) do not count, and a court exhibit's line numbers are
    read past (:func:`unnumbered`).
    """
    rows = [(number, line.strip())
            for number, line in enumerate(lines(unnumbered(text))[:_SNIFF], 1)
            if line.strip()]
    head = file_header(rows, quoted_headers(rows))
    seen = 0
    for k, (_, first) in enumerate(rows):
        if furniture(first):
            continue
        if first.startswith("{"):
            try:
                return seen == 0 and "speaker" in json.loads(first)
            except json.JSONDecodeError:
                return False
        found = _prefixed(first)
        if found is not None and speaker_of(found[0]) is not None:
            return True
        if k >= head or _head(first).kind == "title":
            seen += 1
        if seen >= HEAD_LINES:
            return False
    return False


@dataclass(frozen=True)
class Transcript:
    """A parsed transcript.

    Attributes:
        turns: Negotiator and subject turns, oldest first.
        lines: The file line on which each turn starts (1-based), one per turn.
        not_coded: Other speakers (hostages, third-party intermediaries, notes) and
            header lines -> number of lines they had; they are neither coded nor context.
            The file's header (:func:`file_header`) is one ``"header"`` entry. A turn that
            is only a transcriber note (``[inaudible]``) is listed here as
            ``"SUBJECT [inaudible] at line 9"``, a line of notes only inside a turn as
            ``"(crosstalk) at line 10"``. Page headers, footers and separators
            (:func:`furniture`) are one entry each: ``"page header"``, ``"footer"``,
            ``"separator"``.
    """

    turns: list[Utterance]
    lines: list[int]
    not_coded: dict[str, int]


@dataclass(frozen=True)
class _Said:
    """A turn as typed: its speaker, label, raw text, first line and number of lines."""

    speaker: Speaker
    label: str
    raw: str
    line: int
    lines: int = 1


def read_transcript(text: str, source: str) -> Transcript:
    """Parse a transcript into turns, with where each starts and what was left out.

    Square-bracketed transcriber notes (``[inaudible]``, ``[overlapping]``) are not words
    of the speaker and are removed from the turns. A turn that is only a stage direction
    of silence (``(no response)``, ``[long pause]``) is kept: the negotiator's as typed
    (:func:`summarize` codes it as a pause), the subject's with no words (silence in the
    context); a turn that is only another note is listed in ``not_coded``, and so is a
    line of notes only after someone's words (``(crosstalk)``, ``[transcriber note: line
    drops]``, ``(pause)``), whoever spoke: it is not glued to the turn. A line with only a
    time stamp is skipped. The file's header (:func:`file_header`) is listed as one
    ``"header"`` entry. An email or memo header read out inside a turn is part of that
    turn (:func:`quoted_headers`).

    Page headers and footers, separators, end markers and transcription credits
    (:func:`furniture`) are never words of a turn, wherever they stand: each kind is one
    entry in ``not_coded`` (a page header inside the file's header too), and a turn
    broken by a page header goes on after it. After an end marker or a credit, lines up
    to the next turn are footer as well. A court exhibit's line numbers are left out
    (:func:`unnumbered`).

    Raises:
        InputError: A JSON line without speaker/text or with one that is not a string, a
            misspelt speaker label, a control character, or no negotiator line (named
            speakers without roles are named, see :func:`refuse_unroled`).
    """
    text = unnumbered(text)
    rows = [(int(where.rsplit(":", 1)[1]), where, line)
            for where, line in numbered_lines(text, source)]
    numbered = [(number, line) for number, _, line in rows]
    quoted = quoted_headers(numbered)
    header = {number for number, _ in numbered[:file_header(numbered, quoted)]}
    said: list[_Said] = []
    others: Counter[str] = Counter()
    current: str | None = "header"
    for number, where, line in rows:
        opened = None if number in quoted or number in header else _opening(line, where)
        kind = None if number in quoted or opened and opened[0] else furniture(line)
        if kind == PAGE or kind and number not in header:
            others[kind] += 1
            current = FOOTER if kind == FOOTER else current
            continue
        if opened is None and number not in header and _aside(line, current, said):
            if _LEAD_STAMP.sub("", line):  # not a time stamp alone
                others[f"{' '.join(line.split())} at line {number}"] += 1
            continue
        if current == "header" and opened is not None and _head(line).kind == "field":
            opened = None  # a header field after a blank line: Date is never a speaker
        if opened is None and current is not None:  # a header line, another speaker's
            others[current] += 1
            continue
        if opened is None:
            last = said[-1]
            said[-1] = _Said(last.speaker, last.label, f"{last.raw} {line}", last.line,
                             last.lines + 1)
        elif opened[0] is None:
            current = opened[1]
            others[current] += 1
            continue
        else:
            said.append(_Said(opened[0], opened[1], opened[2], number))
        current = None
        try:
            _check_line(_words(said[-1].raw))
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    turns, starts = _turns(said, others)
    if not any(t.speaker == "negotiator" and t.text.strip() for t in turns):
        refuse_unroled(text, source)
        raise InputError(f"{source}: no NEGOTIATOR lines to code")
    return Transcript(turns, starts, dict(others))


def _aside(line: str, current: str | None, said: Sequence[_Said]) -> bool:
    """True when ``line``, after someone's words, is only notes or only a time stamp.

    Such a line (``[transcriber note: line drops]``, ``(crosstalk)``, ``(pause)`` after
    the negotiator's words) is not words of whoever spoke before it. Lines before the
    first turn, and notes on the line after a bare ``SUBJECT:`` (the turn itself), are
    not asides.
    """
    body = _LEAD_STAMP.sub("", line)
    if current == "header" or body and direction(body) is None:
        return False
    return not body or current is not None or bool(said[-1].raw.strip())


def _opening(line: str, where: str) -> tuple[Speaker | None, str, str] | None:
    """Return (speaker or None for another speaker, label, text) if ``line`` opens a turn."""
    if line.startswith("{"):
        return _json_opening(json_object(line, where), where)
    m = _PREFIX.match(line)
    if m is None:
        return None
    label = m.group("label").strip()
    if who := speaker_of(label):
        return who, label, m.group("text")
    if _shouted(label) or _titled(label):
        _refuse_typo(label, where)
        return None, m.group("who").strip(), ""
    return None


def _json_opening(rec: dict[str, object], where: str) -> tuple[Speaker | None, str, str]:
    """Return (speaker or None, label, text) of a JSON line's ``speaker`` and ``text``.

    Raises:
        InputError: Either is missing or empty, or is not a string (``["subject"]``,
            ``true``, ``3``: a speaker with a number is written ``"NEGOTIATOR 2"``).
    """
    label, said = rec.get("speaker"), rec.get("text")
    for field, value, what in (("speaker", label, "a name (a string)"),
                               ("text", said, "a string")):
        if field in rec and not isinstance(value, str):
            shown = json.dumps(value, ensure_ascii=False)
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            raise InputError(f"{where}: {field!r} must be {what}, not {shown}")
    if not isinstance(label, str) or not label.strip() or not isinstance(said, str):
        raise InputError(f"{where}: needs 'speaker' and 'text'")
    speaker = speaker_of(label)
    if speaker is None:
        _refuse_typo(label, where)
    return speaker, label, said


def _turns(said: list[_Said], others: Counter[str]) -> tuple[list[Utterance], list[int]]:
    """Turn typed turns into utterances; list the note-only ones in ``others``."""
    turns: list[Utterance] = []
    starts: list[int] = []
    for s in said:
        kind = direction(s.raw)
        tidy = " ".join(s.raw.split())
        if kind == "note":
            others[f"{s.label} {tidy} at line {s.line}"] += s.lines
            continue
        if kind == "silence":
            text = tidy if s.speaker == "negotiator" else ""
        else:
            text = _words(s.raw)
        turns.append(Utterance(s.speaker, text))
        starts.append(s.line)
    return turns, starts


_NOTE = re.compile(r"\[[^\[\]]*\]")
_DIRECTIONS = re.compile(r"(?:\s*(?:\[[^\[\]]*\]|\([^()]*\))[\s.,;:!?…-]*)+")
"""A text of bracketed notes only: ``[long pause]``, ``(no response).``, ``[sighs] (pause)``."""
_SILENCE = re.compile(
    r"\b(?:silen(?:ce|t)|pause[sd]?|pausing|quiet|waits?|waiting|beat|dead air|"
    r"unresponsive|says nothing|said nothing|no (?:audible |verbal )?(?:response|reply|"
    r"answer)|(?:does|did)(?: not|n't) (?:respond|reply|answer|speak|say anything))\b",
    re.IGNORECASE)
"""A stage direction of silence, a pause or no reply."""
_UNHEARD = re.compile(r"inaudible|unintelligible|indistinct|cross-?talk|overlapping|garbled|"
                      r"muffled|mumbl|whisper", re.IGNORECASE)
"""A note of words said but not transcribed: not a silence."""


def direction(text: str) -> str | None:
    """Say what a turn of bracketed notes only is: ``"silence"``, ``"note"`` or None.

    ``"silence"``: every note is a stage direction of silence, a pause or no reply
    (``(no response)``, ``[long pause]``, ``(silence 20 s)``). ``"note"``: any other
    bracketed-only text (``[inaudible]``, ``(crosstalk)``). None: the text has words
    outside brackets (or none at all).
    """
    if not text.strip() or not _DIRECTIONS.fullmatch(text):
        return None
    notes = re.findall(r"[\[(]([^\[\]()]*)[\])]", text)
    silent = all(_SILENCE.search(n) and not _UNHEARD.search(n) for n in notes)
    return "silence" if silent else "note"


def _words(text: str) -> str:
    return " ".join(_NOTE.sub(" ", text).split())


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
        stairway: Per third of the negotiator's coded turns, the share of them at each
            BCSM stage; None for a third with no turns (fewer than three coded).
        premature_influence: Turns with problem solving before three listening turns.

    Skill rates, stages and premature influence count findings at :data:`LIKELY` or more.
    """

    coded: list[tuple[int, Analysis]]
    skill_rates: dict[str, float]
    errors: dict[str, list[int]]
    possible_errors: dict[str, list[int]]
    stairway: list[dict[str, float] | None]
    premature_influence: list[int]

    def where(self, found: dict[str, list[int]]) -> list[tuple[str, list[tuple[int, float]]]]:
        """Return ``[(error, [(turn, confidence), ...]), ...]``, by the turn it first came.

        ``found`` is :attr:`errors` or :attr:`possible_errors`; confidences in [0, 1].
        """
        conf = {(n, f.technique): f.confidence for n, a in self.coded for f in a.findings}
        return [(t, [(n, conf[(n, t)]) for n in turns])
                for t, turns in sorted(found.items(), key=lambda kv: kv[1][0])]


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


PAUSE = "..."
"""How an effective pause is typed (DESIGN.md: a line of only ``...``)."""


def _as_coded(u: Utterance) -> Utterance:
    silent = u.speaker == "negotiator" and direction(u.text) == "silence"
    return Utterance(u.speaker, PAUSE) if silent else u


def summarize(turns: Sequence[Utterance], analyzer: Analyzer,
              progress: Callable[[int], None] | None = None) -> Summary:
    """Code every negotiator turn of ``turns`` in context and summarise.

    Each turn is coded with the :data:`CONTEXT_WINDOW` turns before it, as in a session,
    so a transcript of any length reads the same as the session it could have been.
    A negotiator turn that is only a stage direction of silence (``(no response)``) is
    coded as the effective pause :data:`PAUSE`, in its turn and in the context of later
    ones; each analysis keeps the turn's text as transcribed.
    ``progress`` is called with the number of turns coded after each batch.
    """
    numbers = to_code(turns)
    said = [_as_coded(u) for u in turns]
    analyses = code_many(analyzer, [(said[i].text, said[max(0, i - CONTEXT_WINDOW):i])
                                    for i in numbers], progress)
    coded = [(i + 1, replace(a, text=turns[i].text))
             for i, a in zip(numbers, analyses, strict=True)]
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
    stairway: list[dict[str, float] | None] = []
    for part in thirds:
        c = Counter(_stage(a) for _, a in part)
        stairway.append({s: round(c[s] / len(part), 3) for s in STAGES} if part else None)
    premature, listened = [], 0
    for number, a in coded:
        if "problem_solving" in _likely(a) and listened < 3:
            premature.append(number)
        listened += any(t in ACTIVE_LISTENING for t in _likely(a))
    rates = {t: round(skills[t] / n, 3) for t in sorted(skills, key=lambda t: -skills[t])}
    return Summary(coded, rates, errors, possible, stairway, premature)
