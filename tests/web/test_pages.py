"""The pages: login redirects, security headers, forms with CSRF, role checks, assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from parley.store import db
from parley.store._models import AuditEntry, Review
from tests.web.util import bearer, browser_login, start

WEB = Path(__file__).parents[2] / "src" / "parley" / "web"


def _start_in_browser(client, csrf: str) -> str:
    r = client.post("/sessions", data={"scenario": "bridge-jumper", "csrf_token": csrf},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"].rsplit("/", 1)[1]


@pytest.mark.parametrize("path", ["/", "/scenarios", "/progress", "/instructor",
                                  "/instructor/editor", "/sessions/x", "/sessions/x/debrief"])
def test_pages_send_visitors_to_the_login_form(client, people, path):
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_every_page_has_the_security_headers(client, people):
    browser_login(client, "ann")
    for path in ("/login", "/scenarios", "/progress", "/static/parley.css", "/api/docs"):
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style_and_nothing_external(client, people):
    csrf = browser_login(client, "ivy")
    sid = _start_in_browser(client, csrf)
    for path in ("/scenarios", f"/sessions/{sid}/observe", "/instructor", "/instructor/editor",
                 "/progress", f"/sessions/{sid}/review"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))", html), path
        assert " style=" not in html and "<style" not in html and " on" + "click=" not in html
    for asset in [*WEB.glob("static/*"), *WEB.glob("templates/*.html")]:
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), asset
        assert "https://" not in text.replace("http://www.w3.org/2000/svg", ""), asset


def test_a_trainee_starts_negotiates_and_reads_the_debrief_in_the_browser(client, people):
    csrf = browser_login(client, "ann")
    library = client.get("/scenarios").text
    assert "Start negotiation" in library and "domestic barricade" in library
    assert client.post("/sessions", data={"scenario": "bridge-jumper"}).status_code == 403
    sid = _start_in_browser(client, csrf)
    console = client.get(f"/sessions/{sid}")
    assert console.status_code == 200 and 'id="console"' in console.text
    assert f'data-session="{sid}"' in console.text and "Situation board" in console.text
    headers = {"X-CSRF-Token": csrf}
    assert client.post(f"/api/sessions/{sid}/turns", json={"text": "What's happened tonight?"},
                       headers=headers).status_code == 200
    assert client.post(f"/api/sessions/{sid}/end", headers=headers).status_code == 200
    r = client.get(f"/sessions/{sid}", follow_redirects=False)
    assert r.headers["location"] == f"/sessions/{sid}/debrief"
    page = client.get(f"/sessions/{sid}/debrief")
    assert page.status_code == 200 and f'src="/sessions/{sid}/report"' in page.text
    report = client.get(f"/sessions/{sid}/report")
    assert report.status_code == 200 and "<svg" in report.text
    assert "script-src" not in report.headers["content-security-policy"]
    assert "default-src 'none'" in report.headers["content-security-policy"]
    assert report.headers["x-frame-options"] == "SAMEORIGIN"
    progress = client.get("/progress").text
    assert "open questions" in progress and sid in progress


def test_a_trainee_cannot_open_another_trainees_pages(client, people):
    sid = start(client, bearer(client, "bob"))
    browser_login(client, "ann")
    for path in (f"/sessions/{sid}", f"/sessions/{sid}/debrief", f"/sessions/{sid}/report",
                 f"/sessions/{sid}/observe", f"/sessions/{sid}/review"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 403, path
        assert sid not in r.text.replace(f"session {sid} is not yours to see", "")


def test_trainees_do_not_see_instructor_pages(client, people):
    browser_login(client, "ann")
    for path in ("/instructor", "/instructor/editor", f"/instructor/cohorts/{people.cohort_a}"):
        assert client.get(path).status_code == 403


def test_instructor_dashboard_shows_only_their_cohorts(client, people):
    start(client, bearer(client, "ann"))
    browser_login(client, "ivy")
    page = client.get("/instructor").text
    assert "Course A" in page and "Course B" not in page and "ann" in page and "observe" in page
    assert client.get(f"/instructor/cohorts/{people.cohort_b}").status_code == 403
    assert "ann" in client.get(f"/instructor/cohorts/{people.cohort_a}").text


def test_instructor_observes_and_reviews_with_csrf(client, people, settings):
    sid = start(client, bearer(client, "ann"))
    csrf = browser_login(client, "ivy")
    observe = client.get(f"/sessions/{sid}/observe")
    assert observe.status_code == 200 and 'value="shots_heard"' in observe.text
    assert client.get(f"/sessions/{sid}", follow_redirects=False).headers["location"] == \
        f"/sessions/{sid}/observe"
    url = f"/sessions/{sid}/review"
    assert client.post(url, data={"text": "Slow down."}).status_code == 403
    r = client.post(url, data={"text": "Slow down.", "score_override": "55",
                               "csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert client.post(url, data={"text": "x", "score_override": "abc", "csrf_token": csrf}
                       ).status_code == 400
    assert "Slow down." in client.get(url).text
    with db(settings.database_url) as s:
        assert s.scalars(select(Review.score_override)).all() == [55.0]
        assert s.scalars(select(AuditEntry.action)).all() == ["review"]
    assert client.get(f"/sessions/{start(client, bearer(client, 'bob'))}/review"
                      ).status_code == 403


def test_the_api_reference_is_served_offline(client, people):
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/api/sessions/{session_id}/turns" in page.text
    spec = client.get("/api/openapi.json").json()
    assert "/api/auth/token" in spec["paths"]
    assert "/login" not in spec["paths"]


def test_errors_render_as_pages_and_as_json(client, people):
    browser_login(client, "ann")
    page = client.get("/sessions/nope")
    assert page.status_code == 404 and "Not found" in page.text and "Traceback" not in page.text
    api = client.get("/api/sessions/nope")
    assert api.status_code == 404 and api.json() == {"detail": "no session 'nope' (see: parley "
                                                               "sessions list)"}
