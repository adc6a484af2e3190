"""Request dependencies as ``Annotated`` aliases: settings, database, the current user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session as DbSession

from parley.errors import PermissionDenied
from parley.store import db, token_row
from parley.web._errors import NotAuthenticated
from parley.web._security import (
    CSRF_HEADER,
    SAFE_METHODS,
    SESSION_COOKIE,
    Auth,
    same_token,
)
from parley.web._settings import Settings

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)
"""The OAuth2 password flow, for the OpenAPI docs and the ``Authorization`` header."""


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_db(settings: SettingsDep) -> Iterator[DbSession]:
    """A database session, committed when the route returns (before the response)."""
    with db(settings.database_url) as session:
        yield session


DbDep = Annotated[DbSession, Depends(get_db, scope="function")]


def _lookup(settings: Settings, token: str, kind: str) -> Auth | None:
    with db(settings.database_url) as s:
        row = token_row(db=s, token=token, kind=kind)
        if row is None:
            return None
        user = row.user
        return Auth(user.id, user.username, user.role, kind, row.csrf)


def api_user(request: Request, settings: SettingsDep,
             bearer: Annotated[str | None, Depends(oauth2)]) -> Auth:
    """The user behind a bearer token or the browser's session cookie.

    A cookie-authenticated request that changes something must carry the login's CSRF
    token in the ``X-CSRF-Token`` header (the pages' fetch calls do).

    Raises:
        NotAuthenticated: No valid token or cookie.
        PermissionDenied: Cookie request without the right CSRF token.
    """
    if bearer:
        auth = _lookup(settings, bearer, "bearer")
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        auth = _lookup(settings, cookie, "cookie") if cookie else None
    if auth is None:
        raise NotAuthenticated("log in first (POST /api/auth/token)")
    if auth.via == "cookie" and request.method not in SAFE_METHODS and not same_token(
            auth.csrf, request.headers.get(CSRF_HEADER)):
        raise PermissionDenied("missing or wrong CSRF token")
    return auth


CurrentUser = Annotated[Auth, Depends(api_user)]


def api_instructor(auth: CurrentUser) -> Auth:
    """The current user, who must be an instructor or admin.

    Raises:
        PermissionDenied: A trainee.
    """
    if not auth.instructs:
        raise PermissionDenied("instructors only")
    return auth


InstructorUser = Annotated[Auth, Depends(api_instructor)]


def api_admin(auth: CurrentUser) -> Auth:
    """The current user, who must be an admin.

    Raises:
        PermissionDenied: Anyone else.
    """
    if auth.role != "admin":
        raise PermissionDenied("admins only")
    return auth


AdminUser = Annotated[Auth, Depends(api_admin)]


def page_user(request: Request, settings: SettingsDep) -> Auth:
    """The browser's logged-in user (cookie only).

    Raises:
        NotAuthenticated: Not logged in (pages redirect to the login form).
    """
    cookie = request.cookies.get(SESSION_COOKIE)
    auth = _lookup(settings, cookie, "cookie") if cookie else None
    if auth is None:
        raise NotAuthenticated("please log in")
    return auth


PageUser = Annotated[Auth, Depends(page_user)]


async def form_user(request: Request, auth: PageUser) -> Auth:
    """The page user of a form POST, whose ``csrf_token`` field must match the login's.

    Raises:
        PermissionDenied: Missing or wrong CSRF token.
    """
    form = await request.form()
    if not same_token(auth.csrf, str(form.get("csrf_token", ""))):
        raise PermissionDenied("the form expired or came from another site: reload the page")
    return auth


FormUser = Annotated[Auth, Depends(form_user)]


def page_instructor(auth: PageUser) -> Auth:
    """The page user, who must be an instructor or admin."""
    if not auth.instructs:
        raise PermissionDenied("instructors only")
    return auth


PageInstructor = Annotated[Auth, Depends(page_instructor)]


def form_instructor(auth: FormUser) -> Auth:
    """The user of a CSRF-checked form POST, who must be an instructor or admin."""
    if not auth.instructs:
        raise PermissionDenied("instructors only")
    return auth


FormInstructor = Annotated[Auth, Depends(form_instructor)]
