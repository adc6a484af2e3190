"""The session: the turn loop, the clock, instructor events and outcomes."""

from parley.session._input import MAX_CHARS, check_utterance, is_pause
from parley.session._script import ScriptLine, parse_script, run_script
from parley.session._session import OUTCOMES, EventDict, Session, Turn, scenario_hash

__all__ = [
    "MAX_CHARS",
    "OUTCOMES",
    "EventDict",
    "ScriptLine",
    "Session",
    "Turn",
    "check_utterance",
    "is_pause",
    "parse_script",
    "run_script",
    "scenario_hash",
]
