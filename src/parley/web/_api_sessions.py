"""``/api/sessions``: start, negotiate, end, observe, steer, review, debrief."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from parley.store import list_sessions, load_session, reviews_of
from parley.web import _services as svc
from parley.web._access import check_read
from parley.web._dashboard import session_summary
from parley.web._deps import CurrentUser, DbDep, SettingsDep
from parley.web._schemas import (
    Board,
    EventCreate,
    Feed,
    ReviewCreate,
    ReviewPublic,
    SessionCreate,
    SessionPublic,
    SessionSummary,
    TurnCreate,
    TurnResult,
)

router = APIRouter(prefix="/api/sessions", tags=["sessions"])


@router.post("", status_code=201)
def create(body: SessionCreate, auth: CurrentUser, settings: SettingsDep) -> SessionPublic:
    """Start a negotiation: the session with the subject's opening line and state."""
    return svc.start_session(settings, auth, body.scenario, body.kind)


@router.get("")
def mine(auth: CurrentUser, db: DbDep) -> list[SessionSummary]:
    """The current user's own sessions, newest first."""
    return [session_summary(r) for r in list_sessions(db=db, trainee=auth.username)]


@router.get("/{session_id}")
def read(session_id: str, auth: CurrentUser, settings: SettingsDep) -> SessionPublic:
    """The session: transcript, techniques, coaching, state, notices and situation board."""
    return svc.view_session(settings, auth, session_id)


@router.get("/{session_id}/feed")
def poll(session_id: str, auth: CurrentUser, settings: SettingsDep,
         after: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Feed:
    """Polling for the console and observers: the session if news came after ``after``.

    Answers ``changed: false`` cheaply (no replay) when no event was stored since.
    """
    return svc.feed(settings, auth, session_id, after)


@router.post("/{session_id}/turns")
def turn(session_id: str, body: TurnCreate, auth: CurrentUser,
         settings: SettingsDep) -> TurnResult:
    """The trainee speaks: the subject's reply, the techniques, the state and coaching."""
    return svc.take_turn(settings, auth, session_id, body.text)


@router.post("/{session_id}/end")
def end(session_id: str, auth: CurrentUser, settings: SettingsDep) -> SessionPublic:
    """End the session; its assessment is stored and the debrief becomes available."""
    return svc.end_session(settings, auth, session_id)


@router.get("/{session_id}/debrief")
def debrief(session_id: str, auth: CurrentUser, settings: SettingsDep) -> dict[str, Any]:
    """The debrief (``Debrief.to_dict()``): score, components, errors, timeline, advice."""
    result, _ = svc.debrief_of(settings, auth, session_id)
    return result.to_dict()


@router.post("/{session_id}/events", status_code=201)
def inject(session_id: str, body: EventCreate, auth: CurrentUser,
           settings: SettingsDep) -> SessionPublic:
    """The trainee's instructor injects an event; the subject reacts on the next turn."""
    return svc.inject_event(settings, auth, session_id, body)


@router.put("/{session_id}/board")
def board(session_id: str, body: Board, auth: CurrentUser, settings: SettingsDep) -> Board:
    """Save the trainee's situation board (stored as a session event)."""
    return svc.save_board(settings, auth, session_id, body)


@router.get("/{session_id}/reviews")
def reviews(session_id: str, auth: CurrentUser, db: DbDep) -> list[ReviewPublic]:
    """Instructors' comments and score overrides, oldest first."""
    row, _, _ = load_session(db=db, session_id=session_id)
    check_read(db, auth, row)
    return [ReviewPublic(id=r.id, author=r.author.username if r.author else None, text=r.text,
                         score_override=r.score_override,
                         created_at=r.created_at.isoformat(timespec="seconds") + "Z")
            for r in reviews_of(db=db, session_id=session_id)]


@router.post("/{session_id}/reviews", status_code=201)
def review(session_id: str, body: ReviewCreate, auth: CurrentUser, db: DbDep) -> ReviewPublic:
    """The trainee's instructor comments, optionally overriding the score (audited)."""
    added = svc.review_session(db, auth, session_id, body.text, body.score_override)
    db.flush()
    return ReviewPublic(id=added.id, author=auth.username, text=added.text,
                        score_override=added.score_override,
                        created_at=added.created_at.isoformat(timespec="seconds") + "Z")
