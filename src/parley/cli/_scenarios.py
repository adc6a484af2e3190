"""``parley scenarios``: list, show and validate scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from parley.cli._app import user_errors
from parley.errors import ScenarioError
from parley.scenario import Scenario, builtin_ids, load_scenario, load_scenario_file

app = typer.Typer(help="List, show and validate scenarios.", no_args_is_help=True)
console = Console()


@app.command("list")
@user_errors
def list_() -> None:
    """List the built-in scenarios."""
    table = Table(title="Scenarios")
    for col in ("id", "incident type", "difficulty", "title"):
        table.add_column(col)
    for sid in builtin_ids():
        s = load_scenario(sid)
        table.add_row(s.id, s.incident_type.value.replace("_", " "), s.difficulty, Text(s.title))
    console.print(table)


def briefing_panel(s: Scenario) -> Panel:
    """The briefing as the team leader gives it."""
    lines = [escape(s.briefing.strip()), ""]
    subj = s.subject
    lines.append(f"[b]Subject:[/b] {escape(subj.name)}, {subj.age}")
    if s.hostages.count:
        lines.append(f"[b]Hostages:[/b] {s.hostages.count}. "
                     f"{escape(s.hostages.description.strip())}")
    title = f"{escape(s.title)} [dim]({s.incident_type.value})[/dim]"
    return Panel("\n".join(lines), title=title, border_style="blue")


@app.command()
@user_errors
def show(scenario_id: Annotated[str, typer.Argument(help="Built-in id or YAML path.")]) -> None:
    """Show a scenario's briefing and subject profile."""
    s = load_scenario(scenario_id)
    console.print(briefing_panel(s))
    table = Table(title="Subject profile (instructor view)", show_header=False)
    table.add_row("history", Text(s.subject.history.strip()))
    table.add_row("motivation", s.subject.motivation.value)
    table.add_row("dominant frame", s.subject.dominant_frame.value)
    table.add_row("baseline", f"arousal {s.subject.baseline_arousal}, "
                  f"trust {s.subject.baseline_trust}")
    table.add_row("volatility", Text(", ".join(s.subject.volatility) or "-"))
    table.add_row("hooks", Text(", ".join(h.topic for h in s.hooks) or "-"))
    table.add_row("triggers", Text(", ".join(t.topic for t in s.triggers) or "-"))
    table.add_row("facts", Text("\n".join(f"{f.trust_threshold:>3}  {f.summary}"
                                          for f in s.facts)))
    console.print(table)


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Scenario YAML files.")],
) -> None:
    """Validate scenario files; errors name file, line and field."""
    failed = 0
    for path in paths:
        try:
            s = load_scenario_file(path)
        except ScenarioError as exc:
            failed += 1
            for error in (exc, *exc.others):
                typer.echo(error.location(), err=True)
        else:
            console.print(f"[green]ok[/green] {escape(str(path))} ({s.id})")
    if failed:
        raise typer.Exit(1)
