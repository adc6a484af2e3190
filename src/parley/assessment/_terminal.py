"""The debrief in the terminal (Rich)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from parley.assessment._debrief import Debrief
from parley.techniques import TECHNIQUES, Family

_OUTCOME_STYLE = {"peaceful_resolution": "bold green", "ongoing": "yellow",
                  "violent_escalation": "bold red", "tactical_resolution": "red",
                  "contact_lost": "red"}
_SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """Values 0-100 as a one-line bar chart."""
    return "".join(_SPARK[min(7, int(v / 100 * 8))] for v in values)


def _turns(turns: tuple[int, ...]) -> str:
    if not turns:
        return "-"
    shown = ", ".join(str(t) for t in turns[:8])
    return shown + (f" +{len(turns) - 8}" if len(turns) > 8 else "")


def _header(d: Debrief) -> Panel:
    style = _OUTCOME_STYLE.get(d.outcome, "white")
    text = Text.assemble(
        ("Outcome: ", "bold"), (d.outcome.replace("_", " "), style),
        ("    Score: ", "bold"), (f"{d.score:.0f}/100", "bold cyan"),
        ("    Stairway reached: ", "bold"), d.stairway,
    )
    if d.hostages_released:
        text.append(f"    Released: {d.hostages_released}", style="green")
    return Panel(text, title=f"Debrief: {escape(d.title)}", subtitle=d.rubric,
                 border_style=style)


def _components(d: Debrief) -> Table:
    table = Table(title="Score breakdown", show_lines=False, expand=True)
    table.add_column("component")
    table.add_column("points", justify="right")
    table.add_column("turns")
    table.add_column("why", ratio=3)
    for c in d.components:
        table.add_row(c.name, f"{c.points:.1f}/{c.max_points}", _turns(c.turns), c.reason)
    for b in d.blockers:
        table.add_row(Text(f"BLOCKER {b.name}", style="bold red"), f"cap {b.cap}",
                      _turns(b.turns), "a critical error caps the score")
    return table


def _techniques(d: Debrief) -> Table:
    table = Table(title="Techniques used", expand=True)
    table.add_column("technique")
    table.add_column("family")
    table.add_column("turns", justify="right")
    for name, n in d.techniques.items():
        family = TECHNIQUES[name].family
        style = "red" if family is Family.ERROR else "green" if family is \
            Family.ACTIVE_LISTENING else ""
        table.add_row(Text(name, style=style), family.value, str(n))
    return table


def _timeline(d: Debrief) -> Text:
    arousal = [a for _, a, _ in d.timeline]
    trust = [t for _, _, t in d.timeline]
    return Text.assemble(("Arousal ", "bold red"), sparkline(arousal), "\n",
                         ("Trust   ", "bold green"), sparkline(trust))


def _errors(d: Debrief) -> RenderableType:
    if not d.errors:
        return Text("No negotiation errors detected.", style="green")
    table = Table(title="Errors, and what to say instead", show_lines=True, expand=True)
    table.add_column("turn", justify="right")
    table.add_column("you said", ratio=2)
    table.add_column("error")
    table.add_column("instead", ratio=3)
    for e in d.errors:
        advice = Text(e.better, style="italic")
        advice.append("\n" + e.why, style="")
        table.add_row(str(e.turn), Text(e.said), Text(e.technique, style="red"), advice)
    return table


def _facts(d: Debrief) -> Text:
    text = Text()
    for f in d.facts_earned:
        text.append("  ✔ ", style="green").append(f + "\n")
    for f in d.facts_missed:
        text.append("  ✘ ", style="red").append(f + "\n")
    for g in d.gains_won:
        text.append("  ✔ humanitarian gain won: ", style="green").append(g + "\n")
    for g in d.gains_missed:
        text.append("  ✘ humanitarian gain not won: ", style="red").append(g + "\n")
    return text


def render_debrief(d: Debrief) -> Group:
    """The whole debrief as one Rich renderable."""
    practise = Text()
    for i, tip in enumerate(d.practise_next, 1):
        practise.append(f"  {i}. {tip}\n")
    if not d.practise_next:
        practise.append("  Nothing stood out. Play it again with another seed, or try a "
                        "harder scenario.\n")
    return Group(
        _header(d), _components(d), Panel(_timeline(d), title="Timeline (turn by turn)"),
        _techniques(d), _errors(d),
        Panel(_facts(d), title="Intelligence earned / missed, and humanitarian gains"),
        Panel(practise, title="Practise next", border_style="cyan"),
    )
