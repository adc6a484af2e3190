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
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

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
    # Russian and Kazakh transcripts (the analysis codes both languages).
    "переговорщик": "negotiator", "переговорщица": "negotiator", "п": "negotiator",
    "субъект": "subject", "объект": "subject", "захватчик": "subject",
    "преступник": "subject", "подозреваемый": "subject", "абонент": "subject",
    "с": "subject",
    "келіссөзші": "negotiator", "келіссөз жүргізуші": "negotiator",
    "күдікті": "subject", "қылмыскер": "subject",
}
"""Speaker labels understood (any case) and whose turn they are."""
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?"
_STAMP = rf"(?:[\[(]\s*{_CLOCK}\s*[\])]|{_CLOCK})"
_LEAD_STAMP = re.compile(rf"^\s*{_STAMP}\s*[-–—]?\s*")
"""A time stamp opening a line, with the dash that may follow it."""
_PREFIX = re.compile(
    rf"^\s*(?:{_STAMP}\s*[-–—]?\s*)?(?P<who>(?P<label>[^\W\d_][\w'’ .-]{{0,30}}?)"
    r"(?:\s*#?\d{1,2})?(?:\s*\([^()]{0,60}\))?)\s*:\s*(?P<text>.*)$")
"""A time stamp (optional), a speaker label, an optional number or (name), a colon.

``who`` is the speaker as written without the time stamp (``Sister (TPI)``, ``HOSTAGE 2``,
``DET. RUIZ``); whether a dot may stand in a label is :func:`_words_of_label`'s to say."""
_NAME = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBER = re.compile(r"\s*#?\d{1,2}\s*$")


_ABBREVIATIONS = frozenset(
    "det sgt lt cpl ofc off insp capt cpt cmdr cdr maj col gen dr mr mrs ms mx jr sr st "
    "agt supt const pc dc ds di dci sa ssa tpr tfc dep".split())
"""Ranks and titles written with a dot in a speaker's name (``DET. RUIZ``, ``Sgt. Kelly``)."""


def _words_of_label(label: str) -> list[str] | None:
    """Return the words of ``label`` without the dots of its abbreviations and initials.

    None when a dot ends anything else (``Okay. Listen`` is speech, not a speaker).
    """
    words = label.split(" ")
    for k, w in enumerate(words):
        if w.endswith(".") and len(w) > 1:
            w = w[:-1]
            if len(w) > 1 and w.lower() not in _ABBREVIATIONS:
                return None
            words[k] = w
    return words


def _shouted(label: str) -> bool:
    """An upper-case label in any script: HOSTAGE, UNKNOWN MALE, ЗАЛОЖНИЦА, DET. RUIZ."""
    words = _words_of_label(label)
    bare = " ".join(words or [])
    return (words is not None and 3 <= len(label) <= 31 and bare[:1].isalpha()
            and bare.isupper() and all(ch.isalpha() or ch in " '’-" for ch in bare))


def speaker_of(label: str) -> Speaker | None:
    """Return whose turn a speaker label marks (``None`` if it is not one we know).

    An abbreviation may end with a dot (``NEG.``, ``S.``).
    """
    key = _NUMBER.sub("", _NAME.sub("", label))
    return SPEAKERS.get(" ".join(w.removesuffix(".") for w in key.lower().split()))


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
"""Lines at the top of a file, after its header, that may precede the first speaker."""
_SNIFF = 400
"""Lines of a file read to tell whether it is a transcript."""


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


def _titled(label: str) -> bool:
    """A capitalised label of up to three words in any script (Sister, Сестра, Det. Ruiz)."""
    words = _words_of_label(label)
    return words is not None and len(words) <= 3 and all(
        w and w[0].isupper() and all(ch.isalnum() or ch in "'’-" for ch in w) for w in words)


def _typo_of(label: str) -> str | None:
    """Return the known label ``label`` looks like a misspelling of (NEGOTATOR), if any."""
    near = difflib.get_close_matches(label.lower(), [k for k in SPEAKERS if len(k) > 3],
                                     n=1, cutoff=0.8)
    return near[0].upper() if near else None


