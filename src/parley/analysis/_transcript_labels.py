"""Speaker labels and time stamps: how a transcript line says who is speaking.

A line may open with a time stamp (``[00:14:05]``, ``(14:05)``, ``00:14:05 -``) and a
speaker label, with a number or a name of its own (``NEGOTIATOR 2:``, ``CNT-1:``,
``NEGOTIATOR (Sgt. Kelly):``, ``DET. RUIZ:``). The labels that name a role are
:data:`SPEAKERS` (:func:`speaker_of`); such a label may also be followed by a dash, a
semicolon, a full stop or a tab instead of a colon, or stand alone on its line with the
words on the lines after it (:func:`openings`). The rest of this module tells a name in
capitals or capitalised from other words, a word of speech before a colon
(``Listen:``) from a speaker, and a misspelt role from a name. The other transcript
modules build on this one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from parley.analysis._types import Speaker
from parley.errors import InputError

SPEAKERS: dict[str, Speaker] = {
    "negotiator": "negotiator", "neg": "negotiator", "primary negotiator": "negotiator",
    "secondary negotiator": "negotiator", "crisis negotiator": "negotiator",
    "cnt": "negotiator", "n": "negotiator", "hn": "negotiator", "pn": "negotiator",
    "hostage negotiator": "negotiator", "primary": "negotiator", "secondary": "negotiator",
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
JSON_SPEAKER = ("speaker", "role", "speaker_role")
"""Fields of a JSON line (or columns of a call log's table) that name the speaker."""
JSON_TEXT = ("text", "utterance")
"""Fields of a JSON line that hold the words said."""
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?"
_DAY = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
_WHEN = rf"(?:{_DAY}(?:T|,?\s))?{_CLOCK}(?: ?[AaPp]\.?[Mm]\b\.?)?"
"""A clock time, with a date before it and AM or PM after it if written
(``14:02:11``, ``2024-03-15 14:02:11``, ``2:02 PM``, ``03/15/2024 2:02 p.m.``)."""
_STAMP = rf"(?:[\[(]\s*{_WHEN}\s*[\])]|{_WHEN})"
_LEAD_STAMP = re.compile(rf"^\s*{_STAMP}\s*(?:[-–—]\s*)?")
"""A time stamp opening a line, with the dash that may follow it."""
_NUMBERED = r"(?:\s*#?\d{1,2}|-\d{1,2})"
"""A speaker's number: ``2``, ``#2``, or ``-2`` written onto the label (``CNT-2``)."""
_WHO = (rf"(?P<who>(?P<label>[^\W\d_][\w'’ .-]{{0,30}}?){_NUMBERED}?"
        r"(?:\s*\([^()]{0,60}\))?)")
_BOLD = r"(?:\*{1,2})?"
"""Markdown bold or italics around a label (``**NEGOTIATOR:**``, ``**SUBJECT**:``)."""
_STAMPED = rf"^\s*(?:\d{{1,3}}[.)]\s+)?(?P<stamp>{_STAMP}\s*(?:[-–—]\s*)?)?{_BOLD}"
"""What may come before a speaker label: a number in a numbered list (``12. ``), a time
stamp and the dash after it, Markdown bold. Each whitespace run is matched one way only
(a line of thousands of spaces is read in linear time)."""
_PREFIX = re.compile(rf"{_STAMPED}{_WHO}{_BOLD}\s*:{_BOLD}\s*(?P<text>.*)$")
"""A time stamp (optional), a speaker label, an optional number or (name), a colon.

``who`` is the speaker as written without the time stamp (``Sister (TPI)``, ``HOSTAGE 2``,
``DET. RUIZ``); whether a dot may stand in a label is :func:`_words_of_label`'s to say."""
_SEPARATED = re.compile(
    rf"{_STAMPED}{_WHO}{_BOLD}"
    r"(?P<sep>\s*[–—]\s*|\s*-\s+|\s*;\s*|[^\S\t]*\t\s*|\.\s+(?![-–—;]))(?P<text>\S.*)$")
"""A speaker label followed by a dash, a semicolon, a tab or a full stop, then words."""
_ALONE = re.compile(rf"{_STAMPED}{_WHO}{_BOLD}\s*(?P<mark>[-–—;.]\s*)?{_BOLD}$")
"""A speaker label alone on its line (the words are on the lines after it)."""
_NAME = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBER = re.compile(rf"{_NUMBERED}\s*$")


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


@dataclass(frozen=True)
class Opening:
    """How a line opens a turn, as :func:`openings` reads it.

    Attributes:
        who: The speaker as written, without the time stamp, spaces evened out
            (``NEGOTIATOR 1 (Det. Hale)``, ``CNT-2``).
        label: The label alone (``NEGOTIATOR``, ``CNT``).
        text: The words on the line after the label ("" when it stands alone).
        speaker: Whose turn the label marks (:func:`speaker_of`); None for another one.
        form: ``"colon"`` (``SUBJECT: ...``), ``"separator"`` (``SUBJECT — ...``) or
            ``"alone"`` (the label alone on its line).
        separator: The separator of the ``"separator"`` form: ``"dash"`` (a hyphen with a
            space after it, an en or em dash), ``";"``, ``"."`` or ``"tab"``; else "".
        stamped: Whether a time stamp opens the line.
        start: Where ``who`` starts in the line (an index into it).
        end: Where ``who`` ends in the line.
        full_stop: Whether a label alone on its line ends with a full stop (``DALE.``:
            more likely a sentence than a name, :func:`name_alone`).
    """

    who: str
    label: str
    text: str
    speaker: Speaker | None
    form: str
    separator: str
    stamped: bool
    start: int
    end: int
    full_stop: bool = False


def _opening_of(m: re.Match[str], form: str) -> Opening:
    label = m.group("label").strip()
    sep = ""
    if form == "separator":
        written = m.group("sep")
        sep = next((name for name, marks in (("dash", "-–—"), (";", ";"), (".", "."))
                    if any(ch in written for ch in marks)), "tab")
    full_stop = form == "alone" and "." in (m.group("mark") or "")
    return Opening(" ".join(m.group("who").split()), label,
                   m.group("text") if form != "alone" else "", speaker_of(label), form,
                   sep, m.group("stamp") is not None, m.start("who"), m.end("who"), full_stop)


def name_alone(o: Opening) -> bool:
    """True when ``o``, a label alone on its line, may be a speaker's name.

    A name alone on a line has at most three words and no sentence-final full stop:
    ``DALE.`` or ``GET AWAY FROM THE DOOR`` on a line of its own is shouted words.
    """
    return o.form == "alone" and not o.full_stop and len(o.label.split()) <= 3


def _one_letter(label: str) -> bool:
    return len(label.rstrip(".")) == 1


_WORDS_TOO = frozenset({"primary", "secondary"})
"""Roles that are everyday words too (``Primary - keep your voice low``, a ``Primary``
column heading): a role only before a colon (``PRIMARY: ...``, ``Primary: Sgt. Morales``)."""


def _fits(o: Opening) -> bool:
    """True when a role label's separator or standing alone is not a word of speech.

    A one-letter role (``N``, ``S``, ``П``, ``С``) needs capitals and never takes a full
    stop (``S. Okay``); a full stop needs the label in capitals or a time stamp before it
    (``Subject. Okay`` may be speech); ``Primary`` and ``Secondary`` never fit.
    """
    if _one_letter(o.label):
        return o.label.isupper() and o.separator != "."
    if " ".join(o.label.lower().split()) in _WORDS_TOO:
        return False
    return o.separator != "." or o.label.isupper() or o.stamped


def openings(line: str) -> Iterator[Opening]:
    """Yield the ways ``line`` may open a turn, the most likely first.

    A colon after any label (``SUBJECT: ...``, ``Sister (TPI): ...``); a known role label
    (:data:`SPEAKERS`) followed by a dash, an en or em dash, a semicolon, a full stop or a
    tab (``NEGOTIATOR — ...``, ``SUBJECT; ...``); a known role alone on its line, time
    stamp or not (``14:02:11 Negotiator``, ``NEGOTIATOR``). Any other label with another
    separator, or alone, is yielded last, for a file laid out that way to accept. A
    one-letter role needs capitals outside the colon form and never takes a full stop
    (``S. Okay`` is speech), a full stop needs a label in capitals or a time stamp, and
    ``Primary`` and ``Secondary`` are roles only before a colon (:data:`_WORDS_TOO`).
    """
    found: list[Opening] = []
    if m := _PREFIX.match(line):
        found.append(_opening_of(m, "colon"))
    for pattern, form in ((_SEPARATED, "separator"), (_ALONE, "alone")):
        if m := pattern.match(line):
            found.append(_opening_of(m, form))
    yield from (o for o in found if o.speaker and (o.form == "colon" or _fits(o)))
    yield from (o for o in found if o.speaker is None)


def opening(line: str) -> Opening | None:
    """Return how ``line`` opens a turn: a known role in any form, else a colon label.

    See :func:`openings`; None when the line opens with no label at all.
    """
    return next((o for o in openings(line) if o.speaker or o.form == "colon"), None)


_DISCOURSE = frozenset(
    "listen look okay ok note remember honestly seriously frankly here well now so "
    "again yes no right alright see hey please finally basically example reminder "
    "слушай слушайте послушай послушайте смотри смотрите итак короче ладно хорошо "
    "запомни запомните честно внимание "
    "тыңда тыңдаңыз қара қараңыз жарайды".split()) | {
    "here's the thing", "here’s the thing", "here's the deal", "here’s the deal",
    "here's what", "here’s what", "bottom line", "the thing is", "thing is", "truth is",
    "the truth is", "fact is", "the point is", "point is", "all right", "trust me",
    "believe me", "one thing", "for example", "for the record", "to be clear",
    "to be honest", "quick question", "real talk", "вот что", "вот в чём дело"}
"""Words of speech often set before a colon (``Listen: that's a real offer``): never a
speaker's name, unless the file writes them as one (:func:`discourse`)."""


def discourse(label: str) -> bool:
    """True when ``label`` is a word of speech before a colon, not a speaker.

    ``Listen``, ``Okay``, ``Here's the thing``, ``Слушайте``; ``NOTE`` in capitals is a
    transcriber's note, not speech.
    """
    key = " ".join(label.lower().split())
    return key in _DISCOURSE and not (key == "note" and label.isupper())


def _titled(label: str) -> bool:
    """A capitalised label of up to three words in any script (Sister, Сестра, Det. Ruiz)."""
    words = _words_of_label(label)
    return words is not None and len(words) <= 3 and all(
        w and w[0].isupper() and all(ch.isalnum() or ch in "'’-" for ch in w) for w in words)


def named_turn(o: Opening) -> bool:
    """True when ``o``, not a colon label, reads as a named speaker's turn.

    A name of up to three words in capitals, or a capitalised one after a time stamp,
    followed by a dash or a tab (``MORALES — ...``), or alone on a time-stamped line
    (``14:02:11 Michael``, without a full stop: :func:`name_alone`); never a word of
    speech (:func:`discourse`).
    """
    if discourse(o.label) or len(o.label.split()) > 3:
        return False
    if o.form == "separator":
        return o.separator in ("dash", "tab") and (
            _shouted(o.label) or o.stamped and _titled(o.label))
    return o.form == "alone" and o.stamped and name_alone(o) and (
        _shouted(o.label) or _titled(o.label))


def _typo_of(label: str) -> str | None:
    """Return the known label ``label`` looks like a misspelling of (NEGOTATOR), if any."""
    near = difflib.get_close_matches(label.lower(), [k for k in SPEAKERS if len(k) > 3],
                                     n=1, cutoff=0.8)
    return near[0].upper() if near else None


def _refuse_typo(label: str, where: str) -> None:
    typo = _typo_of(label)
    if typo is not None:
        raise InputError(f"{where}: unknown speaker {label!r} (did you mean {typo}?)")
