"""Printing one exchange in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from parley.assessment import coach_turn
from parley.session import Session, Turn
from parley.subject import SubjectState
from parley.techniques import TECHNIQUES, Family


def _arrow(before: float, after: float) -> str:
    if after > before + 0.5:
        return "↑"
    if after < before - 0.5:
        return "↓"
    return "→"


def status_line(before: SubjectState, after: SubjectState) -> str:
    """Arousal, trust, stairway and risk, with the direction of change."""
    return (f"[dim]arousal {after.arousal:3.0f} {_arrow(before.arousal, after.arousal)}  "
            f"trust {after.trust:3.0f} {_arrow(before.trust, after.trust)}  "
            f"stairway: {after.stairway.label}  risk {after.risk}[/dim]")


def _tag(name: str) -> str:
    family = TECHNIQUES[name].family
    colour = "red" if family is Family.ERROR else "green" if family is \
        Family.ACTIVE_LISTENING else "cyan"
    return f"[{colour}]{name}[/{colour}]"


def coaching(turn: Turn, subject_line: str, session: Session | None = None) -> list[str]:
    """Short coaching flags for one turn: techniques, and a better line for a slip.

    For an error or a missed moment, the better line comes with a one-line reason.
    """
    notes = coach_turn(turn, subject_line, session)
    detected = [_tag(n.technique) for n in notes if n.kind == "technique"]
    out = ["  [dim]coach:[/dim] " + (", ".join(detected) or "[dim]no clear technique[/dim]")]
    for n in notes:
        if n.kind == "error":
            out.append(f"  [red]✘ {n.technique.replace('_', ' ')}[/red]: {escape(n.text)}")
            out.append(f"    [i]Try instead:[/i] \"{escape(n.better)}\"")
        elif n.kind == "missed":
            out.append(f"  [yellow]↷ {escape(n.title)}[/yellow]: {escape(n.text)}")
            out.append(f"    [i]Try:[/i] \"{escape(n.better)}\"")
        elif n.kind == "warning":
            out.append(f"  [yellow]! {n.text}[/yellow]")
    return out


def print_turn(console: Console, turn: Turn, *, coach: bool, subject_line: str = "",
               name: str = "Subject", echo: bool = True, session: Session | None = None
               ) -> None:
    """Print the trainee line (if ``echo``), coaching, events, the reply and the state."""
    if echo:
        console.print(f"[b blue]You:[/b blue] {escape(turn.trainee)}")
    if coach:
        for line in coaching(turn, subject_line, session):
            console.print(line)
    for ev in turn.decision.events:
        console.print(f"[magenta]» {escape(ev.text)}[/magenta]")
    if turn.decision.deadline:
        console.print(f"[magenta]» {escape(turn.decision.deadline)}[/magenta]")
    console.print(f"[b]{escape(name)}:[/b] {escape(turn.reply)}")
    if turn.decision.released:
        console.print(f"[green]» {turn.decision.released} hostage(s) released.[/green]")
    console.print(status_line(turn.before, turn.after))
