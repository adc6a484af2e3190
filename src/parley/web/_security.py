"""Logins, cookies, CSRF tokens and security headers.

Everything a second app instance would need (tokens, failed-login counters) lives in the
database; nothing here is kept in process memory. Passwords and tokens are never logged.
"""

from __future__ import annotations

import hmac
import math
import os
import threading
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parley.store import (
    clear_failures,
    create_token,
    db,
    locked_until,
    record_failure,
    revoke_token,
    user_by_name,
)
from parley.store._models import utcnow
from parley.web._errors import LockedOut, NotAuthenticated
from parley.web._settings import Settings

SESSION_COOKIE = "parley_session"
"""The browser login cookie (an opaque token; its sha256 is stored)."""
LOGIN_CSRF_COOKIE = "parley_login_csrf"
"""Double-submit CSRF cookie of the login form (before any session exists)."""
CSRF_HEADER = "X-CSRF-Token"
"""Header that carries the session's CSRF token on fetch() calls from the pages."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; "
       "base-uri 'none'; object-src 'none'")
"""Content Security Policy of every page: no inline script or style, nothing external."""

REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
              "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
"""CSP of the self-contained HTML debrief: its styles are inline, and it may run no script."""


@dataclass(frozen=True)
class Auth:
    """Who is asking, and how they logged in.

    Attributes:
        user_id: Users table id.
        username: Login name.
        role: ``trainee``, ``instructor`` or ``admin``.
        via: ``cookie`` (a browser, CSRF-checked) or ``bearer`` (an API token).
        csrf: The login's CSRF token (pages put it in forms and fetch headers).
    """

    user_id: int
    username: str
    role: str
    via: str
    csrf: str

    @property
    def instructs(self) -> bool:
        """True for instructors and admins."""
        return self.role in ("instructor", "admin")


@cache
def _dummy_hash() -> str:
    return PasswordHasher().hash("parley-timing-equaliser")


_HASHING = threading.BoundedSemaphore(min(4, os.cpu_count() or 1))
"""At most this many argon2 verifications at once: each takes 64 MiB (the library's
default memory cost), and a cohort logging in together would otherwise multiply it by
the size of the thread pool (40). The others wait their turn, holding no connection."""


def _verify(hashed: str | None, password: str) -> bool:
    with _HASHING:
        try:
            return (PasswordHasher().verify(hashed or _dummy_hash(), password)
                    and hashed is not None)
        except (VerificationError, InvalidHashError):
            return False


def login(*, settings: Settings, username: str, password: str, kind: str) -> tuple[str, str]:
    """Check a password and open a login of ``kind`` (``cookie`` or ``bearer``).

    Failed attempts are counted per username in the database; after
    ``settings.max_failed_logins`` in a row the name is locked for
    ``settings.lockout_minutes``, whatever the password. Unknown names cost the same
    argon2 work as known ones, so timing does not tell which names exist.

    Returns:
        The token (shown to the client once) and the login's CSRF token.

    Raises:
        LockedOut: The username is locked out.
        NotAuthenticated: Wrong username or password.
    """
    username = username.strip()[:80]
    with db(settings.database_url) as s:
        until = locked_until(db=s, username=username)
        user = None if until else user_by_name(db=s, username=username)
        hashed = user.password_hash if user else None
    if until is None:
        ok = _verify(hashed, password)  # slow on purpose: outside any transaction
        with db(settings.database_url) as s:
            user = user_by_name(db=s, username=username) if ok else None
            if user is not None and user.password_hash == hashed:
                clear_failures(db=s, username=username)
                token, row = create_token(db=s, user=user, kind=kind,
                                          minutes=settings.session_minutes)
                return token, row.csrf
            record_failure(db=s, username=username, limit=settings.max_failed_logins,
                           lockout_minutes=settings.lockout_minutes)
            until = locked_until(db=s, username=username)
    if until is not None:
        wait = max(1, math.ceil((until - utcnow()).total_seconds()))
        raise LockedOut(f"too many failed logins for '{username}': try again in "
                        f"{math.ceil(wait / 60)} minute(s)", retry_after=wait)
    raise NotAuthenticated("wrong username or password")


def logout(*, settings: Settings, token: str) -> None:
    """End a login (the token stops working on every instance at once)."""
    with db(settings.database_url) as s:
        revoke_token(db=s, token=token)


def secure_request(request: Request, settings: Settings) -> bool:
    """True if cookies must be ``Secure``: forced by settings, or the request used TLS."""
    return settings.secure_cookies or request.url.scheme == "https"


def set_cookie(response: Response, request: Request, settings: Settings, name: str,
               value: str, *, max_age: int) -> None:
    """Set an HttpOnly, SameSite=Lax cookie, ``Secure`` over TLS."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=secure_request(request, settings))


def same_token(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of two CSRF tokens (False if either is missing)."""
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


class SecurityHeaders:
    """ASGI middleware: CSP, no framing, nosniff, referrer policy, no caching of pages.

    A response that sets its own ``Content-Security-Policy`` (the HTML debrief) keeps it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to every HTTP response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                defaults = {
                    b"content-security-policy": CSP.encode(),
                    b"x-frame-options": b"DENY",
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
                }
                if not static:
                    defaults[b"cache-control"] = b"no-store"
                headers += [(k, v) for k, v in defaults.items() if k not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
