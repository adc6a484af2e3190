"""The labelled corpus: JSON lines of trainee utterances with context and gold labels."""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.analysis._types import Utterance
from parley.errors import InputError
from parley.techniques import TECHNIQUES, technique_name


@dataclass(frozen=True)
class Example:
    """One labelled trainee utterance.

    Attributes:
        id: Stable identifier (e.g. ``a-0001``); may be empty for ad-hoc files.
        text: The trainee's utterance.
        context: Preceding dialogue, oldest first.
        labels: Gold techniques, the primary one first.
        lang: Language code (``en``, ``ru``...).
        where: Where it was read (``file:line``), for error messages.
        source: The id of the turn this one was adapted from (``from``), or ``""``.
    """

    id: str
    text: str
    context: tuple[Utterance, ...]
    labels: tuple[str, ...]
    lang: str = "en"
    where: str = field(default="", compare=False)
    source: str = field(default="", compare=False)

    @property
    def primary(self) -> str:
        """The primary gold technique."""
        return self.labels[0]

    @property
    def last_subject(self) -> str:
        """The subject's previous turn, or ``""`` when there is none."""
        return last_subject(self.context)


def last_subject(context: Sequence[Utterance]) -> str:
    """Return the text of the last subject turn in ``context`` (``""`` if none)."""
    for u in reversed(context):
        if u.speaker == "subject" and u.text.strip():
            return u.text
    return ""


def parse_context(value: Any, where: str) -> tuple[Utterance, ...]:
    """Parse a record's ``context``: the subject's previous line, or a list of turns.

    Raises:
        InputError: Not a string or a list of ``{"speaker", "text"}`` turns (speaker
            ``subject`` or ``negotiator``).
    """
    if value is None:
        return ()
    if isinstance(value, str):
        value = [{"speaker": "subject", "text": value}] if value.strip() else []
    if not isinstance(value, list):
        raise InputError(f"{where}: 'context' must be a string or a list of turns")
    turns = []
    for i, item in enumerate(value):
        if not (isinstance(item, dict) and item.get("speaker") in ("subject", "negotiator")
                and isinstance(item.get("text"), str)):
            raise InputError(f"{where}: context[{i}] needs a 'speaker' (subject or "
                             "negotiator) and a 'text'")
        turns.append(Utterance(item["speaker"], item["text"]))
    return tuple(turns)


def record_text(record: dict[str, Any]) -> Any:
    """Return a JSON record's words: ``text``, or ``utterance`` as call logs name it."""
    return record["utterance"] if "text" not in record and "utterance" in record \
        else record.get("text")


def record_context(record: dict[str, Any]) -> Any:
    """Return a JSON record's context: ``context``, or a ``subject`` line as CSVs name it.

    A record with no ``context`` but a ``subject`` string (the subject's previous line,
    the name the spreadsheet column may have) takes that line as its context.
    """
    if "context" not in record and isinstance(record.get("subject"), str):
        return record["subject"]
    return record.get("context")


def example_from(record: dict[str, Any], where: str) -> Example:
    """Build an :class:`Example` from one JSON record (``label`` or ``labels`` is gold).

    Raises:
        InputError: No text, no gold label, or a label that is not a known technique.
    """
    gold = record.get("labels", record.get("label"))
    if "label" in record and "labels" in record and (
            [record["label"]] != record["labels"] and record["label"] != record["labels"]):
        raise InputError(f"{where}: 'label' and 'labels' disagree; give one of them")
    if gold is not None and not isinstance(gold, str) and not (
            isinstance(gold, list) and all(isinstance(x, str) for x in gold)):
        raise InputError(f"{where}: a gold label must be a technique name (a string) or a "
                         "list of them")
    labels = (gold,) if isinstance(gold, str) else tuple(gold or ())
    text = record_text(record)
    if not isinstance(text, str) or not labels:
        raise InputError(f"{where}: needs a 'text' and a gold 'label' or 'labels' (the "
                         "text may be named 'utterance')")
    names = [name if name in TECHNIQUES else technique_name(str(name)) for name in labels]
    unknown = [label for label, name in zip(labels, names, strict=True) if name is None]
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]).lower(), TECHNIQUES, n=1)
        hint = (f" (did you mean {close[0]}?)" if close
                else " ('parley analysis techniques' lists the names)")
        raise InputError(f"{where}: unknown technique {unknown[0]!r}{hint}")
    labels = tuple(dict.fromkeys(n for n in names if n))
    context = parse_context(record_context(record), where)
    source = record.get("from")
    return Example(str(record.get("id", "")), text, context, labels,
                   str(record.get("lang", "en")), where,
                   source if isinstance(source, str) else "")


