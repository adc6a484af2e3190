"""``/api/sessions``: negotiating, ending, debriefs, boards, events, reviews, access rules."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from parley.scenario import load_scenario
from parley.session import Session
from parley.store import db, load_session
from parley.store._models import AuditEntry
from parley.web import create_app
from tests.web.util import bearer, browser_login, start

LINES = ["What's happened tonight?", "You sound exhausted.", "...",
         "So it's the job and the house, all at once.", "Tell me about the kids."]


def test_start_returns_the_opening_line_and_state(client, people):
    headers = bearer(client, "ann")
    r = client.post("/api/sessions", json={"scenario": "bridge-jumper"}, headers=headers)
    assert r.status_code == 201
    body = r.json()
    assert body["scenario"] == "bridge-jumper" and body["trainee"] == "ann"
    assert body["opening"] and body["status"] == "running" and body["turns"] == []
    assert set(body["state"]) >= {"arousal", "trust", "stairway", "minute", "risk"}


def test_a_turn_returns_reply_techniques_state_and_coaching(client, people):
    headers = bearer(client, "ann")
    sid = start(client, headers)
    r = client.post(f"/api/sessions/{sid}/turns", json={"text": "What's happened tonight?"},
                    headers=headers)
    assert r.status_code == 200
    body = r.json()
    assert body["reply"] and body["turn"]["index"] == 1
    assert body["techniques"][0] == {"name": "open_question",
                                     "confidence": body["techniques"][0]["confidence"]}
    assert body["coaching"][0]["kind"] == "technique"
    assert body["state"]["turn"] == 1 and body["finished"] is False


def test_errors_get_coaching_with_a_better_alternative(client, people):
    headers = bearer(client, "ann")
    sid = start(client, headers)
    r = client.post(f"/api/sessions/{sid}/turns", json={"text": "Calm down, it's not that bad."},
                    headers=headers)
    notes = [n for n in r.json()["coaching"] if n["kind"] == "error"]
    assert notes and notes[0]["technique"] == "minimizing" and notes[0]["better"]


def test_the_api_replays_exactly_what_the_engine_does(client, people, settings):
    headers = bearer(client, "ann")
    sid = start(client, headers)
    replies = [client.post(f"/api/sessions/{sid}/turns", json={"text": t}, headers=headers
                           ).json()["reply"] for t in LINES]
    with db(settings.database_url) as s:
        row, scenario, events = load_session(db=s, session_id=sid)
    offline = Session(scenario, seed=row.seed)
    assert [offline.say(t).reply for t in LINES] == replies


def test_two_app_instances_serve_alternate_turns_of_one_session(people, settings):
    first, second = TestClient(create_app(settings)), TestClient(create_app(settings))
    headers = bearer(first, "ann")  # a token from one instance works on the other
    sid = start(second, headers)
    results = []
    for i, text in enumerate(LINES):
        instance = (first, second)[i % 2]
        r = instance.post(f"/api/sessions/{sid}/turns", json={"text": text}, headers=headers)
        assert r.status_code == 200, r.text
        results.append(r.json())
    assert [r["turn"]["index"] for r in results] == [1, 2, 3, 4, 5]
    with db(settings.database_url) as s:
        row, scenario, events = load_session(db=s, session_id=sid)
    assert [e["type"] for e in events] == ["start", "turn", "turn", "pause", "turn", "turn"]
    offline = Session(scenario, seed=row.seed)
    for text, result in zip(LINES, results, strict=True):
        turn = offline.say(text)
        assert result["reply"] == turn.reply
        assert result["state"] == turn.after.summary()
    view = first.get(f"/api/sessions/{sid}", headers=headers).json()
    assert [t["reply"] for t in view["turns"]] == [r["reply"] for r in results]


def test_end_stores_the_assessment_and_opens_the_debrief(client, people):
    headers = bearer(client, "ann")
    sid = start(client, headers)
    client.post(f"/api/sessions/{sid}/turns", json={"text": LINES[0]}, headers=headers)
    r = client.get(f"/api/sessions/{sid}/debrief", headers=headers)
    assert r.status_code == 400 and "still running" in r.json()["detail"]
    r = client.post(f"/api/sessions/{sid}/end", headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "finished"
    assert r.json()["score"] is not None
    debrief = client.get(f"/api/sessions/{sid}/debrief", headers=headers).json()
    assert debrief["scenario"] == "bridge-jumper" and 0 <= debrief["score"] <= 100
    assert debrief["score"] == r.json()["score"]
    assert {"components", "errors", "timeline", "practise_next"} <= set(debrief)
    r = client.post(f"/api/sessions/{sid}/turns", json={"text": "Hello?"}, headers=headers)
    assert r.status_code == 400 and "ended" in r.json()["detail"]
    listed = client.get("/api/sessions", headers=headers).json()
    assert [s["id"] for s in listed] == [sid] and listed[0]["status"] == "finished"


def test_the_situation_board_is_stored_as_a_session_event(client, people, settings):
    headers = bearer(client, "ann")
    sid = start(client, headers)
    board = {"subject": "Neil Parry, 47", "demands": "none", "hooks": "the kids, the dog"}
    r = client.put(f"/api/sessions/{sid}/board", json=board, headers=headers)
    assert r.status_code == 200
    client.post(f"/api/sessions/{sid}/turns", json={"text": LINES[0]}, headers=headers)
    view = client.get(f"/api/sessions/{sid}", headers=headers).json()
    assert view["board"]["hooks"] == "the kids, the dog" and view["board"]["notes"] == ""
    assert len(view["turns"]) == 1
    with db(settings.database_url) as s:
        _, _, events = load_session(db=s, session_id=sid)
    assert [e["type"] for e in events] == ["start", "board", "turn"]
    r = client.put(f"/api/sessions/{sid}/board", json={"weapons": "knife"}, headers=headers)
    assert r.status_code == 422


def test_bad_utterances_are_client_errors(client, people):
    headers = bearer(client, "ann")
    sid = start(client, headers)
    assert client.post(f"/api/sessions/{sid}/turns", json={"text": ""}, headers=headers
                       ).status_code == 422
    assert client.post(f"/api/sessions/{sid}/turns", json={"text": "x" * 5000},
                       headers=headers).status_code == 422
    r = client.post(f"/api/sessions/{sid}/turns", json={"text": "hi\x00there"}, headers=headers)
    assert r.status_code == 400
    assert client.post("/api/sessions", json={"scenario": "../../etc/passwd"}, headers=headers
                       ).status_code == 404
    assert client.get("/api/sessions/nope", headers=headers).status_code == 404


def test_the_instructor_injects_an_event_the_trainee_sees(client, people, settings):
    ann, ivy = bearer(client, "ann"), bearer(client, "ivy")
    sid = start(client, ann)
    client.post(f"/api/sessions/{sid}/turns", json={"text": LINES[0]}, headers=ann)
    seq = client.get(f"/api/sessions/{sid}", headers=ann).json()["seq"]
    assert client.get(f"/api/sessions/{sid}/feed?after={seq}", headers=ann).json() == {
        "seq": seq, "changed": False, "session": None}
    event = {"kind": "relative_arrives", "text": "His sister Jo has arrived at the cordon.",
             "arousal": -5, "trust": 5}
    r = client.post(f"/api/sessions/{sid}/events", json=event, headers=ivy)
    assert r.status_code == 201, r.text
    feed = client.get(f"/api/sessions/{sid}/feed?after={seq}", headers=ann).json()
    assert feed["changed"] and feed["session"]["notices"] == [
        {"seq": seq, "kind": "relative_arrives", "text": event["text"], "after_turn": 1}]
    turn = client.post(f"/api/sessions/{sid}/turns", json={"text": LINES[1]}, headers=ann).json()
    assert event["text"] in turn["turn"]["narration"]
    with db(settings.database_url) as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.actor, entry.action, entry.target) == ("ivy", "inject_event", f"session:{sid}")


def test_event_kinds_are_the_scenario_formats(client, people):
    from typing import get_args

    from parley.web._schemas import EVENT_KINDS, EventKind

    assert get_args(EventKind) == EVENT_KINDS
    ann, ivy = bearer(client, "ann"), bearer(client, "ivy")
    sid = start(client, ann)
    r = client.post(f"/api/sessions/{sid}/events", json={"kind": "alien_landing", "text": "x"},
                    headers=ivy)
    assert r.status_code == 422


def test_instructor_reviews_and_overrides_the_score(client, people, settings):
    ann, ivy = bearer(client, "ann"), bearer(client, "ivy")
    sid = start(client, ann)
    client.post(f"/api/sessions/{sid}/end", headers=ann)
    r = client.post(f"/api/sessions/{sid}/reviews", json={"text": "Good listening.",
                                                          "score_override": 70}, headers=ivy)
    assert r.status_code == 201 and r.json()["author"] == "ivy"
    assert client.post(f"/api/sessions/{sid}/reviews", json={"text": "x", "score_override": 101},
                       headers=ivy).status_code == 422
    reviews = client.get(f"/api/sessions/{sid}/reviews", headers=ann).json()
    assert [(r["text"], r["score_override"]) for r in reviews] == [("Good listening.", 70.0)]
    with db(settings.database_url) as s:
        assert s.scalars(select(AuditEntry.action)).all() == ["review"]


# -- access rules ---------------------------------------------------------------------

def _actions(sid):
    return [
        ("GET", f"/api/sessions/{sid}", None),
        ("GET", f"/api/sessions/{sid}/feed", None),
        ("GET", f"/api/sessions/{sid}/debrief", None),
        ("GET", f"/api/sessions/{sid}/reviews", None),
        ("POST", f"/api/sessions/{sid}/turns", {"text": "Hello?"}),
        ("POST", f"/api/sessions/{sid}/end", None),
        ("PUT", f"/api/sessions/{sid}/board", {"notes": "mine now"}),
        ("POST", f"/api/sessions/{sid}/events", {"kind": "shots_heard", "text": "Bang."}),
        ("POST", f"/api/sessions/{sid}/reviews", {"text": "Mine."}),
    ]


def test_a_trainee_cannot_read_or_act_on_another_trainees_session(client, people, settings):
    sid = start(client, bearer(client, "ann"))
    bob = bearer(client, "bob")
    for method, url, body in _actions(sid):
        r = client.request(method, url, json=body, headers=bob)
        assert r.status_code == 403, (method, url, r.text)
    with db(settings.database_url) as s:
        _, _, events = load_session(db=s, session_id=sid)
    assert [e["type"] for e in events] == ["start"]


def test_an_instructor_cannot_reach_a_session_outside_their_cohorts(client, people):
    sid = start(client, bearer(client, "ann"))
    jon = bearer(client, "jon")
    for method, url, body in _actions(sid):
        r = client.request(method, url, json=body, headers=jon)
        assert r.status_code == 403, (method, url, r.text)


@pytest.mark.parametrize("method,suffix,body", [
    ("POST", "/turns", {"text": "Hello?"}), ("POST", "/end", None),
    ("PUT", "/board", {"notes": "x"})])
def test_the_instructor_observes_but_does_not_negotiate(client, people, method, suffix, body):
    sid = start(client, bearer(client, "ann"))
    ivy = bearer(client, "ivy")
    assert client.get(f"/api/sessions/{sid}", headers=ivy).status_code == 200
    assert client.request(method, f"/api/sessions/{sid}{suffix}", json=body, headers=ivy
                          ).status_code == 403


def test_a_trainee_cannot_inject_or_review_their_own_session(client, people):
    ann = bearer(client, "ann")
    sid = start(client, ann)
    assert client.post(f"/api/sessions/{sid}/events", json={"kind": "shots_heard",
                                                            "text": "Bang."},
                       headers=ann).status_code == 403
    assert client.post(f"/api/sessions/{sid}/reviews", json={"text": "Great job, me."},
                       headers=ann).status_code == 403


def test_an_admin_can_read_any_session(client, people):
    sid = start(client, bearer(client, "bob"))
    assert client.get(f"/api/sessions/{sid}", headers=bearer(client, "root")).status_code == 200


def test_cookie_requests_that_change_something_need_the_csrf_header(client, people):
    csrf = browser_login(client, "ann")
    assert client.post("/api/sessions", json={"scenario": "bridge-jumper"}).status_code == 403
    r = client.post("/api/sessions", json={"scenario": "bridge-jumper"},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201
    sid = r.json()["id"]
    assert client.get(f"/api/sessions/{sid}").status_code == 200  # reads need no token
    assert client.post(f"/api/sessions/{sid}/turns", json={"text": "Hi."},
                       headers={"X-CSRF-Token": "forged"}).status_code == 403


def test_the_board_event_does_not_disturb_the_engine():
    scenario = load_scenario("bridge-jumper")
    plain = Session(scenario, seed=3)
    plain.say(LINES[0])
    events = [*plain.events[:1], {"type": "board", "board": {"notes": "x"}}, *plain.events[1:]]
    again = Session.from_events(scenario, events)
    assert again.turns[0].reply == plain.turns[0].reply
