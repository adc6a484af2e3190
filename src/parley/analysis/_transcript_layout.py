"""Layout around the dialogue: page furniture, a court exhibit's line numbers, tables.

Page headers and footers (``Page 12``), separators (``-----``), end markers (``END OF
TRANSCRIPT``) and transcription or certification credits are never words of a turn
(:func:`furniture`); the running line numbers down a court exhibit's margin are read
past (:func:`unnumbered`); a call log exported as a table, CSV or tab-separated, is read
by its speaker and text columns (:func:`table_lines`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import pairwise
from typing import Literal

from parley.analysis._corpus import lines
from parley.analysis._transcript_header import _DATE, _name_like, _speech
from parley.analysis._transcript_labels import _CLOCK, JSON_SPEAKER, JSON_TEXT
from parley.errors import InputError

PAGE = "page header"
FOOTER = "footer"
SEPARATOR = "separator"
"""Kinds of line never words of a turn (:func:`furniture`), as ``not_coded`` lists them."""
_DECOR = "-–—=*_~#<>()[]{}|•· \t.:;,"
_RULE = re.compile(r"(?:[-–—=*_~#•·]\s*){3,}")
"""A line of only dashes, equals signs, asterisks or the like (not dots: ``...`` is a pause)."""
_APART = r"(?:\s{3,}|\t|\s+[-–—|•·]\s+)"
_PAGE = re.compile(
    rf"(?:(?P<before>.*?\S)?{_APART})?(?:(?:page|pg\.?|p\.)\s*(?::\s*)?\d{{1,4}}"
    rf"(?:\s*(?:of|/)\s*\d{{1,4}})?|[-–—]\s*\d{{1,4}}\s*[-–—])(?:{_APART}(?P<after>.*))?",
    re.IGNORECASE)
"""A page header or footer: ``Page 12``, ``Page 3 of 10``, ``- 12 -``, or such a number set
apart by wide space or a bar from a short title (``STATE v. TOLAN      Page 12``).

