"""The session services the API and the pages share.

Every call rebuilds the session from its stored events (``Session.from_events``) and
appends new events through a :class:`~parley.store.Recorder`, which commits each one before
the call returns. No session state stays in process memory, so any app instance can serve
any turn.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session as DbSession

from parley.assessment import RUBRIC_VERSION, Debrief, assess
from parley.errors import InputError, NotFound
from parley.scenario import Scenario, builtin_ids, load_scenario
from parley.session import EventDict, Session
from parley.store import (
    Recorder,
    Review,
    SessionRow,
    add_review,
    audit,
    db,
    finish_session,
    get_user,
    last_event_at,
    load_session,
)
from parley.store._models import utcnow
from parley.subject import Event
from parley.web._access import check_play, check_read, check_steer
from parley.web._schemas import (
    Board,
    EventCreate,
    Feed,
    SessionPublic,
    TurnResult,
)
from parley.web._security import Auth
from parley.web._settings import Settings
from parley.web._views import SessionInfo, session_view, turn_view

Check = Callable[[DbSession, Auth, SessionRow], None]

GAP_MINUTES = 5.0
"""A real pause longer than this (minutes) moves the incident clock by its length."""


@dataclass(frozen=True)
class Loaded:
    """A stored session, read in one transaction and checked for access."""

    info: SessionInfo
    scenario: Scenario
    events: list[EventDict]
    last_at: datetime | None


def builtin_scenario(scenario_id: str) -> Scenario:
    """A built-in scenario by id (never a file path: web users do not name files).

    Raises:
        NotFound: No built-in scenario of that id.
    """
    if scenario_id not in builtin_ids():
        raise NotFound(f"no scenario '{scenario_id}'")
    return load_scenario(scenario_id)


def load(settings: Settings, auth: Auth, session_id: str, check: Check) -> Loaded:
    """Read a session and check that ``auth`` may do what ``check`` guards.

    Raises:
        NotFound: No such session.
        PermissionDenied: ``check`` refused.
    """
    with db(settings.database_url) as s:
        row, scenario, events = load_session(db=s, session_id=session_id)
        check(s, auth, row)
        info = SessionInfo(row.id, row.trainee.username if row.trainee else None,
                           row.trainee_id, row.kind, row.status, row.rubric, row.score,
                           row.started_at)
        return Loaded(info, scenario, events, last_event_at(db=s, session_id=session_id))


def rebuild(settings: Settings, loaded: Loaded, *, record: bool) -> Session:
    """Replay the stored events; with ``record``, new events are appended to the store."""
    recorder = Recorder(scenario=loaded.scenario, trainee=loaded.info.trainee or "",
                        rubric=loaded.info.rubric, kind=loaded.info.kind,
                        session_id=loaded.info.id, next_seq=len(loaded.events),
                        url=settings.database_url) if record else None
    return Session.from_events(loaded.scenario, loaded.events, on_event=recorder)


def _finish(settings: Settings, info: SessionInfo, session: Session) -> SessionInfo:
    """Assess and store the outcome once the session is over; return the updated info."""
    if not session.finished or info.status == "finished":
        return info
    debrief = assess(session)
    with db(settings.database_url) as s:
        finish_session(db=s, session_id=info.id, outcome=debrief.outcome,
                       score=debrief.score, breakdown=debrief.to_dict(), rubric=debrief.rubric)
    return SessionInfo(info.id, info.trainee, info.trainee_id, info.kind, "finished",
                       info.rubric, debrief.score, info.started_at)


def _view(loaded: Loaded, info: SessionInfo, session: Session, base: int) -> SessionPublic:
    """The view after new events; ``base`` is ``len(session.events)`` right after rebuild."""
    return session_view(info, session, loaded.events + session.events[base:])


def start_session(settings: Settings, auth: Auth, scenario_id: str,
                  kind: str = "practice") -> SessionPublic:
    """Start a negotiation for ``auth``; the start event is stored before this returns."""
    scenario = builtin_scenario(scenario_id)
    recorder = Recorder(scenario=scenario, trainee=auth.username, rubric=RUBRIC_VERSION,
                        kind=kind, url=settings.database_url)
    Session(scenario, seed=random.SystemRandom().randrange(1_000_000), on_event=recorder)
    return view_session(settings, auth, recorder.session_id)


def take_turn(settings: Settings, auth: Auth, session_id: str, text: str) -> TurnResult:
    """The trainee says ``text``; the turn is stored before the reply is returned.

    Raises:
        InputError: Bad utterance, or the session has ended.
    """
    loaded = load(settings, auth, session_id, check_play)
    session = rebuild(settings, loaded, record=True)
    base = len(session.events)
    gap = None
    if loaded.last_at is not None:
        minutes = (utcnow() - loaded.last_at).total_seconds() / 60
        gap = round(minutes, 2) if minutes > GAP_MINUTES else None
    last = session.turns[-1].reply if session.turns else session.opening
    turn = session.say(text, gap_minutes=gap)
    info = _finish(settings, loaded.info, session)
    view = turn_view(turn, last, session)
    return TurnResult(turn=view, session_id=info.id, reply=turn.reply,
                      techniques=view.techniques, coaching=view.coaching, state=view.state,
                      outcome=session.outcome, finished=session.finished,
                      seq=len(loaded.events) + len(session.events) - base)


def end_session(settings: Settings, auth: Auth, session_id: str) -> SessionPublic:
    """End the session at the trainee's request and store its assessment (idempotent)."""
    loaded = load(settings, auth, session_id, check_play)
    session = rebuild(settings, loaded, record=True)
    base = len(session.events)
    session.end()
    return _view(loaded, _finish(settings, loaded.info, session), session, base)


