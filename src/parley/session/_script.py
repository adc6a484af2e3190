"""Trainee scripts for ``parley replay``: one utterance per line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parley.errors import InputError
from parley.session._input import check_utterance, is_pause
from parley.session._session import Session


@dataclass(frozen=True)
class ScriptLine:
    """One utterance of a script, with its 1-based line number in the file."""

    line: int
    text: str


def parse_script(text: str, *, source: str = "script") -> list[ScriptLine]:
    """Parse a script: ``#`` lines and blank lines are ignored; ``...`` is a pause.

    Every line is validated before anything runs, so a bad script changes nothing.

    Raises:
        InputError: A line is too long or holds control characters (names source:line),
            or the script has no utterances.
    """
    lines = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            lines.append(ScriptLine(number, "..." if is_pause(stripped)
                                    else check_utterance(stripped)))
        except InputError as exc:
            raise InputError(f"{source}:{number}: {exc}") from None
    if not lines:
        raise InputError(f"{source}: no utterances (only blank or # lines)")
    return lines


def run_script(session: Session, lines: Sequence[ScriptLine]) -> list[ScriptLine]:
    """Play the lines until the first terminal outcome; return the lines left unused."""
    for i, line in enumerate(lines):
        if session.finished:
            return list(lines[i:])
        session.say(line.text)
    return []
