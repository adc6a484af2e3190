"""Repository functions (keyword-only) and the recorder that commits every session event."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session as DbSession

from parley.errors import InputError, NotFound
from parley.scenario import Scenario, parse_scenario
from parley.session import EventDict, scenario_hash
from parley.store._db import db
from parley.store._models import (
    Assessment,
    EventRow,
    Review,
    ScenarioVersion,
    SessionRow,
    User,
    utcnow,
)

ROLES = ("trainee", "instructor", "admin")
"""User roles."""

SESSION_KINDS = ("practice", "pre_test", "post_test")
"""Practice sessions, and the pre/post role-play tests of a course."""

HASHER = PasswordHasher()
"""argon2id with the library's defaults (RFC 9106 low-memory profile); tests may swap in a
cheaper one. Verification reads the parameters from each stored hash."""


def new_session_id() -> str:
    """A sortable, unguessable session id: ``YYYYMMDD-HHMMSS-xxxxxx``."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"


_USERNAME = re.compile(r"[\w.@-]{1,80}")


def check_username(username: str) -> str:
    """Return ``username`` stripped, if valid.

    Raises:
        InputError: Not 1-80 letters, digits or . _ @ -.
    """
    username = username.strip()
    if not _USERNAME.fullmatch(username):
        raise InputError("username must be 1-80 letters, digits or . _ @ - (no spaces)")
    return username


def add_user(*, db: DbSession, username: str, role: str, password: str | None) -> User:
    """Create a user; the password is stored as an argon2 hash.

    Raises:
        InputError: Bad role, empty name, or the user exists.
    """
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)} (got '{role}')")
    username = check_username(username)
    if db.scalar(select(User).where(User.username == username)) is not None:
        raise InputError(f"user '{username}' already exists")
    hashed = HASHER.hash(password) if password else None
    user = User(username=username, role=role, password_hash=hashed)
    db.add(user)
    db.flush()
    return user


def get_user(*, db: DbSession, username: str) -> User:
    """Find a user by name.

    Raises:
        NotFound: No such user.
    """
    user = db.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user '{username}'")
    return user


def ensure_trainee(*, db: DbSession, username: str) -> User:
    """The user ``username``, created as a trainee (no password) on first use."""
    user = db.scalar(select(User).where(User.username == username))
    return user or add_user(db=db, username=username, role="trainee", password=None)


def pin_scenario(*, db: DbSession, scenario: Scenario) -> ScenarioVersion:
    """The stored copy of this exact scenario content, created on first use."""
    digest = scenario_hash(scenario)
    query = select(ScenarioVersion).where(ScenarioVersion.content_hash == digest)
    row = db.scalar(query)
    if row is not None:
        return row
    values = {"scenario_id": scenario.id, "content_hash": digest,
              "content": scenario.model_dump_json(), "created_at": utcnow()}
    dialect = db.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        # Two sessions starting at once on a scenario not yet pinned both get here: the
        # second insert must not fail on the unique hash, it finds the first one's row.
        insert = sqlite_insert if dialect == "sqlite" else pg_insert
        db.execute(insert(ScenarioVersion).values(**values)
                   .on_conflict_do_nothing(index_elements=["content_hash"]))
        return db.scalars(query).one()
    row = ScenarioVersion(**values)
    db.add(row)
    db.flush()
    return row


class Recorder:
    """Commits each session event in its own transaction, before the reply is shown.

    Pass an instance as ``Session(on_event=...)``; the ``start`` event creates the
    session row (with the pinned scenario and the rubric frozen) in the same transaction.
    With ``lazy_start`` the start is held back and written with the first turn, so a
    session abandoned before its first turn leaves nothing behind.
    """

    def __init__(self, *, scenario: Scenario, trainee: str, rubric: str,
                 kind: str = "practice", session_id: str | None = None,
                 next_seq: int = 0, url: str | None = None, lazy_start: bool = False) -> None:
        if kind not in SESSION_KINDS:
            raise InputError(f"session kind must be one of {', '.join(SESSION_KINDS)}")
        self.session_id = session_id or new_session_id()
        self._scenario, self._trainee, self._rubric, self._kind = scenario, trainee, rubric, kind
        self._seq = next_seq
        self._url = url
        self._lazy = lazy_start
        self._pending: list[EventDict] = []

    def __call__(self, event: EventDict) -> None:
        """Store one event durably (with a held-back start event, if any).

        Raises:
            StoreError: The database failed; the event (and the turn) is not stored.
        """
        if event["type"] == "start" and self._lazy:
            self._pending = [event]
            return
        batch = [*self._pending, event]
        with db(self._url) as s:
            for seq, item in enumerate(batch, self._seq):
                if item["type"] == "start":
                    self._create(s, item)
                s.add(EventRow(session_id=self.session_id, seq=seq, type=item["type"],
                               payload=item))
        self._seq += len(batch)
        self._pending = []

    def _create(self, s: DbSession, start: EventDict) -> None:
        trainee = ensure_trainee(db=s, username=self._trainee)
        version = pin_scenario(db=s, scenario=self._scenario)
        s.add(SessionRow(id=self.session_id, trainee_id=trainee.id,
                         scenario_version_id=version.id, kind=self._kind,
                         seed=int(start.get("seed", 0)), rubric=self._rubric, status="running"))
        s.flush()


