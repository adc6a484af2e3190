"""The tables: users, cohorts, pinned scenarios, sessions as event logs, assessments."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (stored the same way by SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base of Parley's tables."""


class User(Base):
    """A trainee, instructor or admin."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Cohort(Base):
    """A training course: an instructor and their trainees."""

    __tablename__ = "cohorts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CohortMember(Base):
    """Membership of a trainee in a cohort."""

    __tablename__ = "cohort_members"
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"),
                                           primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)


class ScenarioVersion(Base):
    """A scenario exactly as played, pinned by its content hash."""

    __tablename__ = "scenario_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(80))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SessionRow(Base):
    """A negotiation session; its truth is the event log."""

    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    trainee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    kind: Mapped[str] = mapped_column(String(20), default="practice")
    seed: Mapped[int] = mapped_column(Integer)
    rubric: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="running")
    outcome: Mapped[str | None] = mapped_column(String(40))
    score: Mapped[float | None]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    scenario: Mapped[ScenarioVersion] = relationship()
    trainee: Mapped[User | None] = relationship()


class EventRow(Base):
    """One event of a session's append-only log."""

    __tablename__ = "session_events"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"),
                                            index=True)
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Assessment(Base):
    """The debrief's score of a finished session, with its breakdown."""

    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"),
                                            unique=True)
    rubric: Mapped[str] = mapped_column(String(40))
    score: Mapped[float]
    breakdown: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Review(Base):
    """An instructor's comment or score override (who, when, why)."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"),
                                            index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    score_override: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author: Mapped[User | None] = relationship()


class AuthToken(Base):
    """A login: a browser session (cookie) or an API bearer token, stored as a sha256 hash.

    Kept in the database, not in process memory, so any app instance can check it.
    """

    __tablename__ = "auth_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    user: Mapped[User] = relationship()


class LoginFailure(Base):
    """Failed logins of one username (known or not), for rate limiting and lock-out."""

    __tablename__ = "login_failures"
    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]


class AuditEntry(Base):
    """One instructor or admin action (event injected, review, cohort change): who, what."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
