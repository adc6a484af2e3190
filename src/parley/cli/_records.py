"""Training records: db, sessions, report, users, export, delete, progress."""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.assessment import (
    Debrief,
    assess,
    render_debrief,
    render_html,
    render_progress_html,
    sparkline,
)
from parley.cli._app import user_errors
from parley.cli._io import writable_path, write_atomic
from parley.errors import InputError
from parley.session import Session
from parley.store import (
    ROLES,
    Gain,
    SessionMetrics,
    add_user,
    database_url,
    db,
    delete_trainee,
    engine_for,
    export_trainee,
    finish_session,
    learning_gains,
    list_sessions,
    load_session,
    trainee_metrics,
)

console = Console()
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
sessions_app = typer.Typer(help="Stored training sessions.", no_args_is_help=True)
users_app = typer.Typer(help="Trainees, instructors and admins.", no_args_is_help=True)


@db_app.command("upgrade")
@user_errors
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    url = database_url()
    engine_for(url)
    console.print(f"[green]Database is up to date[/green] ({_safe(url)})")


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@sessions_app.command("list")
@user_errors
def sessions_list(
    trainee: Annotated[str | None, typer.Option(help="Only this trainee's sessions.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List stored sessions, newest first."""
    with db() as s:
        rows = [{"id": r.id, "trainee": r.trainee.username if r.trainee else None,
                 "scenario": r.scenario.scenario_id, "kind": r.kind, "status": r.status,
                 "outcome": r.outcome, "score": r.score,
                 "started_at": r.started_at.isoformat(timespec="seconds")}
                for r in list_sessions(db=s, trainee=trainee)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table(title="Sessions")
    table.add_column("id", no_wrap=True, min_width=22)  # copied into report / --resume
    for col in ("trainee", "scenario", "kind", "status", "outcome", "score", "started"):
        table.add_column(col)
    for r in rows:
        score = "-" if r["score"] is None else f"{r['score']:.0f}"
        cells = [str(r[k] or "-") for k in ("id", "trainee", "scenario", "kind", "status")]
        table.add_row(*map(Text, cells), str(r["outcome"] or "-").replace("_", " "), score,
                      str(r["started_at"]))
    console.print(table)


def save_outcome(session: Session, session_id: str) -> Debrief:
    """Assess a session and store its outcome and score; return the debrief."""
    debrief = assess(session)
    with db() as s:
        finish_session(db=s, session_id=session_id, outcome=debrief.outcome,
                       score=debrief.score, breakdown=debrief.to_dict(), rubric=debrief.rubric)
    return debrief


def rebuild(session_id: str) -> Session:
    """A stored session, replayed from its events over its pinned scenario."""
    with db() as s:
        _, scenario, events = load_session(db=s, session_id=session_id)
    return Session.from_events(scenario, events)


@user_errors
def report(
    session_id: Annotated[str, typer.Argument(help="Session id (see parley sessions list).")],
    html: Annotated[str | None, typer.Option(help="Also write the HTML report here.")] = None,
) -> None:
    """Show the debrief of a stored session (replayed from its event log)."""
    target = writable_path(html) if html else None
    session = rebuild(session_id)
    debrief = assess(session)
    console.print(render_debrief(debrief))
    if target is not None:
        write_atomic(target, render_html(debrief, session))
        console.print(f"[green]Report written to {target}[/green]")


@users_app.command("add")
@user_errors
def users_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")] = "trainee",
) -> None:
    """Add a user. The password comes from a prompt, or from $PARLEY_PASSWORD."""
    password = os.environ.get("PARLEY_PASSWORD")
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        raise InputError("the password must have at least 8 characters")
    with db() as s:
        add_user(db=s, username=username, role=role, password=password)
    console.print(Text(f"Added {role} {username}", style="green"))


@user_errors
def export(
    trainee: Annotated[str, typer.Argument(help="The trainee whose data to export.")],
    fmt: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
) -> None:
    """Export everything stored about a trainee (JSON), or their sessions (CSV)."""
    if fmt not in ("json", "csv"):
        raise InputError("--format must be json or csv")
    with db() as s:
        data = export_trainee(db=s, username=trainee)
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["session", "scenario", "kind", "status", "outcome", "score", "started_at",
                     "turns"])
    for row in data["sessions"]:
        turns = sum(1 for e in row["events"] if e["type"] in ("turn", "pause"))
        writer.writerow([row["id"], row["scenario"], row["kind"], row["status"], row["outcome"],
                         row["score"], row["started_at"], turns])
    typer.echo(buffer.getvalue(), nl=False)


@user_errors
def delete(
    trainee: Annotated[str, typer.Argument(help="The trainee to delete.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a trainee and all their sessions (data-protection erasure)."""
    if not yes and not typer.confirm(f"Delete {trainee} and all their sessions?"):
        raise typer.Exit(1)
    with db() as s:
        n = delete_trainee(db=s, username=trainee)
    console.print(Text(f"Deleted {trainee} and {n} session(s)."))


@user_errors
def progress(
    trainee: Annotated[str | None, typer.Argument(help="Trainee (default: everyone).")] = None,
    gain: Annotated[bool, typer.Option("--gain", help="Pre/post learning-gain report.")]
    = False,
    html: Annotated[str | None, typer.Option(
        help="Also write the trends (and with --gain the learning gain as a forest plot) "
        "as a self-contained HTML page here.")] = None,
) -> None:
    """Skill trends across sessions, or the pre/post learning gain of a course."""
    target = writable_path(html) if html else None
    with db() as s:
        gains = learning_gains(db=s, usernames=[trainee] if trainee else None) if gain \
            else None
        rows = trainee_metrics(db=s, username=trainee)
    if target is not None:
        write_atomic(target, render_progress_html(trainee or "all trainees", rows, gains))
    if gains is not None:
        _print_gains(gains)
    elif rows:
        _print_trends(trainee, rows)
    else:
        console.print("No finished sessions yet. Play one with: parley train")
    if target is not None:
        console.print(f"[green]Progress report written to {target}[/green]")


def _print_trends(trainee: str | None, rows: list[SessionMetrics]) -> None:
    table = Table(title=f"Progress of {trainee or 'all trainees'} over {len(rows)} session(s)")
    for col in ("metric", "trend (oldest → newest)", "first", "latest"):
        table.add_column(col)
    metrics = {"score": [r.score for r in rows]}
    for name in rows[0].rates:
        metrics[name] = [r.rates[name] for r in rows]
    for name, values in metrics.items():
        top = {"score": 100.0, "stairway": 4.0}.get(name, 1.0)
        fmt = "{:.0f}" if name == "score" else "{:.0%}" if top == 1.0 else "{:.0f}"
        table.add_row(name, sparkline([100 * v / top for v in values]),
                      fmt.format(values[0]), fmt.format(values[-1]))
    console.print(table)


def _print_gains(gains: list[Gain]) -> None:
    if not gains:
        console.print("No trainee has both a pre_test and a post_test session yet "
                      "(parley train SCENARIO --kind pre_test / post_test).")
        return
    table = Table(title=f"Learning gain, post minus pre (n = {gains[0].n})")
    for col in ("metric", "mean change", "95% CI"):
        table.add_column(col)
    for g in gains:
        table.add_row(g.metric, f"{g.mean:+.2f}", f"[{g.low:+.2f}, {g.high:+.2f}]")
    console.print(table)
