"""Progress over time and pre/post learning gains, from the stored assessments."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from parley.store._models import Assessment, SessionRow, User
from parley.techniques import ACTIVE_LISTENING, ERRORS

STAIRWAY_STEPS = ("active listening", "empathy", "rapport", "influence", "behavioural change")

# Two-sided 95% t critical values by degrees of freedom (Student 1908; standard tables).
_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
        9: 2.262, 10: 2.228, 12: 2.179, 15: 2.131, 20: 2.086, 30: 2.042}


@dataclass(frozen=True)
class SessionMetrics:
    """Per-session skill figures.

    Attributes:
        session_id: The session.
        kind: practice, pre_test or post_test.
        scenario: Scenario id.
        score: 0-100.
        rates: Metric -> value: each active-listening skill's share of turns (0-1),
            ``errors`` (errors per turn), ``stairway`` (step reached, 0-4).
    """

    session_id: str
    kind: str
    scenario: str
    score: float
    rates: dict[str, float]


def metrics_of(breakdown: dict[str, Any]) -> dict[str, float]:
    """Skill rates of one stored debrief (``Debrief.to_dict()``)."""
    turns = max(1, len(breakdown.get("timeline", [])))
    counts: dict[str, int] = breakdown.get("techniques", {})
    rates = {skill: counts.get(skill, 0) / turns for skill in sorted(ACTIVE_LISTENING)}
    rates["errors"] = sum(counts.get(e, 0) for e in ERRORS) / turns
    stair = str(breakdown.get("stairway", STAIRWAY_STEPS[0]))
    rates["stairway"] = float(STAIRWAY_STEPS.index(stair)) if stair in STAIRWAY_STEPS else 0.0
    return rates


def trainee_metrics(*, db: DbSession, username: str | None = None) -> list[SessionMetrics]:
    """Finished, assessed sessions (of one trainee, or all), oldest first."""
    query = (select(SessionRow, Assessment).join(Assessment)
             .order_by(SessionRow.started_at, SessionRow.id))
    if username:
        query = query.join(User, User.id == SessionRow.trainee_id).where(
            User.username == username)
    return [SessionMetrics(row.id, row.kind, row.scenario.scenario_id, a.score,
                           metrics_of(a.breakdown)) for row, a in db.execute(query)]


@dataclass(frozen=True)
class Gain:
    """Learning gain on one metric across trainees with both a pre and a post test.

    Attributes:
        metric: A skill rate, ``errors``, ``stairway`` or ``score``.
        mean: Mean post-minus-pre change.
        low: Lower bound of the 95% confidence interval (t distribution).
        high: Upper bound.
        n: Trainees with both tests.
    """

    metric: str
    mean: float
    low: float
    high: float
    n: int


def _t95(df: int) -> float:
    if df <= 0:
        return math.inf
    keys = [k for k in sorted(_T95) if k <= df]
    return _T95[keys[-1]] if df <= 30 else 1.96


def learning_gains(*, db: DbSession, usernames: list[str] | None = None) -> list[Gain]:
    """Per-metric pre/post change with a 95% CI, using each trainee's last pre and post test.

    Trainees missing either test are left out; with one trainee the CI is unbounded.
    """
    query = (select(SessionRow, Assessment, User).join(Assessment)
             .join(User, User.id == SessionRow.trainee_id)
             .where(SessionRow.kind.in_(("pre_test", "post_test")))
             .order_by(SessionRow.started_at))
    latest: dict[tuple[str, str], dict[str, float]] = {}
    for row, a, user in db.execute(query):
        if usernames and user.username not in usernames:
            continue
        latest[(user.username, row.kind)] = {**metrics_of(a.breakdown), "score": a.score}
    people = sorted({u for u, k in latest if (u, "pre_test") in latest
                     and (u, "post_test") in latest})
    if not people:
        return []
    gains = []
    for metric in latest[(people[0], "pre_test")]:
        deltas = [latest[(u, "post_test")][metric] - latest[(u, "pre_test")][metric]
                  for u in people]
        mean = statistics.fmean(deltas)
        half = (_t95(len(deltas) - 1) * statistics.stdev(deltas) / math.sqrt(len(deltas))
                if len(deltas) > 1 else math.inf)
        gains.append(Gain(metric, mean, mean - half, mean + half, len(deltas)))
    return gains
