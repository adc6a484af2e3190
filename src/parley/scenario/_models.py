"""The scenario format: what an instructor writes in YAML.

Every field's docstring is the authoring reference (``docs/scenarios.md`` is generated
from them). Unknown keys are errors (``extra="forbid"``), so a typo never passes silently.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class IncidentType(StrEnum):
    """The six incident types the training covers (DOMAIN.md)."""

    SUICIDE_ATTEMPT = "suicide_attempt"
    KIDNAPPING = "kidnapping"
    DOMESTIC_BARRICADE = "domestic_barricade"
    ROBBERY = "robbery"
    TERRORIST_SIEGE = "terrorist_siege"
    SCHOOL_SIEGE = "school_siege"


class Motivation(StrEnum):
    """Instrumental vs expressive subject (Noesner & Webster 1997)."""

    INSTRUMENTAL = "instrumental"
    EXPRESSIVE = "expressive"


class Frame(StrEnum):
    """The S.A.F.E. frames of the subject's talk (Hammer 2007)."""

    SUBSTANTIVE = "substantive"
    ATTUNEMENT = "attunement"
    FACE = "face"
    EMOTIONAL = "emotional"


Percent = Annotated[int, Field(ge=0, le=100)]
Delta = Annotated[int, Field(ge=-100, le=100)]


class Subject(_Strict):
    """The person the trainee negotiates with."""

    name: str = Field(min_length=1)
    """Full name, as the intelligence officer has it."""
    age: int = Field(ge=10, le=100)
    """Age in years."""
    history: str = Field(min_length=1)
    """What is known of their life and of the last days: the background to the crisis."""
    motivation: Motivation
    """``instrumental`` (wants something substantive, responds to bargaining) or
    ``expressive`` (needs to vent and be heard, responds to active listening)."""
    dominant_frame: Frame
    """The S.A.F.E. frame that dominates their talk at first contact."""
    baseline_arousal: Percent
    """Emotional arousal at first contact, 0 (calm) to 100 (out of control)."""
    baseline_trust: Percent
    """Trust in the negotiator at first contact, 0 to 100. Usually low (5-20)."""
    volatility: list[str] = []
    """Volatility indicators present (Strentz), in plain words, e.g.
    ``deadline set for own death``, ``intoxicated``, ``multiple stressors``. Each raises
    the risk level shown to the trainee."""
    speech: str = ""
    """How they talk (register, habits), for authors of replies and for an LLM renderer."""


class Hostages(_Strict):
    """Who is held. ``count: 0`` for incidents without hostages."""

    count: int = Field(ge=0, default=0)
    """Number of people held at the start."""
    description: str = ""
    """Who they are: names, ages, condition, as far as known."""
    releasable: int = Field(ge=0, default=0)
    """How many can be released by negotiation before a resolution (children, sick,
    wounded). Each ``release`` reply releases one group of ``release_size``."""
    release_size: int = Field(ge=1, default=1)
    """How many people one release frees."""


class Demand(_Strict):
    """Something the subject asks for."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-_]*$")
    """Short identifier, e.g. ``see-kids``."""
    text: str
    """The demand in the subject's words."""
    negotiable: bool
    """Whether the incident commander could in principle grant it."""
    authority: str
    """Who can authorise it (``incident commander``, ``prosecutor``, ``nobody``). A
    negotiator who grants it on their own is making a false promise."""
    keywords: list[str] = []
    """Words that mean the trainee is talking about this demand."""


class Effect(_Strict):
    """A topic that moves the subject's arousal and trust when the trainee raises it."""

    topic: str
    """Short name, e.g. ``daughter`` or ``police``."""
    keywords: list[str] = Field(min_length=1)
    """Words or phrases (lower case) that mean the trainee raised the topic."""
    arousal: Delta = 0
    """Change in arousal when the topic is raised (negative calms)."""
    trust: Delta = 0
    """Change in trust when the topic is raised."""
    lines: list[str] = []
    """What the subject says when the topic lands, one picked per time."""
    min_trust: Percent = 0
    """A hook works only from this trust on; below it, it is met with suspicion."""


