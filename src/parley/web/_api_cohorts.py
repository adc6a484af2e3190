"""``/api/cohorts``: an instructor's cohorts, their trainees and sessions; the audit log."""

from __future__ import annotations

from fastapi import APIRouter

from parley.store import add_cohort, add_member, audit, audit_entries, get_user
from parley.web._dashboard import cohort_detail, cohort_public, cohort_session_list, my_cohorts
from parley.web._deps import AdminUser, DbDep, InstructorUser
from parley.web._schemas import (
    CohortCreate,
    CohortDetail,
    CohortId,
    CohortPublic,
    MemberCreate,
    SessionSummary,
)

router = APIRouter(prefix="/api", tags=["cohorts"])


@router.get("/cohorts")
def list_(auth: InstructorUser, db: DbDep) -> list[CohortPublic]:
    """The cohorts the instructor runs (all of them for an admin)."""
    return my_cohorts(db, auth)


@router.post("/cohorts", status_code=201)
def create(body: CohortCreate, auth: AdminUser, db: DbDep) -> CohortPublic:
    """Create a cohort run by an instructor (admins only; audited)."""
    cohort = add_cohort(db=db, name=body.name, instructor=body.instructor)
    audit(db=db, actor=get_user(db=db, username=auth.username), action="create_cohort",
          target=f"cohort:{cohort.id}", detail={"name": cohort.name,
                                                "instructor": body.instructor})
    return cohort_public(db, cohort)


@router.get("/cohorts/{cohort_id}")
def read(cohort_id: CohortId, auth: InstructorUser, db: DbDep) -> CohortDetail:
    """Who trained, their scores and weakest skills."""
    return cohort_detail(db, auth, cohort_id)


@router.post("/cohorts/{cohort_id}/members", status_code=201)
def add(cohort_id: CohortId, body: MemberCreate, auth: AdminUser, db: DbDep) -> CohortDetail:
    """Add an existing trainee to a cohort (admins only; audited).

    Membership gives the cohort's instructor access to the trainee's sessions, so an
    instructor cannot grant it to themselves.
    """
    add_member(db=db, cohort_id=cohort_id, username=body.username)
    audit(db=db, actor=get_user(db=db, username=auth.username), action="add_member",
          target=f"cohort:{cohort_id}", detail={"username": body.username})
    return cohort_detail(db, auth, cohort_id)


@router.get("/cohorts/{cohort_id}/sessions")
def sessions(cohort_id: CohortId, auth: InstructorUser, db: DbDep) -> list[SessionSummary]:
    """The sessions of the cohort's trainees, newest first."""
    return cohort_session_list(db, auth, cohort_id)


@router.get("/audit")
def audit_log(auth: AdminUser, db: DbDep) -> list[dict[str, object]]:
    """The newest instructor and admin actions (admins only)."""
    return [{"id": e.id, "actor": e.actor, "action": e.action, "target": e.target,
             "detail": e.detail, "created_at": e.created_at.isoformat(timespec="seconds") + "Z"}
            for e in audit_entries(db=db)]
