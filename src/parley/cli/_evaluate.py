"""``parley analyze --evaluate FILE``: score an analyzer against gold labels (tables or JSON)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from parley.analysis import code_many, get_analyzer
from parley.analysis._analyzer import MAX_CHARS as ANALYSIS_LIMIT
from parley.analysis._analyzer import check_context
from parley.analysis._corpus import is_csv, parse_csv_examples, parse_examples
from parley.analysis._evaluate import Report, default_floor, score_analyses
from parley.cli._io import progress_bar, read_text, writable_path, write_atomic
from parley.errors import InputError
from parley.session import check_utterance, is_pause
from parley.techniques import TECHNIQUES


def _scores(report: Report, title: str) -> Table:
    table = Table(title=title)
    for col in ("technique", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="left" if col == "technique" else "right")
    for name, s in report.scores.items():
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                      str(s.support))
    table.add_section()
    table.add_row("macro", "", "", f"{report.macro_f1:.3f}", str(report.n))
    return table


def _confusion(report: Report) -> Table:
    names = [t for t in TECHNIQUES
             if any(t in pair for pair in report.confusion)]
    table = Table(title="Confusion of primary labels (rows: gold, columns: predicted, "
                        "numbered as the rows)", box=box.SIMPLE_HEAD, collapse_padding=True,
                  title_justify="left")
    table.add_column("gold", no_wrap=True)
    for k in range(1, len(names) + 1):
        table.add_column(str(k), justify="right", no_wrap=True)
    for k, gold in enumerate(names, 1):
        cells = [str(report.confusion.get((gold, p), "") or "") for p in names]
        table.add_row(f"{k} {gold}", *cells)
    return table


def _print_confusion(console: Console, report: Report) -> None:
    """Print the confusion matrix, or say how wide it needs the terminal to be.

    A matrix squeezed into a narrow terminal loses its row names and wraps its cells into
    a grid nobody can read; the most frequent confusions (printed next) and ``--report``
    show the same counts at any width.
    """
    table = _confusion(report)
    buffer = io.StringIO()
    Console(width=10_000, file=buffer, color_system=None).print(table)
    lines = buffer.getvalue().splitlines()[1:]  # the title wraps; the grid cannot
    needed = max((len(line.rstrip()) for line in lines), default=0)
    if needed <= console.width:
        console.print(table)
        return
    console.print(f"Confusion of primary labels: {len(table.columns) - 1} techniques need "
                  f"{needed} columns, not {console.width}; widen the terminal (or set "
                  "COLUMNS), or see --json or --report PATH. The most frequent confusions "
                  "follow.", markup=False, highlight=False)


def _mixed_up(report: Report, top: int = 8) -> Table:
    table = Table(title="Most frequent confusions (primary labels)")
    for col in ("gold", "coded as", "turns"):
        table.add_column(col, justify="right" if col == "turns" else "left")
    wrong = sorted(((n, g, p) for (g, p), n in report.confusion.items() if g != p),
                   reverse=True)
    for n, gold, pred in wrong[:top]:
        table.add_row(gold, pred, str(n))
    return table


def run_evaluation(path: str, analyzer_name: str, *, as_json: bool = False,
                   report_path: str | None = None) -> Report:
    """Evaluate analyzer ``analyzer_name`` on the gold JSON lines at ``path`` and print it.

    Args:
        path: Gold JSON lines ('label' or 'labels'), or a ``.csv`` spreadsheet with a
            header (see :func:`parley.analysis._corpus.parse_csv_examples`); '-' reads stdin.
        analyzer_name: A backend name (see :data:`parley.analysis.BACKENDS`).
        as_json: Print one JSON object (the report) instead of tables.
        report_path: Also write a self-contained HTML report there (written atomically;
            checked before any turn is coded); "report written to PATH" goes to stderr.

    Raises:
        InputError: Unreadable file, bad line, no examples, unknown analyzer, or a report
            path that cannot be written (a folder, or a missing or read-only folder).
    """
    target = writable_path(report_path) if report_path is not None else None
    if target is not None and path != "-" and target.exists() and os.path.exists(path) \
            and os.path.samefile(target, path):
        raise InputError(f"--report {report_path} is the gold file itself; writing the "
                         "report there would replace the labels: give another name")
    text = read_text(path, what="gold file")
    examples = (parse_csv_examples if is_csv(text, path) else parse_examples)(text, path)
    if not examples:
        raise InputError(f"{path}: no labelled examples (the file is empty or blank)")
    for example in examples:
        try:
            if not is_pause(example.text):
                check_utterance(example.text, ANALYSIS_LIMIT)
            check_context(example.context)
        except InputError as exc:
            raise InputError(f"{example.where}: {exc}") from None
    analyzer = get_analyzer(analyzer_name)
    floor = default_floor(analyzer)
    with progress_bar(len(examples), f"coding with {analyzer.name}") as advance:
        analyses = code_many(analyzer, [(e.text, e.context) for e in examples], advance)
    report = score_analyses(examples, analyses, floor)
    if target is not None:
        from parley.cli._evaluate_report import render_evaluation_html

        source = "standard input" if path == "-" else Path(path).name
        write_atomic(target, render_evaluation_html(
            analyzer=analyzer.name, source=source, examples=examples, analyses=analyses,
            report=report, floor=floor))
    if as_json:
        typer.echo(json.dumps({"analyzer": analyzer.name, "file": path} | report.as_dict(),
                              ensure_ascii=False))
    else:
        _print_tables(report, f"{analyzer.name} on {path}")
    if target is not None:
        Console(stderr=True).print(f"report written to {target}", markup=False,
                                   highlight=False, soft_wrap=True)
    return report


def _print_tables(report: Report, title: str) -> None:
    console = Console()
    console.print(_scores(report, title))
    _print_confusion(console, report)
    if any(g != p for g, p in report.confusion):
        console.print(_mixed_up(report))
    recall = (f"{report.error_recall:.3f}" if report.measures_errors
              else "n/a (no gold error labels)")
    console.print(f"macro-F1 {report.macro_f1:.3f} · error recall {recall} "
                  f"· primary accuracy {report.primary_accuracy:.3f} (the coded primary is "
                  f"one of the gold labels) · n={report.n}")
