"""Whole transcripts: code every negotiator line in context and summarise the session.

Input: plain text with ``NEGOTIATOR:`` and ``SUBJECT:`` prefixes (a line without a prefix
continues the previous turn), or JSON lines with ``speaker`` and ``text`` fields.

Real after-action transcripts are read as they are usually typed up: a line may start
with a time stamp (``[00:14:05]``, ``(14:05)``, ``00:14:05 -``), a speaker may carry a
name or number (``NEGOTIATOR (Sgt. Kelly):``, ``NEGOTIATOR 2:``), and the common
abbreviations are understood (:data:`SPEAKERS`). A header block at the top (``Date:``,
``Location:``, ``Negotiator: Sgt D. Okafor``) is told from the dialogue
(:func:`file_header`).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Sequence
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
    rf"^\s*(?:{_STAMP}\s*[-–—]?\s*)?(?P<who>(?P<label>[^\W\d_][\w'’ -]{{0,30}}?)"
    r"(?:\s*#?\d{1,2})?(?:\s*\([^()]{0,60}\))?)\s*:\s*(?P<text>.*)$")
"""A time stamp (optional), a speaker label, an optional number or (name), a colon.

``who`` is the speaker as written without the time stamp (``Sister (TPI)``, ``HOSTAGE 2``)."""
_NAME = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBER = re.compile(r"\s*#?\d{1,2}\s*$")


def _shouted(label: str) -> bool:
    """An upper-case label in any script: HOSTAGE, UNKNOWN MALE, ЗАЛОЖНИЦА."""
    return (3 <= len(label) <= 31 and label[0].isalpha() and label.isupper()
            and all(ch.isalpha() or ch in " '’-" for ch in label))


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
"""Lines at the top of a file, after its header, that may precede the first speaker."""
_SNIFF = 400
"""Lines of a file read to tell whether it is a transcript."""


def is_transcript(text: str) -> bool:
    """True when ``text`` looks like a transcript.

    One of its first :data:`HEAD_LINES` non-blank lines, not counting the fields of its
    header (:func:`file_header`), opens with a known speaker label, or its first line
    (after any header fields) is JSON with a ``speaker``.
    """
    rows = [(number, line.strip()) for number, line in enumerate(lines(text)[:_SNIFF], 1)
            if line.strip()]
    head = file_header(rows, quoted_headers(rows))
    seen = 0
    for k, (_, first) in enumerate(rows):
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
    """A capitalised label of up to three words in any script (Sister, Unknown Male, Сестра)."""
    words = label.split(" ")
    return len(words) <= 3 and all(
        w and w[0].isupper() and all(ch.isalnum() or ch in "'’-" for ch in w) for w in words)
"""A capitalised label of up to three words (``Sister``, ``Unknown Male``)."""


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
            ``"(crosstalk) at line 10"``.
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

    Raises:
        InputError: A JSON line without speaker/text or with one that is not a string, a
            misspelt speaker label, a control character, or no negotiator line.
    """
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
