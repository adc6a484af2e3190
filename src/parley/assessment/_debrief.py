"""The debrief: everything a trainee and an instructor need after a session."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from parley.assessment._coaching import better_alternative, why_wrong
from parley.assessment._rubric import (
    CAPS,
    RUBRIC_VERSION,
    Blocker,
    Component,
    premature_turns,
    score,
    used,
)
from parley.session import Session
from parley.techniques import ERRORS


@dataclass(frozen=True)
class ErrorNote:
    """One error, where it happened, why it hurt, and what to say instead.

    Attributes:
        turn: 1-based trainee turn.
        technique: The error's name.
        said: What the trainee said.
        why: Why it hurts, in one line.
        better: A better alternative for that moment.
    """

    turn: int
    technique: str
    said: str
    why: str
    better: str


@dataclass(frozen=True)
class Debrief:
    """The end-of-session report.

    Attributes:
        scenario: Scenario id.
        title: Scenario title.
        outcome: Terminal outcome or ``ongoing``.
        score: 0-100.
        rubric: Rubric version that scored it.
        components: The score's breakdown.
        blockers: Critical errors that capped the score.
        techniques: Technique -> turns used.
        errors: Each error with its turn and a better alternative.
        stairway: Highest BCSM step reached.
        facts_earned: Summaries of facts disclosed.
        facts_missed: Summaries of facts never earned.
        hostages_released: People released.
        gains_won: Summaries of humanitarian gains won (sieges).
        gains_missed: Summaries of gains not won.
        timeline: Per turn: (turn, arousal 0-100, trust 0-100).
        practise_next: Three things to practise next.
    """

    scenario: str
    title: str
    outcome: str
    score: float
    rubric: str
    components: tuple[Component, ...]
    blockers: tuple[Blocker, ...]
    techniques: dict[str, int]
    errors: tuple[ErrorNote, ...]
    stairway: str
    facts_earned: tuple[str, ...]
    facts_missed: tuple[str, ...]
    hostages_released: int
    gains_won: tuple[str, ...]
    gains_missed: tuple[str, ...]
    timeline: tuple[tuple[int, float, float], ...]
    practise_next: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return asdict(self)


def _errors(session: Session) -> tuple[ErrorNote, ...]:
    notes = []
    for t in session.turns:
        subject_line = session.turns[t.index - 2].reply if t.index > 1 else session.opening
        for e in sorted(used(t) & ERRORS):
            notes.append(ErrorNote(t.index, e, t.trainee, why_wrong(e),
                                   better_alternative(e, subject_line, t.index, t.trainee,
                                                      repair=t.before.error_streak > 0)))
    return tuple(notes)


_SKILL_TIPS = {
    "emotional_labeling": "Name the feeling you hear, tentatively: \"You sound worn out.\"",
    "paraphrasing": "Give his story back in your own words, shorter, without softening it.",
    "open_question": "Ask what and how questions that invite the story: \"What happened "
                     "today?\"",
    "mirroring": "Repeat his last few words as a question to keep him talking.",
    "summarizing": "Every few minutes, pull the story and the feelings together in one turn.",
    "effective_pause": "Let a silence sit after something important (type ...).",
}


def _practise_next(session: Session, counts: Counter[str], errors: tuple[ErrorNote, ...]
                   ) -> tuple[str, ...]:
    tips: list[str] = []
    if errors:
        counts = Counter(e.technique for e in errors)
        # Critical errors (blockers) first, then the most frequent.
        worst = min(counts, key=lambda e: (CAPS.get(e, 101), -counts[e]))
        tips.append(f"Cut out {worst.replace('_', ' ')} ({counts[worst]}x): {why_wrong(worst)}")
    early = premature_turns(session)
    if early:
        tips.append("Hold back solutions until he trusts you: listen first, then suggest "
                    f"(influence came before rapport {len(early)} time(s), turns "
                    f"{', '.join(map(str, early))}).")
    if session.turns and session.turns[-1].after.robotic_streak >= 1 or any(
            t.decision.situation == "robotic" for t in session.turns):
        tips.append("Vary your listening and tie it to what he just said; a repeated "
                    "formula sounds like a script.")
    for skill, tip in _SKILL_TIPS.items():
        if counts[skill] == 0:
            tips.append(tip)
    missed = [f for f in session.scenario.facts if f.id not in session.state.disclosed]
    if missed:
        tips.append(f"Earn the facts you missed ({len(missed)}), such as \"{missed[0].summary}\","
                    " by building trust before asking.")
    return tuple(tips[:3])


def assess(session: Session) -> Debrief:
    """Build the debrief of a session (finished or not).

    Returns:
        The debrief; its score is 0-100 under :data:`RUBRIC_VERSION`.
    """
    total, components, found = score(session)
    counts: Counter[str] = Counter()
    for t in session.turns:
        counts.update(used(t))
    errors = _errors(session)
    facts = {f.id: f for f in session.scenario.facts}
    return Debrief(
        scenario=session.scenario.id,
        title=session.scenario.title,
        outcome=session.outcome,
        score=total,
        rubric=RUBRIC_VERSION,
        components=tuple(components),
        blockers=tuple(found),
        techniques=dict(counts.most_common()),
        errors=errors,
        stairway=session.state.stairway_max.label,
        facts_earned=tuple(facts[f].summary for f in session.state.disclosed),
        facts_missed=tuple(f.summary for f in session.scenario.facts
                           if f.id not in session.state.disclosed),
        hostages_released=session.state.hostages_released,
        gains_won=tuple(g.summary for g in session.scenario.gains
                        if g.id in session.state.gains),
        gains_missed=tuple(g.summary for g in session.scenario.gains
                           if g.id not in session.state.gains),
        timeline=tuple((t.index, round(t.after.arousal, 1), round(t.after.trust, 1))
                       for t in session.turns),
        practise_next=_practise_next(session, counts, errors),
    )


