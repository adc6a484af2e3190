"""The one place where Parley errors become HTTP responses (JSON for /api, pages otherwise)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from parley.errors import InputError, NotFound, ParleyError, PermissionDenied, ScenarioError
from parley.store import StoreError


class NotAuthenticated(ParleyError):
    """No valid login (missing, expired or revoked token, or a wrong password)."""


class LockedOut(ParleyError):
    """Too many failed logins for this username; it is locked for a while.

    Attributes:
        retry_after: Seconds until the lock-out ends.
    """

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


_STATUS: tuple[tuple[type[ParleyError], int], ...] = (
    (NotAuthenticated, 401),
    (LockedOut, 429),
    (PermissionDenied, 403),
    (NotFound, 404),
    (StoreError, 503),
    (ScenarioError, 400),
    (InputError, 400),
    (ParleyError, 400),
)
"""Error class -> HTTP status, most specific first."""


def status_of(exc: ParleyError) -> int:
    """The HTTP status for a Parley error."""
    return next(code for cls, code in _STATUS if isinstance(exc, cls))


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Register the handler that maps every :class:`ParleyError` to a response."""

    @app.exception_handler(ParleyError)
    async def _parley_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ParleyError)
        status = status_of(exc)
        headers = {}
        if isinstance(exc, LockedOut):
            headers["Retry-After"] = str(exc.retry_after)
        if request.url.path.startswith("/api"):
            if status == 401:
                headers["WWW-Authenticate"] = "Bearer"
            return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers)
        if status == 401 and request.method == "GET":
            target = quote(request.url.path, safe="/")
            return RedirectResponse(f"/login?next={target}", status_code=303)
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": str(exc), "auth": None},
            status_code=status, headers=headers)
