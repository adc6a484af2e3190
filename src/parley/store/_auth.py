"""Login tokens and failed-login counters, kept in the database for every app instance."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from parley.store._models import AuthToken, LoginFailure, User, utcnow

TOKEN_KINDS = ("cookie", "bearer")
"""A browser session (cookie, with a CSRF token) or an API bearer token."""


def token_hash(token: str) -> str:
    """The sha256 hex digest under which a token is stored (the token itself never is)."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, db: DbSession, user: User, kind: str, minutes: int) -> tuple[str, AuthToken]:
    """A new random token for ``user``, valid ``minutes`` minutes.

    Returns:
        The token (to hand to the client once) and its stored row (with its CSRF token).
    """
    token = secrets.token_urlsafe(32)
    row = AuthToken(token_hash=token_hash(token), user_id=user.id, kind=kind,
                    csrf=secrets.token_urlsafe(32),
                    expires_at=utcnow() + timedelta(minutes=minutes))
    db.add(row)
    db.flush()
    return token, row


def token_row(*, db: DbSession, token: str, kind: str) -> AuthToken | None:
    """The unexpired token row of this kind, or None."""
    row = db.get(AuthToken, token_hash(token))
    if row is None or row.kind != kind or row.expires_at <= utcnow():
        return None
    return row


def revoke_token(*, db: DbSession, token: str) -> None:
    """Forget a token (log out); expired tokens are swept at the same time."""
    db.execute(delete(AuthToken).where(
        (AuthToken.token_hash == token_hash(token)) | (AuthToken.expires_at <= utcnow())))


def locked_until(*, db: DbSession, username: str) -> datetime | None:
    """When the lock-out of ``username`` ends, or None if it is not locked out."""
    row = db.get(LoginFailure, username[:80])
    if row is None or row.locked_until is None or row.locked_until <= utcnow():
        return None
    return row.locked_until


def record_failure(*, db: DbSession, username: str, limit: int, lockout_minutes: int) -> int:
    """Count a failed login; at ``limit`` failures in a row, lock the name out.

    Returns:
        Failures counted since the last success or lock-out.
    """
    row = db.get(LoginFailure, username[:80])
    if row is None:
        row = LoginFailure(username=username[:80], failures=0)
        db.add(row)
    row.failures += 1
    row.last_failure = utcnow()
    count = row.failures
    if row.failures >= limit:
        row.locked_until = utcnow() + timedelta(minutes=lockout_minutes)
        row.failures = 0
    db.flush()
    return count


def clear_failures(*, db: DbSession, username: str) -> None:
    """Forget failed logins after a successful one."""
    db.execute(delete(LoginFailure).where(LoginFailure.username == username[:80]))


def user_by_name(*, db: DbSession, username: str) -> User | None:
    """The user called ``username``, or None."""
    return db.scalar(select(User).where(User.username == username))