_HEAD_WORDS = frozenset(
    "date day time location place address venue scene site case incident event operation "
    "file ref reference no number report type category duration length start started end "
    "ended transcribed transcriber transcript transcription recorded recording prepared "
    "reviewed typed by agency unit department dept force division district precinct "
    "station team officer officers commander present attending persons participants source "
    "tape audio page classification outcome resolution summary title note notes hostages "
    "weapon weapons language phone channel status priority from to cc bcc sent re attn"
    .split())
"""Words that open or end the name of a header field (``Date``, ``Case no``,
``Transcribed by``, ``Persons present``); such a field is never a speaker."""
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?"
                   rf"\s+{_MONTH}|\b{_MONTH}\s+\d{{1,2}}\b|^{_CLOCK}\b", re.IGNORECASE)
"""A date or a clock time as a header value (``13 July 2024``, ``07/13/24``, ``21:04``)."""
_SPEECH = re.compile(
    r"[?!]|\b(?:i\b(?!\.)|me|my|mine|myself|we|us|our|you|your|yours|ya|let['’]s)\b|"
    r"\w(?:n['’]t|['’](?:m|re|ll|ve|d))\b|\b(?:it|that|there|what|he|she|who|here)['’]s\b|"
    r"^\W*(?:hello|hi|hey|okay|ok|yes|yeah|yep|please|listen|oh|uh|um|hmm|sorry|thanks|"
    r"thank)\b", re.IGNORECASE)
"""Marks of speech, not of a name or a description: a question or exclamation, I or you,
a contraction, a greeting."""
_SAID_WORDS = 12
"""A value longer than this many words is speech."""
_PARTICLES = frozenset("de da di du van von der den la le al bin ben of and".split())
_INITIAL_END = re.compile(r"(?:\b[A-Z]|\bJr|\bSr)\.$")


def _speech(text: str) -> bool:
    return bool(_SPEECH.search(text)) or len(text.split()) > _SAID_WORDS


def _name_like(text: str) -> bool:
    """True when ``text`` reads as a name, not speech (``Sgt D. Okafor``, ``Mark Hale, 41``)."""
    bare = re.sub(r"\([^()]*\)", " ", text).strip()
    words = bare.replace(",", " ").split()
    if not words or len(words) > 8 or _speech(bare):
        return False
    if bare.endswith((".", "…")) and not _INITIAL_END.search(bare):
        return False
    return all(not w[0].isalpha() or w[0].isupper() or w.lower() in _PARTICLES
               for w in words)


@dataclass(frozen=True)
class _Head:
    """A line at the top of a file, as a header would read it.

    ``kind``: ``"title"`` (no label: ``Case 24-0713``), ``"field"`` (``Date: ...``, or a
    line of a quoted email header), ``"speaker"`` (``Negotiator: ...``), ``"other"``
    (another label: ``Interpreter: ...``, ``HOSTAGE: ...``) or ``"dialogue"`` (time
    stamped, or a JSON line).
    """

    kind: str
    who: str = ""
    label: str = ""
    text: str = ""


def _head(line: str) -> _Head:
    if line.startswith("{") or _LEAD_STAMP.match(line):
        return _Head("dialogue")
    m = _PREFIX.match(line)
    if m is None:
        return _Head("title")
    label, text = m.group("label").strip(), m.group("text")
    head = _Head("", " ".join(m.group("who").split()), label, text)
    words = label.lower().split()
    if speaker_of(label):
        return replace(head, kind="speaker")
    if {words[0], words[-1]} & _HEAD_WORDS or _DATE.search(text):
        return replace(head, kind="field")
    if _shouted(label) or _titled(label):
        return replace(head, kind="other")
    return _Head("title")


