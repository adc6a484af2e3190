"""Views of a rebuilt session for the API and the pages (the engine's values, as JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parley.assessment import coach_turn
from parley.session import EventDict, Session, Turn
from parley.web._schemas import (
    Board,
    CoachNotePublic,
    NoticePublic,
    SessionPublic,
    TechniquePublic,
    TurnPublic,
)


@dataclass(frozen=True)
class SessionInfo:
    """What the sessions table says about a session (copied out of the DB transaction)."""

    id: str
    trainee: str | None
    trainee_id: int | None
    kind: str
    status: str
    rubric: str
    score: float | None
    started_at: datetime


def turn_view(turn: Turn, subject_line: str, session: Session | None = None) -> TurnPublic:
    """One exchange: the reply, techniques, live coaching, narration and state after it.

    ``session`` (the turn's own) lets the coaching see the scenario's hooks and the
    earlier turns.
    """
    narration = [ev.text for ev in turn.decision.events]
    if turn.decision.deadline:
        narration.append(turn.decision.deadline)
    if turn.decision.released:
        narration.append(f"{turn.decision.released} hostage(s) released.")
    return TurnPublic(
        index=turn.index, trainee=turn.trainee, pause=turn.pause, reply=turn.reply,
        techniques=[TechniquePublic(name=f.technique, confidence=round(f.confidence, 3))
                    for f in turn.analysis.findings],
        coaching=[CoachNotePublic(**n.to_dict())
                  for n in coach_turn(turn, subject_line, session)],
        narration=narration, released=turn.decision.released, state=turn.after.summary())


def turn_views(session: Session) -> list[TurnPublic]:
    """Every exchange of a session, oldest first."""
    views, last = [], session.opening
    for t in session.turns:
        views.append(turn_view(t, last, session))
        last = t.reply
    return views


def notices(events: list[EventDict]) -> list[NoticePublic]:
    """Instructor events from the log, each with the number of turns taken before it."""
    out, turns = [], 0
    for seq, ev in enumerate(events):
        if ev.get("type") in ("turn", "pause"):
            turns += 1
        elif ev.get("type") == "event":
            out.append(NoticePublic(seq=seq, kind=str(ev.get("kind", "")),
                                    text=str(ev.get("text", "")), after_turn=turns))
    return out


def latest_board(events: list[EventDict]) -> Board | None:
    """The newest situation board saved in the log, if any."""
    for ev in reversed(events):
        if ev.get("type") == "board" and isinstance(ev.get("board"), dict):
            return Board.model_validate(ev["board"])
    return None


def session_view(info: SessionInfo, session: Session, events: list[EventDict]) -> SessionPublic:
    """The whole session as the console and the observer show it."""
    finished = session.finished or info.status == "finished"
    return SessionPublic(
        id=info.id, scenario=session.scenario.id, title=session.scenario.title,
        subject=session.scenario.subject.name, trainee=info.trainee, kind=info.kind,
        status="finished" if finished else info.status, outcome=session.outcome,
        finished=finished, started_at=info.started_at.isoformat(timespec="seconds") + "Z",
        seq=len(events), opening=session.opening, state=session.state.summary(),
        turns=turn_views(session), notices=notices(events), board=latest_board(events),
        score=info.score)
