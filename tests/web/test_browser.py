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

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/lib/chromium/chromium",
                              shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage"]
LAPTOP = {"width": 1366, "height": 768}
TABLET = {"width": 820, "height": 1180}


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
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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


# -- the trainee's, the instructor's and the author's journeys, at laptop and tablet size ---

@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("PARLEY_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _fits(page) -> None:
    """Nothing sticks out sideways: the page never scrolls horizontally."""
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width, page.viewport_size)


def _shoot(page, shots: Path, name: str) -> None:
    """Screenshots at laptop and tablet size (the page checked for sideways overflow)."""
    before = page.viewport_size
    for size, viewport in (("laptop", LAPTOP), ("tablet", TABLET)):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(150)
        _fits(page)
        page.screenshot(path=shots / f"{name}-{size}.png", full_page=True)
    page.set_viewport_size(before)


def _start(page, base: str, scenario: str = "bridge-jumper") -> str:
    page.goto(f"{base}/scenarios")
    page.click(f"form:has(input[value={scenario}]) button")
    page.wait_for_selector("#dialogue .line-subject")
    return page.url.rsplit("/", 1)[1]


def test_trainee_negotiates_keeps_the_board_and_reads_the_debrief(server, browser, shots):
    from playwright.sync_api import expect

    problems: list[str] = []
    page = _login(browser, server, "ann", LAPTOP, problems)
    expect(page.locator(".scenario-card")).not_to_have_count(0)
    page.click(".scenario-card:has(input[value=bridge-jumper]) summary")
    expect(page.locator(".scenario-card:has(input[value=bridge-jumper]) .briefing")).to_be_visible()
    _shoot(page, shots, "trainee-library")

    session_id = _start(page, server)
    expect(page.locator("#v-arousal")).not_to_have_text("-")
    lines = ["Hi, my name's Sam, I'm with the police. I'm here to listen. What's your name?",
             "What's happened tonight that brought you up here?",
             "You sound exhausted, like it's all landed on you at once.",
             "Tell me more about that."]
    for text in lines[:2]:
        _say(page, text)
    page.click("#pause")
    expect(page.locator("#dialogue .line-trainee").nth(2)).to_have_text(
        re.compile(r"\(effective pause\)"))
    page.locator("#dialogue .line-subject").nth(3).wait_for()
    for text in lines[2:]:
        _say(page, text)
    expect(page.locator("#dialogue .line-trainee")).to_have_count(5)
    expect(page.locator("#dialogue .line-subject")).to_have_count(6)
    expect(page.locator("#dialogue .coach .chip").first).to_be_visible()
    assert re.fullmatch(r"T\+\d\d:\d\d", page.inner_text("#incident-clock"))

    for name in ("demands", "hooks"):  # every board field shows all of its text
        assert page.evaluate(f"(f => f.scrollHeight <= f.clientHeight + 1)"
                             f"(document.querySelector('textarea[name={name}]'))"), name
    page.fill("textarea[name=hooks]", "his kids, Chloe and Liam")
    page.fill("textarea[name=promises]", "none made")
    page.click("#board button[type=submit]")
    expect(page.locator("#board-status")).to_have_text(re.compile("^saved"))
    page.click("#coach-toggle")  # coaching off hides the notes, on shows them again
    expect(page.locator("#dialogue .coach").first).to_be_hidden()
    page.click("#coach-toggle")
    _shoot(page, shots, "trainee-console")

    page.reload()  # the board is stored with the session, the dialogue rebuilt from it
    page.wait_for_selector("#dialogue .line-subject >> nth=5")
    expect(page.locator("textarea[name=hooks]")).to_have_value("his kids, Chloe and Liam")
    expect(page.locator("#dialogue .line-trainee")).to_have_count(5)

    page.on("dialog", lambda d: d.accept())
    page.click("#end")
    page.wait_for_url(f"**/sessions/{session_id}/debrief")
    main = page.inner_text("main").lower()
    assert "score / 100" in main and "stairway reached" in main
    expect(page.locator(".summary-row .stat")).to_have_count(4)
    report = page.frame_locator("iframe.report-frame")
    report.locator("svg").first.wait_for()
    expect(report.locator("body")).to_contain_text("Tell me more about that.")
    _shoot(page, shots, "trainee-debrief")

    page.click("a[href='/progress']")
    expect(page.locator("main")).to_contain_text("bridge-jumper")
    _shoot(page, shots, "trainee-progress")
    assert problems == []


