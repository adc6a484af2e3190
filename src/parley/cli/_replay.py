"""``parley replay``: run a scripted trainee through a scenario."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from parley.assessment import RUBRIC_VERSION, assess, counted, render_debrief, render_html
from parley.cli._io import read_text, writable_path, write_atomic
from parley.cli._records import save_outcome
from parley.cli._show import print_turn
from parley.scenario import load_scenario
from parley.session import Session, parse_script, run_script
from parley.store import Recorder


def replay(
    scenario: Annotated[str, typer.Argument(help="Built-in scenario id or YAML path.")],
    script: Annotated[str, typer.Argument(help="One trainee utterance per line ('-' = stdin).")],
    seed: Annotated[int, typer.Option(help="Seed of the subject's reply choice.")] = 0,
    analyzer: Annotated[str, typer.Option(
        help="Technique analyzer: ensemble (default: hybrid corroborated by rules), "
        "rules or hybrid.")] = "ensemble",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    html: Annotated[str | None, typer.Option(
        "--html", metavar="FILE", help="Also write the debrief as a self-contained HTML "
        "report.")] = None,
    save: Annotated[bool, typer.Option("--save", help="Store the session in the database.")]
    = False,
    trainee: Annotated[str, typer.Option(help="Trainee to store it under (--save).")]
    = "replay",
    kind: Annotated[str, typer.Option(help="practice, pre_test or post_test (--save).")]
    = "practice",
) -> None:
    """Run a scripted trainee through a scenario and print the session and its debrief.

    Lines starting with # and blank lines are ignored; a line of only ... is an
    effective pause. The replay stops at the first terminal outcome.
    """
    report = writable_path(html) if html else None
    s = load_scenario(scenario)
    lines = parse_script(read_text(script, what="script"), source=script)
    recorder = Recorder(scenario=s, trainee=trainee, rubric=RUBRIC_VERSION,
                        kind=kind) if save else None
    session = Session(s, seed=seed, on_event=recorder, analyzer=analyzer)
    unused = run_script(session, lines)
    if recorder is not None:
        session.end()
        debrief = save_outcome(session, recorder.session_id)
    else:
        debrief = assess(session)
    if report is not None:
        write_atomic(report, render_html(debrief, session))
    if as_json:
        data = replay_json(session, debrief.score, unused)
        if recorder is not None:
            data["session_id"] = recorder.session_id
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    console = Console()
    console.print(f"[b]{escape(s.subject.name)}:[/b] {escape(session.opening)}")
    for turn in session.turns:
        print_turn(console, turn, coach=False, name=s.subject.name)
    if unused:
        console.print(f"[yellow]{len(unused)} script line(s) unused: the incident ended at "
                      f"turn {len(session.turns)} (first unused: line {unused[0].line}).[/yellow]")
    console.print(render_debrief(debrief))
    if report is not None:
        typer.echo(f"HTML report written to {report}")


def replay_json(session: Session, score: float, unused: list[Any]) -> dict[str, Any]:
    """The DESIGN.md replay object."""
    return {
        "scenario": session.scenario.id,
        "seed": session.seed,
        "outcome": session.outcome,
        "score": score,
        "hostages_released": session.state.hostages_released,
        "turns": [
            {"trainee": t.trainee, "techniques": counted(t),
             "subject": t.reply, "situation": t.decision.situation,
             "events": [e.text for e in t.decision.events], "state": t.after.summary()}
            for t in session.turns
        ],
        "opening": session.opening,
        "unused_lines": [u.line for u in unused],
        "final_state": session.state.summary(),
    }
