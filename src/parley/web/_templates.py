"""The Jinja2 templates and the helper every page renders through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from parley.web._security import Auth

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
"""Autoescaping Jinja2 environment over ``web/templates``."""


def page(request: Request, name: str, auth: Auth | None, status_code: int = 200,
         **context: Any) -> HTMLResponse:
    """Render a page; ``auth`` fills the header and the CSRF token of its forms."""
    return templates.TemplateResponse(
        request, name, {"auth": auth, "csrf": auth.csrf if auth else "", **context},
        status_code=status_code)
