"""Logging in and out: the OAuth2 token endpoint and the login page."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import OAuth2PasswordRequestForm

from parley.errors import ParleyError, PermissionDenied
from parley.web._deps import CurrentUser, FormUser, SettingsDep, oauth2
from parley.web._errors import status_of
from parley.web._schemas import Token
from parley.web._security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    login,
    logout,
    same_token,
    set_cookie,
)
from parley.web._templates import page

router = APIRouter()


@router.post("/api/auth/token", tags=["auth"])
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()],
          settings: SettingsDep) -> Token:
    """OAuth2 password flow: exchange a username and password for a bearer token.

    Failed attempts count towards a lock-out of the username (HTTP 429 while locked).
    """
    access, _ = login(settings=settings, username=form.username, password=form.password,
                      kind="bearer")
    return Token(access_token=access)


@router.post("/api/auth/logout", tags=["auth"], status_code=204)
def api_logout(auth: CurrentUser, settings: SettingsDep, request: Request,
               bearer: Annotated[str | None, Depends(oauth2)]) -> Response:
    """Revoke the bearer token (or the browser login) used for this request."""
    used = bearer or request.cookies.get(SESSION_COOKIE, "")
    logout(settings=settings, token=used)
    return Response(status_code=204)


def _safe_next(target: str) -> str:
    """Only a path on this site (no scheme, no ``//host``) may follow a login."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else "/"


def _login_page(request: Request, settings: SettingsDep, next_: str, error: str = "",
                status_code: int = 200) -> HTMLResponse:
    csrf = secrets.token_urlsafe(32)
    response = page(request, "login.html", None, status_code=status_code,
                    login_csrf=csrf, next=_safe_next(next_), error=error)
    set_cookie(response, request, settings, LOGIN_CSRF_COOKIE, csrf, max_age=3600)
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, settings: SettingsDep, next: str = "/") -> HTMLResponse:
    """The login page."""
    return _login_page(request, settings, next)


@router.post("/login", include_in_schema=False)
def login_submit(request: Request, settings: SettingsDep,
                 username: Annotated[str, Form(max_length=200)],
                 password: Annotated[str, Form(max_length=1000)],
                 csrf_token: Annotated[str, Form(max_length=200)] = "",
                 next: Annotated[str, Form(max_length=500)] = "/") -> Response:
    """Check the password, set the session cookie and go on to ``next``."""
    if not same_token(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token):
        raise PermissionDenied("the login form expired: reload the page and try again")
    try:
        token_, _ = login(settings=settings, username=username, password=password,
                          kind="cookie")
    except ParleyError as exc:
        return _login_page(request, settings, next, str(exc), status_of(exc))
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_cookie(response, request, settings, SESSION_COOKIE, token_,
               max_age=settings.session_minutes * 60)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout", include_in_schema=False)
def logout_submit(request: Request, settings: SettingsDep, auth: FormUser) -> Response:
    """Log out (the form carries the session's CSRF token) and return to the login page."""
    logout(settings=settings, token=request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
