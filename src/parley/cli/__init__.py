"""The ``parley`` command line: parse, call one engine function, print."""

from parley.cli._app import app, main

__all__ = ["app", "main"]
