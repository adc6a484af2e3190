"""Whole transcripts: code every negotiator line in context and summarise the session.

Input: plain text with ``NEGOTIATOR:`` and ``SUBJECT:`` prefixes (a line without a prefix
continues the previous turn), JSON lines with a ``speaker`` (or ``role``) and a ``text``
(or ``utterance``) field, or a call log's table (CSV, with commas or semicolons, or
tab-separated, with a speaker and a text column: :func:`table_lines`).

Real after-action transcripts are read as they are usually typed up: a line may start
with a time stamp (``[00:14:05]``, ``(14:05)``, ``00:14:05 -``, ``[2024-03-15 14:02:11]``,
``2:02 PM``), a list number (``1.``) or Markdown bold (``**NEGOTIATOR:**``), a speaker
may carry a name or number (``NEGOTIATOR (Sgt. Kelly):``, ``NEGOTIATOR 2:``, ``CNT-1:``),
and the common abbreviations are understood (:data:`SPEAKERS`). In a file written that
way (:func:`is_transcript`), a role may be followed by a dash, a semicolon, a full stop
or a tab instead of a colon (``NEGOTIATOR — ...``), or stand alone on its line with the
words below it (``14:02:11 Negotiator``; :func:`openings`). A header block at the top
(``Date:``, ``Location:``, ``Negotiator: Sgt D. Okafor``) is told from the dialogue
(:func:`file_header`). Page headers, separators and footers (``Page 12``, ``END OF
TRANSCRIPT``) are never words of a turn (:func:`furniture`), a court exhibit's line numbers
are read past (:func:`unnumbered`), and speakers written by name (``DET. RUIZ:``) are
given roles by :func:`assign_roles`, or refused with the fix (:func:`refuse_unroled`).

The pieces are in modules of their own, whose public names are importable from here too:
speaker labels and time stamps (``_transcript_labels``), headers
(``_transcript_header``), page furniture and line numbers (``_transcript_layout``),
speakers written by name (``_transcript_roles``), transcriber notes and stage directions
(``_transcript_notes``) and the summary of a coded transcript (``_transcript_summary``).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from parley.analysis._analyzer import check_text
from parley.analysis._corpus import json_object, lines, numbered_lines, shown
from parley.analysis._transcript_header import _SNIFF, _head, file_header, quoted_headers
from parley.analysis._transcript_labels import (
    _LEAD_STAMP,
    JSON_SPEAKER,
    JSON_TEXT,
    SPEAKERS,
    Opening,
    _refuse_typo,
    _shouted,
    _titled,
    discourse,
    name_alone,
    opening,
    openings,
    speaker_of,
)
from parley.analysis._transcript_layout import (
    FOOTER,
    PAGE,
    SEPARATOR,
    furniture,
    is_table,
    table_lines,
    unnumbered,
)
from parley.analysis._transcript_notes import direction, words
from parley.analysis._transcript_roles import (
    _shell,
    assign_roles,
    refuse_labelled,
    refuse_unroled,
    unroled_speakers,
)
from parley.analysis._transcript_summary import (
    ERROR_LIKELY,
    LIKELY,
    PAUSE,
    STAGES,
    Summary,
    summarize,
    to_code,
)
from parley.analysis._types import Speaker, Utterance
from parley.errors import InputError

__all__ = [
    "ERROR_LIKELY", "FOOTER", "HEAD_LINES", "LIKELY", "PAGE", "PAUSE", "SEPARATOR",
    "SPEAKERS", "STAGES",
    "Summary", "Transcript", "assign_roles", "direction", "file_header", "furniture",
    "is_transcript", "openings", "parse_transcript", "quoted_headers", "read_transcript",
    "refuse_labelled", "refuse_unroled", "speaker_of", "summarize", "table_lines", "to_code",
    "unnumbered", "unroled_speakers",
]


def _check_line(text: str) -> None:
    check_text(text)
    for ch in text:
        if ch not in "\t\n" and unicodedata.category(ch) in ("Cc", "Cs"):
            raise InputError(f"turn contains a control character (U+{ord(ch):04X})")


HEAD_LINES = 5
"""Lines at the top of a file, after its header, that may precede the first speaker."""
WRITTEN_SHARE = 0.5
"""Share of a file's lines (header and page furniture aside) that its turns must make up
for a layout other than ``ROLE:`` to count (:func:`is_transcript`)."""


def is_transcript(text: str) -> bool:
    """True when ``text`` looks like a transcript.

    One of its first :data:`HEAD_LINES` non-blank lines, not counting the fields of its
    header (:func:`file_header`), opens with a known speaker label and a colon
    (``SUBJECT:``, ``[14:02] NEG:``), or its first line (after any header fields) is JSON
    with a ``speaker`` or ``role``, or the file is a table with a speaker and a text
    column (:func:`is_table`). Page headers, footers and separators (:func:`furniture`)
    do not count, and a court exhibit's line numbers are read past (:func:`unnumbered`).

    The other layouts :func:`openings` reads (a role followed by a dash, a semicolon, a
    full stop or a tab; a role alone on its line with the words below it) count only in a
    file written that way (:func:`_written_so`): a line of a list of utterances may open
    with such a word (``Neg - that's a lot``), or have it as its heading (``Negotiator``).
    """
    if is_table(text):
        return True
    rows = [(number, line.strip())
            for number, line in enumerate(lines(unnumbered(text))[:_SNIFF], 1)
            if line.strip()]
    head = file_header(rows, quoted_headers(rows))
    seen = 0
    for k, (_, first) in enumerate(rows):
        if furniture(first):
            continue
        if first.startswith("{"):
            rec = _json_value(first)
            return seen == 0 and isinstance(rec, dict) and any(f in rec for f in JSON_SPEAKER)
        found = opening(first)
        if found is not None and found.speaker is not None and found.form == "colon":
            return True
        if k >= head or _head(first).kind == "title":
            seen += 1
        if seen >= HEAD_LINES:
            break
    return _written_so(rows, head)


def _json_value(line: str) -> object:
    """The JSON value ``line`` holds; None when it is not JSON (or nested too deeply)."""
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _written_so(rows: Sequence[tuple[int, str]], head: int) -> bool:
    """True when ``rows`` are written in a layout other than ``ROLE:``, from the top.

    Such a file has lines opening with a role followed by a dash, a semicolon, a full stop
    or a tab, or with a role alone on its line, for both a negotiator and a subject; one of
    them among the first :data:`HEAD_LINES` lines after the header, and the turns they open
    making up :data:`WRITTEN_SHARE` or more of the lines (a role alone on its line with the
    lines of words below it, up to a blank line or the next turn), header, page furniture
    and anything after the first ``ROLE:`` turn aside.
    """
    body = [(number, line) for number, line in rows[head:] if not furniture(line)]
    said: list[tuple[int, Opening]] = []  # (index into body, the role's opening)
    other: set[int] = set()  # lines that open some other turn
    for k, (_, line) in enumerate(body):
        o = opening(line)
        if o is not None and o.speaker is not None and o.form == "colon":
            body = body[:k]
            break
        if o is not None and o.speaker is not None:
            said.append((k, o))
        elif o is not None:
            other.add(k)
    roles = {o.speaker for _, o in said}
    if not said or said[0][0] >= HEAD_LINES or roles != {"negotiator", "subject"}:
        return False
    starts = {k for k, _ in said} | other
    covered = 0
    for k, o in said:
        end = k + 1
        while o.form == "alone" and end < len(body) and end not in starts and (
                end == k + 1 or body[end][0] == body[end - 1][0] + 1):
            end += 1  # the words below a role alone on its line, up to a blank line
        covered += end - k
    return covered >= WRITTEN_SHARE * len(body)


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
            ``"(crosstalk) at line 10"``, a negotiator's role with no words after it as
            ``"Negotiator (no words) at line 5"``. Page headers, footers and separators
            (:func:`furniture`) are one entry each: ``"page header"``, ``"footer"``,
            ``"separator"``.
        speakers: The speaker of each turn as the file writes it, one per turn, without
            the time stamp and with spaces evened out (``NEGOTIATOR 1 (Det. Hale)``,
            ``CNT-2``, a JSON line's ``speaker``); empty for a transcript built by hand.
    """

    turns: list[Utterance]
    lines: list[int]
    not_coded: dict[str, int]
    speakers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Said:
    """A turn as typed: its speaker, label as written, raw text, first line, lines."""

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
    to the next turn are footer as well; after a separator that follows a turn, they are
    counted with the separator (a reporter's name under ``* * *`` is not the subject's).
    A court exhibit's line numbers are left out (:func:`unnumbered`), and a call log's
    table is read by its speaker and text columns (:func:`table_lines`).

    A role written alone on its line (``14:02:11 Negotiator``, ``NEGOTIATOR``) opens a turn
    whose words are the lines after it; in a file written that way (two such lines or
    more), another speaker alone on a time-stamped line, or in capitals after a blank
    line, opens another speaker's turn, if it reads as a name (:func:`name_alone`: three
    words at most and no full stop; ``DALE.`` or ``GET AWAY FROM THE DOOR`` alone on a
    line is shouted words of the turn). A negotiator's role with no words after it (the
    last line of a file) is listed in ``not_coded``. Likewise, in a file whose roles are
    followed by a dash or a tab, another speaker in capitals followed by the same is
    another speaker. A word of speech before a colon (``Listen: that's a real offer``:
    :func:`discourse`) is words of the turn, unless the file writes it as a speaker
    elsewhere (time-stamped or alone on its line).

    Raises:
        InputError: A JSON line without speaker/text or with one that is not a string, a
            CSV row that cannot be read, a misspelt speaker label, a control character,
            or no negotiator line (named speakers without roles are named, see
            :func:`refuse_unroled`; otherwise the speakers found are named, with the
            ``--negotiator`` option that says which of them is the negotiator).
    """
    text = unnumbered(table_lines(text, source))
    rows = [(int(where.rsplit(":", 1)[1]), where, line)
            for where, line in numbered_lines(text, source)]
    numbered = [(number, line) for number, _, line in rows]
    quoted = quoted_headers(numbered)
    header = {number for number, _ in numbered[:file_header(numbered, quoted)]}
    layout = _layout(numbered)
    said: list[_Said] = []
    others: Counter[str] = Counter()
    spoken: dict[str, Speaker | None] = {}  # speakers as written, in the order they speak
    current: str | None = "header"
    before = -1
    for number, where, line in rows:
        fresh, before = number > before + 1, number
        opened = (None if number in quoted or number in header
                  else _opening(line, where, layout, fresh))
        kind = None if number in quoted or opened and opened[0] else furniture(line)
        if kind == PAGE or kind and number not in header:
            others[kind] += 1
            current = (FOOTER if kind == FOOTER
                       else SEPARATOR if kind == SEPARATOR and current is None else current)
            continue
        if opened is None and number not in header and _aside(line, current, said):
            if _LEAD_STAMP.sub("", line):  # not a time stamp alone
                others[f"{' '.join(line.split())} at line {number}"] += 1
            continue
        if current == "header" and opened is not None and _head(line).kind == "field":
            opened = None  # a header field after a blank line: Date is never a speaker
        if opened is not None:
            spoken.setdefault(opened[1], opened[0])
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
            _check_line(words(said[-1].raw))
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    turns, starts, speakers = _turns(said, others)
    if not any(t.speaker == "negotiator" and t.text.strip() for t in turns):
        refuse_unroled(text, source)
        raise InputError(_no_negotiator(source, spoken))
    return Transcript(turns, starts, dict(others), speakers)


def _no_negotiator(source: str, spoken: dict[str, Speaker | None]) -> str:
    """The message for a transcript without negotiator lines: the speakers, and the fix."""
    if not spoken:
        return f"{source}: no NEGOTIATOR lines to code"
    unknown = [who for who, speaker in spoken.items() if speaker is None]
    example = f" (e.g. --negotiator {_shell(unknown[0])})" if unknown else ""
    return (f"{source}: no NEGOTIATOR lines to code; the speakers are "
            f"{', '.join(map(shown, spoken))}; if one of them is the negotiator, say so "
            f"with --negotiator LABEL{example}")


@dataclass(frozen=True)
class _Layout:
    """How a file writes its turns besides ``LABEL: words`` (see :func:`read_transcript`).

    ``alone``: roles stand alone on their line (two lines or more); ``separators``: the
    separators written after a role on two lines or more (``"dash"``, ``"tab"``...);
    ``speaking``: words of speech (:func:`discourse`) the file writes as speakers.
    """

    alone: bool
    separators: frozenset[str]
    speaking: frozenset[str]


def _layout(rows: Sequence[tuple[int, str]]) -> _Layout:
    forms: Counter[str] = Counter()
    speaking = set()
    for _, line in rows:
        o = opening(line)
        if o is None:
            continue
        if o.speaker is not None:
            forms[o.separator or o.form] += 1
        elif discourse(o.label) and (o.stamped or not o.text.strip()):
            speaking.add(o.label.lower())
    separators = frozenset(k for k, n in forms.items()
                           if n >= 2 and k not in ("colon", "alone", "."))
    return _Layout(forms["alone"] >= 2, separators, frozenset(speaking))


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


def _opening(line: str, where: str, layout: _Layout, fresh: bool
             ) -> tuple[Speaker | None, str, str] | None:
    """Return (speaker or None for another speaker, who as written, text) or None.

    None when ``line`` opens no turn; ``fresh``: a blank line (or nothing) comes before it.
    """
    if line.startswith("{"):
        return _json_opening(json_object(line, where), where)
    for o in openings(line):
        if o.speaker is not None:
            return o.speaker, o.who, o.text
        if discourse(o.label) and o.label.lower() not in layout.speaking:
            return None
        if _another(o, layout, fresh):
            _refuse_typo(o.label, where)
            return None, o.who, ""
    return None


def _another(o: Opening, layout: _Layout, fresh: bool) -> bool:
    """True when ``o``, a label that is not a role, opens another speaker's turn."""
    named = _shouted(o.label) or _titled(o.label)
    if o.form == "colon":
        return named
    if o.form == "separator":
        return o.separator in layout.separators and (
            _shouted(o.label) or o.stamped and named)
    return layout.alone and name_alone(o) and (o.stamped and named
                                               or _shouted(o.label) and fresh)