def file_header(rows: Sequence[tuple[int, str]], quoted: Collection[int] = ()) -> int:
    """Return how many of the first ``rows`` are the file's header, not dialogue.

    ``rows`` are the file's non-blank ``(line, text)`` pairs in order (a gap in the line
    numbers is a blank line); ``quoted`` the lines of an email or memo header
    (:func:`quoted_headers`), which count as header fields.

    A header is a block of ``Field: value`` lines and title lines at the top. Once a field
    that is never a speaker has come (``Date``, ``Location``, ``Case no``, ``Transcribed
    by``, any field valued with a date), every labelled line is a header field
    (``Subject: male, 30s``, ``Interpreter: Ms Aydin``). A speaker-named field whose value
    reads as a name, not speech (``Negotiator: Sgt D. Okafor``), is one too when such a
    field is anywhere in its block, or a title line comes before it and a blank line or
    another label style (``N:`` after ``Negotiator:``) sets it apart from the dialogue,
    or both of those do. The header ends at the first blank line after a block with
    fields (a double-spaced header, one field a block, runs on) or at the first line that
    is clearly dialogue: a time stamp, speech (:data:`_SPEECH`, or more than
    :data:`_SAID_WORDS` words), or a speaker named a second time. A file whose first line
    is a real turn has no header.
    """
    heads = [_Head("field") if number in quoted else _head(line) for number, line in rows]
    spoken = [(k, h.label) for k, h in enumerate(heads) if h.kind == "speaker"]
    named: set[tuple[str, str, str]] = set()  # (speaker, as written, label) in the header
    taken, carried = 0, False
    for start, end in _blocks(rows):
        block = heads[start:start + _dialogue_from(heads[start:end], named)]
        apart = end < len(rows)
        after = end if apart else start + len(block)
        later = ({label for k, label in spoken if k >= after}
                 if any(h.kind == "speaker" for h in block) else set())
        cut, carried = _header_lines(block, carried, later, apart)
        named |= {_named(h) for h in block[:cut] if h.kind in ("speaker", "other")}
        taken = start + cut
        if cut < end - start or end - start > 1 and any(h.kind != "title"
                                                        for h in heads[start:end]):
            return taken
    return taken


def _named(h: _Head) -> tuple[str, str, str]:
    return speaker_of(h.label) or h.who, h.who, h.label


def _dialogue_from(block: Sequence[_Head], named: set[tuple[str, str, str]]) -> int:
    """Return where ``block`` turns clearly to dialogue (its length if it does not).

    ``named`` holds the speakers named in the header so far (:func:`_named`). Dialogue is
    a time stamp, speech, or a speaker named again, the same way or by another label
    (``N:`` after ``Negotiator:``).
    """
    seen = set(named)
    for k, h in enumerate(block):
        if h.kind == "dialogue":
            return k
        if h.kind in ("speaker", "other"):
            key, who, label = _named(h)
            if _speech(h.text) or any(w == who or s == key and lab != label
                                      for s, w, lab in seen):
                return k
            seen.add((key, who, label))
    return len(block)


def _header_lines(block: Sequence[_Head], fields: bool, later: set[str], apart: bool
                  ) -> tuple[int, bool]:
    """Return how many lines of ``block`` are header, and whether a field was among them.

    ``fields``: a header field came before the block; ``later``: the labels the dialogue
    is written with; ``apart``: a blank line sets the block apart from the rest.
    """
    fielded = any(h.kind == "field" for h in block)
    titled = False
    for k, h in enumerate(block):
        named = h.kind == "speaker" and _name_like(h.text) and (
            fielded or titled and apart or h.label not in later and (titled or apart))
        if not (h.kind in ("field", "title") or fields or named):
            return k, fields
        fields = fields or h.kind == "field"
        titled = titled or h.kind == "title"
    return len(block), fields


def _blocks(rows: Sequence[tuple[int, str]]) -> list[tuple[int, int]]:
    """Return (start, end) indices of ``rows`` for each run of lines without a blank one."""
    if not rows:
        return []
    starts = [k for k in range(len(rows)) if k == 0 or rows[k][0] != rows[k - 1][0] + 1]
    return list(zip(starts, [*starts[1:], len(rows)], strict=True))


PAGE = "page header"
FOOTER = "footer"
SEPARATOR = "separator"
"""Kinds of line never words of a turn (:func:`furniture`), as ``not_coded`` lists them."""
_DECOR = "-–—=*_~#<>()[]{}|•· \t.:;,"
_RULE = re.compile(r"(?:[-–—=*_~#•·]\s*){3,}")
"""A line of only dashes, equals signs, asterisks or the like (not dots: ``...`` is a pause)."""
_APART = r"(?:\s{3,}|\t|\s+[-–—|•·]\s+)"
_PAGE = re.compile(
    rf"(?:(?P<before>.*?){_APART})?(?:(?:page|pg\.?|p\.)\s*:?\s*\d{{1,4}}"
    rf"(?:\s*(?:of|/)\s*\d{{1,4}})?|[-–—]\s*\d{{1,4}}\s*[-–—])(?:{_APART}(?P<after>.*))?",
    re.IGNORECASE)
