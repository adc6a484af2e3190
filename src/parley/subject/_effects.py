"""The calibration numbers of the dynamics, in one place.

The *directions* come from the literature (DOMAIN.md): active listening lowers arousal and
builds trust (Vecchi et al. 2005); errors raise arousal and cost trust (McMains & Mullins);
influence works only after rapport (BCSM); expressive subjects respond to being heard,
instrumental ones to bargaining (Noesner & Webster 1997). The *sizes* are Parley's own
calibration, chosen so that a strong negotiator resolves the built-in scenarios in 15-30
turns and a novice does not (docs/design/calibration.md).
"""

from __future__ import annotations

from parley.techniques import COUNTS, ERROR_COUNTS

LISTENING: dict[str, tuple[float, float]] = {
    "emotional_labeling": (7.0, 6.0),
    "summarizing": (7.0, 5.0),
    "paraphrasing": (6.0, 5.0),
    "mirroring": (4.0, 3.5),
    "open_question": (4.0, 3.0),
    "i_message": (3.5, 3.0),
    "minimal_encourager": (2.0, 2.0),
}
"""Active-listening skill -> (trust gain, arousal drop) at full strength."""

ERRORS: dict[str, tuple[float, float]] = {
    "threat": (16.0, 15.0),
    "judging": (12.0, 10.0),
    "minimizing": (10.0, 8.0),
    "arguing": (9.0, 8.0),
    "flat_refusal": (8.0, 6.0),
    "why_question": (6.0, 5.0),
    "false_promise": (0.0, 0.0),
}
"""Error -> (arousal rise, trust loss) at full strength. A false promise costs nothing
when heard and heavily when exposed (``PROMISE_EXPOSED``)."""

PROMISE_EXPOSED = (12.0, 20.0)
"""(arousal rise, trust loss) when a false promise is found out."""
PROMISE_EXPOSED_AFTER = 4
"""Trainee turns after which a false promise is found out."""

RAPPORT_TRUST = {"expressive": 45.0, "instrumental": 30.0}
"""Trust from which influence (problem solving, face saving) is accepted, by motivation."""
INFLUENCE_MAX_AROUSAL = 65.0
"""Above this arousal no suggestion is heard, whatever the trust."""

FRAME_LISTENING = {"expressive": 1.2, "instrumental": 0.85}
"""Multiplier of listening gains: expressive subjects respond to being heard."""

CONFIDENT = COUNTS
"""Findings at or above this confidence count as the technique used (one rule everywhere:
``parley.techniques.COUNTS``)."""
ERROR_CONFIDENT = ERROR_COUNTS
"""Errors count from this lower confidence: missing an error is worse than a false alarm."""

HANG_UP_TRUST = 30.0
"""Below this trust, a second error in a row makes the subject break contact."""
ABSENCE_MINUTES = 5.0
"""A gap between turns longer than this raises arousal (long absence raises risk)."""
AROUSAL_FLOOR = 12.0
"""Calming moves cannot take arousal below this while the incident lasts."""
ROBOTIC_HANG_UP = 4
"""Consecutive formulaic turns after which a subject with little trust stops talking."""
