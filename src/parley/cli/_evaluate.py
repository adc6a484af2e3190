"""``parley analyze --evaluate FILE``: score an analyzer against gold labels (Rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from parley.analysis import get_analyzer
from parley.analysis._corpus import parse_examples
from parley.analysis._evaluate import Report, default_floor, evaluate
from parley.cli._io import read_text
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
    short = {t: t[:6] for t in names}
    table = Table(title="Confusion of primary labels (rows: gold, columns: predicted)")
    table.add_column("gold")
    for t in names:
        table.add_column(short[t], justify="right")
    for gold in names:
        cells = [str(report.confusion.get((gold, p), "") or "") for p in names]
        table.add_row(gold, *cells)
    return table


def run_evaluation(path: str, analyzer_name: str) -> Report:
    """Evaluate analyzer ``analyzer_name`` on the gold JSON lines at ``path`` and print it.

    Raises:
        InputError: Unreadable file, bad line, or unknown analyzer.
    """
    examples = parse_examples(read_text(path, what="gold file"), path)
    analyzer = get_analyzer(analyzer_name)
    report = evaluate(analyzer, examples, default_floor(analyzer))
    console = Console()
    console.print(_scores(report, f"{analyzer.name} on {path}"))
    console.print(_confusion(report))
    console.print(f"macro-F1 {report.macro_f1:.3f} · error recall {report.error_recall:.3f} "
                  f"· primary accuracy {report.primary_accuracy:.3f} · n={report.n}")
    return report