class Fact(_Strict):
    """A fact the subject discloses only once trust is high enough."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-_]*$")
    """Short identifier, e.g. ``pills-taken``."""
    summary: str
    """The fact as the situation board records it."""
    trust_threshold: Percent
    """Disclosed only when trust is at or above this value, never earlier."""
    line: str
    """What the subject says when they disclose it."""
    keywords: list[str] = []
    """Words of a trainee question that draw this fact out first, once trust allows."""
    critical: bool = False
    """A fact the debrief counts as essential intelligence (weapon, pills, hostages)."""


class Deadline(_Strict):
    """A deadline the subject sets, or an external one (a press conference, a flight)."""

    at_minute: int = Field(ge=1)
    """Incident minute at which it expires."""
    text: str
    """What the subject says when setting or restating it."""
    consequence: str = ""
    """What happens when it expires unaddressed (narrated)."""
    arousal: Delta = 15
    """Arousal change when it expires."""
    defused_by_trust: Percent = 60
    """If trust is at or above this when it expires, it passes without harm."""


EventKind = Literal[
    "shots_heard", "hostage_ill", "relative_arrives", "media_leak", "power_cut",
    "tactical_move", "intermediary_offer", "demand_restated", "phone_cut",
]


class ScheduledEvent(_Strict):
    """An event the scenario injects at a turn or at an incident minute.

    Give exactly one of ``at_turn`` and ``at_minute``. Instructors can inject more live.
    """

    at_turn: int | None = Field(default=None, ge=1)
    """Trainee turn during which it happens (the subject reacts in that turn's reply)."""
    at_minute: float | None = Field(default=None, gt=0)
    """Or: incident minute at which it happens (during the turn that crosses it)."""
    kind: EventKind
    """One of the standard event kinds."""
    text: str
    """What the trainee is told happened."""
    arousal: Delta = 0
    """Effect on arousal."""
    trust: Delta = 0
    """Effect on trust."""
    line: str = ""
    """What the subject says about it, if anything."""

    @model_validator(mode="after")
    def _one_time(self) -> ScheduledEvent:
        if (self.at_turn is None) == (self.at_minute is None):
            raise ValueError("give exactly one of at_turn and at_minute")
        return self


class Gain(_Strict):
    """A partial, humanitarian gain the negotiator can win (sieges above all).

    Water, food or medicine brought in, the children or the sick released. Won when the
    trainee asks for it (its keywords) with an accepted influence move and trust at
    ``min_trust``.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-_]*$")
    """Short identifier, e.g. ``water`` or ``infants-released``."""
    summary: str
    """The gain as the situation board and the debrief record it."""
    keywords: list[str] = Field(min_length=1)
    """Words of the trainee's request that ask for this gain."""
    min_trust: Percent
    """Trust needed for the subject to grant it."""
    releases: int = Field(ge=0, default=0)
    """Hostages released when it is granted."""
    line: str
    """What the subject says when granting it."""


class Intermediary(_Strict):
    """A third-party intermediary who offers to talk to the subject.

    A relative, a celebrity, a journalist, a politician. Letting an unvetted one negotiate
    is a critical error.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-_]*$")
    """Short identifier, e.g. ``singer``."""
    who: str
    """Who they are, as the cordon reports them."""
    at_turn: int = Field(ge=1)
    """Trainee turn during which the offer arrives."""
    offer: str
    """How the offer is reported to the negotiator."""
    keywords: list[str] = Field(min_length=1)
    """Words that name them in the trainee's speech."""
    vetted: bool = False
    """True only if the team has vetted and briefed them (their voice can then help)."""


Band = Literal["high", "mid", "low"]


class Lines(_Strict):
    """Reply lines for one situation, by arousal band.

    Missing bands fall back to a neighbouring one. ``high`` is arousal 65 and above,
    ``low`` below 35.
    """

    high: list[str] = []
    """Lines for arousal 65-100."""
    mid: list[str] = []
    """Lines for arousal 35-64."""
    low: list[str] = []
    """Lines for arousal 0-34."""

    @model_validator(mode="after")
    def _not_empty(self) -> Lines:
        if not (self.high or self.mid or self.low):
            raise ValueError("needs at least one line in high, mid or low")
        return self


Situation = Literal[
    "opening", "vent", "heard", "deny", "blame", "test", "demand", "doubt", "bargain",
    "resist_influence", "accept_influence", "robotic", "silence", "threatened",
    "argued", "why_asked", "minimized", "judged", "refused", "promise_heard",
    "promise_broken", "hang_up", "call_back", "surrender", "violence", "tactical",
    "release", "gain", "intermediary",
]


class Outcomes(_Strict):
    """When the incident ends."""

    resolution_trust: Percent = 70
    """Trust needed for the subject to act (come off the ledge, come out, release)."""
    resolution_arousal: Percent = 40
    """Arousal must be at or below this for the subject to act."""
    violence_arousal: Percent = 95
    """Arousal at or above which the subject turns to violence (or jumps)."""
    violence_streak: int = Field(ge=1, default=3)
    """Consecutive turns at or above ``violence_arousal`` before violence happens."""
    hang_up_limit: int = Field(ge=1, default=3)
    """After this many hang-ups, contact is lost for good."""
    tactical_after_minutes: int = Field(ge=10, default=120)
    """Incident minute after which command orders a tactical resolution if talks stall."""
    partial_goals: list[str] = []
    """For sieges: the partial gains that count as success (``time``, ``water``,
    ``children_released``...). Listed in the debrief."""


class Scenario(_Strict):
    """A training scenario: the incident, the subject, and how they react."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Identifier used on the command line, e.g. ``bridge-jumper``."""
    title: str
    """Title shown in the scenario library."""
    incident_type: IncidentType
    """One of the six incident types."""
    difficulty: Literal["beginner", "intermediate", "advanced"] = "intermediate"
    """Suggested trainee level."""
    briefing: str
    """What the negotiator knows at the start, as the team leader would brief it."""
    subject: Subject
    """The person the trainee talks to."""
    hostages: Hostages = Hostages()
    """Who is held, if anyone."""
    demands: list[Demand] = []
    """What the subject asks for."""
    hooks: list[Effect] = []
    """Topics that lower arousal (a child, faith, a friend, pride in a career)."""
    triggers: list[Effect] = []
    """Topics that raise arousal (police, an ex-partner, being told to calm down)."""
    facts: list[Fact] = []
    """Trust-gated facts, revealed one at a time as trust passes their thresholds."""
    deadlines: list[Deadline] = []
    """Deadlines, by incident minute."""
    gains: list[Gain] = []
    """Partial gains the negotiator can win short of a resolution (sieges)."""
    intermediaries: list[Intermediary] = []
    """Third-party intermediaries who offer themselves during the incident."""
    events: list[ScheduledEvent] = []
    """Scheduled events."""
    minutes_per_turn: float = Field(gt=0, le=30, default=2.0)
    """How much incident time one exchange takes."""
    replies: dict[Situation, Lines]
    """The subject's reply bank: for each situation the dynamics decide, lines by
    arousal band. ``opening``, ``vent``, ``surrender`` and ``violence`` are required."""
    outcomes: Outcomes = Outcomes()
    """When the incident ends."""

    @model_validator(mode="after")
    def _required_situations(self) -> Scenario:
        missing = [s for s in ("opening", "vent", "surrender", "violence") if s not in self.replies]
        if missing:
            raise ValueError(f"replies needs the situations: {', '.join(missing)}")
        return self
