"""API schemas, one family per entity (``SessionCreate``, ``SessionPublic``...)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

from parley.scenario import ScheduledEvent
from parley.session import MAX_CHARS

EVENT_KINDS: tuple[str, ...] = get_args(ScheduledEvent.model_fields["kind"].annotation)
"""The event kinds an instructor can inject (the scenario format's list)."""

EventKind = Literal[
    "shots_heard", "hostage_ill", "relative_arrives", "media_leak", "power_cut",
    "tactical_move", "intermediary_offer", "demand_restated", "phone_cut",
]


MAX_ID = 2**31 - 1
"""Largest database id (a 32-bit INTEGER column): larger path ids are refused with 422."""

CohortId = Annotated[int, Path(ge=1, le=MAX_ID, description="Cohort id.")]
"""A cohort id in a path (bounded, so that no id reaches the database as an overflow)."""


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Token(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"


class SessionCreate(_In):
    """Start a negotiation."""

    scenario: str = Field(min_length=1, max_length=80, description="Scenario id.")
    kind: Literal["practice", "pre_test", "post_test"] = "practice"


class TurnCreate(_In):
    """What the trainee says; ``...`` is an effective pause."""

    text: str = Field(min_length=1, max_length=MAX_CHARS)


class EventCreate(_In):
    """An event the instructor injects; the subject reacts on the next turn."""

    kind: EventKind
    text: str = Field(min_length=1, max_length=500, description="What the trainee is told.")
    arousal: int = Field(default=0, ge=-100, le=100, description="Arousal change.")
    trust: int = Field(default=0, ge=-100, le=100, description="Trust change.")
    line: str = Field(default="", max_length=500, description="What the subject says.")


class Board(_In):
    """The situation board that the trainee (as scribe) keeps during the incident."""

    subject: str = Field(default="", max_length=4000)
    demands: str = Field(default="", max_length=4000)
    deadlines: str = Field(default="", max_length=4000)
    hostages: str = Field(default="", max_length=4000)
    hooks: str = Field(default="", max_length=4000)
    triggers: str = Field(default="", max_length=4000)
    promises: str = Field(default="", max_length=4000)
    notes: str = Field(default="", max_length=4000)


class ReviewCreate(_In):
    """An instructor's comment, with an optional score override."""

    text: str = Field(min_length=1, max_length=4000)
    score_override: float | None = Field(default=None, ge=0, le=100)


class TechniquePublic(BaseModel):
    """A technique detected in a trainee line."""

    name: str
    confidence: float


class CoachNotePublic(BaseModel):
    """A live coaching flag (see ``parley.assessment.CoachNote``)."""

    kind: str
    text: str
    technique: str = ""
    family: str = ""
    confidence: float = 1.0
    better: str = ""
    moment: str = Field(default="", description="For a missed moment: feeling, question, "
                        "too_early, robotic, disclosure, interrogation or hook.")
    title: str = Field(default="", description="For a missed moment: its heading.")


class TurnPublic(BaseModel):
    """One exchange."""

    index: int
    trainee: str
    pause: bool
    reply: str
    techniques: list[TechniquePublic]
    coaching: list[CoachNotePublic]
    narration: list[str] = Field(description="Events and deadlines narrated this turn.")
    released: int
    state: dict[str, Any]


class NoticePublic(BaseModel):
    """An event an instructor injected (shown to the trainee at once)."""

    seq: int
    kind: str
    text: str
    after_turn: int


class SessionPublic(BaseModel):
    """A session as the console, the observer and API clients see it."""

    id: str
    scenario: str
    title: str
    subject: str
    trainee: str | None
    kind: str
    status: str
    outcome: str
    finished: bool
    started_at: str
    seq: int = Field(description="Events stored so far; poll /feed?after=seq for news.")
    opening: str
    state: dict[str, Any]
    turns: list[TurnPublic]
    notices: list[NoticePublic]
    board: Board | None
    score: float | None


class TurnResult(BaseModel):
    """The answer to a trainee turn."""

    turn: TurnPublic
    session_id: str
    reply: str
    techniques: list[TechniquePublic]
    coaching: list[CoachNotePublic]
    state: dict[str, Any]
    outcome: str
    finished: bool
    seq: int


class Feed(BaseModel):
    """Polling answer: the session, only if something happened since ``after``."""

    seq: int
    changed: bool
    session: SessionPublic | None


class ReviewPublic(BaseModel):
    """A stored review."""

    id: int
    author: str | None
    text: str
    score_override: float | None
    created_at: str


class ScenarioSummary(BaseModel):
    """A scenario in the library."""

    id: str
    title: str
    incident_type: str
    difficulty: str
    subject: str
    hostages: int


class ScenarioPublic(ScenarioSummary):
    """A scenario's briefing; instructors also get the subject profile."""

    briefing: str
    demands: list[str]
    profile: dict[str, Any] | None = None


class ScenarioSource(_In):
    """A scenario as YAML text, from the in-browser editor."""

    yaml: str = Field(max_length=2_000_000)


class DryRun(_In):
    """A scenario and a trainee script to replay through it."""

    yaml: str = Field(max_length=2_000_000)
    script: str = Field(min_length=1, max_length=200_000)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)


class ValidationPublic(BaseModel):
    """The result of validating a scenario (the errors ``parley scenarios validate`` shows)."""

    ok: bool
    id: str | None = None
    message: str = ""
    line: int | None = None
    field: str = ""


class CohortCreate(_In):
    """A new cohort and the instructor who runs it."""

    name: str = Field(min_length=1, max_length=120)
    instructor: str = Field(min_length=1, max_length=80)


class MemberCreate(_In):
    """A trainee to add to a cohort."""

    username: str = Field(min_length=1, max_length=80)


class TraineeSummary(BaseModel):
    """A cohort member at a glance."""

    username: str
    sessions: int
    finished: int
    mean_score: float | None
    last_score: float | None
    last_session: str | None
    weakest: list[str]
    running: list[str]


class CohortPublic(BaseModel):
    """A cohort."""

    id: int
    name: str
    instructor: str | None
    members: int


class CohortDetail(CohortPublic):
    """A cohort with its trainees' summaries."""

    trainees: list[TraineeSummary]


class SessionSummary(BaseModel):
    """A session in a list."""

    id: str
    trainee: str | None
    scenario: str
    kind: str
    status: str
    outcome: str | None
    score: float | None
    started_at: str
