"""``parley serve``: the web app on the embedded defaults."""

from __future__ import annotations

from typing import Annotated

import typer

from parley.web._demo import Account, ensure_admin, seed_demo


def _print_accounts(title: str, accounts: list[Account], url: str) -> None:
    typer.echo(title)
    for a in accounts:
        typer.echo(f"  {a.role:<10} {a.username:<12} password: {a.password}")
    typer.echo(f"Log in at {url}/login (passwords are shown only this once).\n")


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="Seed a sample cohort with sessions.")]
    = False,
) -> None:
    """Start the web app (trainees negotiate in the browser; instructors run cohorts)."""
    import uvicorn

    from parley.web import Settings, create_app

    settings = Settings.from_env()
    app = create_app(settings)
    url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}"
    admin = ensure_admin(settings.database_url)
    if admin is not None:
        _print_accounts("First start: created the admin account.", [admin], url)
    if demo:
        accounts = seed_demo(settings.database_url)
        if accounts:
            _print_accounts("Demo cohort seeded.", accounts, url)
        else:
            typer.echo("The demo cohort exists already.")
    typer.echo(f"Parley is at {url}  (API reference: {url}/api/docs; Ctrl+C stops it)")
    uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="info",
                server_header=False)
