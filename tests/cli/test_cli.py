from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.scenario import builtin_ids

runner = CliRunner()

EXPERT = "\n".join([
    "# a short, decent opening",
    "Hi, my name's Sam. I'm not police, I'm here to listen. What's going on tonight?",
    "...",
    "Sounds like you've had the worst few months of your life.",
])


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_scenarios_list_shows_every_builtin():
    result = run("scenarios", "list")
    assert result.exit_code == 0
    for sid in builtin_ids():
        assert sid in result.output


def test_scenarios_show_prints_the_briefing():
    result = run("scenarios", "show", "bridge-jumper")
    assert result.exit_code == 0 and "Subject:" in result.output


def test_unknown_scenario_is_one_line_error():
    result = run("scenarios", "show", "nope")
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: unknown scenario 'nope'")
    assert "Traceback" not in result.output


def test_validate_ok_and_broken(tmp_path):
    import yaml

    from parley.scenario import load_scenario

    good = tmp_path / "good.yaml"
    data = load_scenario("bridge-jumper").model_dump(mode="json")
    good.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("baseline_trust:", "baseline_trst:"),
                   encoding="utf-8")
    ok = run("scenarios", "validate", str(good))
    assert ok.exit_code == 0 and "ok" in ok.output
    result = run("scenarios", "validate", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "subject.baseline_trst: unknown field" in result.output


def test_replay_json_follows_the_contract(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text(EXPERT, encoding="utf-8")
    result = run("replay", "bridge-jumper", str(script), "--seed", "5", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["scenario"] == "bridge-jumper" and data["seed"] == 5
    assert data["outcome"] == "ongoing"
    assert 0 <= data["score"] <= 100 and data["hostages_released"] == 0
    assert [t["trainee"] for t in data["turns"]] == [
        "Hi, my name's Sam. I'm not police, I'm here to listen. What's going on tonight?",
        "...", "Sounds like you've had the worst few months of your life."]
    assert data["turns"][1]["techniques"] == ["effective_pause"]
    for t in data["turns"]:
        assert t["subject"] and {"arousal", "trust", "stairway"} <= set(t["state"])
    again = run("replay", "bridge-jumper", str(script), "--seed", "5", "--json")
    assert again.output == result.output


def test_replay_text_shows_dialogue_and_debrief(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text(EXPERT, encoding="utf-8")
    result = run("replay", "bridge-jumper", str(script))
    assert result.exit_code == 0
    assert "You:" in result.output and "Score breakdown" in result.output


def test_the_debrief_names_a_humanitarian_gain_not_won(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("Kerry, it's Sam from the police. What's happened tonight?\n",
                      encoding="utf-8")
    result = run("replay", "domestic-barricade", str(script), "--seed", "0")
    assert result.exit_code == 0, result.output
    assert "humanitarian gains" in result.output
    assert "✘ humanitarian gain not won:" in result.output and "First-aid kit" in result.output


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe bad bytes\n", "not UTF-8"),
    (b"# nothing\n\n", "no utterances"),
    (("ok\n" + "x" * 5000 + "\n").encode(), "s.txt:2: utterance is too long"),
    (b"hello\x1b[2J\n", "s.txt:1: utterance contains a control character"),
])
def test_replay_bad_scripts(tmp_path, content, message):
    script = tmp_path / "s.txt"
    script.write_bytes(content)
    result = run("replay", "bridge-jumper", str(script), "--json")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_replay_missing_script():
    result = run("replay", "bridge-jumper", "/no/such/file.txt")
    assert result.exit_code == 1 and "script not found" in result.output


def test_analyze_json_lines_in_and_out():
    lines = "\n".join([
        json.dumps({"text": "Never gave you a chance?",
                    "context": "Nineteen years and they never gave me a chance."}),
        "Calm down, it's not that bad.",
        json.dumps({"text": "What happened today?", "context": [
            {"speaker": "subject", "text": "Leave me alone."}], "id": 7}),
    ])
    result = run("analyze", "-", "--json", input=lines)
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.splitlines()]
    assert len(out) == 3
    assert out[0]["primary"] == "mirroring"
    assert out[1]["primary"] == "minimizing" and out[1]["text"] == "Calm down, it's not that bad."
    assert out[2]["id"] == 7 and out[2]["primary"] == "open_question"
    for o in out:
        confs = [t["confidence"] for t in o["techniques"]]
        assert confs == sorted(confs, reverse=True) and all(0 <= c <= 1 for c in confs)


@pytest.mark.parametrize("line, message", [
    ('{"text": ', "invalid JSON"),
    ('{"txt": "hi"}', "needs a non-empty string field 'text'"),
    ('{"text": "hi", "context": 5}', "'context' must be"),
    ('{"text": "hi", "context": [{"speaker": "cop", "text": "x"}]}', "context[0]"),
])
def test_analyze_bad_lines_name_the_line(line, message):
    result = run("analyze", "-", "--json", input="Mm-hmm.\n" + line + "\n")
    assert result.exit_code == 1
    assert "-:2:" in result.output and message in result.output
    assert "primary" not in result.output  # nothing half-written


def test_analyze_reads_an_utterance_field_as_the_text():
    result = run("analyze", "-", "--json", "--analyzer", "rules",
                 input='{"utterance": "Sounds like you are exhausted."}\n')
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert out[0]["text"] == "Sounds like you are exhausted."
    assert out[0]["primary"] == "emotional_labeling"


def test_a_subject_field_gives_the_context_as_in_a_spreadsheet(tmp_path):
    line = {"text": "Nobody has been listening.", "label": "mirroring",
            "subject": "I have been telling them for months and nobody has been listening."}
    result = run("analyze", "-", "--json", "--analyzer", "rules", input=json.dumps(line))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["techniques"][0]["name"] == "mirroring"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = run("analyze", "--evaluate", str(gold), "--analyzer", "rules", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["per_technique"]["mirroring"]["recall"] == 1.0
    gold.write_text(json.dumps({"utterance": line["text"], "label": "mirroring",
                                "subject": line["subject"]}) + "\n", encoding="utf-8")
    result = run("analyze", "--evaluate", str(gold), "--analyzer", "rules", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["per_technique"]["mirroring"]["recall"] == 1.0


def test_train_plays_and_debriefs():
    result = run("train", "bridge-jumper", "--seed", "1",
                 input="What's happening tonight?\n...\n/board\n/end\n")
    assert result.exit_code == 0, result.output
    assert "Situation board" in result.output and "Debrief" in result.output


def test_train_resume_continues_a_saved_session(database):
    first = run("train", "bridge-jumper", "--seed", "2", input="What's happening tonight?\n")
    assert "is paused" in first.output
    session_id = first.output.split("--resume ")[1].split(")")[0].split()[0]
    result = run("train", "--resume", session_id, input="Tell me about the kids.\n/end\n")
    assert result.exit_code == 0, result.output
    assert "What's happening tonight?" in result.output and "Debrief" in result.output
    from parley.store import db, load_session

    with db() as s:
        row, _, events = load_session(db=s, session_id=session_id)
    texts = [e.get("text") for e in events if e["type"] == "turn"]
    assert texts == ["What's happening tonight?", "Tell me about the kids."]
    assert row.status == "finished"
    again = run("train", "--resume", session_id, input="/end\n")
    assert again.exit_code == 1 and "has ended" in again.output


def test_records_commands(database, monkeypatch):
    from tests.helpers import SCRIPTS

    expert = str(SCRIPTS / "bridge-jumper" / "expert-1.txt")
    saved = json.loads(run("replay", "bridge-jumper", expert, "--save", "--trainee", "dee",
                           "--json").output)
    sid = saved["session_id"]
    listed = json.loads(run("sessions", "list", "--json").output)
    assert [(r["id"], r["trainee"], r["status"]) for r in listed] == [(sid, "dee", "finished")]
    assert listed[0]["score"] == saved["score"]
    rep = run("report", sid)
    assert rep.exit_code == 0 and "Score breakdown" in rep.output
    assert run("report", "nope").output.startswith("Error: no session 'nope'")
    progress = run("progress", "dee")
    assert progress.exit_code == 0 and "emotional_labeling" in progress.output
    csv_out = run("export", "dee", "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("session,scenario") and csv_out[1].startswith(sid)
    monkeypatch.setenv("PARLEY_PASSWORD", "long-enough-pw")
    assert run("users", "add", "ivy", "--role", "instructor").exit_code == 0
    dup = run("users", "add", "ivy")
    assert dup.exit_code == 1 and "already exists" in dup.output
    assert run("delete", "dee", "--yes").exit_code == 0
    assert json.loads(run("sessions", "list", "--json").output) == []


def test_train_refuses_bad_input_and_carries_on():
    result = run("train", "bridge-jumper", "--seed", "1", input="x" * 2000 + "\n/end\n")
    assert result.exit_code == 0
    assert "too long" in result.output


def test_replay_json_lists_the_techniques_scored_not_possible_errors(tmp_path):
    from parley.assessment import counted
    from parley.scenario import load_scenario
    from parley.session import Session, parse_script, run_script

    lines = ["Get off that railing right now.", "You want to talk about it?",
             "It sounds like today has been the worst day of a long year."]
    path = tmp_path / "s.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["replay", "bridge-jumper", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    session = Session(load_scenario("bridge-jumper"), seed=data["seed"])
    run_script(session, parse_script("\n".join(lines)))
    assert [t["techniques"] for t in data["turns"]] == [counted(t) for t in session.turns]