def parse_examples(text: str, source: str) -> list[Example]:
    """Parse JSON lines of labelled examples; ``source`` names the file in errors.

    Raises:
        InputError: A line that is not a JSON object with a text and gold labels.
    """
    return [example_from(json_object(line, where), where)
            for where, line in numbered_lines(text, source)]


_CSV_TEXT = ("text", "utterance", "negotiator")
_CSV_GOLD = ("labels", "label", "technique", "techniques", "code", "codes")
_CSV_CONTEXT = ("context", "subject", "previous", "subject_line")
_LABEL_SEP = re.compile(r"\s*[;,|+/]\s*")


def csv_header(text: str) -> tuple[str, list[str]]:
    """Return the delimiter and the column names of a CSV, from its first non-blank line.

    Names are in lower case with spaces as underscores. The delimiter is a comma, or a
    semicolon when the line split at semicolons names a column we know and split at
    commas does not (the CSV Excel saves where the comma is the decimal mark).
    """
    first = next((line for line in lines(text) if line.strip()), "")
    known = set(_CSV_TEXT + _CSV_GOLD + _CSV_CONTEXT)
    commas = _cells(first, ",")
    if not set(commas) & known and set(semicolons := _cells(first, ";")) & known:
        return ";", semicolons
    return ",", commas


def _cells(line: str, delimiter: str) -> list[str]:
    """The cells of one CSV line, as column names: lower case, spaces as underscores."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    return [h.strip().lower().replace(" ", "_") for h in cells]


def names_text(text: str) -> bool:
    """True when a CSV's header (:func:`csv_header`) names a text column we know."""
    return bool(set(csv_header(text)[1]) & set(_CSV_TEXT))


def is_csv(text: str, source: str) -> bool:
    """True for a ``.csv`` file, or text whose first line is a CSV header we know.

    The header must name a text column and a label or context column (see
    :func:`csv_records`), so a spreadsheet piped in on standard input is read as one.
    """
    if source.lower().endswith(".csv"):
        return True
    first = next((line for line in lines(text) if line.strip()), "")
    if first.lstrip().startswith("{") or "," not in first and ";" not in first:
        return False
    names = set(csv_header(text)[1])
    return bool(names & set(_CSV_TEXT)) and bool(names & set(_CSV_GOLD + _CSV_CONTEXT))


def csv_records(text: str, source: str, *, gold: bool) -> list[tuple[str, dict[str, Any]]]:
    """Read a spreadsheet saved as CSV into ``(where, record)`` pairs, one per row.

    The header names the columns (any case): the utterance (``text``, ``utterance`` or
    ``negotiator``), the gold labels (``labels``, ``label`` or ``technique``; several
    separated by ``;``, ``,`` or ``|``) and, optionally, the subject's previous line
    (``context`` or ``subject``). Records are ``{"text", "context"}`` plus ``labels``
    when the file has that column; ``where`` names the row as ``source:line``. The cells
    are separated by commas, or by semicolons when the header is (:func:`csv_header`).

    Raises:
        InputError: No header with a text column (and a label column when ``gold``).
    """
    reader = csv.reader(io.StringIO(text), delimiter=csv_header(text)[0], strict=True)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(reader, [])]
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InputError(f"{source}:{reader.line_num}: not readable as CSV ({exc}; a quote "
                         "that is never closed?)") from None
    column = {want: next((header.index(c) for c in names if c in header), None)
              for want, names in (("text", _CSV_TEXT), ("labels", _CSV_GOLD),
                                  ("context", _CSV_CONTEXT))}
    if column["text"] is None or (gold and column["labels"] is None):
        need = "a 'text' column and a 'label' column" if gold else "a 'text' column"
        raise InputError(f"{source}:1: a CSV needs a header with {need} (text: "
                         f"{'/'.join(_CSV_TEXT)}; label: {'/'.join(_CSV_GOLD)}; found: "
                         f"{shown(', '.join(header)) or 'nothing'})")
    out = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{source}:{line}"
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            raise InputError(f"{where}: {len(row)} cells but the header has {len(header)} "
                             "(put text that contains commas in double quotes)")
        record: dict[str, Any] = {k: row[i].strip() if i < len(row) else ""
                                  for k, i in column.items() if i is not None}
        if "labels" in record:
            record["labels"] = [x for x in _LABEL_SEP.split(record["labels"]) if x]
        out.append((where, record))
    return out


