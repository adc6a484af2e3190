from __future__ import annotations

import pytest
from sqlalchemy import text

from parley.assessment import RUBRIC_VERSION, assess
from parley.errors import InputError, NotFound
from parley.scenario import load_scenario
from parley.session import Session
from parley.store import (
    HEAD,
    Recorder,
    StoreError,
    add_review,
    add_user,
    db,
    delete_trainee,
    engine_for,
    export_trainee,
    finish_session,
    learning_gains,
    list_sessions,
    load_session,
    trainee_metrics,
)

BRIDGE = load_scenario("bridge-jumper")
GOOD = ["What's happening tonight?", "You sound worn right down.", "...",
        "So the plant shut and then Karen left.", "Tell me about the kids."]
BAD = ["Calm down.", "Why would you do this?", "Get back over here now or we drag you."]


def play(lines, trainee="ann", kind="practice", finish=True):
    rec = Recorder(scenario=BRIDGE, trainee=trainee, rubric=RUBRIC_VERSION, kind=kind)
    session = Session(BRIDGE, seed=1, on_event=rec)
    for line in lines:
        if session.finished:
            break
        session.say(line)
    if finish:
        session.end()
        d = assess(session)
        with db() as s:
            finish_session(db=s, session_id=rec.session_id, outcome=d.outcome, score=d.score,
                           breakdown=d.to_dict(), rubric=d.rubric)
    return rec.session_id, session


def test_migrations_reach_head(database):
    engine = engine_for(database)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def test_session_events_are_stored_and_replay_identically(database):
    sid, live = play(GOOD)
    with db() as s:
        row, scenario, events = load_session(db=s, session_id=sid)
        assert row.rubric == RUBRIC_VERSION and row.status == "finished"
    assert [e["type"] for e in events] == ["start"] + ["turn"] * 2 + ["pause"] + \
        ["turn"] * 2 + ["end"]
    again = Session.from_events(scenario, events)
    assert [t.reply for t in again.turns] == [t.reply for t in live.turns]
    assert again.state == live.state


def test_scenario_is_pinned_by_content_hash(database):
    sid, _ = play(GOOD[:1])
    with db() as s:
        _, scenario, _ = load_session(db=s, session_id=sid)
    assert scenario == BRIDGE


def test_users_roles_and_duplicates(database):
    with db() as s:
        user = add_user(db=s, username="inst", role="instructor", password="s3cret-pass")
        assert user.password_hash.startswith("$argon2")
    with pytest.raises(InputError, match="already exists"), db() as s:
        add_user(db=s, username="inst", role="trainee", password=None)
    with pytest.raises(InputError, match="role"), db() as s:
        add_user(db=s, username="x", role="boss", password=None)


def test_list_export_review_and_delete(database):
    sid, _ = play(GOOD, trainee="bo")
    play(BAD, trainee="cy")
    with db() as s:
        add_user(db=s, username="inst", role="instructor", password=None)
        add_review(db=s, session_id=sid, author="inst", text="Good pacing", score_override=70)
        assert [r.id for r in list_sessions(db=s, trainee="bo")] == [sid]
        data = export_trainee(db=s, username="bo")
    assert data["sessions"][0]["id"] == sid and data["sessions"][0]["events"]
    with db() as s:
        assert delete_trainee(db=s, username="bo") == 1
    with db() as s:
        assert {r.trainee.username for r in list_sessions(db=s)} == {"cy"}
        with pytest.raises(NotFound):
            load_session(db=s, session_id=sid)


def test_progress_and_learning_gain(database):
    for name in ("ann", "bo", "cy"):
        play(BAD, trainee=name, kind="pre_test")
        play(GOOD, trainee=name, kind="post_test")
    with db() as s:
        rows = trainee_metrics(db=s, username="ann")
        gains = {g.metric: g for g in learning_gains(db=s)}
    assert [r.kind for r in rows] == ["pre_test", "post_test"]
    assert gains["score"].n == 3 and gains["score"].mean > 0
    assert gains["errors"].mean < 0
    assert gains["score"].low <= gains["score"].mean <= gains["score"].high


def test_a_failed_commit_loses_the_turn_not_the_session(database, monkeypatch):
    sid, session = play(GOOD[:2], finish=False)
    rec = session._on_event

    def unavailable(_event):
        raise StoreError("database unavailable")

    session._on_event = unavailable
    with pytest.raises(StoreError):
        session.say("Tell me about Karen.")
    assert session.state.turn == 2
    session._on_event = rec
    session.say("Tell me about Karen.")
    with db() as s:
        _, _, events = load_session(db=s, session_id=sid)
    assert [e.get("text") for e in events if e["type"] == "turn"][-1] == "Tell me about Karen."


def test_unreachable_database_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PARLEY_DATABASE_URL",
                       "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    with pytest.raises(StoreError, match="database unavailable"), db():
        pass


def test_bad_database_url(monkeypatch):
    monkeypatch.setenv("PARLEY_DATABASE_URL", "notadb://x")
    with pytest.raises(StoreError, match="bad database URL"), db():
        pass


def test_unknown_schema_revision_is_a_clear_error(database):
    engine = engine_for(database)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine_for.cache_clear()
    with pytest.raises(StoreError, match="migration failed.*9999"), db():
        pass
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE alembic_version SET version_num = '{HEAD}'"))
    engine.dispose()
    engine_for.cache_clear()


def test_locked_sqlite_database_loses_the_turn_not_the_session(tmp_path, monkeypatch):
    import sqlite3

    url = f"sqlite:///{tmp_path / 'locked.db'}"
    monkeypatch.setenv("PARLEY_DATABASE_URL", url)
    monkeypatch.setattr("parley.store._db._BUSY_TIMEOUT_MS", 100)
    sid, session = play(GOOD[:1], finish=False)
    blocker = sqlite3.connect(tmp_path / "locked.db", timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            session.say("Tell me about Karen.")
    finally:
        blocker.rollback()
        blocker.close()
    assert session.state.turn == 1
    session.say("Tell me about Karen.")
    with db() as s:
        _, _, events = load_session(db=s, session_id=sid)
    assert [e["text"] for e in events if e["type"] == "turn"] == [GOOD[0], "Tell me about Karen."]
    engine_for(url).dispose()
    engine_for.cache_clear()
