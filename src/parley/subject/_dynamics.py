"""The subject's dynamics: a pure function from (state, turn) to (state', decision).

``step`` never draws random numbers and never renders text: it decides what happens
(arousal, trust, stage, disclosures, releases, outcome, and which reply situation), and a
:class:`~parley.subject.Renderer` says it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from parley.scenario import Frame, Scenario
from parley.subject import _effects as fx
from parley.subject._state import (
    ChangeStage,
    Promise,
    Stairway,
    SubjectState,
    risk_level,
)
from parley.subject._text import (
    allows_contact,
    content_words,
    mentions,
    normalise,
    similarity,
)
from parley.techniques import ERRORS, INFLUENCE

_RELEASE_WORDS = (
    "let", "release", "send out", "send", "walk out", "come out", "go free", "hostage",
    "child", "children", "kid", "kids", "baby", "boy", "girl", "injured", "wounded", "sick",
)


@dataclass(frozen=True)
class Event:
    """Something that happens outside the dialogue (scheduled or injected by an instructor).

    Attributes:
        kind: An event kind, e.g. ``shots_heard`` (see ``scenario.ScheduledEvent``).
        text: What the trainee is told.
        arousal: Arousal change, -100..100.
        trust: Trust change, -100..100.
        line: What the subject says about it (may be empty).
    """

    kind: str
    text: str
    arousal: float = 0.0
    trust: float = 0.0
    line: str = ""


@dataclass(frozen=True)
class TurnInput:
    """One trainee turn, as the dynamics see it.

    Attributes:
        text: The utterance (empty for a pause).
        techniques: (technique, confidence in [0, 1]) pairs from the analysis.
        pause: True for an effective pause.
        subject_last: The subject's previous line.
        gap_minutes: Real minutes since the previous turn, or None to use the scenario's
            ``minutes_per_turn`` only.
        events: Events that happened since the previous turn.
    """

    text: str
    techniques: tuple[tuple[str, float], ...]
    pause: bool = False
    subject_last: str = ""
    gap_minutes: float | None = None
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Decision:
    """What the dynamics decided for one turn; the renderer turns it into words.

    Attributes:
        situation: The reply situation (docs/design/reply-situations.md).
        facts: Ids of facts disclosed this turn.
        hooks: Hook topics that landed.
        triggers: Trigger topics that were hit.
        events: Events that happened before this reply.
        deadline: A deadline consequence narrated this turn, if any.
        released: People released this turn.
        gain: Id of the humanitarian gain granted this turn, if any.
        deadline_set: A deadline the subject announces this turn (its index), or -1.
        intermediary: Id of an unvetted intermediary the trainee let negotiate, if any.
        notes: Plain-language reasons, for the audit trail and the debrief.
    """

    situation: str
    facts: tuple[str, ...] = ()
    hooks: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    deadline: str = ""
    released: int = 0
    gain: str = ""
    deadline_set: int = -1
    intermediary: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


@dataclass
class _Work:
    """Mutable scratch for one step; frozen into the new state at the end."""

    arousal: float
    trust: float
    notes: list[str] = field(default_factory=list)
    situation: str = ""

    def move(self, arousal: float, trust: float, why: str) -> None:
        if arousal < 0:  # a person in crisis never goes fully calm while it lasts
            arousal = max(arousal, min(0.0, fx.AROUSAL_FLOOR - self.arousal))
        if trust > 0:  # diminishing returns: the last points of trust are the hardest
            trust *= max(0.0, 1 - self.trust / 130)
        self.arousal += arousal
        self.trust += trust
        if why:
            self.notes.append(f"{why} (arousal {arousal:+.0f}, trust {trust:+.0f})")


def _used(turn: TurnInput) -> tuple[set[str], set[str]]:
    skills = {t for t, c in turn.techniques if c >= fx.CONFIDENT}
    errors = {t for t, c in turn.techniques if t in ERRORS and c >= fx.ERROR_CONFIDENT}
    if turn.pause:
        skills = {"effective_pause"}
    return skills, errors


def _is_formulaic(state: SubjectState, turn: TurnInput, primary: str) -> bool:
    text = normalise(turn.text)
    if text and text in state.recent_texts:  # the same words again, however short
        return True
    if len(text.split()) >= 4 and any(similarity(text, t) >= 0.6 for t in state.recent_texts):
        return True
    last_two = [r[0] for r in state.recent[-2:] if r]
    same = len(last_two) == 2 and all(p == primary for p in last_two)
    specific = bool(content_words(turn.text) & content_words(turn.subject_last))
    return same and not specific and primary != "effective_pause"


def _apply_errors(w: _Work, errors: set[str]) -> None:
    scale = 1.05 - w.arousal / 140  # less headroom near the top: 0.48 at arousal 80
    for name in sorted(errors - {"false_promise"}):
        up, down = fx.ERRORS[name]
        w.move(up * scale, -down, name.replace("_", " "))


def _apply_listening(
    w: _Work, state: SubjectState, scenario: Scenario, skills: set[str], turn: TurnInput,
    formulaic: bool,
) -> bool:
    gains = sorted((fx.LISTENING[s] for s in skills if s in fx.LISTENING), reverse=True)
    if not gains:
        return False
    trust_gain = gains[0][0] + 0.5 * sum(g[0] for g in gains[1:])
    arousal_drop = gains[0][1] + 0.5 * sum(g[1] for g in gains[1:])
    factor = fx.FRAME_LISTENING[scenario.subject.motivation.value]
    factor *= 1 / (1 + 0.03 * state.listening_turns)
    if content_words(turn.text) & content_words(turn.subject_last):
        factor *= 1.15
    if formulaic:
        factor *= 0.4 if state.robotic_streak == 0 else 0.0
    w.move(-arousal_drop * factor, trust_gain * factor, "active listening")
    return factor > 0


def _apply_pause(w: _Work, state: SubjectState) -> None:
    if state.pauses_in_row >= 2:
        w.move(2, -3, "silence went on too long")
    elif w.arousal >= 45 or state.listening_turns >= 2:
        w.move(-4, 2, "a well-placed pause")


def _apply_influence(
    w: _Work, state: SubjectState, scenario: Scenario, skills: set[str], text: str
) -> tuple[bool, bool]:
    """Return (accepted, premature)."""
    moves = skills & INFLUENCE
    if not moves:
        return False, False
    threshold = fx.RAPPORT_TRUST[scenario.subject.motivation.value]
    # A request the scenario grants early (proof of life, water) is bargaining, not a push.
    early = any(g.min_trust <= w.trust and g.id not in state.gains
                and mentions(text, g.keywords) for g in scenario.gains)
    if (w.trust >= threshold or early) and w.arousal <= fx.INFLUENCE_MAX_AROUSAL:
        bonus = 2 if "face_saving" in moves else 0
        w.move(-4 - bonus, 4 + bonus, "influence after rapport")
        return True, False
    if moves == {"face_saving"}:
        w.move(2, 0, "face saving offered too early")
    else:
        w.move(6, -3, f"premature problem solving (trust {w.trust:.0f} < {threshold:.0f})")
    return False, True


def _apply_other(
    w: _Work, state: SubjectState, scenario: Scenario, skills: set[str]
) -> None:
    if "reassurance" in skills:
        w.move(-2, 2 if w.trust >= 20 else 0, "reassurance")
    if "self_disclosure" in skills and w.trust >= 25:
        w.move(-1, 3, "genuine self-disclosure")
    if "information" in skills and scenario.subject.motivation.value == "instrumental":
        w.move(-1, 2, "straight information (respected by an instrumental subject)")
    closed = sum(1 for r in state.recent[-2:] if r and r[0] == "closed_question")
    if "closed_question" in skills and closed >= 2:
        w.move(2, -1, "interrogation: three closed questions in a row")


def _apply_topics(
    w: _Work, state: SubjectState, scenario: Scenario, turn: TurnInput, errors: set[str]
) -> tuple[list[str], list[str]]:
    hooks: list[str] = []
    triggers: list[str] = []
    for trig in scenario.triggers:
        if mentions(turn.text, trig.keywords):
            w.move(trig.arousal, trig.trust, f"trigger: {trig.topic}")
            triggers.append(trig.topic)
    if errors:
        return hooks, triggers
    for hook in scenario.hooks:
        if not mentions(turn.text, hook.keywords):
            continue
        if w.trust < hook.min_trust:
            w.move(2, 0, f"hook '{hook.topic}' raised before trust allowed it")
            continue
        seen = state.topics.count(hook.topic)
        w.move(hook.arousal / (1 + seen), hook.trust / (1 + seen), f"hook: {hook.topic}")
        hooks.append(hook.topic)
    return hooks, triggers


def _apply_events(w: _Work, turn: TurnInput) -> None:
    for ev in turn.events:
        w.move(ev.arousal, ev.trust, f"event: {ev.kind.replace('_', ' ')}")
    if turn.gap_minutes is not None and turn.gap_minutes > fx.ABSENCE_MINUTES:
        w.move(min(10.0, turn.gap_minutes - fx.ABSENCE_MINUTES), -2, "long absence")


def _expire_deadlines(
    w: _Work, state: SubjectState, scenario: Scenario, minute: float
) -> tuple[tuple[int, ...], str]:
    pending, narrated = [], ""
    for i in state.deadlines_pending:
        deadline = scenario.deadlines[i]
        if minute < deadline.at_minute:
            pending.append(i)
        elif w.trust >= deadline.defused_by_trust:
            w.notes.append(f"deadline at minute {deadline.at_minute} passed quietly")
        else:
            w.move(deadline.arousal, -3, f"deadline at minute {deadline.at_minute} expired")
            narrated = deadline.consequence or deadline.text
    return tuple(pending), narrated


def _expose_promises(
    w: _Work, state: SubjectState, turn: TurnInput, errors: set[str]
) -> tuple[tuple[Promise, ...], bool]:
    exposed_now = False
    promises = []
    for p in state.promises:
        if not p.exposed and state.turn + 1 - p.turn >= fx.PROMISE_EXPOSED_AFTER:
            up, down = fx.PROMISE_EXPOSED
            w.move(up, -down, f"false promise of turn {p.turn} exposed")
            p = replace(p, exposed=True)
            exposed_now = True
        promises.append(p)
    if "false_promise" in errors:
        promises.append(Promise(turn=state.turn + 1, text=turn.text))
        w.notes.append("false promise heard: it will cost trust when it is found out")
    return tuple(promises), exposed_now


def _disclose(
    state: SubjectState, scenario: Scenario, trust: float, text: str
) -> tuple[str, ...]:
    ready = [f for f in scenario.facts
             if f.id not in state.disclosed and trust >= f.trust_threshold]
    if not ready:
        return ()
    asked = [f for f in ready if f.keywords and mentions(text, f.keywords)]
    pick = (asked or sorted(ready, key=lambda f: f.trust_threshold))[0]
    return (pick.id,)


def _stairway(trust: float, listening: int, accepted: int, threshold: float) -> Stairway:
    if trust >= threshold and accepted >= 1:
        return Stairway.INFLUENCE
    if trust >= threshold:
        return Stairway.RAPPORT
    if trust >= 20 and listening >= 2:
        return Stairway.EMPATHY
    return Stairway.ACTIVE_LISTENING


def _change(trust: float, accepted: int, threshold: float) -> ChangeStage:
    if accepted >= 1 and trust >= 60:
        return ChangeStage.PREPARATION
    if trust >= threshold:
        return ChangeStage.CONTEMPLATION
    return ChangeStage.PRECONTEMPLATION


def _frame(scenario: Scenario, arousal: float, trust: float, change: ChangeStage,
           errors: set[str]) -> Frame:
    if errors & {"judging", "threat", "minimizing"}:
        return Frame.FACE
    if arousal >= 75:
        return Frame.EMOTIONAL if scenario.subject.motivation.value == "expressive" \
            else scenario.subject.dominant_frame
    if change >= ChangeStage.PREPARATION:
        return Frame.SUBSTANTIVE
    if trust >= 45:
        return Frame.ATTUNEMENT
    return scenario.subject.dominant_frame


_ERROR_SITUATION = {
    "threat": "threatened", "arguing": "argued", "why_question": "why_asked",
    "minimizing": "minimized", "judging": "judged", "flat_refusal": "refused",
    "false_promise": "promise_heard",
}
_RESISTANCE = ("deny", "blame", "test")


def _outcome(
    state: SubjectState, scenario: Scenario, w: _Work, minute: float, accepted: bool,
    hang_up: bool, violence_streak: int,
) -> str | None:
    rules = scenario.outcomes
    if violence_streak >= rules.violence_streak:
        return "violent_escalation"
    if hang_up and state.hang_ups + 1 >= rules.hang_up_limit:
        return "contact_lost"
    ready = w.trust >= rules.resolution_trust and w.arousal <= rules.resolution_arousal
    if accepted and ready and state.influence_accepted >= 1:
        return "peaceful_resolution"
    if minute >= rules.tactical_after_minutes:
        return "tactical_resolution"
    return None


def _situation(
    state: SubjectState, scenario: Scenario, *, outcome: str | None, hang_up: bool,
    exposed: bool, released: int, errors: set[str], skills: set[str], robotic: bool,
    accepted: bool, premature: bool, listened: bool, change: ChangeStage, turn: TurnInput,
) -> str:
    terminal = {"violent_escalation": "violence", "peaceful_resolution": "surrender",
                "tactical_resolution": "tactical", "contact_lost": "hang_up"}
    if outcome:
        return terminal[outcome]
    if hang_up:
        return "hang_up"
    if exposed:
        return "promise_broken"
    if errors:
        worst = max(errors, key=lambda e: fx.ERRORS[e][0])
        return _ERROR_SITUATION[worst]
    if not state.connected:
        return "call_back"
    if released:
        return "release"
    if robotic:
        return "robotic"
    if premature:
        return "resist_influence"
    if accepted:
        return "accept_influence"
    if turn.pause:
        return "silence"
    instrumental = scenario.subject.motivation.value == "instrumental"
    demanded = any(mentions(turn.text, d.keywords) for d in scenario.demands if d.keywords)
    if change is ChangeStage.PREPARATION:
        return "bargain" if state.turn % 2 or instrumental else "heard"
    if change is ChangeStage.CONTEMPLATION:
        return "doubt" if state.turn % 2 else ("heard" if listened else "demand" if instrumental
                                                else "doubt")
    if listened:
        return "vent"
    if demanded or (instrumental and state.turn % 2 == 0):
        return "demand"
    if "closed_question" in skills and state.turn < 6:
        return "test"
    return _RESISTANCE[state.turn % len(_RESISTANCE)]


def _release(state: SubjectState, scenario: Scenario, accepted: bool, text: str) -> int:
    h = scenario.hostages
    left = h.releasable - state.hostages_released
    if not accepted or left <= 0 or state.hostages_held <= 0:
        return 0
    if state.last_release_turn and state.turn + 1 - state.last_release_turn < 3:
        return 0
    if not mentions(text, _RELEASE_WORDS):
        return 0
    return min(h.release_size, left, state.hostages_held)


def _gain(state: SubjectState, scenario: Scenario, w: _Work, accepted: bool,
          text: str) -> tuple[str, int]:
    """A humanitarian gain granted this turn: (id, hostages released)."""
    if not accepted:
        return "", 0
    for gain in scenario.gains:
        if gain.id in state.gains or not mentions(text, gain.keywords):
            continue
        if w.trust < gain.min_trust:
            w.notes.append(f"asked for '{gain.summary}' before trust allowed it "
                           f"(trust {w.trust:.0f} < {gain.min_trust})")
            return "", 0
        w.move(-3, 2, f"gain granted: {gain.summary}")
        return gain.id, min(gain.releases, state.hostages_held)
    return "", 0


def _intermediary(state: SubjectState, scenario: Scenario, w: _Work, text: str,
                  errors: set[str]) -> str:
    """Id of an unvetted intermediary the trainee lets negotiate this turn, else ``""``."""
    for person in scenario.intermediaries:
        offered = person.at_turn <= state.turn + 1
        if not (offered and mentions(text, person.keywords) and allows_contact(text)):
            continue
        if person.vetted:
            w.move(-3 if not errors else 0, 4 if not errors else 0,
                   f"vetted intermediary used: {person.who}")
            return ""
        w.move(10, -6, f"unvetted intermediary allowed to negotiate: {person.who}")
        return person.id
    return ""


_SETS_DEADLINES = frozenset({"demand", "blame", "deny", "test", "threatened", "refused",
                             "argued", "minimized", "resist_influence"})
"""Resistance moments in which a subject sets (announces) a deadline (STEPS)."""


def _announce(state: SubjectState, scenario: Scenario, situation: str, minute: float,
              pending: tuple[int, ...]) -> int:
    """Index of a pending deadline the subject announces now, or -1.

    A subject sets his deadline while resisting, or at the latest 15 minutes before it.
    """
    for i in pending:
        if i in state.deadlines_set:
            continue
        if situation in _SETS_DEADLINES or minute >= scenario.deadlines[i].at_minute - 15:
            return i
    return -1


def step(state: SubjectState, scenario: Scenario, turn: TurnInput) -> tuple[SubjectState, Decision]:
    """Advance the subject by one trainee turn.

    A pure function: the same (state, scenario, turn) always gives the same result, so a
    session's state is recomputed by folding its turns.

    Args:
        state: The state before the turn; must not be terminal.
        scenario: The scenario being played.
        turn: The trainee's turn with its analysis.

    Returns:
        The new state (arousal and trust 0-100) and the decision for the renderer.

    Raises:
        ValueError: If the incident has already ended.
    """
    if state.outcome is not None:
        raise ValueError(f"the incident has ended ({state.outcome})")
    skills, errors = _used(turn)
    primary = turn.techniques[0][0] if turn.techniques else "effective_pause"
    w = _Work(arousal=state.arousal, trust=state.trust)
    minute = state.minute + scenario.minutes_per_turn + (0.5 if turn.pause else 0.0)
    _apply_events(w, turn)
    formulaic = not errors and _is_formulaic(state, turn, primary)
    robotic_streak = state.robotic_streak + 1 if formulaic else 0
    robotic = robotic_streak >= 2
    if robotic:
        w.move(2, -3, "formulaic, robotic listening")
    _apply_errors(w, errors)
    listened = accepted = premature = False
    if not errors:
        listened = _apply_listening(w, state, scenario, skills, turn, formulaic)
        if turn.pause:
            _apply_pause(w, state)
        accepted, premature = _apply_influence(w, state, scenario, skills, turn.text)
        _apply_other(w, state, scenario, skills)
    if not (listened or accepted or errors or turn.pause or w.notes):
        w.move(1.5, 0, "nothing offered: the stress of the situation persists")
    hooks, triggers = _apply_topics(w, state, scenario, turn, errors)
    intermediary = _intermediary(state, scenario, w, turn.text, errors)
    pending, narrated = _expire_deadlines(w, state, scenario, minute)
    promises, exposed = _expose_promises(w, state, turn, errors)
    w.arousal, w.trust = _clamp(w.arousal), _clamp(w.trust)

    threshold = fx.RAPPORT_TRUST[scenario.subject.motivation.value]
    error_streak = state.error_streak + 1 if errors - {"false_promise"} else 0
    fed_up = error_streak >= 2 or robotic_streak >= fx.ROBOTIC_HANG_UP
    hang_up = state.connected and fed_up and w.trust < fx.HANG_UP_TRUST
    over = w.arousal >= scenario.outcomes.violence_arousal
    violence_streak = state.violence_streak + 1 if over else 0
    outcome = _outcome(state, scenario, w, minute, accepted, hang_up, violence_streak)
    gain, released = ("", 0)
    if outcome in (None, "peaceful_resolution"):
        # A release or a gain asked for on this turn comes first: the child walks out
        # before the father does.
        gain, released = _gain(state, scenario, w, accepted, turn.text)
        if not gain:
            released = _release(state, scenario, accepted, turn.text)
        if gain or released:
            outcome = None
        w.arousal, w.trust = _clamp(w.arousal), _clamp(w.trust)
    facts = () if (errors or hang_up or not state.connected) else _disclose(
        state, scenario, w.trust, turn.text)
    listening_turns = state.listening_turns + (1 if listened else 0)
    influence = state.influence_accepted + (1 if accepted else 0)
    change = ChangeStage.ACTION if outcome == "peaceful_resolution" else _change(
        w.trust, influence, threshold)
    stair = (Stairway.BEHAVIOURAL_CHANGE if outcome == "peaceful_resolution"
             else _stairway(w.trust, listening_turns, influence, threshold))
    situation = _situation(
        state, scenario, outcome=outcome, hang_up=hang_up, exposed=exposed, released=released,
        errors=errors, skills=skills, robotic=robotic, accepted=accepted, premature=premature,
        listened=listened, change=change, turn=turn)
    if situation in ("accept_influence", "release") and gain:
        situation = "gain"
    if intermediary and situation not in ("hang_up", "violence", "surrender", "tactical"):
        situation = "intermediary"
    if situation in ("hang_up", "violence", "surrender", "tactical"):
        facts = () if situation != "surrender" else facts
    terminal = situation in ("hang_up", "violence", "surrender", "tactical")
    announced = -1 if terminal else _announce(state, scenario, situation, minute, pending)
    held, freed = state.hostages_held - released, state.hostages_released + released
    if outcome == "peaceful_resolution":  # everyone still held walks out with him
        held, freed = 0, state.hostages_released + state.hostages_held
    new = replace(
        state,
        turn=state.turn + 1,
        minute=minute,
        arousal=w.arousal,
        trust=w.trust,
        stairway=stair,
        stairway_max=max(state.stairway_max, stair),
        change=change,
        frame=_frame(scenario, w.arousal, w.trust, change, errors),
        disclosed=state.disclosed + facts,
        promises=promises,
        deadlines_pending=pending,
        hostages_held=held,
        hostages_released=freed,
        hang_ups=state.hang_ups + (1 if hang_up else 0),
        connected=not hang_up,
        violence_streak=violence_streak,
        listening_turns=listening_turns,
        influence_accepted=influence,
        premature_influence=state.premature_influence + (1 if premature else 0),
        robotic_streak=robotic_streak,
        error_streak=error_streak,
        pauses_in_row=state.pauses_in_row + 1 if turn.pause else 0,
        recent=(state.recent + ((primary, *sorted(skills - {primary})),))[-4:],
        recent_texts=(state.recent_texts + (normalise(turn.text),))[-4:],
        topics=state.topics + tuple(hooks) + tuple(triggers),
        last_release_turn=state.turn + 1 if released else state.last_release_turn,
        gains=state.gains + ((gain,) if gain else ()),
        deadlines_set=state.deadlines_set + ((announced,) if announced >= 0 else ()),
        intermediaries_allowed=state.intermediaries_allowed + (
            (intermediary,) if intermediary else ()),
        outcome=outcome,
    )
    new = replace(new, risk=risk_level(new, scenario))
    decision = Decision(
        situation=situation, facts=facts, hooks=tuple(hooks), triggers=tuple(triggers),
        events=turn.events, deadline=narrated, released=released, gain=gain,
        deadline_set=announced,
        intermediary=intermediary, notes=tuple(w.notes))
    return new, decision
