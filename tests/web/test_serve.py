"""``parley serve``: the admin on first start, the demo cohort, uvicorn on the defaults."""

from __future__ import annotations

import re

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from parley.cli import app as cli
from parley.store import db, list_sessions
from parley.web._demo import DEMO_SESSIONS, seed_demo


@pytest.fixture
def served(monkeypatch):
    """uvicorn.run replaced by a fake that keeps what it was asked to serve."""
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def _accounts(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+\w+\s+(\S+)\s+password: (\S+)$", output, re.MULTILINE))


def test_first_start_creates_the_admin_once(database, served):
    first = CliRunner().invoke(cli, ["serve"])
    assert first.exit_code == 0, first.output
    assert "First start: created the admin account." in first.output
    assert "http://localhost:8000/login" in first.output
    password = _accounts(first.output)["admin"]
    app, options = served[0]
    assert options["host"] == "127.0.0.1" and options["port"] == 8000
    r = TestClient(app).post("/api/auth/token", data={"username": "admin", "password": password})
    assert r.status_code == 200
    again = CliRunner().invoke(cli, ["serve", "--port", "8123"])
    assert "admin" not in _accounts(again.output) and served[1][1]["port"] == 8123


def test_demo_seeds_a_cohort_with_sessions_once(database, served):
    result = CliRunner().invoke(cli, ["serve", "--demo"])
    assert result.exit_code == 0, result.output
    accounts = _accounts(result.output)
    assert set(accounts) == {"admin", "instructor", "ana", "ben", "cara"}
    with db() as s:
        rows = list_sessions(db=s)
        assert len(rows) == len(DEMO_SESSIONS)
        assert sum(r.status == "finished" for r in rows) == sum(d[4] for d in DEMO_SESSIONS)
    client = TestClient(served[0][0])
    token = client.post("/api/auth/token", data={"username": "instructor",
                                                 "password": accounts["instructor"]}).json()
    cohorts = client.get("/api/cohorts", headers={
        "Authorization": f"Bearer {token['access_token']}"}).json()
    assert [(c["name"], c["members"]) for c in cohorts] == [("Demo cohort", 3)]
    assert seed_demo(database) == []
    assert "exists already" in CliRunner().invoke(cli, ["serve", "--demo"]).output


def test_a_bad_database_is_one_line_not_a_traceback(monkeypatch, served):
    monkeypatch.setenv("PARLEY_DATABASE_URL", "nosuchdb://x")
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 1 and result.output.startswith("Error: bad database URL")