def view_session(settings: Settings, auth: Auth, session_id: str) -> SessionPublic:
    """The session as it stands (read-only)."""
    return view_with_scenario(settings, auth, session_id)[0]


def view_with_scenario(settings: Settings, auth: Auth,
                       session_id: str) -> tuple[SessionPublic, Scenario]:
    """The session as it stands, and the pinned scenario it is played on."""
    loaded = load(settings, auth, session_id, check_read)
    session = rebuild(settings, loaded, record=False)
    return _view(loaded, loaded.info, session, len(session.events)), loaded.scenario


def feed(settings: Settings, auth: Auth, session_id: str, after: int) -> Feed:
    """Polling: the session view only if events were stored since ``after``."""
    loaded = load(settings, auth, session_id, check_read)
    if len(loaded.events) == after:
        return Feed(seq=after, changed=False, session=None)
    session = rebuild(settings, loaded, record=False)
    view = _view(loaded, loaded.info, session, len(session.events))
    return Feed(seq=view.seq, changed=True, session=view)


def inject_event(settings: Settings, auth: Auth, session_id: str,
                 body: EventCreate) -> SessionPublic:
    """An instructor injects an event; the subject reacts to it on the next turn.

    Raises:
        PermissionDenied: Not the trainee's instructor.
        InputError: The session has ended.
    """
    loaded = load(settings, auth, session_id, check_steer)
    session = rebuild(settings, loaded, record=True)
    base = len(session.events)
    session.inject(Event(kind=body.kind, text=body.text, arousal=float(body.arousal),
                         trust=float(body.trust), line=body.line))
    with db(settings.database_url) as s:
        audit(db=s, actor=get_user(db=s, username=auth.username), action="inject_event",
              target=f"session:{session_id}", detail=body.model_dump())
    return _view(loaded, loaded.info, session, base)


def save_board(settings: Settings, auth: Auth, session_id: str, board: Board) -> Board:
    """Store the trainee's situation board as a session event (kept and replayed)."""
    loaded = load(settings, auth, session_id, check_play)
    recorder = Recorder(scenario=loaded.scenario, trainee=loaded.info.trainee or "",
                        rubric=loaded.info.rubric, session_id=loaded.info.id,
                        next_seq=len(loaded.events), url=settings.database_url)
    recorder({"type": "board", "board": board.model_dump()})
    return board


def debrief_of(settings: Settings, auth: Auth, session_id: str) -> tuple[Debrief, Session]:
    """The debrief (and the session it came from).

    Raises:
        InputError: A trainee asked for the debrief of a session still running.
    """
    loaded = load(settings, auth, session_id, check_read)
    session = rebuild(settings, loaded, record=False)
    if not (session.finished or loaded.info.status == "finished") and not auth.instructs:
        raise InputError("the session is still running: end it to read the debrief")
    return assess(session), session


def review_session(s: DbSession, auth: Auth, session_id: str, text: str,
                   score_override: float | None) -> Review:
    """The trainee's instructor comments on a session, maybe overriding its score (audited).

    Raises:
        PermissionDenied: Not the trainee's instructor.
        InputError: Empty text or an override outside 0-100.
    """
    row, _, _ = load_session(db=s, session_id=session_id)
    check_steer(s, auth, row)
    review = add_review(db=s, session_id=session_id, author=auth.username, text=text,
                        score_override=score_override)
    audit(db=s, actor=get_user(db=s, username=auth.username), action="review",
          target=f"session:{session_id}",
          detail={"score_override": score_override, "text": text[:500]})
    return review
