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
from dataclasses import dataclass, replace

from parley.analysis._analyzer import CONTEXT_WINDOW, check_text, code_many
from parley.analysis._corpus import json_object, lines, numbered_lines
from parley.analysis._types import Analysis, Analyzer, Speaker, Utterance
from parley.errors import InputError
from parley.techniques import ACTIVE_LISTENING, ERRORS

SPEAKERS: dict[str, Speaker] = {
    "negotiator": "negotiator", "neg": "negotiator", "primary negotiator": "negotiator",
    "secondary negotiator": "negotiator", "crisis negotiator": "negotiator",
    "cnt": "negotiator", "n": "negotiator", "hn": "negotiator", "pn": "negotiator",
    "hostage negotiator": "negotiator",
    "subject": "subject", "subj": "subject", "sub": "subject", "s": "subject",
    "caller": "subject", "hostage taker": "subject",
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
            A turn that is only a transcriber note (``[inaudible]``) is listed here as
            ``"SUBJECT [inaudible] at line 9"``.
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
    context); a turn that is only another note is listed in ``not_coded``. An email or
    memo header read out inside a turn is part of that turn (:func:`quoted_headers`).

    Raises:
        InputError: A JSON line without speaker/text, a misspelt speaker label, a control
            character, or no negotiator line.
    """
    rows = [(int(where.rsplit(":", 1)[1]), where, line)
            for where, line in numbered_lines(text, source)]
    quoted = quoted_headers([(number, line) for number, _, line in rows])
    said: list[_Said] = []
    others: Counter[str] = Counter()
    current: str | None = "header"
    for number, where, line in rows:
        opened = None if number in quoted else _opening(line, where)
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
        raise InputError(f"{source}: no NEGOTIATOR lines to code")
    return Transcript(turns, starts, dict(others))


def _opening(line: str, where: str) -> tuple[Speaker | None, str, str] | None:
    """Return (speaker or None for another speaker, label, text) if ``line`` opens a turn."""
    if line.startswith("{"):
        rec = json_object(line, where)
        label = str(rec.get("speaker", ""))
        if not isinstance(rec.get("text"), str) or not label.strip():
            raise InputError(f"{where}: needs 'speaker' and 'text'")
        speaker = speaker_of(label)
        if speaker is None:
            _refuse_typo(label, where)
        return speaker, label, rec["text"]
    found = _prefixed(line)
    if found and (who := speaker_of(found[0])):
        return who, found[0], found[1]
    if found and (_SHOUTED.match(found[0]) or _TITLE.match(found[0])):
        _refuse_typo(found[0], where)
        return None, line.split(":", 1)[0].strip(), ""
    return None


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


def _refuse_typo(label: str, where: str) -> None:
    typo = _typo_of(label)
    if typo is not None:
        raise InputError(f"{where}: unknown speaker {label!r} (did you mean {typo}?)")


_FIELD = re.compile(r"(?P<label>from|to|sent|date|cc|bcc|subject|subj|re|reply-to|"
                    r"attachments?|importance)\s*:\s*(?P<text>.*)", re.IGNORECASE)
"""An email or memo header line (``From:``, ``Sent:``, ``Subject:``), without time stamp."""
_REPLY = re.compile(r"(?:re|fwd?|aw|wg)\s*:", re.IGNORECASE)
"""How an email's subject opens when it answers or forwards another (``Re: the bus``)."""


def quoted_headers(rows: Sequence[tuple[int, str]]) -> set[int]:
    """Return the file lines, of ``(line, text)`` rows, that are an email or memo header.

    A header is a run of adjacent lines such as ``From:``, ``To:``, ``Sent:``, ``Date:``,
    ``Cc:`` and ``Subject:``; it is part of the turn it is read out in (or of the file's
    header, before the first turn), not a change of speaker. It needs two such lines or
    more. Inside the transcript, a line whose label is also a speaker (``Subject:``)
    belongs to it only if it sits between header lines, opens like an email subject
    (``Re:``, ``Fwd:``), or is written unlike that speaker everywhere else in the file
    (``Subject:`` in a file of ``SUBJECT:`` turns); otherwise it is a turn.
    """
    runs: list[list[tuple[int, str, Speaker | None, str]]] = []
    for number, line in rows:
        if (m := _FIELD.fullmatch(line)) is None:
            continue
        field = (number, m.group("label"), speaker_of(m.group("label")), m.group("text"))
        if runs and runs[-1][-1][0] == number - 1:
            runs[-1].append(field)
        else:
            runs.append([field])
    runs = [run for run in runs if any(who is None for _, _, who, _ in run)]
    labels = _speaker_labels(rows, {number for run in runs for number, *_ in run})
    usual: dict[Speaker, set[str]] = {}
    for who, label in labels.values():
        usual.setdefault(who, set()).add(label)
    first = min(labels, default=0)
    quoted: set[int] = set()
    for run in runs:
        fields = [k for k, (_, _, who, _) in enumerate(run) if who is None]
        header = [k for k, (number, label, who, said) in enumerate(run) if who is None
                  or number < first or fields[0] < k < fields[-1] or _REPLY.match(said)
                  or label not in usual.get(who, {label})]
        if len(header) >= 2:
            quoted |= {run[k][0] for k in header}
    return quoted


def _speaker_labels(rows: Sequence[tuple[int, str]], skip: set[int]
                    ) -> dict[int, tuple[Speaker, str]]:
    """Return line -> (speaker, label as written) for the turn lines not in ``skip``."""
    labels: dict[int, tuple[Speaker, str]] = {}
    for number, line in rows:
        found = None if number in skip else _prefixed(line)
        if found and (who := speaker_of(found[0])):
            labels[number] = (who, found[0])
    return labels


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
