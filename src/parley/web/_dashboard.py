"""Cohort dashboards and progress trends, from the stored assessments."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session as DbSession

from parley.store import (
    Cohort,
    SessionMetrics,
    SessionRow,
    User,
    cohort_members,
    cohort_sessions,
    cohorts_of,
    get_cohort,
    trainee_metrics,
)
from parley.web._access import check_cohort
from parley.web._schemas import (
    CohortDetail,
    CohortPublic,
    SessionSummary,
    TraineeSummary,
)
from parley.web._security import Auth

SKILL_LABELS = {"effective_pause": "effective pause", "emotional_labeling": "emotional labeling",
                "i_message": "I-message", "minimal_encourager": "minimal encouragers",
                "mirroring": "mirroring", "open_question": "open questions",
                "paraphrasing": "paraphrasing", "summarizing": "summarizing"}
"""Active-listening skills as the dashboard names them."""


def session_summary(row: SessionRow) -> SessionSummary:
    """A session row for lists."""
    return SessionSummary(id=row.id, trainee=row.trainee.username if row.trainee else None,
                          scenario=row.scenario.scenario_id, kind=row.kind, status=row.status,
                          outcome=row.outcome, score=row.score,
                          started_at=row.started_at.isoformat(timespec="seconds") + "Z")


def weakest_skills(metrics: Sequence[SessionMetrics], n: int = 2) -> list[str]:
    """The ``n`` active-listening skills used least (mean share of turns), weakest first."""
    if not metrics:
        return []
    means = {skill: statistics.fmean(m.rates.get(skill, 0.0) for m in metrics)
             for skill in SKILL_LABELS}
    return [SKILL_LABELS[s] for s in sorted(means, key=lambda k: (means[k], k))[:n]]


def cohort_public(s: DbSession, cohort: Cohort) -> CohortPublic:
    """A cohort for lists."""
    owner = cohort.instructor_id
    instructor = s.get(User, owner) if owner is not None else None
    return CohortPublic(id=cohort.id, name=cohort.name,
                        instructor=instructor.username if instructor else None,
                        members=len(cohort_members(db=s, cohort_id=cohort.id)))


def my_cohorts(s: DbSession, auth: Auth) -> list[CohortPublic]:
    """The cohorts an instructor runs (every cohort for an admin)."""
    owner = None if auth.role == "admin" else auth.user_id
    return [cohort_public(s, c) for c in cohorts_of(db=s, instructor_id=owner)]


def cohort_detail(s: DbSession, auth: Auth, cohort_id: int) -> CohortDetail:
    """A cohort with who trained, their scores and weakest skills.

    Raises:
        NotFound: No such cohort.
        PermissionDenied: Not the instructor's cohort.
    """
    check_cohort(s, auth, cohort_id)
    base = cohort_public(s, get_cohort(db=s, cohort_id=cohort_id))
    sessions = cohort_sessions(db=s, cohort_id=cohort_id)
    trainees = []
    for user in cohort_members(db=s, cohort_id=cohort_id):
        mine = [r for r in sessions if r.trainee_id == user.id]
        scores = [r.score for r in mine if r.score is not None]
        metrics = trainee_metrics(db=s, username=user.username)
        trainees.append(TraineeSummary(
            username=user.username, sessions=len(mine),
            finished=sum(r.status == "finished" for r in mine),
            mean_score=round(statistics.fmean(scores), 1) if scores else None,
            last_score=scores[0] if scores else None,
            last_session=mine[0].id if mine else None,
            weakest=weakest_skills(metrics),
            running=[r.id for r in mine if r.status == "running"]))
    return CohortDetail(**base.model_dump(), trainees=trainees)


def cohort_session_list(s: DbSession, auth: Auth, cohort_id: int) -> list[SessionSummary]:
    """The sessions of a cohort's trainees, newest first."""
    check_cohort(s, auth, cohort_id)
    return [session_summary(r) for r in cohort_sessions(db=s, cohort_id=cohort_id)]


@dataclass(frozen=True)
class Trend:
    """One metric over a trainee's sessions, oldest first.

    Attributes:
        name: Metric label.
        values: Values scaled to 0-100.
        first: First value as shown.
        latest: Latest value as shown.
        points: SVG polyline points (120 x 32 box).
        better_when_low: True for error rates.
    """

    name: str
    values: tuple[float, ...]
    first: str
    latest: str
    points: str
    better_when_low: bool


def _points(values: Sequence[float]) -> str:
    if len(values) == 1:
        values = [values[0], values[0]]
    step = 116 / (len(values) - 1)
    return " ".join(f"{2 + i * step:.1f},{30 - 28 * v / 100:.1f}" for i, v in enumerate(values))


def trends(metrics: Sequence[SessionMetrics]) -> list[Trend]:
    """Score, each active-listening skill, errors and stairway step over the sessions."""
    if not metrics:
        return []
    series: dict[str, tuple[list[float], float, str]] = {
        "score": ([m.score for m in metrics], 100.0, "{:.0f}")}
    for key in metrics[0].rates:
        values = [m.rates[key] for m in metrics]
        top, fmt = {"stairway": (4.0, "{:.0f}/4"),
                    "errors": (max(1.0, *values), "{:.2f}/turn")}.get(key, (1.0, "{:.0%}"))
        series[key] = (values, top, fmt)
    out = []
    for key, (raw, top, fmt) in series.items():
        scaled = tuple(max(0.0, min(100.0, 100 * v / top)) for v in raw)
        out.append(Trend(SKILL_LABELS.get(key, key.replace("_", " ")), scaled,
                         fmt.format(raw[0]), fmt.format(raw[-1]), _points(scaled),
                         key == "errors"))
    return out