"""A page header or footer: ``Page 12``, ``Page 3 of 10``, ``- 12 -``, or such a number set
apart by wide space or a bar from a short title (``STATE v. TOLAN      Page 12``)."""
_WHAT_ENDS = (r"(?:transcript(?:ion)?|recording|tape|call|audio|excerpt|interview|"
              r"conversation|negotiation|incident|session|file|document|exhibit|record|"
              r"page|side\s+\w)")
_END = re.compile(
    rf"(?:(?:the\s+)?end(?:\s+of(?:\s+the)?(?:\s+[\w-]+)?\s+{_WHAT_ENDS})?|"
    rf"{_WHAT_ENDS}\s+(?:ends|ended|concluded|terminated|stops|stopped|completed?))\b"
    r"(?P<rest>.*)", re.IGNORECASE)
"""The end of a transcript: ``END OF TRANSCRIPT``, ``- END -``, ``*** End of recording
***``, ``Recording ends 22:14``."""
_CREDIT = re.compile(
    r"(?:(?:transcri\w*|typed|prepared|certified|reviewed|proof-?read|checked|verified|"
    r"approved)(?:\s+[\w-]+){0,2}?\s+by\b|(?:transcri(?:ber|ptionist)|court\s+reporter|"
    r"stenographer|typist)s?\s*:|certified\s+(?:as\s+)?(?:an?\s+)?(?:(?:true|correct|"
    r"accurate|complete|and)\s+)+(?:copy|transcript(?:ion)?|record)\b|"
    r"certificat(?:e|ion)\s+of\s+\w+)(?P<rest>.*)", re.IGNORECASE)
"""A transcription or certification credit: ``Transcribed by J. Ortiz, 03/15/2023``,
``Transcriber: J. Ortiz``, ``Certified true copy``."""
_CERTIFY = re.compile(r"i\b(?:,[^,]{1,80},)?\s+(?:do\s+)?(?:hereby\s+)?certify\b",
                      re.IGNORECASE)
"""A transcriber's certificate: ``I, J. Ortiz, hereby certify that the foregoing...``."""
_SHORT = 8
"""Words a page header's title, or what follows an upper-case end marker, may have."""
_WHEN = re.compile(rf"{_DATE.pattern}|{_CLOCK}|\b(?:at|on|hrs|[ap]\.?m)\b", re.IGNORECASE)


def _aside_words(text: str | None) -> bool:
    """True when ``text`` (what stands by a page number or end marker) is not speech."""
    return not text or not _speech(text) and len(text.split()) <= _SHORT


def _when(text: str) -> bool:
    """True when ``text`` is only a date or time (``at 22:14``, ``03/15/2023``), or empty."""
    return not re.search(r"[^\W\d_]", _WHEN.sub(" ", text))


def furniture(line: str) -> str | None:
    """Say what a line that is never words of a turn is, if it is one.

    :data:`PAGE` (a page header or footer with a page number), :data:`FOOTER` (an end
    marker such as ``END OF TRANSCRIPT`` or ``- END -``, or a transcription or
    certification credit), :data:`SEPARATOR` (a line of only dashes, asterisks or equals
    signs), or None. An end marker or credit opening with a lower-case letter and not
    set off by dashes or brackets is words (a wrapped line: ``end of the call``); so is
    an end marker followed by more than a date or time, unless it is set off or in
    capitals (``Call ended after a minute``), and a credit to anything but a name.
    """
    line = line.strip()
    if _RULE.fullmatch(line):
        return SEPARATOR
    if (m := _PAGE.fullmatch(line)) and all(map(_aside_words, m.group("before", "after"))):
        return PAGE
    core = line.strip(_DECOR)
    if not core or core[0].islower() and core == line.rstrip(".:;,"):
        return None
    if _CERTIFY.match(core):
        return FOOTER
    if m := _END.match(core):
        rest = m.group("rest").strip(_DECOR)
        set_off = core != line.rstrip(".:;,") or core.isupper()
        return FOOTER if _when(rest) or set_off and _aside_words(rest) else None
    if m := _CREDIT.match(core):
        rest = " ".join(_WHEN.sub(" ", m.group("rest")).strip(_DECOR).split())
        return FOOTER if not rest or _name_like(rest.strip(",;")) else None
    return None