@lru_cache(maxsize=64)
def _stored_scenario(content: str, content_hash: str) -> Scenario:
    """A pinned scenario, parsed once per process.

    The content of a pinned version never changes and a :class:`Scenario` is frozen, so
    the parsed value can be shared; parsing it again on every request (YAML, validation)
    cost more than the rest of a web turn. The key is the content itself, not only its
    hash. Nothing about any session is kept.
    """
    return parse_scenario(content, path=f"<stored:{content_hash}>")


def load_session(*, db: DbSession, session_id: str) -> tuple[SessionRow, Scenario,
                                                              list[EventDict]]:
    """A stored session: its row, its pinned scenario, and its events in order.

    Raises:
        NotFound: No such session.
    """
    row = db.get(SessionRow, session_id)
    if row is None:
        raise NotFound(f"no session '{session_id}' (see: parley sessions list)")
    scenario = _stored_scenario(row.scenario.content, row.scenario.content_hash)
    events = [e.payload for e in db.scalars(
        select(EventRow).where(EventRow.session_id == session_id).order_by(EventRow.seq))]
    return row, scenario, events


def last_event_at(*, db: DbSession, session_id: str) -> datetime | None:
    """When the newest event of a session was stored (UTC, naive), or None."""
    return db.scalar(select(func.max(EventRow.created_at))
                     .where(EventRow.session_id == session_id))


def finish_session(*, db: DbSession, session_id: str, outcome: str, score: float,
                   breakdown: dict[str, Any], rubric: str) -> None:
    """Record the outcome and the assessment of a session (idempotent)."""
    row = db.get(SessionRow, session_id)
    if row is None:
        raise NotFound(f"no session '{session_id}'")
    row.status, row.outcome, row.score, row.ended_at = "finished", outcome, score, utcnow()
    db.execute(delete(Assessment).where(Assessment.session_id == session_id))
    db.add(Assessment(session_id=session_id, rubric=rubric, score=score, breakdown=breakdown))


def list_sessions(*, db: DbSession, trainee: str | None = None) -> Sequence[SessionRow]:
    """Sessions, newest first, optionally of one trainee."""
    query = select(SessionRow).order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
    if trainee:
        query = query.where(SessionRow.trainee_id == get_user(db=db, username=trainee).id)
    return db.scalars(query).all()


def add_review(*, db: DbSession, session_id: str, author: str, text: str,
               score_override: float | None = None) -> Review:
    """An instructor's comment or score override.

    Raises:
        NotFound: Unknown session or author.
        InputError: Override outside 0-100, or empty text.
    """
    if db.get(SessionRow, session_id) is None:
        raise NotFound(f"no session '{session_id}'")
    if score_override is not None and not 0 <= score_override <= 100:
        raise InputError("a score override must be between 0 and 100")
    if not text.strip():
        raise InputError("a review needs a reason")
    review = Review(session_id=session_id, author_id=get_user(db=db, username=author).id,
                    text=text.strip(), score_override=score_override)
    db.add(review)
    return review


def reviews_of(*, db: DbSession, session_id: str) -> Sequence[Review]:
    """The reviews of a session, oldest first."""
    return db.scalars(select(Review).where(Review.session_id == session_id)
                      .order_by(Review.created_at, Review.id)).all()


def export_trainee(*, db: DbSession, username: str) -> dict[str, Any]:
    """Everything stored about a trainee (data-protection access request)."""
    user = get_user(db=db, username=username)
    sessions = db.scalars(select(SessionRow).where(SessionRow.trainee_id == user.id)
                          .order_by(SessionRow.started_at)).all()
    out = []
    for row in sessions:
        _, _, events = load_session(db=db, session_id=row.id)
        out.append({"id": row.id, "scenario": row.scenario.scenario_id, "kind": row.kind,
                    "status": row.status, "outcome": row.outcome, "score": row.score,
                    "started_at": row.started_at.isoformat(), "events": events})
    return {"username": user.username, "role": user.role,
            "created_at": user.created_at.isoformat(), "sessions": out}


def delete_trainee(*, db: DbSession, username: str) -> int:
    """Delete a user and all their sessions; return the number of sessions deleted."""
    user = get_user(db=db, username=username)
    ids = list(db.scalars(select(SessionRow.id).where(SessionRow.trainee_id == user.id)))
    for table in (EventRow, Assessment, Review):
        db.execute(delete(table).where(table.session_id.in_(ids)))
    db.execute(delete(SessionRow).where(SessionRow.id.in_(ids)))
    db.delete(user)
    return len(ids)
