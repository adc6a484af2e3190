"""End to end: expert, novice and robotic scripts through the real engine."""

from __future__ import annotations

import pytest

from parley.assessment import assess
from parley.scenario import builtin_ids, load_scenario
from parley.session import Session, parse_script, run_script
from tests.helpers import SCRIPTS

CASES = sorted(
    (sid, path.stem) for sid in builtin_ids() if (SCRIPTS / sid).is_dir()
    for path in (SCRIPTS / sid).glob("*.txt"))


def play(sid: str, name: str, seed: int = 0) -> Session:
    scenario = load_scenario(sid)
    text = (SCRIPTS / sid / f"{name}.txt").read_text(encoding="utf-8")
    session = Session(scenario, seed=seed)
    run_script(session, parse_script(text, source=name))
    return session


def _succeeded(session: Session) -> bool:
    if session.outcome == "peaceful_resolution":
        return True
    gains = session.scenario.gains
    return bool(gains) and session.outcome == "ongoing" and len(session.state.gains) >= 2


@pytest.mark.parametrize("sid, name", [c for c in CASES if c[1].startswith("expert")])
def test_expert_scripts_succeed(sid, name):
    session = play(sid, name)
    assert _succeeded(session), (session.outcome, session.state.summary())
    assert 12 <= len(session.turns) <= 32
    assert assess(session).score >= 60


@pytest.mark.parametrize("sid, name", [c for c in CASES if c[1].startswith("novice")])
def test_novice_scripts_never_resolve(sid, name):
    session = play(sid, name)
    assert not _succeeded(session)
    assert assess(session).score < 50


@pytest.mark.parametrize("sid, name", [c for c in CASES if c[1] == "robotic"])
def test_robotic_script_never_resolves(sid, name):
    session = play(sid, name)
    assert not _succeeded(session)
    assert any(t.decision.situation == "robotic" for t in session.turns)
    assert assess(session).score < 50


@pytest.mark.parametrize("sid, name", [c for c in CASES if c[1] == "expert-1"])
def test_same_seed_replays_identically(sid, name):
    a, b = play(sid, name, seed=11), play(sid, name, seed=11)
    assert [t.reply for t in a.turns] == [t.reply for t in b.turns]
    assert a.state == b.state
