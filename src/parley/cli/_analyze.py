"""``parley analyze``: code utterances for negotiation technique (JSON lines in and out)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.analysis import Analyzer, Utterance, code_many, default_analyzer, get_analyzer
from parley.analysis._analyzer import MAX_CHARS as ANALYSIS_LIMIT
from parley.analysis._analyzer import check_context, check_text
from parley.analysis._corpus import (
    csv_records,
    is_csv,
    json_object,
    names_text,
    numbered_lines,
    parse_context,
    record_context,
    record_text,
)
from parley.analysis._types import Speaker
from parley.cli._io import progress_bar, read_text
from parley.errors import InputError
from parley.session import check_utterance, is_pause


def _context(value: Any, where: str) -> list[Utterance]:
    turns = list(parse_context(value, where))
    try:
        check_context(turns)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    return turns


def _checked(text: str, where: str) -> None:
    try:
        check_text(text)  # the analyzer's limit counts every character, spaces too
        if not is_pause(text):
            check_utterance(text, ANALYSIS_LIMIT)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def parse_lines(text: str, source: str) -> list[tuple[dict[str, Any], list[Utterance]]]:
    """Parse JSON lines (or bare text lines, or a ``.csv`` file) into (record, context) pairs.

    A ``.csv`` file (or input whose first line is such a header) needs a ``text`` column;
    a ``context`` (or ``subject``) column gives the subject's previous line (see
    :func:`csv_records`). In plain lines, a first line that only names the column
    (``Negotiator``, ``Text``: a spreadsheet's column pasted whole) is its heading.

    Raises:
        InputError: A line that is neither a JSON object with a 'text' nor plain text.
    """
    records = (csv_records(text, source, gold=False) if is_csv(text, source)
               else _line_records(text, source))
    items = []
    for where, record in records:
        _checked(record["text"], where)
        items.append((record, _context(record_context(record), where)))
    if not items:
        raise InputError(f"{source}: no utterances (the input is empty or blank)")
    return items


_HEADINGS = frozenset({"text", "utterance", "utterances", "negotiator"})
"""A first line that is one of these (any case) heads a one-column list of utterances, as a
spreadsheet's text column pasted whole (``Negotiator``, ``Text``): not an utterance."""


def _line_records(text: str, source: str) -> list[tuple[str, dict[str, Any]]]:
    records = []
    numbered = list(numbered_lines(text, source))
    if len(numbered) > 1 and numbered[0][1].rstrip(":").strip().lower() in _HEADINGS:
        numbered = numbered[1:]  # the column's heading
    for where, line in numbered:
        if line.startswith("{"):
            record = json_object(line, where)
            record["text"] = record_text(record)
            if not isinstance(record["text"], str) or not record["text"].strip():
                raise InputError(f"{where}: needs a non-empty string field 'text' (or "
                                 "'utterance')")
        else:
            if line.startswith("["):
                try:
                    json.loads(line)
                except RecursionError:
                    raise InputError(f"{where}: invalid JSON (nested too deeply)") from None
                except ValueError:
                    pass  # "[pause]", "[sighs] okay": plain text
                else:
                    raise InputError(f"{where}: a JSON array; expected a JSON object with "
                                     "'text', or a plain line of text")
            record = {"text": _json_string(line)}
        records.append((where, record))
    return records


def _json_string(line: str) -> str:
    """A line that is one JSON string, quotes and all, is that string; any other, itself."""
    if line.startswith('"'):
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            return line  # "Okay," she said: plain text that opens with a quote
        if isinstance(value, str) and value.strip():
            return value
    return line


def utterance_sheet(text: str, source: str) -> bool:
    """True for a spreadsheet of utterances: read by its columns, never as a transcript.

    A ``.csv`` file, or text whose header names a text and a label or context column
    (:func:`is_csv`), whose header names a text column (``text``, ``utterance``,
    ``negotiator``) and no speaker column (a call log's table is a transcript:
    :func:`~parley.analysis._transcript_layout.is_table`).
    """
    from parley.analysis._transcript_layout import is_table

    return is_csv(text, source) and names_text(text) and not is_table(text)


def _roles(negotiators: list[str], subjects: list[str]) -> dict[str, Speaker]:
    """Map the names given with --negotiator and --subject to their roles.

    Raises:
        InputError: A blank name, or one given for both roles.
    """
    from parley.analysis._transcript_roles import roles_of

    for option, names in (("--negotiator", negotiators), ("--subject", subjects)):
        if any(not name.strip() for name in names):
            raise InputError(f"{option} needs a speaker's name as the file writes it")
    return roles_of(negotiators, subjects)


def analyze(
    file: Annotated[str, typer.Argument(
        help="JSON lines, plain lines, a .csv spreadsheet or a transcript; '-' = stdin.")] = "-",
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print JSON lines (one JSON object for a transcript or --evaluate).")
    ] = False,
    analyzer: Annotated[str | None, typer.Option(
        "--analyzer", help="Backend: ensemble, hybrid, lexical (English and Russian, fastest "
        "classifier) or rules (default: ensemble for utterances, hybrid for --evaluate and "
        "transcripts).")] = None,
    evaluate: Annotated[str | None, typer.Option(
        "--evaluate", help="Score against gold labels in FILE: JSON lines ('label' or "
        "'labels') or a .csv with text and label columns.",
    )] = None,
    report: Annotated[str | None, typer.Option(
        "--report", metavar="PATH", help="With --evaluate, also write a self-contained "
        "HTML report to PATH: headline numbers against the targets, precision and recall "
        "per technique, a confusion heatmap, stated confidence against how often it was "
        "right, and the turns where coding and gold differ.")] = None,
    negotiator: Annotated[list[str] | None, typer.Option(
        "--negotiator", metavar="NAME", help="In a transcript whose speakers are named, "
        "not roles ('DET. RUIZ:', 'HALE:'), the negotiator's name as the file writes it "
        "(any case); repeat it for a primary and a secondary.")] = None,
    subject: Annotated[list[str] | None, typer.Option(
        "--subject", metavar="NAME", help="The subject's name in such a transcript. "
        "Other named speakers are left out and listed.")] = None,
) -> None:
    """Code each utterance for negotiation technique.

    Input lines are {"text": ..., "context": ...} objects (context: the subject's
    previous line, or a list of {"speaker", "text"} turns), bare text lines, or a
    spreadsheet saved as CSV (a text column, and a subject column for context).

    A whole transcript (lines prefixed NEGOTIATOR: and SUBJECT:, or NEGOTIATOR alone
    on a line with the words below it; JSON lines with a 'speaker' or 'role'; a CSV or
    tab-separated call log with speaker and text columns) is coded turn by turn and
    summarised. One whose speakers are named (DET. RUIZ:, HALE:) needs --negotiator and
    --subject to say who is who.

    With --evaluate, prints per-technique precision, recall and F1, macro-F1 and the
    confusion matrix; --report PATH also writes them as a self-contained HTML page
    with charts (no scripts, no external files).
    """
    if report is not None and evaluate is None:
        raise InputError("--report writes the HTML report of an evaluation; it goes only "
                         "with --evaluate GOLD")
    roles = _roles(negotiator or [], subject or [])
    if evaluate is not None:
        from parley.cli._evaluate import run_evaluation

        if roles:
            raise InputError("--negotiator and --subject name a transcript's speakers; "
                             "they do not go with --evaluate")

        if file != "-":
            raise InputError(f"give either a FILE to code or --evaluate GOLD, not both "
                             f"({file!r} and {evaluate!r})")
        run_evaluation(evaluate, analyzer or "hybrid", as_json=as_json, report_path=report)
        return
    text = read_text(file, what="input")
    coder: Analyzer | None = get_analyzer(analyzer) if analyzer is not None else None
    from parley.analysis._transcript import (
        assign_roles,
        is_transcript,
        refuse_labelled,
        refuse_unroled,
    )

    if roles:
        text = assign_roles(text, file, roles)
    sheet = not roles and utterance_sheet(text, file)
    if roles or not sheet and is_transcript(text):
        from parley.cli._transcript import show_transcript

        show_transcript(text, file, coder or get_analyzer("hybrid"), as_json)
        return
    if not sheet:
        refuse_unroled(text, file)
        refuse_labelled(text, file)  # speakers' turns, but no role: not all the negotiator's
    records = parse_lines(text, file)
    coder = coder or default_analyzer()
    with progress_bar(len(records), f"coding with {coder.name}") as advance:
        analyses = code_many(coder, [(r["text"], c) for r, c in records], advance)
    results = []
    for (record, _), a in zip(records, analyses, strict=True):
        out = dict(record)
        out["techniques"] = [f.to_dict() for f in a.findings]
        out["primary"] = a.primary
        results.append((out, a))
    if as_json:
        for out, _ in results:
            typer.echo(json.dumps(out, ensure_ascii=False))
        return
    table = Table(title="Technique analysis", show_lines=True)
    table.add_column("utterance", ratio=3)
    table.add_column("techniques (confidence)", ratio=2)
    table.add_column("evidence", ratio=3)
    for out, a in results:
        table.add_row(Text(out["text"]), "\n".join(f"{f.technique} ({f.confidence:.2f})"
                                                   for f in a.findings),
                      Text("\n".join(f.evidence for f in a.findings)))
    Console().print(table)
