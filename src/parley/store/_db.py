"""The database: where it is, connecting, migrating, and faults as clear errors.

SQLite in the user's data directory by default; any SQLAlchemy URL in
``PARLEY_DATABASE_URL`` (PostgreSQL: ``postgresql+psycopg://user@host/db``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker

from parley.errors import InputError, ParleyError

HEAD = "0002"
"""The newest migration revision."""


class StoreError(ParleyError):
    """The database is unreachable, locked, full, or its migration failed."""


def data_dir() -> Path:
    """Parley's data directory: ``$PARLEY_HOME`` or the user data dir (platformdirs)."""
    home = os.environ.get("PARLEY_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("parley"))


def database_url() -> str:
    """``$PARLEY_DATABASE_URL``, else SQLite at ``data_dir()/parley.db``."""
    url = os.environ.get("PARLEY_DATABASE_URL")
    if url:
        return url
    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {folder}: {exc.strerror}") from None
    return f"sqlite:///{folder / 'parley.db'}"


_BUSY_TIMEOUT_MS = 5000
"""How long SQLite waits for a lock held by another process before giving up."""


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
    cursor.close()


def describe(exc: Exception) -> str:
    """One line about a database failure, without credentials."""
    text = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else repr(exc)
    return text[:200]


def _pool_options(url: str) -> dict[str, object]:
    """Pool settings: a SQLite file needs no liveness ping and may have more connections.

    The web app serves requests from a thread pool (40 threads); with SQLAlchemy's
    default 5 + 10 connections, threads queued for a connection. SQLite connections are
    cheap and a file database cannot drop them, so the ping before each use (one more
    statement per transaction) is skipped there. A server (PostgreSQL) keeps the default
    pool size (each app process opens at most 15 connections) and the ping.
    """
    if url.startswith("sqlite") and ":memory:" not in url and url.rstrip("/") != "sqlite:":
        return {"pool_size": 20, "max_overflow": 30}
    return {"pool_pre_ping": True}


@cache
def engine_for(url: str) -> Engine:
    """A migrated engine for ``url`` (cached per URL).

    Raises:
        StoreError: Bad URL, unreachable server, or a failed migration.
    """
    try:
        engine = create_engine(url, **_pool_options(url))
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"bad database URL: {describe(exc)}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        upgrade(engine)
    except StoreError:
        engine.dispose()  # no pooled connection outlives a failed start
        raise
    return engine


def upgrade(engine: Engine) -> str:
    """Run the Alembic migrations up to head; return the revision now in place.

    Raises:
        StoreError: If the database cannot be reached or a migration fails (the
            migration runs in one transaction, so nothing is left half-done).
    """
    from alembic.command import upgrade as alembic_upgrade
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", "parley.store:migrations")
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Instances starting together migrate one at a time.
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")
            if _current(connection) == HEAD:
                return HEAD
            config.attributes["connection"] = connection
            alembic_upgrade(config, "head")
    except (OperationalError, DBAPIError) as exc:
        if _at_head(engine):  # another process migrated it meanwhile
            return HEAD
        raise StoreError(f"database unavailable ({engine.url.render_as_string()}): "
                         f"{describe(exc)}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"database migration failed: {describe(exc)}") from None
    except CommandError as exc:
        raise StoreError(f"database migration failed: {exc} (is this database from a "
                         "newer Parley?)") from None
    return HEAD


_LOCK_ID = 7_272_2026
"""PostgreSQL advisory lock held while migrating."""


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            return _current(connection) == HEAD
    except SQLAlchemyError:
        return False


def _current(connection: object) -> str | None:
    insp = inspect(connection)
    if not insp.has_table("alembic_version"):
        return None
    row = connection.exec_driver_sql(  # type: ignore[attr-defined]
        "SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


@lru_cache(maxsize=32)
def _factory(engine: Engine) -> sessionmaker[DbSession]:
    """The session factory of an engine (building one per call cost more than a query)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def db(url: str | None = None) -> Iterator[DbSession]:
    """A database session that commits on success and rolls back on any error.

    Raises:
        InputError: The database refused a value (PostgreSQL text with a NUL character,
            a number out of range): the data is at fault, not the database.
        StoreError: For connection loss, a locked or full database.
    """
    factory = _factory(engine_for(url or database_url()))
    try:
        with factory.begin() as session:
            yield session
    except DataError as exc:
        raise InputError(f"the database refused a value: {describe(exc)}") from None
    except (OperationalError, DBAPIError) as exc:
        raise StoreError(f"database error: {describe(exc)}") from None
