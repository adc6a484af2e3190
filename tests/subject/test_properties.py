"""Property tests of the subject's invariants (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.scenario import builtin_ids, load_scenario
from parley.session import Session
from parley.subject import Event, TurnInput, initial_state, step
from parley.techniques import TECHNIQUES
from tests.helpers import ScriptedAnalyzer

SCENARIOS = [load_scenario(s) for s in builtin_ids()]
NAMES = sorted(TECHNIQUES)
WORDS = ["kids", "police", "gun", "water", "sorry", "court", "money", "mum", "the", "you",
         "let", "him", "talk", "snipers", "calm", "down", "release", "children", "put", "on"]

techniques = st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True)
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
events = st.lists(st.builds(Event, kind=st.just("shots_heard"), text=st.just("x"),
                            arousal=st.floats(-30, 30), trust=st.floats(-30, 30)), max_size=1)
turns = st.lists(st.tuples(techniques, texts, st.booleans(), events), min_size=1, max_size=30)


def _inputs(scenario_index, plan):
    scenario = SCENARIOS[scenario_index % len(SCENARIOS)]
    for names, text, pause, evs in plan:
        yield scenario, TurnInput(text="" if pause else text, pause=pause,
                                  techniques=tuple((n, 0.9) for n in names),
                                  events=tuple(evs))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10), turns)
def test_values_stay_in_range_and_facts_respect_thresholds(index, plan):
    state = None
    for scenario, tin in _inputs(index, plan):
        state = state or initial_state(scenario)
        before = state
        state, decision = step(state, scenario, tin)
        assert 0 <= state.arousal <= 100 and 0 <= state.trust <= 100
        assert 0 <= state.risk <= 100
        assert state.hostages_held >= 0
        assert state.hostages_held + state.hostages_released == scenario.hostages.count
        thresholds = {f.id: f.trust_threshold for f in scenario.facts}
        for fact in decision.facts:
            assert thresholds[fact] <= state.trust + 1e-9
        assert set(before.disclosed) <= set(state.disclosed)
        if state.outcome:
            break


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10), turns, texts)
def test_a_threat_never_raises_trust(index, plan, text):
    state = None
    for scenario, tin in _inputs(index, plan):
        state = state or initial_state(scenario)
        threat = TurnInput(text=text, techniques=(("threat", 0.9),) + tin.techniques)
        after, _ = step(state, scenario, threat)
        assert after.trust <= state.trust
        state, _ = step(state, scenario, tin)
        if state.outcome:
            break


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10), st.lists(st.tuples(techniques, texts), min_size=1, max_size=15),
       st.integers(0, 1000))
def test_replaying_the_events_reproduces_the_state(index, plan, seed):
    scenario = SCENARIOS[index % len(SCENARIOS)]
    live = Session(scenario, seed=seed, analyzer=ScriptedAnalyzer([n for n, _ in plan]))
    for _, text in plan:
        if live.finished:
            break
        live.say(text)
    again = Session.from_events(scenario, live.events,
                                analyzer=ScriptedAnalyzer([n for n, _ in plan]))
    assert again.state == live.state
    assert [t.reply for t in again.turns] == [t.reply for t in live.turns]
