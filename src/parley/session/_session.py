"""The turn loop: a session is an append-only list of events; its state is their fold."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from parley.analysis import (
    CONTEXT_WINDOW,
    DEFAULT_BACKEND,
    Analysis,
    Analyzer,
    Finding,
    Utterance,
    get_analyzer,
)
from parley.errors import InputError, ParleyError
from parley.scenario import Scenario
from parley.session._input import check_utterance, is_pause
from parley.subject import (
    Decision,
    Event,
    SubjectState,
    TurnInput,
    get_renderer,
    initial_state,
    step,
)

OUTCOMES = (
    "peaceful_resolution", "ongoing", "violent_escalation", "tactical_resolution",
    "contact_lost",
)
"""Every outcome a session can end with (DESIGN.md)."""


EventDict = dict[str, Any]
"""A JSON-ready session event: ``{"type": "start"|"turn"|"pause"|"event"|"end", ...}``."""


def scenario_hash(scenario: Scenario) -> str:
    """Content hash (sha256, 16 hex digits) that pins the exact scenario a session used."""
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Turn:
    """One exchange, fully derived from the events.

    Attributes:
        index: 1-based trainee turn number.
        trainee: What the trainee said (``...`` for a pause).
        analysis: The technique analysis of the trainee's line.
        decision: What the subject's dynamics decided.
        reply: What the subject said.
        before: Subject state before the turn.
        after: Subject state after the turn.
    """

    index: int
    trainee: str
    analysis: Analysis
    decision: Decision
    reply: str
    before: SubjectState
    after: SubjectState

    @property
    def pause(self) -> bool:
        """True if the trainee made an effective pause."""
        return is_pause(self.trainee)


_PAUSE_ANALYSIS = Finding("effective_pause", 1.0, "the line is a pause marker", "...")


class Session:
    """A negotiation in progress.

    Every method that changes the session appends an event and calls ``on_event`` with
    it *before* returning, so a store can commit each turn before the reply is shown.

    Args:
        scenario: The scenario to play.
        seed: Seed of the reply choice; the same seed and inputs give the same session.
        analyzer: Name of the technique analyzer backend (default ``ensemble``), or an
            analyzer object.
        renderer: Name of the reply renderer backend.
        on_event: Called with each new event (a JSON-ready dict).
    """

    def __init__(
        self, scenario: Scenario, *, seed: int = 0, analyzer: str | Analyzer = DEFAULT_BACKEND,
        renderer: str = "bank", on_event: Callable[[EventDict], None] | None = None,
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self._analyzer = get_analyzer(analyzer) if isinstance(analyzer, str) else analyzer
        self._renderer = get_renderer(renderer)
        self._on_event = on_event
        self.events: list[EventDict] = []
        self.turns: list[Turn] = []
        self._pending: list[Event] = []
        self._used: list[str] = []
        self.ended = False
        self._reanalyze = False
        self.state = initial_state(scenario)
        self.opening = self._render(self.state, Decision(situation="opening"), 0)
        self._used.append(self.opening)
        self._record({
            "type": "start", "scenario": scenario.id, "scenario_hash": scenario_hash(scenario),
            "seed": seed, "analyzer": self._analyzer.name, "renderer": self._renderer.name,
        })

    # -- folding --------------------------------------------------------------------

    @classmethod
    def from_events(
        cls, scenario: Scenario, events: Iterable[EventDict],
        on_event: Callable[[EventDict], None] | None = None,
        analyzer: str | Analyzer | None = None,
    ) -> Session:
        """Rebuild a session by replaying its events through the current engine.

        Each turn's recorded findings are reused, so a replay is cheap and reproduces
        exactly what the trainee saw; ``analyzer`` instead re-codes every turn (to replay
        an old session with a newer analyzer). ``on_event`` is attached after the replay,
        for the events that follow.

        Raises:
            ParleyError: If the events do not start with a ``start`` event for ``scenario``.
        """
        events = list(events)
        if not events or events[0].get("type") != "start":
            raise ParleyError("session log does not begin with a start event")
        head = events[0]
        if head.get("scenario") != scenario.id:
            raise ParleyError(f"session log is for scenario '{head.get('scenario')}'")
        session = cls(scenario, seed=int(head.get("seed", 0)),
                      analyzer=analyzer or _backend(head.get("analyzer", "rules")),
                      renderer=str(head.get("renderer", "bank")))
        session._reanalyze = analyzer is not None
        for ev in events[1:]:
            session.apply(ev)
        session._on_event = on_event
        return session

    def apply(self, ev: EventDict) -> Turn | None:
        """Apply one logged event (the fold step)."""
        kind = ev.get("type")
        if kind in ("turn", "pause"):
            text = "..." if kind == "pause" else str(ev.get("text", ""))
            recorded = None if self._reanalyze else _recorded_analysis(text, ev)
            return self._take(text, ev.get("gap_minutes"), recorded)
        if kind == "event":
            self.inject(Event(kind=str(ev["kind"]), text=str(ev.get("text", "")),
                              arousal=float(ev.get("arousal", 0)),
                              trust=float(ev.get("trust", 0)), line=str(ev.get("line", ""))))
        elif kind == "end":
            self.end()
        return None

    # -- the loop -------------------------------------------------------------------

    @property
    def outcome(self) -> str:
        """The terminal outcome, or ``ongoing``."""
        return self.state.outcome or "ongoing"

    @property
    def finished(self) -> bool:
        """True once the incident has a terminal outcome or the trainee ended it."""
        return self.ended or self.state.outcome is not None

    def context(self) -> list[Utterance]:
        """The dialogue so far, oldest first, as analysis context."""
        lines = [Utterance("subject", self.opening)]
        for t in self.turns:
            lines += [Utterance("negotiator", t.trainee), Utterance("subject", t.reply)]
        return lines

    def say(self, text: str, *, gap_minutes: float | None = None) -> Turn:
        """Take one trainee turn: analyse it, step the subject, render the reply.

        Args:
            text: The trainee's utterance; ``...`` or ``…`` is an effective pause.
            gap_minutes: Real minutes since the previous turn (live play), or None.

        Returns:
            The completed turn.

        Raises:
            InputError: Bad utterance (empty, too long, control characters), or the
                session has already ended.
        """
        return self._take(text, gap_minutes, None)

    def _take(self, text: str, gap_minutes: float | None, recorded: Analysis | None) -> Turn:
        """One turn; ``recorded`` is the stored analysis when folding a session's log."""
        if self.finished:
            raise InputError(f"the session has ended ({self.outcome})")
        pause = is_pause(text)
        text = "..." if pause else check_utterance(text)
        context = self.context()
        analysis = recorded or (Analysis(text, (_PAUSE_ANALYSIS,)) if pause
                                 else self._analyzer(text, context[-CONTEXT_WINDOW:]))
        index = len(self.turns) + 1
        minute = self.state.minute + self.scenario.minutes_per_turn + (0.5 if pause else 0.0)
        events = tuple(self._pending) + self._scheduled(index, self.state.minute, minute)
        self._pending = []
        turn_in = TurnInput(
            text="" if pause else text,
            techniques=tuple((f.technique, f.confidence) for f in analysis.findings),
            pause=pause, subject_last=context[-1].text, gap_minutes=gap_minutes,
            events=events)
        before = self.state
        after, decision = step(before, self.scenario, turn_in)
        reply = self._render(after, decision, index)
        turn = Turn(index, text, analysis, decision, reply, before, after)
        ev: EventDict = {"type": "pause"} if pause else {
            "type": "turn", "text": text,
            "findings": [[f.technique, round(f.confidence, 4), f.evidence, f.span]
                         for f in analysis.findings]}
        if gap_minutes is not None:
            ev["gap_minutes"] = gap_minutes
        self._record(ev)
        self._used.append(reply)
        self.state = after
        self.turns.append(turn)
        return turn

    def inject(self, event: Event) -> None:
        """Queue an instructor event; the subject reacts to it on the next turn."""
        if self.finished:
            raise InputError(f"the session has ended ({self.outcome})")
        self._pending.append(event)
        self._record({"type": "event", "kind": event.kind, "text": event.text,
                      "arousal": event.arousal, "trust": event.trust, "line": event.line})

    def end(self) -> None:
        """End the session at the trainee's request (the outcome stays as it is)."""
        if not self.ended:
            self.ended = True
            self._record({"type": "end"})

    # -- helpers --------------------------------------------------------------------

    def _scheduled(self, index: int, start: float, end: float) -> tuple[Event, ...]:
        """Events of this turn: by turn number, or by a minute in (start, end]."""
        due = [e for e in self.scenario.events if e.at_turn == index
               or (e.at_minute is not None and start < e.at_minute <= end)]
        events = [Event(kind=e.kind, text=e.text, arousal=e.arousal, trust=e.trust, line=e.line)
                  for e in due]
        events += [Event(kind="intermediary_offer", text=f"{p.who}: {p.offer}")
                   for p in self.scenario.intermediaries if p.at_turn == index]
        return tuple(events)

    def _render(self, state: SubjectState, decision: Decision, index: int) -> str:
        rng = random.Random(f"{self.seed}:{self.scenario.id}:{index}")
        return self._renderer(self.scenario, state, decision, rng=rng, used=self._used)

    def _record(self, ev: EventDict) -> None:
        self.events.append(ev)
        if self._on_event is not None:
            self._on_event(ev)


def _recorded_analysis(text: str, ev: EventDict) -> Analysis | None:
    """The findings stored with a turn event, so a replay does not re-analyse it."""
    rows = ev.get("findings")
    if not isinstance(rows, list) or not rows:
        return None
    try:
        findings = tuple(Finding(str(r[0]), float(r[1]), str(r[2]), str(r[3])) for r in rows)
    except (IndexError, TypeError, ValueError):
        return None
    return Analysis(text, findings)


def _backend(name: object) -> str:
    """Map a recorded analyzer name (``rules-v1``) to its backend (``rules``).

    An analyzer this installation does not have (a test fake, a retired backend) maps
    to ``rules``: recorded turns keep their findings, new turns are coded by rules.
    """
    from parley.analysis import BACKENDS

    backend = str(name).split("-")[0]
    return backend if backend in BACKENDS else "rules"


__all__ = ["OUTCOMES", "EventDict", "InputError", "Session", "Turn", "scenario_hash"]
