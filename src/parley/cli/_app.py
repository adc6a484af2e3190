"""The Typer application and the one place where Parley errors become messages."""

from __future__ import annotations

from typing import Any

import click
import typer
from typer.core import TyperGroup

from parley.errors import ParleyError


class _UserError(click.ClickException):
    """A Parley error shown as one line on stderr, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.message}", err=True)


class _Group(TyperGroup):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ParleyError as exc:
            raise _UserError(str(exc)) from None
        except UnicodeDecodeError as exc:
            raise _UserError(f"input is not UTF-8 text (byte {exc.start})") from None


app = typer.Typer(
    cls=_Group,
    help="Parley: practise crisis negotiation against a simulated subject, with feedback.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from parley.cli import _analyze, _replay, _scenarios, _train

    app.add_typer(_scenarios.app, name="scenarios")
    app.command("train")(_train.train)
    app.command("replay")(_replay.replay)
    app.command("analyze")(_analyze.analyze)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