def _json_opening(rec: dict[str, object], where: str) -> tuple[Speaker | None, str, str]:
    """Return (speaker or None, who as written, text) of a JSON line.

    The speaker is the ``speaker``, ``role`` or ``speaker_role`` field (the first that
    names a known role, :data:`SPEAKERS`; as written, the ``speaker`` field comes first),
    the words the ``text`` or ``utterance`` field.

    Raises:
        InputError: Either is missing or empty, or is not a string (``["subject"]``,
            ``true``, ``3``: a speaker with a number is written ``"NEGOTIATOR 2"``).
    """
    said_field = next((k for k in JSON_TEXT if k in rec), JSON_TEXT[0])
    fields = [k for k in JSON_SPEAKER if k in rec]
    for name in (*fields, said_field):
        value = rec.get(name)
        if name in rec and not isinstance(value, str):
            what = "a string" if name == said_field else "a name (a string)"
            written = shown(json.dumps(value, ensure_ascii=False))
            written = written if len(written) <= 40 else written[:37] + "..."
            raise InputError(f"{where}: {name!r} must be {what}, not {written}")
    named = [str(rec[k]) for k in fields if str(rec[k]).strip()]
    said = rec.get(said_field)
    if not named or not isinstance(said, str):
        raise InputError(f"{where}: needs 'speaker' (or 'role') and 'text' (or 'utterance')")
    speaker = next((who for who in map(speaker_of, named) if who), None)
    if speaker is None:
        _refuse_typo(named[0], where)
    return speaker, " ".join(named[0].split()), said


def _turns(said: list[_Said], others: Counter[str]
           ) -> tuple[list[Utterance], list[int], list[str]]:
    """Turn typed turns into utterances, their lines and speakers as written.

    The turns of notes only, and the negotiator's turns with no words at all (a role
    line at the end of a file), are listed in ``others`` instead.
    """
    turns: list[Utterance] = []
    starts: list[int] = []
    speakers: list[str] = []
    for s in said:
        kind = direction(s.raw)
        tidy = " ".join(s.raw.split())
        if kind == "note":
            others[f"{s.label} {tidy} at line {s.line}"] += s.lines
            continue
        if kind == "silence":
            text = tidy if s.speaker == "negotiator" else ""
        else:
            text = words(s.raw)
        if not text and s.speaker == "negotiator":  # a role with no words after it
            others[f"{s.label} (no words) at line {s.line}"] += s.lines
            continue
        turns.append(Utterance(s.speaker, text))
        starts.append(s.line)
        speakers.append(s.label)
    return turns, starts, speakers


def parse_transcript(text: str, source: str) -> list[Utterance]:
    """Parse a transcript into its negotiator and subject turns, oldest first.

    Raises:
        InputError: As :func:`read_transcript`.
    """
    return read_transcript(text, source).turns