The title before the number ends with a character that is not a space, so the space
that sets it apart is read one way only."""
_PAGE_CHARS = 200
"""The longest line read as a page header (a title, wide space and the number)."""
_WHAT_ENDS = (r"(?:transcript(?:ion)?|recording|tape|call|audio|excerpt|interview|"
              r"conversation|negotiation|incident|session|file|document|exhibit|record|"
              r"page|side\s+\w)")
_WHAT_ENDS_RU = (r"(?:записи|аудиозаписи|фонограммы|стенограммы|расшифровки|разговора|"
                 r"переговоров|звонка|файла|документа|протокола|текста|фрагмента|"
                 r"страницы|кассеты)")
_ENDED_RU = r"(?:окончен[аоы]?|завершен[аоы]?|завершён|закончен[аоы]?|прерван[аоы]?)"
_WHAT_ENDS_KK = r"(?:жазбаның|стенограмманың|транскрипттің|әңгіменің|келіссөздің|файлдың)"
_END = re.compile(
    rf"(?:(?:the\s+)?end(?:\s+of(?:\s+the)?(?:\s+[\w-]+)?\s+{_WHAT_ENDS})?|"
    rf"{_WHAT_ENDS}\s+(?:ends|ended|concluded|terminated|stops|stopped|completed?)|"
    rf"конец(?:\s+{_WHAT_ENDS_RU})?|"
    rf"(?:запись|разговор|переговоры|звонок|стенограмма|расшифровка)\s+{_ENDED_RU}|"
    rf"{_WHAT_ENDS_KK}\s+соңы|соңы|жазба\s+(?:аяқталды|бітті))\b"
    r"(?P<rest>.*)", re.IGNORECASE)
"""The end of a transcript: ``END OF TRANSCRIPT``, ``- END -``, ``*** End of recording
***``, ``Recording ends 22:14``; in Russian ``Конец записи``, ``Запись окончена``; in
Kazakh ``Жазбаның соңы``, ``Жазба аяқталды``."""
_CREDIT = re.compile(
    r"(?:(?:transcri\w*|typed|prepared|certified|reviewed|proof-?read|checked|verified|"
    r"approved)(?:\s+[\w-]+){0,2}?\s+by\b|(?:transcri(?:ber|ptionist)|court\s+reporter|"
    r"stenographer|typist)s?\s*:|certified\s+(?:as\s+)?(?:an?\s+)?(?:(?:true|correct|"
    r"accurate|complete|and)\s+)+(?:copy|transcript(?:ion)?|record)\b|"
    r"certificat(?:e|ion)\s+of\s+\w+|"
    # Russian: "Расшифровку выполнила ...", "Расшифровал: ...", "Стенограмму составил ...",
    # "Протокол вела ...", "Стенографист: ...", "Копия верна", "Верно: ..."
    r"(?:расшифровк[аиу]|стенограмм[аиу]|протокол|текст)\s+(?:выполнил|составил|"
    r"подготовил|вел|вёл|набрал|напечатал|проверил|сверил)[аи]?\b|"
    r"(?:расшифровал|составил|подготовил|проверил|сверил|напечатал|набрал)[аи]?\b"
    r"(?:\s+(?:расшифровку|стенограмму|протокол|текст))?|"
    r"(?:расшифровка|стенографист(?:ка)?|секретарь)\s*:|копия\s+верна|верно\s*:|"
    # Kazakh: "Дайындаған: ...", "Хаттаманы жүргізген ..."
    r"(?:дайындаған|хаттаманы\s+жүргізген|жазып\s+алған)\b\s*:?)(?P<rest>.*)",
    re.IGNORECASE)
"""A transcription or certification credit: ``Transcribed by J. Ortiz, 03/15/2023``,
``Transcriber: J. Ortiz``, ``Certified true copy``; in Russian ``Расшифровку выполнила
ст. лейтенант Ковалёва А.С.``, ``Копия верна``; in Kazakh ``Дайындаған: ...``."""
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
    if len(line) <= _PAGE_CHARS and (m := _PAGE.fullmatch(line)) and all(
            map(_aside_words, m.group("before", "after"))):
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


_SPEAKER_COLUMNS = {"speaker": "speaker", "speaker_name": "speaker", "who": "speaker",
                    "party": "speaker", "participant": "speaker", "role": "role",
                    "speaker_role": "speaker_role"}
"""Columns of a call log's table that name the speaker, and the JSON field each becomes."""
_TEXT_COLUMNS = (*JSON_TEXT, "transcript", "message", "content")
"""Columns of a call log's table that hold the words said (the first found is read)."""


_DELIMITERS = ("\t", ",", ";")
"""Cell separators of a call log's table: tabs, commas, or semicolons (the CSV Excel
saves where the comma is the decimal mark: Russia, Germany, France...)."""


def _columns(text: str) -> tuple[str, list[str]] | None:
    """Return (delimiter, header cells) when ``text`` opens with a call log's header row.

    The first non-blank line, split at tabs, commas or semicolons (the first of them that
    works), must name a speaker column and a text column (any case, spaces as
    underscores).
    """
    first = next((line for line in lines(text) if line.strip()), "")
    if first.lstrip().startswith("{"):
        return None
    for delimiter in _DELIMITERS:
        if delimiter not in first:
            continue
        header = [h.strip().strip('"').strip().lower().replace(" ", "_")
                  for h in first.split(delimiter)]
        if set(header) & set(_SPEAKER_COLUMNS) and set(header) & set(_TEXT_COLUMNS):
            return delimiter, header
    return None


def is_table(text: str) -> bool:
    """True when ``text`` is a call log's table with a speaker and a text column.

    See :func:`table_lines`: a header row such as ``timestamp,speaker,text``,
    ``Time<TAB>Speaker<TAB>Text`` or ``Time;Speaker;Text``.
    """
    return _columns(text) is not None