_LINE_NUMBER = re.compile(r"^\s*(\d{1,2})(?:\s+|$)")
"""A court exhibit's line number: one or two digits, then space (or nothing: a blank line)."""
_RUNNING = 0.8
"""Share of a file's line numbers that must run on (one up, or back to 1 on a new page)."""


def unnumbered(text: str) -> str:
    """Return ``text`` without the line numbers of a court exhibit, if it has them.

    They are stripped when most non-blank lines (page headers and separators aside, see
    :func:`furniture`) open with a number of one or two digits and whitespace, and the
    numbers run through the file: each is 1 (a new page) or one more than the last,
    counting the blank lines between (:data:`_RUNNING` of them at least). A transcript
    whose turns start with a number (``12 hours, Dale.``) keeps it. The lines stay where
    they are, so line numbers in messages are still the file's.
    """
    rows = lines(text)
    counted, numbers = 0, []
    for k, line in enumerate(rows):
        if not line.strip() or furniture(line) in (PAGE, SEPARATOR):
            continue
        counted += 1
        if m := _LINE_NUMBER.match(line):
            numbers.append((k, int(m.group(1))))
    steps = list(pairwise(numbers))
    running = sum(n == 1 or last < n <= last + k - before
                  for (before, last), (k, n) in steps)
    if len(numbers) < 3 or 2 * len(numbers) <= counted or running < _RUNNING * len(steps):
        return text
    at = {k for k, _ in numbers}
    return "\n".join(_LINE_NUMBER.sub("", line, count=1) if k in at else line
                     for k, line in enumerate(rows))


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


def _label_of(line: str) -> str | None:
    """Return the speaker a line opens with, as written (a JSON line's ``speaker``)."""
    if line.startswith("{"):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            return None
        label = rec.get("speaker") if isinstance(rec, dict) else None
        return " ".join(label.split()) if isinstance(label, str) and label.strip() else None
    m = _PREFIX.match(line)
    return " ".join(m.group("label").split()) if m else None


def _a_name(label: str) -> bool:
    """True when ``label`` reads as a speaker's name (``DET. RUIZ``, ``Hale``), not a field."""
    words = label.lower().split()
    return not {words[0], words[-1]} & _HEAD_WORDS and (
        _shouted(label) or _titled(label) and not _speech(label))


def unroled_speakers(text: str, source: str) -> list[str]:
    """Return the speakers of a dialogue written with names instead of roles, if it is one.

    Such a file (``DET. RUIZ: ...`` / ``HALE: ...``) has no known speaker label
    (:data:`SPEAKERS`) after its header, and more than half of its other lines (page
    furniture aside, :func:`furniture`) open with a name in capitals, or a capitalised
    name that is not a word of speech, two of them at least taking turns (the speaker
    changes twice or more). The names are given as first written, in the order they first
    speak; for any other file the list is empty.

    Raises:
        InputError: A label that is a misspelt role (``NEGOTATOR``), with its line.
    """
    rows = [(number, line.strip())
            for number, line in enumerate(lines(unnumbered(text))[:_SNIFF], 1)
            if line.strip() and not furniture(line)]
    rows = rows[file_header(rows, quoted_headers(rows)):]
    said: list[str] = []
    for number, line in rows:
        label = _label_of(line)
        if label is None:
            continue
        if speaker_of(label):
            return []
        if _a_name(label):
            _refuse_typo(label, f"{source}:{number}")
            said.append(label)
    changes = sum(a.lower() != b.lower() for a, b in pairwise(said))
    if 2 * len(said) <= len(rows) or changes < 2:
        return []
    first: dict[str, str] = {}
    for label in said:
        first.setdefault(label.lower(), label)
    return list(first.values())


_RANKS = frozenset(
    "det detective sgt sergeant lt lieutenant cpl corporal ofc officer capt captain insp "
    "inspector agt agent sa ssa tpr trooper dep deputy const constable pc dc ds di dci "
    "negotiator".split())