def test_instructor_watches_live_and_injects_an_event_the_trainee_sees(server, browser, shots):
    from playwright.sync_api import expect

    problems: list[str] = []
    trainee = _login(browser, server, "ann", LAPTOP, problems)
    session_id = _start(trainee, server)
    _say(trainee, "Hi, I'm Sam. I'm not here to rush you. What should I call you?")

    instructor = _login(browser, server, "ivy", LAPTOP, problems)  # a second browser context
    assert instructor.url.endswith("/instructor")
    live = instructor.locator(f"a.btn-live[href='/sessions/{session_id}/observe']")
    expect(live).to_be_visible()
    _shoot(instructor, shots, "instructor-dashboard")
    live.click()
    expect(instructor.locator("#dialogue .line-trainee")).to_have_count(1)

    _say(trainee, "It sounds like tonight has been unbearable.")  # seen live, by polling
    expect(instructor.locator("#dialogue .line-trainee")).to_have_count(2)
    expect(instructor.locator("#dialogue")).to_contain_text("unbearable")

    instructor.select_option("select[name=kind]", "shots_heard")
    instructor.fill("input[name=text]", "A car backfires loudly on the road below.")
    instructor.fill("input[name=line]", "What was that? Are they coming for me?")
    instructor.fill("input[name=arousal]", "20")
    instructor.click("#inject button[type=submit]")
    expect(instructor.locator("#inject-status")).to_have_text(re.compile("^Injected"))
    expect(instructor.locator("#dialogue .line-event.injected")).to_contain_text("backfires")
    _shoot(instructor, shots, "instructor-observe")

    event = trainee.locator("#dialogue .line-event:has-text('car backfires')")
    event.wait_for()  # the trainee's console shows it on its next poll, before any turn
    _say(trainee, "That was just a car on the road. You're safe with me.")
    assert trainee.locator("#dialogue .line-event:has-text('car backfires')").count() == 1
    expect(instructor.locator("#dialogue .line-trainee")).to_have_count(3)
    expect(instructor.locator("#dialogue")).not_to_contain_text("pending")
    _shoot(trainee, shots, "trainee-console-event")
    assert problems == []


def test_review_shows_on_the_debrief_and_the_editor_validates_as_you_type(server, browser,
                                                                         shots):
    from playwright.sync_api import expect

    problems: list[str] = []
    trainee = _login(browser, server, "ann", LAPTOP, problems)
    session_id = _start(trainee, server)
    for text in ("What's going on tonight?", "You sound worn out.", "..."):
        _say(trainee, text)
    trainee.on("dialog", lambda d: d.accept())
    trainee.click("#end")
    trainee.wait_for_url(f"**/sessions/{session_id}/debrief")

    instructor = _login(browser, server, "ivy", LAPTOP, problems)
    instructor.goto(f"{server}/sessions/{session_id}/review")
    instructor.fill("textarea[name=text]", "Good opening; let the pauses breathe longer.")
    instructor.fill("input[name=score_override]", "62")
    instructor.click("form[action$='/review'] button[type=submit]")
    expect(instructor.locator(".review")).to_contain_text("let the pauses breathe")
    _shoot(instructor, shots, "instructor-review")

    trainee.reload()
    expect(trainee.locator(".review")).to_contain_text("let the pauses breathe")
    expect(trainee.locator(".review footer")).to_contain_text("score set to 62")
    expect(trainee.locator(".summary-row .stat").first).to_contain_text(
        re.compile(r"62\s*score / 100, set by your instructor"))
    trainee.frame_locator("iframe.report-frame").locator("svg").first.wait_for()
    _shoot(trainee, shots, "trainee-debrief-reviewed")

    instructor.goto(f"{server}/instructor/editor")
    expect(instructor.locator("#validity")).to_have_text("valid")
    yaml = instructor.locator("#yaml")
    source = yaml.input_value()
    yaml.fill(source.replace("difficulty:", "dificulty:", 1))  # a typo, as typed
    expect(instructor.locator("#validity")).to_have_text("invalid")
    expect(instructor.locator("#validation .error-text")).to_contain_text("dificulty")
    _shoot(instructor, shots, "instructor-editor-invalid")
    yaml.fill(source + "\nsubject: [unclosed\n")
    expect(instructor.locator("#validation .error-text")).to_contain_text("malformed YAML")
    jump = instructor.locator("#validation button")
    expect(jump).to_have_text(re.compile(r"^go to line \d+$"))
    jump.click()
    assert instructor.evaluate("document.activeElement.id") == "yaml"
    yaml.fill(source)
    expect(instructor.locator("#validity")).to_have_text("valid")
    instructor.click("#run")
    expect(instructor.locator("#run-status")).to_have_text(re.compile("^Outcome"))
    expect(instructor.locator("#run-result .line-subject")).to_have_count(4)
    _shoot(instructor, shots, "instructor-editor")
    assert problems == []
