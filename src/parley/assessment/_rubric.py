"""The scoring rubric: six components, blockers that cap the score, every point cited.

Built from the stairway and active-listening doctrine (BCSM, Vecchi, Van Hasselt & Romano
2005; FBI skills, Noesner & Webster 1997). The weights are Parley's, versioned as
:data:`RUBRIC_VERSION` and recorded in every debrief.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.session import Session, Turn
from parley.techniques import ACTIVE_LISTENING, COUNTS, ERROR_COUNTS, ERRORS, INFLUENCE

RUBRIC_VERSION = "parley-rubric-2"
"""Identifier of the weights and caps below; bump it whenever they change.

``parley-rubric-2``: a turn carrying an error no longer counts as active listening."""

WEIGHTS = {"listening": 30, "errors": 20, "stairway": 15, "frame": 10, "information": 10,
           "outcome": 15}
"""Maximum points per component (sum 100)."""

CAPS = {"threat": 50, "false_promise": 60, "unvetted_intermediary": 40,
        "violent_escalation": 35}
"""Blockers: the score cannot exceed these, whatever else happened."""

CONFIDENT = COUNTS
"""Confidence from which a finding counts as used for scoring (as the subject counts it)."""


@dataclass(frozen=True)
class Component:
    """One part of the score.

    Attributes:
        name: ``listening``, ``errors``, ``stairway``, ``frame``, ``information``, ``outcome``.
        points: Points earned, 0..max_points.
        max_points: The component's weight.
        turns: Turns that earned or lost the points (1-based).
        reason: How the points were computed, in plain words.
    """

    name: str
    points: float
    max_points: int
    turns: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class Blocker:
    """A critical error that caps the score.

    Attributes:
        name: The blocker (``threat``, ``false_promise``, ``violent_escalation``).
        cap: The highest score still possible.
        turns: Where it happened.
    """

    name: str
    cap: int
    turns: tuple[int, ...]


ERROR_CONFIDENT = ERROR_COUNTS
"""Confidence from which an error counts (under :data:`CONFIDENT`: missing one costs more)."""


def counted(turn: Turn) -> list[str]:
    """Techniques counted for scoring in one turn, most confident first.

    A technique counts from :data:`CONFIDENT`, an error from :data:`ERROR_CONFIDENT`; the
    rest (possible errors, weak guesses) are left out. Live coaching shows these, and
    ``replay --json`` lists them, so what a trainee is told is what is scored.
    """
    return [f.technique for f in turn.analysis.findings
            if f.confidence >= CONFIDENT
            or (f.technique in ERRORS and f.confidence >= ERROR_CONFIDENT)]


def used(turn: Turn) -> set[str]:
    """Techniques counted for scoring in one turn, as a set (see :func:`counted`)."""
    return set(counted(turn))


def formulaic(turn: Turn) -> bool:
    """True if the subject heard this turn as a formula (robotic use, DOMAIN.md)."""
    return turn.after.robotic_streak > 0


def _listening(turns: list[Turn]) -> Component:
    """Listening points: the share of turns that listened, and how many skills were used.

    A formulaic turn does not count, and neither does a turn that carries an error: a
    threat or an argument that happens to restate the subject's words is not listening
    (the error is scored under errors).
    """
    heard = [t for t in turns if not formulaic(t)]
    genuine = [t for t in heard if not used(t) & ERRORS]
    hits = [t.index for t in genuine if used(t) & ACTIVE_LISTENING]
    skills = set().union(*(used(t) & ACTIVE_LISTENING for t in genuine)) if genuine else set()
    rate = len(hits) / len(turns) if turns else 0.0
    points = WEIGHTS["listening"] * (0.6 * min(1.0, rate / 0.6) + 0.4 * min(1.0, len(skills) / 5))
    robotic = len(turns) - len(heard)
    spoilt = sum(bool(used(t) & ACTIVE_LISTENING) for t in heard if used(t) & ERRORS)
    note = f"; {robotic} formulaic turn(s) not counted" if robotic else ""
    note += (f"; {spoilt} turn(s) that listened but also made an error, not counted"
             if spoilt else "")
    return Component("listening", points, WEIGHTS["listening"], tuple(hits),
                     f"{rate:.0%} of turns used genuine active listening; {len(skills)} of "
                     f"the skills used ({', '.join(sorted(skills)) or 'none'}){note}")


def _errors(turns: list[Turn]) -> Component:
    bad = [(t.index, e) for t in turns for e in sorted(used(t) & ERRORS)]
    bad += [(t.index, "robotic_use") for t in turns if t.decision.situation == "robotic"]
    bad.sort()
    points = max(0.0, WEIGHTS["errors"] - 5.0 * len(bad))
    what = ", ".join(f"{e.replace('_', ' ')} (turn {i})" for i, e in bad) or "none"
    return Component("errors", points, WEIGHTS["errors"], tuple(i for i, _ in bad),
                     f"5 points off per error: {what}")


def premature_turns(session: Session) -> list[int]:
    """Turns where influence was attempted before rapport (BCSM)."""
    return [t.index for t in session.turns
            if t.after.premature_influence > t.before.premature_influence]


def _stairway(session: Session) -> Component:
    early = premature_turns(session)
    reached = session.state.stairway_max
    points = max(0.0, 10 * reached / 4 + 5 - 2.5 * len(early))
    return Component("stairway", points, WEIGHTS["stairway"], tuple(early),
                     f"reached {reached.label}; influence attempted before rapport "
                     f"{len(early)} time(s)")


def _frame(session: Session) -> Component:
    expressive = session.scenario.subject.motivation.value == "expressive"
    wanted = ACTIVE_LISTENING if expressive else ACTIVE_LISTENING | INFLUENCE | {"information"}
    turns = session.turns
    hits = [t.index for t in turns if used(t) & wanted and not used(t) & ERRORS]
    share = len(hits) / len(turns) if turns else 0.0
    kind = "expressive: being heard" if expressive else "instrumental: listening and bargaining"
    return Component("frame", WEIGHTS["frame"] * share, WEIGHTS["frame"], tuple(hits),
                     f"{share:.0%} of turns matched the subject ({kind})")


def _information(session: Session) -> Component:
    facts = session.scenario.facts
    if not facts:
        return Component("information", WEIGHTS["information"], WEIGHTS["information"], (),
                         "no trust-gated facts in this scenario")
    weight = {f.id: 2 if f.critical else 1 for f in facts}
    got = sum(weight[f] for f in session.state.disclosed)
    turns = tuple(t.index for t in session.turns if t.decision.facts)
    return Component("information", WEIGHTS["information"] * got / sum(weight.values()),
                     WEIGHTS["information"], turns,
                     f"{len(session.state.disclosed)} of {len(facts)} facts earned "
                     "(critical facts count double)")


def _outcome(session: Session) -> Component:
    outcome = session.outcome
    last = (session.turns[-1].index,) if session.turns else ()
    share = {"peaceful_resolution": 1.0, "tactical_resolution": 0.2}.get(outcome, 0.0)
    if outcome == "ongoing":
        share = 0.5 * session.state.trust / 100
    reason = f"outcome {outcome.replace('_', ' ')}"
    gains = session.scenario.gains
    if gains and outcome != "violent_escalation":
        partial = 0.8 * len(session.state.gains) / len(gains)
        if partial > share:
            share = partial
            reason += f"; partial goals won: {len(session.state.gains)} of {len(gains)}"
    return Component("outcome", WEIGHTS["outcome"] * share, WEIGHTS["outcome"], last, reason)


def blockers(session: Session) -> list[Blocker]:
    """The critical errors of a session, each with its cap and turns."""
    found = []
    for name in ("threat", "false_promise"):
        turns = tuple(t.index for t in session.turns if name in used(t))
        if turns:
            found.append(Blocker(name, CAPS[name], turns))
    allowed = tuple(t.index for t in session.turns if t.decision.intermediary)
    if allowed:
        found.append(Blocker("unvetted_intermediary", CAPS["unvetted_intermediary"], allowed))
    if session.outcome == "violent_escalation":
        found.append(Blocker("violent_escalation", CAPS["violent_escalation"],
                             (session.turns[-1].index,) if session.turns else ()))
    return found


def score(session: Session) -> tuple[float, list[Component], list[Blocker]]:
    """Score a session 0-100.

    Returns:
        (score, components, blockers): the score is the components' sum, capped by the
        lowest blocker cap, rounded to one decimal.
    """
    parts = [_listening(session.turns), _errors(session.turns), _stairway(session),
             _frame(session), _information(session), _outcome(session)]
    found = blockers(session)
    total = sum(c.points for c in parts)
    cap = min((b.cap for b in found), default=100)
    return round(min(total, cap), 1), parts, found
