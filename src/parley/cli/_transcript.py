"""``parley analyze TRANSCRIPT``: code every negotiator line and print a summary."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.analysis import Analyzer
from parley.analysis._corpus import shown
from parley.analysis._transcript import (
    ERROR_LIKELY,
    LIKELY,
    STAGES,
    read_transcript,
    summarize,
    to_code,
)
from parley.cli._io import progress_bar


def show_transcript(text: str, source: str, analyzer: Analyzer, as_json: bool) -> None:
    """Parse, code and summarise a transcript; print a table or one JSON object.

    Each coded turn carries the speaker as the file writes it (``NEGOTIATOR 2 (Sgt.
    Pruitt)``, ``CNT-1``): always as ``speaker`` in the JSON, and as a column of the
    table when the file has more than one negotiator label.

    Raises:
        InputError: The transcript cannot be parsed.
    """
    transcript = read_transcript(text, source)
    turns = transcript.turns
    with progress_bar(len(to_code(turns)), f"coding with {analyzer.name}") as advance:
        summary = summarize(turns, analyzer, advance)
    line = transcript.lines  # line[n - 1]: where turn n starts in the file
    who = transcript.speakers  # who[n - 1]: the speaker of turn n, as written
    if as_json:
        typer.echo(json.dumps({
            "analyzer": analyzer.name,
            "turns": [{"turn": n, "line": line[n - 1], "speaker": who[n - 1],
                       "text": a.text, "primary": a.primary,
                       "techniques": [f.to_dict() for f in a.findings]}
                      for n, a in summary.coded],
            "skill_rates": summary.skill_rates, "errors": summary.errors,
            "possible_errors": summary.possible_errors, "stairway": summary.stairway,
            "premature_influence": summary.premature_influence,
            "not_coded": transcript.not_coded,
        }, ensure_ascii=False))
        return
    console = Console()
    table = Table(title=f"Transcript coded by {analyzer.name}", show_lines=True)
    several = len({" ".join(who[n - 1].lower().split()) for n, _ in summary.coded}) > 1
    for col in ("turn", "line", *(["speaker"] if several else []), "negotiator",
                "techniques"):
        table.add_column(col)
    for number, a in summary.coded:
        speaker = [Text(shown(who[number - 1]))] if several else []
        table.add_row(str(number), str(line[number - 1]), *speaker, Text(a.text), ", ".join(
            f"{f.technique} ({f.confidence:.2f})" for f in a.findings))
    console.print(table)
    if transcript.not_coded:
        left = ", ".join(f"{shown(who)} ({k} line{'s' if k > 1 else ''})"
                         for who, k in transcript.not_coded.items())
        console.print(Text(f"Not coded (other speakers, notes, header): {left}"))
    rates = ", ".join(f"{t} {r:.0%}" for t, r in summary.skill_rates.items()) or "none"
    console.print(f"Listening skills (share of the negotiator's turns; a skill counts at "
                  f"confidence {LIKELY:.0%} or more): {rates}")
    for title, found_at in (("Errors", summary.errors),
                            (f"Possible errors (under {ERROR_LIKELY:.0%}: check them)",
                             summary.possible_errors)):
        found = [f"{t} at turn{'s' if len(at) > 1 else ''} "
                 + ", ".join(f"{n} (line {line[n - 1]}, {c:.2f})" for n, c in at)
                 for t, at in summary.where(found_at)]
        if found or found_at is summary.errors:
            console.print(f"{title}: {'; '.join(found) or 'none'}")
    console.print("Stairway stage shown, by third of the negotiator's turns (share of them; "
                  "the rest show none: closed questions, information, errors):")
    for name, part in zip(("first", "middle", "last"), summary.stairway, strict=True):
        shares = ("no negotiator turns" if part is None
                  else ", ".join(f"{s} {part[s]:.0%}" for s in STAGES))
        console.print(f"  {name} third: {shares}")
    if summary.premature_influence:
        early = summary.premature_influence
        console.print(f"Premature problem solving at turn{'s' if len(early) > 1 else ''} "
                      f"{', '.join(map(str, early))}")
