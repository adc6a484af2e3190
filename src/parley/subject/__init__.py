"""The simulated subject: state, dynamics (a pure function) and reply rendering."""

from parley.subject._dynamics import Decision, Event, TurnInput, step
from parley.subject._renderer import RENDERERS, BankRenderer, Renderer, band, get_renderer
from parley.subject._state import (
    ChangeStage,
    Promise,
    Stairway,
    SubjectState,
    initial_state,
    risk_level,
)

__all__ = [
    "RENDERERS",
    "BankRenderer",
    "ChangeStage",
    "Decision",
    "Event",
    "Promise",
    "Renderer",
    "Stairway",
    "SubjectState",
    "TurnInput",
    "band",
    "get_renderer",
    "initial_state",
    "risk_level",
    "step",
]
