"""Small builders and fakes shared by the tests (fakes, not mocks)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from parley.analysis import Analysis, Finding, Utterance
from parley.subject import TurnInput

SCRIPTS = Path(__file__).parent / "scripts"


class ScriptedAnalyzer:
    """An analyzer that returns pre-set techniques, in order, whatever is said."""

    name = "scripted"

    def __init__(self, techniques: Sequence[Sequence[str]]) -> None:
        self._queue = [list(t) for t in techniques]

    def enqueue(self, *techniques: str) -> None:
        self._queue.append(list(techniques))

    def __call__(self, text: str, context: Sequence[Utterance] = ()) -> Analysis:
        names = self._queue.pop(0) if self._queue else ["information"]
        return Analysis(text, tuple(Finding(n, 0.9, "scripted") for n in names))


def turn(*techniques: str, text: str = "", subject_last: str = "", pause: bool = False,
         conf: float = 0.9) -> TurnInput:
    """A TurnInput with the given techniques at a fixed confidence."""
    return TurnInput(text=text or " ".join(techniques), pause=pause,
                     techniques=tuple((t, conf) for t in techniques),
                     subject_last=subject_last)


def script(scenario: str, name: str) -> str:
    return (SCRIPTS / scenario / f"{name}.txt").read_text(encoding="utf-8")
