"""The web app: FastAPI JSON API, server-rendered pages, offline static assets."""

from parley.web._app import create_app
from parley.web._settings import Settings

__all__ = ["Settings", "create_app"]
