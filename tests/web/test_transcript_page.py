"""The instructor's transcript review page: upload or paste, coded turns, summary, refusals."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from parley.store import db
from parley.store._models import Base
from tests.web import test_browser as _browser_tests
from tests.web.util import browser_login

URL = "/instructor/transcripts"

TRANSCRIPT = """\
Case 24-0713: barricaded subject, Elm Street
Date: 13 July 2024

[21:04] NEGOTIATOR: Hi, this is Dana with the police. I'm here to listen. What's going on tonight?
[21:04] SUBJECT: Nobody listens to me. They took my kids and now you're all outside my house.
[21:05] NEGOTIATOR: You sound really angry and scared, like everything has been taken from you.
[21:05] SUBJECT: Damn right I'm angry. I just want to see my kids.
[21:06] NEGOTIATOR: You want to see your kids.
[21:06] HOSTAGE: Please, just do what he says!
[21:07] SUBJECT: Yeah. Chloe and Liam. They're everything to me.
[21:07] NEGOTIATOR: Calm down and put the gun down right now or this ends badly.
[21:08] SUBJECT: Don't tell me to calm down!
[21:08] NEGOTIATOR: I'm sorry. Tell me about Chloe and Liam.
"""
"""Ten turns as an agency types them: a header, time stamps, a hostage who speaks once."""


def _upload(name: str, content: bytes) -> dict[str, tuple[str, bytes, str]]:
    return {"transcript": (name, content, "text/plain")}


NO_FILE = _upload("", b"")
"""What a browser sends when no file is chosen."""


def _row(html: str, turn: int) -> str:
    found = re.search(rf'<tr id="turn-{turn}"[^>]*>(.*?)</tr>', html, re.DOTALL)
    assert found, f"no row for turn {turn}"
    return found.group(0)


def _error(html: str) -> str:
    found = re.search(r'id="transcript-error">([^<]*)<', html)
    assert found, "no error message on the form"
    return found.group(1).replace("&#39;", "'")


def _rows(settings) -> dict[str, int]:
    with db(settings.database_url) as s:
        return {t.name: s.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables}


def test_an_instructor_uploads_a_transcript_and_reads_every_coded_turn(client, people,
                                                                        settings):
    csrf = browser_login(client, "ivy")
    form = client.get(URL)
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    assert "Nothing is stored" in form.text
    before = _rows(settings)
    r = client.post(URL, data={"csrf_token": csrf},
                    files=_upload("elm-street.txt", TRANSCRIPT.encode()))
    assert r.status_code == 200, r.text
    html = r.text
    assert "Summary of elm-street.txt" in html and "hybrid-v2" in html
    assert "Nothing is stored" in html and r.headers["cache-control"] == "no-store"
    assert re.findall(r'<tr id="turn-(\d+)"', html) == ["1", "3", "5", "7", "9"]
    label = _row(html, 3)
    assert "You sound really angry and scared" in label
    assert "<td class=\"num\">6</td>" in label  # turn 3 starts on line 6 of the file
    assert "Nobody listens to me." in label  # the subject's previous line, for context
    assert re.search(r'chip-active_listening">emotional labeling \d+%', label)
    assert "turn-error" not in label
    error = _row(html, 7)
    assert 'class="turn-error"' in error and "Error: minimizing." in error
    assert "Chloe and Liam" in error  # the context skips the hostage's line
    assert re.search(r'<li class="coach-error"><strong>minimizing</strong> at '
                     r'<a href="#turn-7">turn 7</a>', html)
    assert "<li>HOSTAGE (1 line)</li>" in html and "<li>header (2 lines)</li>" in html
    assert "Please, just do what he says" not in html  # not coded, not shown as a turn
    assert re.search(r'<th scope="row">emotional labeling</th><td class="num">\d+%', html)
    assert 'id="stairway"' in html and html.count('<th scope="row">first</th>') == 1
    assert " style=" not in html and "<script>" not in html
    assert _rows(settings) == before  # nothing stored


def test_pasted_text_and_json_lines_are_coded_too(client, people):
    csrf = browser_login(client, "root")  # admins instruct as well
    r = client.post(URL, data={"csrf_token": csrf, "text": TRANSCRIPT}, files=NO_FILE)
    assert r.status_code == 200 and "Summary of pasted text" in r.text
    assert "You want to see your kids." in _row(r.text, 5)
    jsonl = ('{"speaker": "subject", "text": "I just want my kids back."}\n'
             '{"speaker": "negotiator", "text": "You sound desperate to see them."}\n')
    r = client.post(URL, data={"csrf_token": csrf}, files=_upload("call.jsonl",
                                                                   jsonl.encode()))
    assert r.status_code == 200, r.text
    assert "I just want my kids back." in _row(r.text, 2)
    assert "emotional labeling" in _row(r.text, 2)


@pytest.mark.parametrize(("text", "files", "message"), [
    ("", NO_FILE, "no transcript: choose a file or paste the text"),
    ("   \n\n", NO_FILE, "no transcript: choose a file or paste the text"),
    ("Dear Sir,\nplease find the report attached.", NO_FILE,
     "pasted text: not a transcript: its first lines should start with a speaker"),
    ("NEGOTATOR: Talk to me.\nSUBJECT: No.", NO_FILE,
     "pasted text:1: unknown speaker 'NEGOTATOR' (did you mean NEGOTIATOR?)"),
    ("SUBJECT: Go away.\nSUBJECT: I mean it.", NO_FILE, "pasted text: no NEGOTIATOR lines"),
    ("x" * 1_000_001, NO_FILE, "pasted text is larger than 1 MB"),
    ("", _upload("t.txt", b""), "t.txt is empty"),
    ("", _upload("t.txt", b"NEGOTIATOR: caf\x81?\n"), "t.txt:1: not UTF-8 text"),
    ("", _upload("t.txt", b"\xff\xfeN\x00E\x00"), "t.txt: UTF-16 text"),
    ("", _upload("t.txt", b"PK\x03\x04 a docx"), "t.txt: a Word, PDF or spreadsheet file"),
    ("", _upload("notes.docx", b"PK\x03\x04"), "notes.docx: upload a .txt or .jsonl file"),
    ("", _upload("big.txt", b"NEGOTIATOR: hi\n" * 70_000), "big.txt is larger than 1 MB"),
    ("", _upload("t.jsonl", b'{"speaker": ["subject"], "text": "hi"}\n'),
     "t.jsonl:1: 'speaker' must be a name (a string)"),
    ("NEGOTIATOR: hi", _upload("t.txt", b"NEGOTIATOR: hi"), "give a file or pasted text, "
     "not both"),
    ("DET. RUIZ: Jason, this is Ruiz.\nHALE: Go away.\nDET. RUIZ: I am still here.\n"
     "HALE: Nobody cares.", NO_FILE, "pasted text: speakers DET. RUIZ, HALE are not roles"),
])
def test_bad_input_gets_the_form_again_with_one_line(client, people, text, files, message):
    csrf = browser_login(client, "ivy")
    r = client.post(URL, data={"csrf_token": csrf, "text": text}, files=files)
    assert r.status_code == 400
    assert _error(r.text).startswith(message), _error(r.text)
    assert 'id="transcript-form"' in r.text and "Traceback" not in r.text
    if text.strip() and len(text) < 100:
        assert f">{text}</textarea>" in r.text  # the pasted text is kept to correct it


def test_speakers_by_name_are_given_roles_in_the_form(client, people):
    csrf = browser_login(client, "ivy")
    named = ("DET. RUIZ: Jason, this is Ruiz.\nHALE: Go away.\n"
             "DET. RUIZ: You sound exhausted, Jason.\nHALE: Nobody cares.\n")
    r = client.post(URL, data={"csrf_token": csrf, "text": named, "negotiator": "det. ruiz",
                               "subject": "Hale"}, files=NO_FILE)
    assert r.status_code == 200, r.text
    assert "You sound exhausted, Jason." in _row(r.text, 3)
    assert "emotional labeling" in _row(r.text, 3)
    both = client.post(URL, data={"csrf_token": csrf, "text": named, "negotiator": "Hale",
                                  "subject": "HALE"}, files=NO_FILE)
    assert both.status_code == 400 and "named as both" in _error(both.text)
    assert 'value="Hale"' in both.text


def test_a_transcript_typed_on_windows_is_read(client, people):
    csrf = browser_login(client, "ivy")
    typed = "SUBJECT: I can\x92t do this.\nNEGOTIATOR: You sound worn out, Andr\xe9.\n"
    r = client.post(URL, data={"csrf_token": csrf},
                    files=_upload("typed.txt", typed.encode("latin-1")))
    assert r.status_code == 200, r.text
    assert "You sound worn out, Andr\u00e9." in _row(r.text, 2)


def test_a_pasted_text_too_large_to_parse_gets_a_page_not_a_traceback(client, people):
    csrf = browser_login(client, "ivy")
    r = client.post(URL, data={"csrf_token": csrf, "text": "x" * 2_100_000}, files=NO_FILE)
    assert r.status_code == 400 and "paste at most 1 MB" in r.text
    assert "Traceback" not in r.text


def test_only_instructors_reach_it(client, people):
    anonymous = client.get(URL, follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == f"/login?next={URL}"
    assert client.post(URL, data={"text": TRANSCRIPT}, files=NO_FILE).status_code == 401
    csrf = browser_login(client, "ann")
    assert client.get(URL).status_code == 403
    r = client.post(URL, data={"csrf_token": csrf, "text": TRANSCRIPT}, files=NO_FILE)
    assert r.status_code == 403 and "instructors only" in r.text
    assert "Transcript review" not in client.get("/scenarios").text  # not in the nav


def test_the_form_needs_the_csrf_token(client, people):
    browser_login(client, "ivy")
    for data in ({"text": TRANSCRIPT}, {"text": TRANSCRIPT, "csrf_token": "forged"}):
        r = client.post(URL, data=data, files=NO_FILE)
        assert r.status_code == 403 and "the form expired" in r.text
        assert 'id="coded-turns"' not in r.text


def test_the_dashboard_and_the_nav_link_to_it(client, people):
    browser_login(client, "ivy")
    dashboard = client.get("/instructor").text
    assert dashboard.count(f'href="{URL}"') == 2  # the nav and the dashboard's button


# -- in a real browser (skipped without Playwright and Chromium) -----------------------------

server = _browser_tests.server
browser = _browser_tests.browser
shots = _browser_tests.shots


@pytest.mark.browser
def test_an_instructor_uploads_a_file_in_the_browser_and_reads_the_table(server, browser,
                                                                           shots, tmp_path):
    from playwright.sync_api import expect

    problems: list[str] = []
    page = _browser_tests._login(browser, server, "ivy", _browser_tests.LAPTOP, problems)
    page.click(f"main a[href='{URL}']")
    page.wait_for_url(f"**{URL}")
    transcript = tmp_path / "elm-street.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    page.set_input_files("input[name=transcript]", transcript)
    page.click("#transcript-form button[type=submit]")
    table = page.locator("#coded-turns")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(page.locator("#turn-3")).to_contain_text("emotional labeling")
    expect(page.locator("#turn-7")).to_contain_text("Error: minimizing.")
    expect(page.locator("#not-coded")).to_contain_text("HOSTAGE (1 line)")
    _browser_tests._shoot(page, shots, "instructor-transcript-review")
    assert problems == []
    page.goto(f"{server}{URL}")
    page.click("#transcript-form button[type=submit]")
    expect(page.locator("#transcript-error")).to_have_text(
        "no transcript: choose a file or paste the text")
    _browser_tests._shoot(page, shots, "instructor-transcript-error")
    assert problems == ["Failed to load resource: the server responded with a status of 400 "
                        "(Bad Request)"]  # the form again, with its 400 status