def table_lines(text: str, source: str) -> str:
    """Return a call log's table as JSON lines on the rows' own lines; other text as is.

    The table is CSV (``timestamp,speaker,text``, cells with commas in double quotes, or
    ``;`` between cells as Excel saves CSV in many countries) or tab-separated
    (``Time<TAB>Speaker<TAB>Text``), with a header row naming a speaker column
    (``speaker``, ``role``, ``speaker_role``, ``who``, ``party``, ``participant``) and a
    text column (``text``, ``utterance``, ``transcript``, ``message``, ``content``);
    other columns (time stamps) are left out. A cell in double quotes may hold the
    separator, doubled quotes and line breaks, as Excel writes it; a tab-separated table
    whose quotes are not written that way (``"Yet," he said``) is read with its quotes as
    typed. Each row becomes ``{"speaker": ..., "text": ...}`` on the file line where the
    row starts (the header line and the other lines of a row stay blank), so that
    messages name the file's lines.

    Raises:
        InputError: A row that is not readable as CSV, with more cells than the header
            (unless the text column is last: its words had commas or tabs, and are read
            whole), or with words but no speaker.
    """
    found = _columns(text)
    if found is None:
        return text
    delimiter, header = found
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return _table_rows(text, source, delimiter, header, csv.QUOTE_MINIMAL)
    except _Unreadable as exc:
        unreadable = str(exc)
    if delimiter == "\t":  # quotes as typed, not as Excel writes them
        try:
            return _table_rows(text, source, delimiter, header, csv.QUOTE_NONE)
        except _Unreadable:
            pass
    raise InputError(unreadable)


class _Unreadable(Exception):
    """A table's quotes that the csv module cannot read (the message names the row)."""


def _table_rows(text: str, source: str, delimiter: str, header: list[str],
                quoting: Literal[0, 3]) -> str:
    """The rows of a call log's table as JSON lines (see :func:`table_lines`).

    Raises:
        _Unreadable: A quote that is never closed, stray text after a closing quote, or
            (tab-separated) a quoted cell of several lines holding a tab: rows swallowed
            by a quote opened in one and closed in another.
        InputError: A row that does not fit the header, or has words but no speaker.
    """
    said = next(header.index(c) for c in _TEXT_COLUMNS if c in header)
    who = {k: header.index(c) for c, k in _SPEAKER_COLUMNS.items() if c in header}
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True, quoting=quoting)
    out = [""] * len(lines(text))
    try:
        next(reader, None)
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if delimiter == "\t" and any("\n" in cell and "\t" in cell for cell in row):
                raise _Unreadable(f"{source}:{line}: a quote that is closed rows later")
            if any(cell.strip() for cell in row):
                out[line - 1] = _row(row, header, said, who, f"{source}:{line}", delimiter)
    except csv.Error as exc:
        raise _Unreadable(f"{source}:{reader.line_num}: not readable as CSV ({exc}; a quote "
                          "that is never closed?)") from None
    return "\n".join(out)


def _row(row: list[str], header: list[str], said: int, who: dict[str, int], where: str,
         delimiter: str) -> str:
    """One row of a call log's table as a JSON line (see :func:`table_lines`)."""
    if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
        if said != len(header) - 1:
            raise InputError(f"{where}: {len(row)} cells but the header has {len(header)} "
                             "(put text that contains commas in double quotes)")
        row = [*row[:said], delimiter.join(row[said:])]  # the words had commas (or tabs)
    cells = {k: row[i].strip() if i < len(row) else "" for k, i in who.items()}
    words = row[said].strip() if said < len(row) else ""
    if not any(cells.values()):
        if not words:
            return ""  # a row of a time stamp only
        columns = " or ".join(repr(header[i]) for i in who.values())
        raise InputError(f"{where}: no speaker in the {columns} column")
    record = {k: v for k, v in cells.items() if v}
    ordered = {k: record[k] for k in JSON_SPEAKER if k in record}
    return json.dumps({**ordered, "text": words}, ensure_ascii=False)
