from __future__ import annotations

import os
import uuid

import pytest


@pytest.fixture(autouse=True)
def _parley_home(tmp_path, monkeypatch):
    """No test touches the user's files: data goes to a temporary PARLEY_HOME."""
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path / "parley-home"))
    monkeypatch.delenv("PARLEY_DATABASE_URL", raising=False)


PG_ADMIN = os.environ.get("PARLEY_TEST_POSTGRES",
                          "host=127.0.0.1 port=5432 user=postgres dbname=test")


def _postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=2):
            return True
    except Exception:
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, monkeypatch):
    """A fresh, empty database of each kind; PARLEY_DATABASE_URL points at it.

    PostgreSQL is the server on 127.0.0.1:5432 (CI starts one); where none answers, the
    PostgreSQL variant is skipped.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'parley-test.db'}"
        monkeypatch.setenv("PARLEY_DATABASE_URL", url)
        yield url
        return
    if not _postgres_available():
        if os.environ.get("PARLEY_REQUIRE_POSTGRES"):
            pytest.fail("PARLEY_REQUIRE_POSTGRES is set but no PostgreSQL answers")
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    import psycopg

    name = f"parley_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = dict(p.split("=", 1) for p in PG_ADMIN.split())
    url = (f"postgresql+psycopg://{params.get('user', 'postgres')}@{params.get('host')}:"
           f"{params.get('port', '5432')}/{name}")
    monkeypatch.setenv("PARLEY_DATABASE_URL", url)
    yield url
    from parley.store import engine_for

    engine_for(url).dispose()
    engine_for.cache_clear()
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
