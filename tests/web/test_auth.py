"""Logins: the OAuth2 token endpoint, the login form, cookies, CSRF, lock-out, logs."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from parley.store import db, token_hash
from parley.store._models import AuthToken, LoginFailure
from parley.web import create_app
from tests.web.util import PASSWORD, bearer, browser_login


def test_password_flow_gives_a_bearer_token_that_works(client, people):
    headers = bearer(client, "ann")
    assert client.get("/api/scenarios", headers=headers).status_code == 200


def test_no_token_is_401_with_bearer_challenge(client, people):
    r = client.get("/api/scenarios")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/scenarios", headers={"Authorization": "Bearer nope"}
                      ).status_code == 401


def test_wrong_password_and_unknown_user_get_the_same_answer(client, people):
    wrong = client.post("/api/auth/token", data={"username": "ann", "password": "nope"})
    ghost = client.post("/api/auth/token", data={"username": "ghost", "password": "nope"})
    assert wrong.status_code == ghost.status_code == 401
    assert wrong.json() == ghost.json() == {"detail": "wrong username or password"}


def test_lockout_after_five_failures_is_stored_in_the_database(client, people, settings):
    for _ in range(4):
        assert client.post("/api/auth/token", data={"username": "ann", "password": "x"}
                           ).status_code == 401
    r = client.post("/api/auth/token", data={"username": "ann", "password": "x"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # the right password is refused while locked, on this instance and on another one
    other = TestClient(create_app(settings))
    for c in (client, other):
        r = c.post("/api/auth/token", data={"username": "ann", "password": PASSWORD})
        assert r.status_code == 429
        assert "too many failed logins" in r.json()["detail"]
    with db(settings.database_url) as s:
        row = s.get(LoginFailure, "ann")
        assert row is not None and row.locked_until is not None
        row.locked_until -= timedelta(hours=1)  # the lock-out runs out
    assert client.post("/api/auth/token", data={"username": "ann", "password": PASSWORD}
                       ).status_code == 200


def test_a_success_resets_the_failure_count(client, people, settings):
    for _ in range(4):
        client.post("/api/auth/token", data={"username": "ann", "password": "x"})
    bearer(client, "ann")
    with db(settings.database_url) as s:
        assert s.get(LoginFailure, "ann") is None


def test_login_form_sets_an_httponly_samesite_cookie_not_secure_over_http(client, people):
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = client.post("/login", data={"username": "ann", "password": PASSWORD,
                                    "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    cookie = next(v for v in r.headers.get_list("set-cookie") if v.startswith("parley_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie


def test_cookie_is_secure_over_tls(app, people):
    client = TestClient(app, base_url="https://testserver")
    form = client.get("/login")
    assert "Secure" in form.headers["set-cookie"]
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = client.post("/login", data={"username": "ann", "password": PASSWORD,
                                    "csrf_token": token}, follow_redirects=False)
    cookie = next(v for v in r.headers.get_list("set-cookie") if v.startswith("parley_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_login_form_without_its_csrf_token_is_refused(client, people):
    client.get("/login")
    r = client.post("/login", data={"username": "ann", "password": PASSWORD,
                                    "csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403
    assert "parley_session" not in r.headers.get("set-cookie", "")


def test_wrong_password_in_the_form_shows_the_error(client, people):
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = client.post("/login", data={"username": "ann", "password": "nope", "csrf_token": token})
    assert r.status_code == 401 and "wrong username or password" in r.text


def test_login_never_redirects_off_site(client, people):
    form = client.get("/login?next=//evil.example/x")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = client.post("/login", data={"username": "ann", "password": PASSWORD,
                                    "csrf_token": token, "next": "//evil.example/x"},
                    follow_redirects=False)
    assert r.headers["location"] == "/"


def test_logout_revokes_the_token_everywhere(client, people, settings):
    headers = bearer(client, "ann")
    assert client.post("/api/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/scenarios", headers=headers).status_code == 401
    assert TestClient(create_app(settings)).get("/api/scenarios", headers=headers
                                                 ).status_code == 401


def test_browser_logout_needs_the_csrf_token(client, people):
    csrf = browser_login(client, "ann")
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403
    r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert client.get("/scenarios", follow_redirects=False).status_code == 303


def test_tokens_are_stored_hashed_and_expire(client, people, settings):
    headers = bearer(client, "ann")
    raw = headers["Authorization"].split()[1]
    with db(settings.database_url) as s:
        rows = s.scalars(select(AuthToken)).all()
        assert [r.token_hash for r in rows] == [token_hash(raw)]
        rows[0].expires_at -= timedelta(days=2)
    assert client.get("/api/scenarios", headers=headers).status_code == 401


def test_a_cookie_token_is_not_a_bearer_token(client, people):
    browser_login(client, "ann")
    cookie = client.cookies.get("parley_session")
    fresh = TestClient(client.app)
    r = fresh.get("/api/scenarios", headers={"Authorization": f"Bearer {cookie}"})
    assert r.status_code == 401


def test_no_password_or_token_reaches_the_logs(client, people, caplog):
    caplog.set_level(logging.DEBUG)
    r = client.post("/api/auth/token", data={"username": "ann", "password": PASSWORD})
    token = r.json()["access_token"]
    client.get("/api/scenarios", headers={"Authorization": f"Bearer {token}"})
    client.post("/api/auth/token", data={"username": "ann", "password": "wrong-" + PASSWORD})
    browser_login(client, "ann")
    text = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert PASSWORD not in text and token not in text
    assert client.cookies.get("parley_session") not in text
