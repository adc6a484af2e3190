"""The subject's state: a frozen value, recomputed by folding the session's events."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

from parley.scenario import Frame, Scenario


class Stairway(IntEnum):
    """Steps of the Behavioral Change Stairway Model (Vecchi, Van Hasselt & Romano 2005)."""

    ACTIVE_LISTENING = 0
    EMPATHY = 1
    RAPPORT = 2
    INFLUENCE = 3
    BEHAVIOURAL_CHANGE = 4

    @property
    def label(self) -> str:
        """Human-readable name, e.g. ``active listening``."""
        return self.name.lower().replace("_", " ")


class ChangeStage(IntEnum):
    """Stages of change in the subject's talk (STEPS model, Kelln & McMurtry 2007)."""

    PRECONTEMPLATION = 0
    CONTEMPLATION = 1
    PREPARATION = 2
    ACTION = 3

    @property
    def label(self) -> str:
        """Human-readable name."""
        return self.name.lower()


@dataclass(frozen=True)
class Promise:
    """A false promise the subject heard.

    Attributes:
        turn: Trainee turn (1-based) at which it was made.
        text: The utterance.
        exposed: Whether the subject has found out it cannot be kept.
    """

    turn: int
    text: str
    exposed: bool = False


@dataclass(frozen=True)
class SubjectState:
    """Everything the subject "is" at one moment of the incident.

    Attributes:
        turn: Trainee turns taken so far.
        minute: Incident clock in minutes since first contact.
        arousal: Emotional arousal, 0 (calm) to 100 (out of control).
        trust: Trust / rapport with the negotiator, 0 to 100.
        stairway: Current BCSM step.
        stairway_max: Highest BCSM step reached so far.
        change: STEPS stage of change.
        frame: Active S.A.F.E. frame.
        disclosed: Ids of facts disclosed so far, in order.
        promises: False promises heard.
        deadlines_pending: Indices (into ``scenario.deadlines``) not yet expired.
        hostages_held: People still held.
        hostages_released: People released so far.
        hang_ups: Times the subject has broken contact.
        connected: False right after a hang-up, until the subject calls back.
        violence_streak: Consecutive turns at or above the violence threshold.
        listening_turns: Turns with effective active listening (for diminishing returns).
        influence_accepted: Influence moves the subject has accepted.
        premature_influence: Influence moves attempted before rapport.
        robotic_streak: Consecutive formulaic turns.
        error_streak: Consecutive turns with an error.
        pauses_in_row: Consecutive effective pauses.
        recent: Techniques of the last few turns, oldest first.
        recent_texts: Normalised trainee texts of the last few turns.
        topics: Hook and trigger topics raised so far (with repeats).
        last_release_turn: Turn of the last hostage release (0 if none).
        gains: Ids of humanitarian gains won, in order.
        deadlines_set: Indices of the deadlines the subject has announced so far.
        intermediaries_allowed: Ids of unvetted intermediaries the trainee let negotiate.
        risk: Risk level 0-100 from volatility indicators (Strentz) and the state.
        outcome: ``None`` while the incident runs; else a terminal outcome name.
    """

    turn: int
    minute: float
    arousal: float
    trust: float
    stairway: Stairway
    stairway_max: Stairway
    change: ChangeStage
    frame: Frame
    disclosed: tuple[str, ...] = ()
    promises: tuple[Promise, ...] = ()
    deadlines_pending: tuple[int, ...] = ()
    hostages_held: int = 0
    hostages_released: int = 0
    hang_ups: int = 0
    connected: bool = True
    violence_streak: int = 0
    listening_turns: int = 0
    influence_accepted: int = 0
    premature_influence: int = 0
    robotic_streak: int = 0
    error_streak: int = 0
    pauses_in_row: int = 0
    recent: tuple[tuple[str, ...], ...] = ()
    recent_texts: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    last_release_turn: int = 0
    gains: tuple[str, ...] = ()
    deadlines_set: tuple[int, ...] = ()
    intermediaries_allowed: tuple[str, ...] = ()
    risk: int = 0
    outcome: str | None = None

    def summary(self) -> dict[str, object]:
        """A JSON-ready view for ``replay --json`` and the API."""
        return {
            "turn": self.turn,
            "minute": round(self.minute, 1),
            "arousal": round(self.arousal, 1),
            "trust": round(self.trust, 1),
            "stairway": self.stairway.label,
            "stage_of_change": self.change.label,
            "frame": self.frame.value,
            "risk": self.risk,
            "disclosed": list(self.disclosed),
            "hostages_held": self.hostages_held,
            "hostages_released": self.hostages_released,
            "promises": [p.text for p in self.promises],
            "deadlines_pending": list(self.deadlines_pending),
            "deadlines_set": list(self.deadlines_set),
            "hang_ups": self.hang_ups,
            "gains": list(self.gains),
            "intermediaries_allowed": list(self.intermediaries_allowed),
        }


def initial_state(scenario: Scenario) -> SubjectState:
    """The state at first contact, from the scenario's baselines."""
    subject = scenario.subject
    state = SubjectState(
        turn=0,
        minute=0.0,
        arousal=float(subject.baseline_arousal),
        trust=float(subject.baseline_trust),
        stairway=Stairway.ACTIVE_LISTENING,
        stairway_max=Stairway.ACTIVE_LISTENING,
        change=ChangeStage.PRECONTEMPLATION,
        frame=subject.dominant_frame,
        deadlines_pending=tuple(range(len(scenario.deadlines))),
        hostages_held=scenario.hostages.count,
    )
    return _with_risk(state, scenario)


def _with_risk(state: SubjectState, scenario: Scenario) -> SubjectState:
    return replace(state, risk=risk_level(state, scenario))


def risk_level(state: SubjectState, scenario: Scenario) -> int:
    """Risk 0-100: volatility indicators (Strentz 1983) plus arousal, low trust, hang-ups.

    Each listed indicator adds 7 points (at most 35); each critical fact disclosed (a
    weapon, pills taken, intent) 4; arousal adds up to 40 and missing rapport up to 15;
    each hang-up adds 5. The weights are Parley's calibration, chosen so
    that a calm subject with rapport reads "low" and a volatile one in crisis "critical".
    """
    indicators = min(len(scenario.subject.volatility) * 7, 35)
    critical = {f.id for f in scenario.facts if f.critical}
    known = 4 * len(critical.intersection(state.disclosed))  # a weapon, pills, intent
    score = (indicators + known + 0.4 * state.arousal + 0.15 * (100 - state.trust)
             + 5 * state.hang_ups)
    return int(max(0, min(100, round(score))))
