"""``/api/cohorts`` and ``/api/audit``: instructors see their own cohorts only."""

from __future__ import annotations

from tests.web.util import bearer, start


def test_an_instructor_lists_only_their_cohorts(client, people):
    body = client.get("/api/cohorts", headers=bearer(client, "ivy")).json()
    assert [(c["name"], c["instructor"], c["members"]) for c in body] == [("Course A", "ivy", 1)]


def test_an_admin_lists_every_cohort(client, people):
    body = client.get("/api/cohorts", headers=bearer(client, "root")).json()
    assert [c["name"] for c in body] == ["Course A", "Course B"]


def test_an_instructor_cannot_reach_a_cohort_not_theirs(client, people):
    ivy = bearer(client, "ivy")
    b = people.cohort_b
    assert client.get(f"/api/cohorts/{b}", headers=ivy).status_code == 403
    assert client.get(f"/api/cohorts/{b}/sessions", headers=ivy).status_code == 403
    assert client.get("/api/cohorts/999", headers=ivy).status_code == 404


def test_trainees_have_no_cohort_endpoints(client, people):
    ann = bearer(client, "ann")
    assert client.get("/api/cohorts", headers=ann).status_code == 403
    assert client.get(f"/api/cohorts/{people.cohort_a}", headers=ann).status_code == 403
    assert client.post("/api/cohorts", json={"name": "Mine", "instructor": "ivy"},
                       headers=ann).status_code == 403


def test_cohort_detail_shows_who_trained_scores_and_weakest_skills(client, people):
    ann = bearer(client, "ann")
    sid = start(client, ann)
    for text in ("What's happened tonight?", "You sound exhausted."):
        client.post(f"/api/sessions/{sid}/turns", json={"text": text}, headers=ann)
    client.post(f"/api/sessions/{sid}/end", headers=ann)
    running = start(client, ann)
    ivy = bearer(client, "ivy")
    detail = client.get(f"/api/cohorts/{people.cohort_a}", headers=ivy).json()
    [trainee] = detail["trainees"]
    assert trainee["username"] == "ann" and trainee["sessions"] == 2
    assert trainee["finished"] == 1 and trainee["mean_score"] is not None
    assert len(trainee["weakest"]) == 2 and trainee["running"] == [running]
    sessions = client.get(f"/api/cohorts/{people.cohort_a}/sessions", headers=ivy).json()
    assert {s["id"] for s in sessions} == {sid, running}


def test_only_admins_create_cohorts_and_add_trainees(client, people):
    ivy = bearer(client, "ivy")
    assert client.post("/api/cohorts", json={"name": "Mine", "instructor": "ivy"},
                       headers=ivy).status_code == 403
    assert client.post(f"/api/cohorts/{people.cohort_a}/members", json={"username": "bob"},
                       headers=ivy).status_code == 403
    assert client.get("/api/audit", headers=ivy).status_code == 403


def test_creating_a_cohort_and_adding_a_trainee_is_audited(client, people):
    root = bearer(client, "root")
    r = client.post("/api/cohorts", json={"name": "Night course", "instructor": "ivy"},
                    headers=root)
    assert r.status_code == 201 and r.json()["instructor"] == "ivy"
    cid = r.json()["id"]
    r = client.post(f"/api/cohorts/{cid}/members", json={"username": "bob"}, headers=root)
    assert r.status_code == 201 and [t["username"] for t in r.json()["trainees"]] == ["bob"]
    assert client.post(f"/api/cohorts/{cid}/members", json={"username": "jon"}, headers=root
                       ).status_code == 400
    assert client.post("/api/cohorts", json={"name": "Night course", "instructor": "ivy"},
                       headers=root).status_code == 400
    assert client.post("/api/cohorts", json={"name": "Other", "instructor": "ann"},
                       headers=root).status_code == 400
    log = client.get("/api/audit", headers=root).json()
    assert [(e["actor"], e["action"]) for e in log] == [("root", "add_member"),
                                                        ("root", "create_cohort")]
    # ivy now runs the new cohort, so she can see bob's sessions
    sid = start(client, bearer(client, "bob"))
    assert client.get(f"/api/sessions/{sid}", headers=bearer(client, "ivy")).status_code == 200
