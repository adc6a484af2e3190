"""The trainee's pages: library, console, debrief, progress (server-rendered)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from parley.assessment import render_html
from parley.scenario import builtin_ids, load_scenario
from parley.store import list_sessions, reviews_of, trainee_metrics
from parley.web import _scenarios as lib
from parley.web import _services as svc
from parley.web._dashboard import session_summary, trends
from parley.web._deps import DbDep, FormUser, PageUser, SettingsDep
from parley.web._security import REPORT_CSP
from parley.web._templates import page

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(auth: PageUser) -> Response:
    """Instructors land on their dashboard, trainees on the scenario library."""
    return RedirectResponse("/instructor" if auth.instructs else "/scenarios", status_code=303)


@router.get("/scenarios", response_class=HTMLResponse)
def scenarios(request: Request, auth: PageUser) -> HTMLResponse:
    """The scenario library with briefings."""
    items = [lib.public(load_scenario(sid), instructor=False) for sid in builtin_ids()]
    return page(request, "scenarios.html", auth, scenarios=items)


@router.post("/sessions")
def start(auth: FormUser, settings: SettingsDep,
          scenario: Annotated[str, Form(max_length=80)]) -> Response:
    """Start a session from the library and open its console."""
    view = svc.start_session(settings, auth, scenario)
    return RedirectResponse(f"/sessions/{view.id}", status_code=303)


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def console(request: Request, session_id: str, auth: PageUser,
            settings: SettingsDep) -> Response:
    """The live negotiation console (the trainee's own running session)."""
    view, pinned = svc.view_with_scenario(settings, auth, session_id)
    if view.trainee != auth.username:
        return RedirectResponse(f"/sessions/{session_id}/observe", status_code=303)
    if view.finished:
        return RedirectResponse(f"/sessions/{session_id}/debrief", status_code=303)
    scenario = lib.public(pinned, instructor=False)
    return page(request, "console.html", auth, session=view, scenario=scenario,
                typing_ms=settings.typing_ms_per_char,
                poll_ms=int(settings.poll_seconds * 1000))


@router.get("/sessions/{session_id}/debrief", response_class=HTMLResponse)
def debrief(request: Request, session_id: str, auth: PageUser, settings: SettingsDep,
            db: DbDep) -> HTMLResponse:
    """The debrief page: score, reviews, and the full report (plots, annotated transcript)."""
    result, _ = svc.debrief_of(settings, auth, session_id)
    reviews = reviews_of(db=db, session_id=session_id)
    return page(request, "debrief.html", auth, session_id=session_id, debrief=result,
                reviews=reviews)


@router.get("/sessions/{session_id}/report", response_class=HTMLResponse)
def report(session_id: str, auth: PageUser, settings: SettingsDep) -> HTMLResponse:
    """The self-contained HTML debrief (framed by the debrief page; no script runs in it)."""
    result, session = svc.debrief_of(settings, auth, session_id)
    return HTMLResponse(render_html(result, session), headers={
        "Content-Security-Policy": REPORT_CSP, "X-Frame-Options": "SAMEORIGIN"})


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, auth: PageUser, db: DbDep) -> HTMLResponse:
    """Skill trends over the trainee's finished sessions, and their session history."""
    metrics = trainee_metrics(db=db, username=auth.username)
    history = [session_summary(r) for r in list_sessions(db=db, trainee=auth.username)]
    return page(request, "progress.html", auth, trends=trends(metrics), history=history,
                count=len(metrics))

