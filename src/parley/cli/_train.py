"""``parley train``: an interactive negotiation in the terminal, ending with the debrief."""

from __future__ import annotations

import getpass
import random
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from parley.assessment import RUBRIC_VERSION, assess, render_debrief, render_html
from parley.cli._io import writable_path, write_atomic
from parley.cli._records import save_outcome
from parley.cli._scenarios import briefing_panel
from parley.cli._show import print_turn
from parley.errors import InputError, ParleyError
from parley.scenario import load_scenario
from parley.session import Session
from parley.store import Recorder, check_username, db, load_session

HELP = ("Type what you say and press Enter.  [b]...[/b] effective pause   "
        "[b]/board[/b] situation board   [b]/end[/b] end and debrief   [b]/help[/b]")


def _board(session: Session) -> Table:
    s, st = session.scenario, session.state
    facts = {f.id: f.summary for f in s.facts}
    table = Table(title="Situation board", show_header=False, expand=True)
    table.add_row("subject", Text(f"{s.subject.name}, {s.subject.age}"))
    table.add_row("clock", f"minute {st.minute:.0f}, turn {st.turn}")
    table.add_row("hostages", f"{st.hostages_held} held, {st.hostages_released} released")
    heard = any(t.decision.situation in ("demand", "bargain") for t in session.turns)
    table.add_row("demands", Text("\n".join(d.text for d in s.demands) if heard and s.demands
                                  else "- (none voiced yet)"))
    table.add_row("deadlines", Text("\n".join(f"minute {s.deadlines[i].at_minute}: "
                                              f"{s.deadlines[i].text}"
                                              for i in st.deadlines_pending
                                              if i in st.deadlines_set) or "-"))
    table.add_row("learned", Text("\n".join(facts[f] for f in st.disclosed) or "-"))
    table.add_row("hooks / triggers hit", Text(", ".join(dict.fromkeys(st.topics)) or "-"))
    table.add_row("promises made", Text("\n".join(p.text for p in st.promises) or "-"))
    table.add_row("risk", f"{st.risk}/100")
    return table


def _login_name() -> str:
    """The OS login name, or ``trainee`` where none can be found (e.g. a bare container)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "trainee"


def _start(scenario: str, seed: int | None, resume: str | None, trainee: str,
           kind: str, analyzer: str) -> tuple[Session, Recorder]:
    if resume is not None:
        if not resume.strip():
            raise ParleyError("--resume needs a session id (see: parley sessions list)")
        with db() as s:
            row, pinned, events = load_session(db=s, session_id=resume)
            owner = row.trainee.username if row.trainee else trainee
        if row.status == "finished":
            raise ParleyError(f"session {resume} has ended (see: parley report {resume})")
        recorder = Recorder(scenario=pinned, trainee=owner, rubric=row.rubric, kind=row.kind,
                            session_id=resume, next_seq=len(events))
        return Session.from_events(pinned, events, on_event=recorder), recorder
    check_username(trainee)
    loaded = load_scenario(scenario)
    recorder = Recorder(scenario=loaded, trainee=trainee, rubric=RUBRIC_VERSION, kind=kind,
                        lazy_start=True)
    chosen = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    return Session(loaded, seed=chosen, on_event=recorder, analyzer=analyzer), recorder


def train(
    scenario: Annotated[str, typer.Argument(help="Built-in scenario id or YAML path.")]
    = "bridge-jumper",
    seed: Annotated[int | None, typer.Option(help="Seed (default: random).")] = None,
    analyzer: Annotated[str, typer.Option(
        help="Technique analyzer: ensemble (default: hybrid corroborated by rules), "
        "rules or hybrid.")] = "ensemble",
    coach: Annotated[bool, typer.Option("--coach/--no-coach",
                                        help="Live coaching after each turn.")] = True,
    resume: Annotated[str | None, typer.Option(help="Resume a saved session by id.")] = None,
    trainee: Annotated[str | None, typer.Option(
        help="Whose session this is (default: your login name).")] = None,
    kind: Annotated[str, typer.Option(help="practice, pre_test or post_test.")] = "practice",
    html: Annotated[str | None, typer.Option(
        "--html", metavar="FILE", help="After the debrief, also write it as a "
        "self-contained HTML report.")] = None,
) -> None:
    """Negotiate a scenario in the terminal; the debrief follows at the end."""
    report = writable_path(html) if html else None
    console = Console()
    session, recorder = _start(scenario, seed, resume, trainee or _login_name(), kind,
                               analyzer)
    session_id = recorder.session_id
    s = session.scenario
    console.print(briefing_panel(s))
    console.print(HELP)
    console.print(f"[dim]Session {session_id}, saved from your first line (resume with: "
                  f"parley train --resume {session_id})[/dim]\n")
    console.print(f"[b]{escape(s.subject.name)}:[/b] {escape(session.opening)}")
    for t in session.turns:
        print_turn(console, t, coach=False, name=s.subject.name)
    last = session.turns[-1].reply if session.turns else session.opening
    while not session.finished:
        asked = time.monotonic()
        try:
            text = console.input("[b blue]You:[/b blue] ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        command = text.strip().lower()
        if command in ("/end", "/quit", "/exit"):
            session.end()
            break
        if command in ("/board", "/help", "?"):
            console.print(_board(session) if command == "/board" else HELP)
            continue
        if command.startswith("/"):
            console.print(f"[red]Unknown command {escape(command.split()[0])}[/red] "
                          "(nothing was said to the subject). " + HELP)
            continue
        gap = (time.monotonic() - asked) / 60
        try:
            turn = session.say(text, gap_minutes=round(gap, 2) if gap > 5 else None)
        except InputError as exc:
            console.print(f"[red]{escape(str(exc))}[/red]")
            continue
        print_turn(console, turn, coach=coach, subject_line=last, name=s.subject.name,
                   echo=False, session=session)
        last = turn.reply
    console.print()
    if not session.turns and not session.finished:
        console.print("Nothing was said, so no session was saved.")
        return
    if session.finished:
        debrief = save_outcome(session, session_id)
    else:
        debrief = assess(session)
        console.print(f"[yellow]Session {session_id} is paused; continue it with: "
                      f"parley train --resume {session_id}. The debrief so far:[/yellow]")
    console.print(render_debrief(debrief))
    if report is not None:
        write_atomic(report, render_html(debrief, session))
        typer.echo(f"HTML report written to {report}")
