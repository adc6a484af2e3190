"""Page layout around the dialogue: page furniture and a court exhibit's line numbers.

Page headers and footers (``Page 12``), separators (``-----``), end markers (``END OF
TRANSCRIPT``) and transcription or certification credits are never words of a turn
(:func:`furniture`); the running line numbers down a court exhibit's margin are read
past (:func:`unnumbered`).
"""

from __future__ import annotations

import re
from itertools import pairwise

from parley.analysis._corpus import lines
from parley.analysis._transcript_header import _DATE, _name_like, _speech
from parley.analysis._transcript_labels import _CLOCK

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
