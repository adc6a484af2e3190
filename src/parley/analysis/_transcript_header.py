"""Headers in a transcript: the block at the top of a file, and email or memo headers.

A header block (``Date:``, ``Location:``, ``Negotiator: Sgt D. Okafor``) is told from
the dialogue after it (:func:`file_header`); an email or memo header read out in a turn
(``From:``, ``Sent:``, ``Subject:``) is part of that turn, not a change of speaker
(:func:`quoted_headers`). What reads as speech and what as a name (:func:`_speech`,
:func:`_name_like`) is said here too, for page furniture and named speakers as well.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from parley.analysis._transcript_labels import (
    _ABBREVIATIONS,
    _CLOCK,
    _LEAD_STAMP,
    _prefixed,
    _shouted,
    _titled,
    named_turn,
    opening,
    openings,
    speaker_of,
)
from parley.analysis._types import Speaker

_SNIFF = 400
"""Lines of a file read to tell whether it is a transcript."""


_HEAD_WORDS = frozenset(
    "date day time location place address venue scene site case incident event operation "
    "file ref reference no number report type category duration length start started end "
    "ended transcribed transcriber transcript transcription recorded recording prepared "
    "reviewed typed by agency unit department dept force division district precinct "
    "station team officer officers commander present attending persons participants source "
    "tape audio page classification outcome resolution summary title note notes hostages "
    "weapon weapons language phone channel status priority from to cc bcc sent re attn "
    "coach scribe recorder "
    # Russian: date, time, place, address, case, incident, record, transcript, by, ...
    "дата время место адрес дело происшествие инцидент стенограмма расшифровка "
    "расшифровал расшифровала запись аудиозапись продолжительность начало окончание "
    "участники присутствовали составил составила подготовил подготовила подразделение "
    "отдел номер источник язык примечание примечания тема кому копия канал телефон "
    "страница итог результат заложники оружие статус "
    # Kazakh: date, time, place, address, incident, case, record, transcript, prepared by
    "күні уақыты орны мекенжайы оқиға іс жазба хаттама стенограмма дайындаған".split())
"""Words that open or end the name of a header field (``Date``, ``Case no``,
``Transcribed by``, ``Persons present``, ``Coach``, ``Дата``, ``Расшифровка``); such a
field is never a speaker."""
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
_RANKS = _ABBREVIATIONS | frozenset(
    "ст мл старший младший лейтенант капитан майор подполковник полковник сержант "
    "старшина прапорщик ефрейтор рядовой инспектор следователь оперуполномоченный "
    "специалист эксперт полиции юстиции аға кіші полиция".split())
"""Ranks written in lower case before a name (``ст. лейтенант Ковалёва А.С.``)."""
_INITIAL_END = re.compile(r"(?:\b[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]|\bJr|\bSr)\.$")


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
               or w.lower().rstrip(".") in _RANKS for w in words)


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
    o = opening(line)
    if o is None:  # a name and a dash, then speech (MORALES — Dwayne, it's Ray.)
        named = next((x for x in openings(line) if named_turn(x) and _speech(x.text)), None)
        return _Head("other", named.who, named.label, named.text) if named else _Head("title")
    if o.form == "alone":  # a role alone on its line: the words follow
        return _Head("dialogue")
    label, text = o.label, o.text
    head = _Head("", o.who, label, text)
    words = label.lower().split()
    if o.speaker:
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
