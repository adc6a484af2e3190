"""Cohorts: an instructor's course and its trainees."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from parley.errors import InputError, NotFound
from parley.store._models import Cohort, CohortMember, SessionRow, User
from parley.store._repo import get_user


def add_cohort(*, db: DbSession, name: str, instructor: str) -> Cohort:
    """Create a cohort run by ``instructor``.

    Raises:
        InputError: Empty or taken name, or the user is not an instructor or admin.
        NotFound: No such user.
    """
    name = name.strip()
    if not name or len(name) > 120:
        raise InputError("a cohort name needs 1-120 characters")
    owner = get_user(db=db, username=instructor)
    if owner.role not in ("instructor", "admin"):
        raise InputError(f"{instructor} is a {owner.role}, not an instructor")
    if db.scalar(select(Cohort).where(Cohort.name == name)) is not None:
        raise InputError(f"cohort '{name}' already exists")
    cohort = Cohort(name=name, instructor_id=owner.id)
    db.add(cohort)
    db.flush()
    return cohort


def get_cohort(*, db: DbSession, cohort_id: int) -> Cohort:
    """A cohort by id.

    Raises:
        NotFound: No such cohort.
    """
    cohort = db.get(Cohort, cohort_id)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id}")
    return cohort


def add_member(*, db: DbSession, cohort_id: int, username: str) -> User:
    """Put a trainee in a cohort (idempotent).

    Raises:
        NotFound: No such cohort or user.
        InputError: The user is not a trainee.
    """
    get_cohort(db=db, cohort_id=cohort_id)
    user = get_user(db=db, username=username)
    if user.role != "trainee":
        raise InputError(f"{username} is a {user.role}; cohorts hold trainees")
    if db.get(CohortMember, (cohort_id, user.id)) is None:
        db.add(CohortMember(cohort_id=cohort_id, user_id=user.id))
        db.flush()
    return user


def cohorts_of(*, db: DbSession, instructor_id: int | None) -> Sequence[Cohort]:
    """The cohorts an instructor runs (all cohorts for ``None``), by name."""
    query = select(Cohort).order_by(Cohort.name)
    if instructor_id is not None:
        query = query.where(Cohort.instructor_id == instructor_id)
    return db.scalars(query).all()


def cohort_members(*, db: DbSession, cohort_id: int) -> Sequence[User]:
    """The trainees of a cohort, by name."""
    return db.scalars(select(User).join(CohortMember, CohortMember.user_id == User.id)
                      .where(CohortMember.cohort_id == cohort_id)
                      .order_by(User.username)).all()


def cohort_sessions(*, db: DbSession, cohort_id: int) -> Sequence[SessionRow]:
    """Sessions of a cohort's trainees, newest first."""
    members = select(CohortMember.user_id).where(CohortMember.cohort_id == cohort_id)
    return db.scalars(select(SessionRow).where(SessionRow.trainee_id.in_(members))
                      .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())).all()


def instructs(*, db: DbSession, instructor_id: int, trainee_id: int | None) -> bool:
    """True if the trainee is in a cohort that the instructor runs."""
    if trainee_id is None:
        return False
    found = db.scalar(select(CohortMember.cohort_id)
                      .join(Cohort, Cohort.id == CohortMember.cohort_id)
                      .where(Cohort.instructor_id == instructor_id,
                             CohortMember.user_id == trainee_id).limit(1))
    return found is not None
