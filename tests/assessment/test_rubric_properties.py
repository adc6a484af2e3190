"""Rubric invariants, checked over random sessions (Hypothesis).

Sessions run through the real engine over the bridge-jumper scenario; a scripted
analyzer decides which techniques each turn uses, whatever the words.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from parley.assessment import score
from parley.scenario import load_scenario
from parley.session import Session
from parley.techniques import ERRORS, TECHNIQUES
from tests.helpers import ScriptedAnalyzer

SCENARIO = load_scenario("bridge-jumper")
ALL = sorted(TECHNIQUES)
turn_st = st.lists(st.sampled_from(ALL), min_size=1, max_size=3, unique=True)
turns_st = st.lists(turn_st, min_size=0, max_size=12)
error_turn_st = st.lists(st.sampled_from(sorted(ERRORS)), min_size=1, max_size=2, unique=True)
blocker_turn_st = st.lists(st.sampled_from(["threat", "false_promise"]), min_size=1,
                           max_size=2, unique=True)
FAST = settings(max_examples=30, deadline=None)


def play(turns: list[list[str]]) -> Session | None:
    """The session of these turns, or None if it ended before the last one."""
    session = Session(SCENARIO, analyzer=ScriptedAnalyzer(turns))
    for i, _ in enumerate(turns, 1):
        if session.finished:
            return None
        session.say(f"line {i} about the job and the kids")
    return session


def total(turns: list[list[str]]) -> float:
    session = play(turns)
    assume(session is not None)
    assert session is not None
    return score(session)[0]


@FAST
@given(turns_st)
def test_score_is_always_between_0_and_100(turns):
    session = play(turns)
    assume(session is not None)
    value, parts, _ = score(session)
    assert 0.0 <= value <= 100.0
    assert all(0.0 <= c.points <= c.max_points for c in parts)


@FAST
@given(turns_st)
def test_identical_sessions_get_identical_scores(turns):
    first, second = play(turns), play(turns)
    assume(first is not None and second is not None)
    assert score(first) == score(second)


@FAST
@given(turns_st, error_turn_st)
def test_adding_an_error_turn_never_raises_the_score(turns, error):
    before = total(turns)
    assert total(turns + [error]) <= before


@FAST
@given(turns_st, blocker_turn_st)
def test_removing_a_blocker_turn_never_lowers_the_score(turns, blocker):
    with_blocker = total(turns + [blocker])
    assert total(turns) >= with_blocker


@FAST
@given(turns_st, blocker_turn_st)
def test_a_blocker_caps_the_score(turns, blocker):
    session = play(turns + [blocker])
    assume(session is not None)
    value, _, found = score(session)
    assert found and value <= min(b.cap for b in found)


@FAST
@given(turns_st, st.sampled_from(sorted(ERRORS)))
def test_an_error_takes_the_listening_credit_from_its_turn(turns, error):
    """A threat that also restates the subject's words is not listening."""
    def listening(session: Session) -> tuple[float, tuple[int, ...]]:
        part = next(c for c in score(session)[1] if c.name == "listening")
        return part.points, part.turns

    clean, spoilt = play(turns + [["paraphrasing"]]), play(turns + [["paraphrasing", error]])
    assume(clean is not None and spoilt is not None)
    points, credited = listening(spoilt)
    assert len(turns) + 1 not in credited
    assert points <= listening(clean)[0]
    part = next(c for c in score(spoilt)[1] if c.name == "listening")
    assert "listened but also made an error, not counted" in part.reason
