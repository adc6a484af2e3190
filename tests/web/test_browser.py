"""Browser tests in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Skipped where Playwright or Chromium is missing. Screenshots go to ``$PARLEY_SCREENSHOTS``
(default: the test's temporary folder) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from parley.store import add_cohort, add_member, add_user, db
from parley.web import Settings, create_app
from tests.web.util import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path, monkeypatch):
    """The app under uvicorn on a free port, on a fresh SQLite database with a cohort."""
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    monkeypatch.setenv("PARLEY_DATABASE_URL", url)
    settings = Settings(database_url=url, typing_ms_per_char=2, poll_seconds=0.5)
    app = create_app(settings)
    with db(url) as s:
        add_user(db=s, username="ann", role="trainee", password=PASSWORD)
        add_user(db=s, username="ivy", role="instructor", password=PASSWORD)
        cohort = add_cohort(db=s, name="Course A", instructor="ivy")
        add_member(db=s, cohort_id=cohort.id, username="ann")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("no chromium installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _login(browser, base: str, username: str, viewport: dict[str, int], problems: list[str]):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


def _say(page, text: str) -> None:
    replies = page.locator("#dialogue .line-subject").count()
    page.fill("#say", text)
    page.press("#say", "Enter")
    page.locator("#dialogue .line-subject").nth(replies).wait_for()


def test_negotiate_observe_inject_and_debrief(server, browser, tmp_path):
    from playwright.sync_api import expect

    shots = Path(os.environ.get("PARLEY_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    laptop = {"width": 1366, "height": 820}
    trainee = _login(browser, server, "ann", laptop, problems)
    assert trainee.url.endswith("/scenarios")
    trainee.screenshot(path=shots / "library.png", full_page=True)

    trainee.click("form:has(input[value=bridge-jumper]) button")
    trainee.wait_for_selector("#dialogue .line-subject")
    session_id = trainee.url.rsplit("/", 1)[1]
    for line in ("What's happened tonight?", "You sound exhausted, like it's all landed at once."):
        _say(trainee, line)
    trainee.click("#pause")
    trainee.locator("#dialogue .line-subject").nth(3).wait_for()
    assert trainee.inner_text("#incident-clock").startswith("T+")
    assert trainee.locator("#finished").is_hidden() and trainee.locator("#typing").is_hidden()
    trainee.fill("textarea[name=hooks]", "the kids, Chloe and Liam")
    trainee.click("#board button[type=submit]")
    expect(trainee.locator("#board-status")).to_have_text(re.compile("^saved"))

    instructor = _login(browser, server, "ivy", {"width": 1024, "height": 768}, problems)
    instructor.goto(f"{server}/sessions/{session_id}/observe")
    expect(instructor.locator("#dialogue .line-trainee")).to_have_count(3)
    assert "Chloe and Liam" in instructor.inner_text("#board")
    instructor.select_option("select[name=kind]", "relative_arrives")
    instructor.fill("input[name=text]", "His sister Jo has arrived at the cordon.")
    instructor.click("#inject button[type=submit]")
    expect(instructor.locator("#inject-status")).to_have_text(re.compile("^Injected"))
    instructor.screenshot(path=shots / "observe-tablet.png", full_page=True)

    trainee.wait_for_selector("#dialogue .line-event:has-text('His sister Jo')")
    _say(trainee, "Your sister Jo is here. Tell me about her.")
    trainee.screenshot(path=shots / "console-laptop.png")
    trainee.set_viewport_size({"width": 820, "height": 1180})
    trainee.screenshot(path=shots / "console-tablet.png", full_page=True)

    trainee.on("dialog", lambda d: d.accept())
    trainee.click("#end")
    trainee.wait_for_url(f"**/sessions/{session_id}/debrief")
    assert "score / 100" in trainee.inner_text("main").lower()
    frame = trainee.frame_locator("iframe.report-frame")
    frame.locator("svg").first.wait_for()
    trainee.set_viewport_size(laptop)
    trainee.screenshot(path=shots / "debrief.png", full_page=True)
    assert problems == []