def shown(text: str) -> str:
    r"""``text`` as a message may quote it: control and other unprintable characters escaped.

    A speaker ``ESC [2J PWNED`` is shown as ``\x1b[2JPWNED``, as :func:`repr` writes
    it, so that input quoted in an error message can never move the cursor or clear the
    terminal.
    """
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


def parse_csv_examples(text: str, source: str) -> list[Example]:
    """Parse labelled examples from a CSV spreadsheet (see :func:`csv_records`).

    Raises:
        InputError: No text or label column, or a row without a text or a known label.
    """
    return [example_from(record, where)
            for where, record in csv_records(text, source, gold=True)]


def numbered_lines(text: str, source: str) -> Iterator[tuple[str, str]]:
    """Yield ``("source:line", stripped line)`` for every non-blank line of ``text``."""
    for number, raw in enumerate(lines(text), 1):
        if raw.strip():
            yield f"{source}:{number}", raw.strip()


def json_object(line: str, where: str) -> dict[str, Any]:
    """Parse one JSON line that must hold an object.

    Raises:
        InputError: Invalid JSON (nested too deeply or with a number too long to read
            too), or JSON that is not an object.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(f"{where}: invalid JSON (nested too deeply)") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise InputError(f"{where}: invalid JSON (a number too long to read)") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: not a JSON object")
    return record


def lines(text: str) -> list[str]:
    """Split ``text`` at newlines only, so that line numbers match an editor's.

    Not at U+2028, U+0085 or form feeds (``str.splitlines`` does): they may sit inside a
    JSON string.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def corpus_files(folder: Path) -> list[Path]:
    """Return the ``*.jsonl`` files under ``folder``, sorted by name."""
    return sorted(folder.glob("*.jsonl"))


MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest corpus file read (the largest shipped is 0.3 MB)."""


def _read(path: Path) -> bytes:
    """The bytes of a regular corpus file (not a folder, device, pipe or broken link)."""
    if not path.is_file():
        raise InputError(f"{path}: not a regular file (a folder, a device, a pipe or a broken "
                         "link?)")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB; split it")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def load_examples(files: Iterable[Path]) -> list[Example]:
    """Load and concatenate labelled examples from ``files``.

    Raises:
        InputError: A file that is not a regular file, too large or not UTF-8, a bad line,
            a text longer than the analysis takes (4,000 characters), or an id used twice.
    """
    from parley.analysis._analyzer import MAX_CHARS

    out: list[Example] = []
    seen: dict[str, str] = {}
    for path in files:
        data = _read(path)
        try:
            text = data.decode("utf-8-sig")  # a byte-order mark, as some editors write
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise InputError(f"{path}:{line}: not UTF-8 text") from None
        for example in parse_examples(text, str(path)):
            if example.id and seen.setdefault(example.id, example.where) != example.where:
                raise InputError(f"{example.where}: id {example.id!r} already used at "
                                 f"{seen[example.id]}")
            if len(example.text) > MAX_CHARS:
                raise InputError(f"{example.where}: the text is {len(example.text):,} "
                                 f"characters; the analysis takes at most {MAX_CHARS:,}")
            out.append(example)
    return out



def file_hashes(files: Iterable[Path], root: Path) -> dict[str, str]:
    """Return ``{path relative to root: sha256 hex}`` for provenance."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files}
