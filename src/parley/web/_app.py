"""``create_app(settings)``: the FastAPI application."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from parley import __version__
from parley.store import engine_for
from parley.web import (
    _api_cohorts,
    _api_docs,
    _api_scenarios,
    _api_sessions,
    _auth,
    _errors,
    _pages,
    _pages_instructor,
    _pages_transcripts,
)
from parley.web._security import SecurityHeaders
from parley.web._settings import Settings
from parley.web._templates import templates

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app: JSON API under ``/api``, pages, static assets, security headers.

    The OpenAPI document is at ``/api/openapi.json``; ``/api/docs`` renders it as a page
    served by the app itself (Swagger UI would load its scripts from a CDN).

    The database is migrated on creation. The app keeps no session state in memory:
    any number of instances can serve the same database.

    Raises:
        StoreError: The database cannot be reached or migrated.
    """
    settings = settings or Settings.from_env()
    engine_for(settings.database_url)
    app = FastAPI(title="Parley", version=__version__,
                  description="Crisis negotiation training: the trainee's and the "
                  "instructor's API. Log in with the OAuth2 password flow.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.settings = settings
    _errors.install(app, templates)
    for module in (_auth, _api_sessions, _api_scenarios, _api_cohorts, _pages,
                   _pages_instructor, _pages_transcripts, _api_docs):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    return app
