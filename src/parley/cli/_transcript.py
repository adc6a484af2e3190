"""``parley analyze TRANSCRIPT``: code every negotiator line and print a summary."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.analysis import Analyzer
from parley.analysis._transcript import STAGES, parse_transcript, summarize
from parley.cli._io import progress_bar

LIKELY = 0.5
"""Confidence from which an error is listed as an error rather than a possible one."""


def show_transcript(text: str, source: str, analyzer: Analyzer, as_json: bool) -> None:
    """Parse, code and summarise a transcript; print a table or one JSON object.

    Raises:
        InputError: The transcript cannot be parsed.
    """
    turns = parse_transcript(text, source)
    todo = sum(t.speaker == "negotiator" and bool(t.text.strip()) for t in turns)
    with progress_bar(todo, f"coding with {analyzer.name}") as advance:
        summary = summarize(turns, analyzer, advance)
    if as_json:
        typer.echo(json.dumps({
            "analyzer": analyzer.name,
            "turns": [{"turn": n, "text": a.text, "primary": a.primary,
                       "techniques": [f.to_dict() for f in a.findings]}
                      for n, a in summary.coded],
            "skill_rates": summary.skill_rates, "errors": summary.errors,
            "stairway": summary.stairway, "premature_influence": summary.premature_influence,
        }, ensure_ascii=False))
        return
    console = Console()
    table = Table(title=f"Transcript coded by {analyzer.name}", show_lines=True)
    for col in ("turn", "negotiator", "techniques"):
        table.add_column(col)
    for number, a in summary.coded:
        table.add_row(str(number), Text(a.text), ", ".join(
            f"{f.technique} ({f.confidence:.2f})" for f in a.findings))
    console.print(table)
    rates = ", ".join(f"{t} {r:.0%}" for t, r in summary.skill_rates.items()) or "none"
    console.print(f"Listening skills (share of turns): {rates}")
    conf = {(n, f.technique): f.confidence for n, a in summary.coded for f in a.findings}
    for title, likely in (("Errors", True), ("Possible errors (under 50%: check them)", False)):
        found: list[str] = []
        for t, ns in summary.errors.items():
            picked = [n for n in ns if (conf[(n, t)] >= LIKELY) == likely]
            if picked:
                at = ", ".join(f"{n} ({conf[(n, t)]:.0%})" for n in picked)
                found.append(f"{t} at turn{'s' if len(picked) > 1 else ''} {at}")
        if found or likely:
            console.print(f"{title}: {'; '.join(found) or 'none'}")
    console.print("Stairway stage shown, by third of the transcript (share of negotiator "
                  "turns; the rest show none: questions, information, errors):")
    for name, part in zip(("first", "middle", "last"), summary.stairway, strict=True):
        shares = ", ".join(f"{s} {part[s]:.0%}" for s in STAGES)
        console.print(f"  {name} third: {shares}")
    if summary.premature_influence:
        console.print("Premature problem solving at turns "
                      f"{', '.join(map(str, summary.premature_influence))}")
