"""API fuzzing with schemathesis, from the app's own OpenAPI document (issue 7, item 9).

Every operation of ``/api/openapi.json`` gets generated requests (valid ones, and ones that
break the schema) as nobody, a trainee, an instructor and an admin, through ASGI (no
network). Generated path ids often miss, so some examples are pointed at a real session, a
real cohort and a real scenario to reach the code behind the access checks. No response
may be a 5xx, raise in the app, carry a traceback, or break its documented schema.

The run is derandomized (same examples every time); ``PARLEY_FUZZ_EXAMPLES`` raises the
number of examples per operation and identity for a longer hunt.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from importlib import resources
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from parley.store import add_cohort, add_member, add_user, db
from parley.web import Settings, create_app
from tests.web.util import PASSWORD

schemathesis = pytest.importorskip("schemathesis")
checks = pytest.importorskip("schemathesis.checks")

EXAMPLES = int(os.environ.get("PARLEY_FUZZ_EXAMPLES", "10"))
"""Examples per operation, identity and generation mode."""

IDENTITIES = (None, "ann", "ivy", "root")
"""Nobody, a trainee, her instructor, an admin."""

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")

CHECKS = [checks.not_a_server_error, checks.response_schema_conformance,
          checks.content_type_conformance]
"""Schemathesis checks: no 5xx; JSON bodies and content types as the schema documents."""

BRIDGE = (resources.files("parley.scenario") / "builtin" / "bridge-jumper.yaml").read_text(
    encoding="utf-8")


def _token(client: TestClient, username: str) -> str:
    r = client.post("/api/auth/token", data={"username": username, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


class Target:
    """The app under test, its people, and the real things examples are pointed at."""

    def __init__(self, database: str) -> None:
        self.app = create_app(Settings(database_url=database))
        with db(database) as s:
            for name, role in (("ann", "trainee"), ("ivy", "instructor"), ("root", "admin")):
                add_user(db=s, username=name, role=role, password=PASSWORD)
            cohort = add_cohort(db=s, name="Course A", instructor="ivy")
            add_member(db=s, cohort_id=cohort.id, username="ann")
            self.cohort_id = cohort.id
        self.client = TestClient(self.app)
        self.tokens = {name: _token(self.client, name) for name in IDENTITIES if name}
        self.session_id = ""

    def headers(self, who: str | None, path: str) -> dict[str, str]:
        if who is None:
            return {}
        # Logging out revokes the token: that operation gets a fresh one every time.
        token = _token(self.client, who) if path == "/api/auth/logout" else self.tokens[who]
        return {"Authorization": f"Bearer {token}"}

    def fresh_session(self) -> None:
        """A new running session of the trainee (fuzzing may end or fill the last one)."""
        r = self.client.post("/api/sessions", json={"scenario": "bridge-jumper"},
                             headers={"Authorization": f"Bearer {self.tokens['ann']}"})
        assert r.status_code == 201, r.text
        self.session_id = r.json()["id"]

    def aim(self, case: Any) -> None:
        """Point an example at real things: ids that exist, a scenario that loads."""
        params = case.path_parameters or {}
        if "session_id" in params:
            params["session_id"] = self.session_id
        if "cohort_id" in params:
            params["cohort_id"] = self.cohort_id
        if "scenario_id" in params:
            params["scenario_id"] = "bridge-jumper"
        if isinstance(case.body, dict):
            if "scenario" in case.body:
                case.body["scenario"] = "bridge-jumper"
            if "yaml" in case.body:
                case.body["yaml"] = BRIDGE
            if case.body.get("username") and case.operation.path.endswith("/members"):
                case.body["username"] = "ann"


def _fuzz_operation(target: Target, operation: Any, who: str | None, mode: Any,
                    failures: list[str], seen: Counter[str]) -> None:
    """Fuzz one operation as one identity; bad responses go to ``failures``."""
    target.fresh_session()

    @hsettings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
               suppress_health_check=list(HealthCheck), print_blob=False,
               phases=[Phase.explicit, Phase.generate])
    @given(case=operation.as_strategy(generation_mode=mode), real=st.booleans())
    def run(case: Any, real: bool) -> None:
        if real:
            target.aim(case)
        where = f"{operation.label} as {who or 'nobody'} ({mode.value})"
        try:
            response = case.call(headers=target.headers(who, operation.path))
        except Exception as exc:  # the app raised: a 500 in production
            failures.append(f"{where}: {exc!r}\n  {case.as_curl_command()}")
            return
        seen[f"{operation.label} {response.status_code}"] += 1
        if TRACEBACK.search(response.text):
            failures.append(f"{where}: traceback in the response\n  {case.as_curl_command()}")
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup
            failures.append(f"{where}: {str(exc)[:800]}")

    try:
        run()
    except Unsatisfiable:  # nothing to break in this operation (it takes no input)
        assert mode.value == "negative", operation.label


def _fuzz(target: Target, mode: Any) -> tuple[list[str], Counter[str]]:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", target.app)
    failures: list[str] = []
    seen: Counter[str] = Counter()
    for result in schema.get_all_operations():
        for who in IDENTITIES:
            _fuzz_operation(target, result.ok(), who, mode, failures, seen)
    return failures, seen


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_fuzz_api(database, mode):
    target = Target(database)
    failures, seen = _fuzz(target, schemathesis.GenerationMode(mode))
    assert not failures, f"{len(failures)} bad responses:\n" + "\n".join(failures[:20])
    operations = {key.rsplit(" ", 1)[0] for key in seen}
    # Negative mode has nothing to break in operations that take no input.
    assert len(operations) >= (20 if mode == "positive" else 10), sorted(operations)
    if mode == "positive":  # the aimed examples reached the code behind the checks
        for label in ("POST /api/sessions", "POST /api/sessions/{session_id}/turns",
                      "GET /api/cohorts/{cohort_id}", "POST /api/scenarios/dry-run"):
            assert any(seen[f"{label} {code}"] for code in (200, 201)), (label, seen)


def test_out_of_range_ids_and_nul_characters_are_client_errors(client, people):
    """What the fuzzer found: an id past the 32-bit column (SQLite raised OverflowError),
    a NUL in a username (PostgreSQL refused the text: 503). Both are the client's fault."""
    from tests.web.util import bearer

    root = bearer(client, "root")
    for path in ("/api/cohorts/99999999999999999999", "/api/cohorts/2147483648/sessions"):
        assert client.get(path, headers=root).status_code == 422
    page = client.get("/instructor/cohorts/99999999999999999999", follow_redirects=False)
    assert page.status_code in (303, 422)
    r = client.post("/api/auth/token", data={"username": "ann\x00", "password": "x"})
    assert r.status_code in (400, 401), r.text
    r = client.post("/api/cohorts", json={"name": "C\x00", "instructor": "ivy"}, headers=root)
    assert r.status_code in (201, 400), r.text
