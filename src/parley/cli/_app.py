"""The Typer application and the one place where Parley errors become messages."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from parley.errors import ParleyError

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn a ParleyError into one line on stderr and exit status 1 (never a traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ParleyError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


app = typer.Typer(
    help="Parley: practise crisis negotiation against a simulated subject, with feedback.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _register() -> None:
    from parley.cli import _analysis, _analyze, _records, _replay, _scenarios, _serve, _train

    app.add_typer(_scenarios.app, name="scenarios")
    app.add_typer(_analysis.app, name="analysis")
    app.add_typer(_records.db_app, name="db")
    app.add_typer(_records.sessions_app, name="sessions")
    app.add_typer(_records.users_app, name="users")
    app.command("report")(_records.report)
    app.command("export")(_records.export)
    app.command("delete")(_records.delete)
    app.command("progress")(_records.progress)
    app.command("train")(user_errors(_train.train))
    app.command("replay")(user_errors(_replay.replay))
    app.command("analyze")(user_errors(_analyze.analyze))
    app.command("serve")(user_errors(_serve.serve))


_register()


def main() -> None:
    """Console-script entry point."""
    app()
