"""``/api/scenarios``: the library, briefings, and the editor's validation and dry run."""

from __future__ import annotations

from importlib import resources

from parley.scenario import builtin_ids
from tests.web.util import bearer

BRIDGE = (resources.files("parley.scenario") / "builtin" / "bridge-jumper.yaml").read_text(
    encoding="utf-8")


def test_everyone_logged_in_sees_the_library(client, people):
    r = client.get("/api/scenarios", headers=bearer(client, "ann"))
    assert r.status_code == 200
    assert [s["id"] for s in r.json()] == builtin_ids()
    first = r.json()[0]
    assert {"title", "incident_type", "difficulty", "subject", "hostages"} <= set(first)
    assert client.get("/api/scenarios").status_code == 401


def test_a_trainee_gets_the_briefing_without_the_subject_profile(client, people):
    body = client.get("/api/scenarios/bridge-jumper", headers=bearer(client, "ann")).json()
    assert body["briefing"] and body["profile"] is None


def test_an_instructor_also_gets_the_profile(client, people):
    body = client.get("/api/scenarios/bridge-jumper", headers=bearer(client, "ivy")).json()
    assert body["profile"]["facts"] and "hooks" in body["profile"]


def test_only_builtin_ids_are_scenarios(client, people):
    headers = bearer(client, "ann")
    assert client.get("/api/scenarios/nope", headers=headers).status_code == 404
    assert client.get("/api/scenarios/..%2Fpyproject.toml", headers=headers).status_code == 404


def test_validate_reports_ok_or_the_error_with_line_and_field(client, people):
    ivy = bearer(client, "ivy")
    ok = client.post("/api/scenarios/validate", json={"yaml": BRIDGE}, headers=ivy).json()
    assert ok == {"ok": True, "id": "bridge-jumper", "message": "ok (bridge-jumper)",
                  "line": None, "field": ""}
    broken = BRIDGE.replace("baseline_arousal:", "baseline_arousal: 400\n  old_arousal:", 1)
    bad = client.post("/api/scenarios/validate", json={"yaml": broken}, headers=ivy).json()
    assert bad["ok"] is False and bad["line"] and bad["field"].startswith("subject.")
    assert bad["message"].startswith(f"<editor>:{bad['line']}: ")
    junk = client.post("/api/scenarios/validate", json={"yaml": "a: [1,"}, headers=ivy).json()
    assert junk["ok"] is False


def test_dry_run_replays_a_script_and_stores_nothing(client, people):
    ivy = bearer(client, "ivy")
    r = client.post("/api/scenarios/dry-run", json={
        "yaml": BRIDGE, "script": "# a comment\nWhat's happened tonight?\n...\n", "seed": 2},
        headers=ivy)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["scenario"] == "bridge-jumper" and len(body["turns"]) == 2
    assert body["turns"][1]["techniques"] == ["effective_pause"]
    assert client.get("/api/sessions", headers=ivy).json() == []
    r = client.post("/api/scenarios/dry-run", json={"yaml": BRIDGE, "script": "# only\n"},
                    headers=ivy)
    assert r.status_code == 400 and "no utterances" in r.json()["detail"]
    r = client.post("/api/scenarios/dry-run", json={"yaml": "id: x", "script": "Hi."},
                    headers=ivy)
    assert r.status_code == 400 and r.json()["detail"].startswith("<editor>")


def test_trainees_cannot_use_the_editor(client, people):
    ann = bearer(client, "ann")
    assert client.post("/api/scenarios/validate", json={"yaml": BRIDGE}, headers=ann
                       ).status_code == 403
    assert client.post("/api/scenarios/dry-run", json={"yaml": BRIDGE, "script": "Hi."},
                       headers=ann).status_code == 403
