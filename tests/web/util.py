"""Helpers of the web tests: logging in by token or through the form, starting sessions."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"


def bearer(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    """Authorization header of a fresh API token."""
    r = client.post("/api/auth/token", data={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def browser_login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the login form (cookie session); return the page CSRF token."""
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = client.post("/login", data={"username": username, "password": password,
                                    "csrf_token": token, "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get("/scenarios")
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text).group(1)


def start(client: TestClient, headers: dict[str, str], scenario: str = "bridge-jumper") -> str:
    """Start a session; return its id."""
    r = client.post("/api/sessions", json={"scenario": scenario}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()["id"]
