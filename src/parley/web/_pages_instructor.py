"""The instructor's pages: cohort dashboard, session review, live observation, editor."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from parley.errors import InputError
from parley.store import load_session, reviews_of
from parley.web import _services as svc
from parley.web._access import check_steer
from parley.web._dashboard import cohort_detail, cohort_session_list, my_cohorts
from parley.web._deps import DbDep, FormInstructor, PageInstructor, SettingsDep
from parley.web._schemas import EVENT_KINDS, CohortId
from parley.web._templates import page

router = APIRouter(include_in_schema=False)


@router.get("/instructor", response_class=HTMLResponse)
def dashboard(request: Request, auth: PageInstructor, db: DbDep) -> HTMLResponse:
    """Every cohort the instructor runs, with who trained, scores and weakest skills."""
    cohorts = [cohort_detail(db, auth, c.id) for c in my_cohorts(db, auth)]
    return page(request, "dashboard.html", auth, cohorts=cohorts)


@router.get("/instructor/cohorts/{cohort_id}", response_class=HTMLResponse)
def cohort(request: Request, cohort_id: CohortId, auth: PageInstructor, db: DbDep) -> HTMLResponse:
    """One cohort: trainees and every session."""
    detail = cohort_detail(db, auth, cohort_id)
    return page(request, "cohort.html", auth, cohort=detail,
                sessions=cohort_session_list(db, auth, cohort_id))


@router.get("/sessions/{session_id}/observe", response_class=HTMLResponse)
def observe(request: Request, session_id: str, auth: PageInstructor,
            settings: SettingsDep) -> HTMLResponse:
    """Live observation of a running session, with event injection."""
    view, pinned = svc.view_with_scenario(settings, auth, session_id)
    return page(request, "observe.html", auth, session=view, scenario=pinned,
                kinds=EVENT_KINDS, poll_ms=int(settings.poll_seconds * 1000))


@router.get("/sessions/{session_id}/review", response_class=HTMLResponse)
def review(request: Request, session_id: str, auth: PageInstructor, settings: SettingsDep,
           db: DbDep) -> HTMLResponse:
    """Session review: transcript with coaching, debrief summary, comments and override."""
    row, _, _ = load_session(db=db, session_id=session_id)
    check_steer(db, auth, row)
    view = svc.view_session(settings, auth, session_id)
    result, _ = svc.debrief_of(settings, auth, session_id)
    return page(request, "review.html", auth, session=view, debrief=result,
                reviews=reviews_of(db=db, session_id=session_id))


@router.post("/sessions/{session_id}/review")
def review_submit(session_id: str, auth: FormInstructor, db: DbDep,
                  text: Annotated[str, Form(max_length=4000)],
                  score_override: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Store a comment and an optional score override (audited); back to the review."""
    try:
        override = float(score_override) if score_override.strip() else None
    except ValueError:
        raise InputError("the score override must be a number from 0 to 100") from None
    svc.review_session(db, auth, session_id, text, override)
    return RedirectResponse(f"/sessions/{session_id}/review", status_code=303)


@router.get("/instructor/editor", response_class=HTMLResponse)
def editor(request: Request, auth: PageInstructor) -> HTMLResponse:
    """The scenario YAML editor: validates as you type; dry-runs a script."""
    sample = (resources.files("parley.scenario") / "builtin" / "bridge-jumper.yaml").read_text(
        encoding="utf-8")
    return page(request, "editor.html", auth, sample=sample)
