"""The session: the turn loop, the clock, instructor events and outcomes."""

from parley.session._input import MAX_CHARS, check_utterance, is_pause
from parley.session._session import OUTCOMES, EventDict, Session, Turn, scenario_hash

__all__ = [
    "MAX_CHARS",
    "OUTCOMES",
    "EventDict",
    "Session",
    "Turn",
    "check_utterance",
    "is_pause",
    "scenario_hash",
]