"""Words that open a police officer's name (``DET. RUIZ``): the likely negotiator."""


def refuse_unroled(text: str, source: str) -> None:
    """Refuse a dialogue between named speakers (:func:`unroled_speakers`), saying the fix.

    The message names the speakers and the options that say who is who (``--negotiator
    "DET. RUIZ" --subject HALE``); the negotiator suggested is the one speaker whose name
    opens with a rank (``DET.``, ``Sgt``), else the first to speak.

    Raises:
        InputError: ``text`` is such a dialogue, or has a misspelt role label.
    """
    found = unroled_speakers(text, source)
    if not found:
        return
    ranked = [label for label in found if label.split()[0].rstrip(".").lower() in _RANKS]
    negotiator = ranked[0] if len(ranked) == 1 else found[0]
    subject = next(label for label in found if label != negotiator)
    raise InputError(
        f"{source}: speakers {', '.join(found)} are not roles; say who is who: "
        f"--negotiator {_shell(negotiator)} --subject {_shell(subject)} (or write "
        f"NEGOTIATOR ({_plain_name(negotiator)}): / SUBJECT ({_plain_name(subject)}):)")


def _shell(name: str) -> str:
    return name if re.fullmatch(r"[\w-]+", name) else f'"{name}"'


def _plain_name(label: str) -> str:
    """``DET. RUIZ`` -> ``Ruiz``: a label without its rank, capitalised as a name."""
    words = [w for w in label.split() if w.rstrip(".").lower() not in _RANKS] or label.split()
    name = " ".join(words)
    return name.title() if name.isupper() else name


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def assign_roles(text: str, source: str, roles: Mapping[str, Speaker]) -> str:
    """Return ``text`` with each named speaker's role written before the name.

    ``roles`` maps speakers' names as the file writes them (any case, dots and spaces as
    written: ``DET. RUIZ``, ``hale``) to ``"negotiator"`` or ``"subject"``. A line
    ``DET. RUIZ: ...`` becomes ``NEGOTIATOR (DET. RUIZ): ...``, as a transcriber could
    have typed it, and a JSON line's ``speaker`` likewise; a name with a number or a
    name of its own (``RUIZ 2``, ``RUIZ (primary)``) is matched by its name alone too.
    Other speakers are left as they are (:func:`read_transcript` lists them). The lines
    stay where they are; a court exhibit's line numbers are left out (:func:`unnumbered`).

    Raises:
        InputError: A name that no line of the file is spoken by (the speakers found are
            named).
    """
    wanted = {_key(name): who for name, who in roles.items()}
    rows = lines(unnumbered(text))
    used: set[str] = set()
    found: dict[str, str] = {}
    for k, line in enumerate(rows):
        label = _label_of(line.strip())
        if label is None or not (speaker_of(label) or _a_name(label) or _key(label) in wanted):
            continue
        found.setdefault(_key(label), label)
        rows[k] = _with_role(line, wanted, used)
    missing = [name for name in roles if _key(name) not in used]
    if missing:
        raise InputError(f"{source}: no line is spoken by {', '.join(map(repr, missing))}; "
                         f"the speakers are {', '.join(found.values()) or 'none'}")
    return "\n".join(rows)


def _with_role(line: str, wanted: Mapping[str, Speaker], used: set[str]) -> str:
    """Return ``line`` with the role of its speaker, if ``wanted`` names it, written in."""
    stripped = line.strip()
    if stripped.startswith("{"):
        rec = json.loads(stripped)
        who = " ".join(str(rec["speaker"]).split())
        if (role := wanted.get(_key(who))) is None:
            return line
        used.add(_key(who))
        return json.dumps({**rec, "speaker": f"{role.upper()} ({who})"}, ensure_ascii=False)
    m = _PREFIX.match(line)
    assert m is not None  # _label_of found a label
    for key in (_key(m.group("who")), _key(m.group("label"))):
        if (role := wanted.get(key)) is not None:
            used.add(key)
            name = " ".join(re.sub(r"[()]", " ", m.group("who")).split())
            return f"{line[:m.start('who')]}{role.upper()} ({name}){line[m.end('who'):]}"
    return line


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
