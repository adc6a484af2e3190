"""Who may read, play, steer and review a session: checked on every route."""

from __future__ import annotations

from sqlalchemy.orm import Session as DbSession

from parley.errors import PermissionDenied
from parley.store import SessionRow, get_cohort, instructs
from parley.web._security import Auth


def can_read(s: DbSession, auth: Auth, row: SessionRow) -> bool:
    """The trainee who plays it, an instructor of their cohort, or an admin."""
    return (auth.role == "admin" or row.trainee_id == auth.user_id
            or (auth.role == "instructor"
                and instructs(db=s, instructor_id=auth.user_id, trainee_id=row.trainee_id)))


def check_read(s: DbSession, auth: Auth, row: SessionRow) -> None:
    """Raise unless ``auth`` may read the session.

    Raises:
        PermissionDenied: Another trainee's session, or a trainee not in the instructor's
            cohorts.
    """
    if not can_read(s, auth, row):
        raise PermissionDenied(f"session {row.id} is not yours to see")


def check_play(s: DbSession, auth: Auth, row: SessionRow) -> None:
    """Raise unless ``auth`` is the trainee who plays the session (turns, end, board)."""
    check_read(s, auth, row)
    if row.trainee_id != auth.user_id:
        raise PermissionDenied(f"only the trainee of session {row.id} can negotiate in it")


def check_steer(s: DbSession, auth: Auth, row: SessionRow) -> None:
    """Raise unless ``auth`` instructs the trainee (inject events, review, override)."""
    check_read(s, auth, row)
    if not auth.instructs or row.trainee_id == auth.user_id:
        raise PermissionDenied(f"only the trainee's instructor can do that in session {row.id}")


def check_cohort(s: DbSession, auth: Auth, cohort_id: int) -> None:
    """Raise unless the cohort is the instructor's (admins see every cohort).

    Raises:
        NotFound: No such cohort.
        PermissionDenied: Another instructor's cohort, or a trainee.
    """
    cohort = get_cohort(db=s, cohort_id=cohort_id)
    if auth.role == "admin":
        return
    if auth.role != "instructor" or cohort.instructor_id != auth.user_id:
        raise PermissionDenied(f"cohort {cohort_id} is not yours")
