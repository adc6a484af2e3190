"""Live coaching: what an instructor at the trainee's shoulder would flag after one turn.

The same notes serve the terminal (``parley train``) and the web console; each front end
only formats them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from parley.assessment._coaching import better_alternative, why_wrong
from parley.session import Turn
from parley.techniques import ERRORS, TECHNIQUES

SHOWN_CONFIDENCE = 0.4
"""Findings below this confidence are not shown as coaching (they stay in the debrief)."""

_WARNINGS = {
    "resist_influence": "too early for solutions: he doesn't trust you yet. Listen first.",
    "robotic": "that sounds like a formula: tie what you say to his words.",
}


@dataclass(frozen=True)
class CoachNote:
    """One coaching flag.

    Attributes:
        kind: ``technique`` (a technique detected), ``error`` (an error, with a fix) or
            ``warning`` (what the subject's reaction shows).
        text: For a technique, its name; for an error, why it hurts; for a warning, the
            advice.
        technique: The technique or error named, if any.
        family: Its family (``active_listening``, ``error``...), if any.
        confidence: Confidence of the finding in [0, 1] (1.0 for warnings).
        better: For an error, a better thing to say at that moment.
    """

    kind: Literal["technique", "error", "warning"]
    text: str
    technique: str = ""
    family: str = ""
    confidence: float = 1.0
    better: str = ""

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return asdict(self)


def coach_turn(turn: Turn, subject_line: str) -> tuple[CoachNote, ...]:
    """Coaching notes for one turn: up to three techniques, the first error, warnings.

    Args:
        turn: The turn just taken.
        subject_line: The subject's line the trainee was answering.
    """
    found = [f for f in turn.analysis.findings if f.confidence >= SHOWN_CONFIDENCE]
    notes = [CoachNote("technique", f.technique, f.technique, _family(f.technique),
                       f.confidence) for f in found[:3]]
    for f in found:
        if f.technique in ERRORS:
            notes.append(CoachNote("error", why_wrong(f.technique), f.technique, "error",
                                   f.confidence,
                                   better_alternative(f.technique, subject_line, turn.index)))
            break
    advice = _WARNINGS.get(turn.decision.situation)
    if advice:
        notes.append(CoachNote("warning", advice))
    return tuple(notes)


def _family(name: str) -> str:
    technique = TECHNIQUES.get(name)
    return technique.family.value if technique else ""
