from __future__ import annotations

from dataclasses import replace

import pytest

from parley.scenario import load_scenario
from parley.subject import ChangeStage, Event, Stairway, TurnInput, initial_state, step

BRIDGE = load_scenario("bridge-jumper")
KIDNAP = load_scenario("kidnapping-ransom")


def t(*techniques: str, text: str = "", subject_last: str = "", pause: bool = False):
    return TurnInput(text=text or f"line {' '.join(techniques)}", pause=pause,
                     techniques=tuple((n, 0.9) for n in techniques), subject_last=subject_last)


def play(scenario, turns, state=None):
    state = state or initial_state(scenario)
    decisions = []
    for tin in turns:
        state, d = step(state, scenario, tin)
        decisions.append(d)
        if state.outcome:
            break
    return state, decisions


def test_listening_lowers_arousal_and_builds_trust():
    s0 = initial_state(BRIDGE)
    s1, d = step(s0, BRIDGE, t("emotional_labeling", text="You sound worn right down."))
    assert s1.arousal < s0.arousal and s1.trust > s0.trust
    assert d.situation == "vent"


def test_listening_has_diminishing_returns():
    s = initial_state(BRIDGE)
    gains = []
    lines = ["You sound worn out", "So the plant closed after nineteen years",
             "Nobody called you back", "Losing the kids on top of the job",
             "Tonight feels like the end of the road", "You did everything they asked",
             "The house went too", "It has been months of this",
             "Your brother never rang", "Like you kept going for them",
             "Every door shut", "And Christmas without them"]
    for i, line in enumerate(lines):
        s2, _ = step(s, BRIDGE, t("paraphrasing" if i % 2 else "emotional_labeling", text=line))
        gains.append(s2.trust - s.trust)
        s = s2
    assert gains[-1] < gains[0] / 2


@pytest.mark.parametrize("error", ["threat", "arguing", "why_question", "minimizing",
                                   "judging", "flat_refusal"])
def test_errors_raise_arousal_and_cost_trust(error):
    s0 = replace(initial_state(BRIDGE), arousal=50.0, trust=40.0)
    s1, d = step(s0, BRIDGE, t(error))
    assert s1.arousal > s0.arousal
    assert s1.trust < s0.trust
    assert d.situation not in ("vent", "heard")


def test_premature_problem_solving_meets_resistance():
    s0 = initial_state(BRIDGE)
    s1, d = step(s0, BRIDGE, t("problem_solving", text="Climb back over the railing."))
    assert d.situation == "resist_influence"
    assert s1.arousal > s0.arousal and s1.premature_influence == 1


def test_influence_works_after_rapport():
    s0 = replace(initial_state(BRIDGE), arousal=40.0, trust=60.0)
    s1, d = step(s0, BRIDGE, t("problem_solving"))
    assert d.situation == "accept_influence"
    assert s1.trust > s0.trust and s1.influence_accepted == 1
    assert s1.stairway == Stairway.INFLUENCE


def test_instrumental_subject_accepts_bargaining_earlier_than_expressive():
    k = replace(initial_state(KIDNAP), arousal=50.0, trust=35.0)
    b = replace(initial_state(BRIDGE), arousal=50.0, trust=35.0)
    _, dk = step(k, KIDNAP, t("problem_solving"))
    _, db = step(b, BRIDGE, t("problem_solving"))
    assert dk.situation == "accept_influence"
    assert db.situation == "resist_influence"


def test_expressive_subject_responds_more_to_listening():
    k = replace(initial_state(KIDNAP), arousal=60.0, trust=20.0)
    b = replace(initial_state(BRIDGE), arousal=60.0, trust=20.0)
    k1, _ = step(k, KIDNAP, t("emotional_labeling"))
    b1, _ = step(b, BRIDGE, t("emotional_labeling"))
    assert b1.trust - b.trust > k1.trust - k.trust


def test_robotic_formula_stops_working_then_irritates():
    state = initial_state(BRIDGE)
    said = "It sounds like you are feeling really upset right now."
    situations, trust = [], []
    for _ in range(4):
        state, d = step(state, BRIDGE, t("emotional_labeling", text=said))
        situations.append(d.situation)
        trust.append(state.trust)
    assert "robotic" in situations
    assert trust[-1] < max(trust)


def test_hook_lowers_arousal_trigger_raises_it():
    hook, trigger = BRIDGE.hooks[0], BRIDGE.triggers[0]
    s0 = replace(initial_state(BRIDGE), arousal=60.0, trust=max(40.0, hook.min_trust))
    s_hook, d1 = step(s0, BRIDGE, t("open_question", text=f"Tell me about {hook.keywords[0]}"))
    s_trig, d2 = step(s0, BRIDGE, t("information", text=f"The {trigger.keywords[0]} are here"))
    assert hook.topic in d1.hooks and trigger.topic in d2.triggers
    assert s_trig.arousal > s0.arousal
    assert s_hook.arousal < s_trig.arousal


def test_fact_disclosed_only_at_threshold():
    fact = min(BRIDGE.facts, key=lambda f: f.trust_threshold)
    below = replace(initial_state(BRIDGE), trust=fact.trust_threshold - 15.0, arousal=50.0)
    s1, d = step(below, BRIDGE, t("minimal_encourager"))
    assert s1.trust < fact.trust_threshold and fact.id not in d.facts
    at = replace(initial_state(BRIDGE), trust=float(fact.trust_threshold), arousal=50.0)
    _, d2 = step(at, BRIDGE, t("open_question"))
    assert fact.id in d2.facts


def test_false_promise_is_remembered_and_costs_when_exposed():
    state = replace(initial_state(BRIDGE), arousal=50.0, trust=50.0)
    state, d = step(state, BRIDGE, t("false_promise", text="I promise you'll get your job back"))
    assert d.situation == "promise_heard" and len(state.promises) == 1
    trust_before = None
    for i in range(5):
        trust_before = state.trust
        state, d = step(state, BRIDGE, t("open_question", text=f"different question {i}"))
        if d.situation == "promise_broken":
            break
    assert d.situation == "promise_broken"
    assert state.trust < trust_before - 10
    assert state.promises[0].exposed


def test_repeated_errors_end_badly():
    state, decisions = play(BRIDGE, [t("threat", text=f"threat {i}") for i in range(10)])
    assert state.outcome in ("violent_escalation", "contact_lost")


def test_deadline_expires_with_arousal_when_trust_is_low():
    if not BRIDGE.deadlines:
        pytest.skip("no deadline")
    dl = BRIDGE.deadlines[0]
    s0 = replace(initial_state(BRIDGE), minute=dl.at_minute - 0.5, arousal=40.0, trust=10.0)
    s1, d = step(s0, BRIDGE, t("closed_question"))
    assert s1.deadlines_pending == tuple(i for i in s0.deadlines_pending if i != 0)
    assert s1.arousal > s0.arousal and d.deadline


def test_events_move_state():
    s0 = replace(initial_state(BRIDGE), arousal=50.0, trust=40.0)
    ev = Event(kind="shots_heard", text="Shots are heard nearby.", arousal=20)
    s1, d = step(s0, BRIDGE, TurnInput(text="...", techniques=(("effective_pause", 1.0),),
                                       pause=True, events=(ev,)))
    assert s1.arousal > s0.arousal and d.events == (ev,)


def test_long_absence_raises_arousal():
    s0 = replace(initial_state(BRIDGE), arousal=50.0, trust=40.0)
    quick, _ = step(s0, BRIDGE, t("closed_question"))
    slow, _ = step(s0, BRIDGE, replace(t("closed_question"), gap_minutes=12.0))
    assert slow.arousal > quick.arousal


def test_step_refuses_after_the_end():
    s = replace(initial_state(BRIDGE), outcome="violent_escalation")
    with pytest.raises(ValueError):
        step(s, BRIDGE, t("open_question"))


def test_stage_of_change_moves_with_trust():
    s = replace(initial_state(BRIDGE), arousal=40.0, trust=50.0)
    s1, _ = step(s, BRIDGE, t("paraphrasing"))
    assert s1.change >= ChangeStage.CONTEMPLATION


def test_the_subject_sets_his_deadline_once_while_resisting():
    state = initial_state(BRIDGE)
    announced = []
    for i in range(8):
        state, d = step(state, BRIDGE, t("problem_solving", text=f"Come back over now {i}"))
        if d.deadline_set >= 0:
            announced.append((i, d.deadline_set))
        if state.outcome:
            break
    assert announced[:1] == [(0, 0)] and len(announced) == 1
    assert state.deadlines_set == (0,)


def test_a_deadline_is_announced_at_the_latest_fifteen_minutes_before():
    dl = BRIDGE.deadlines[0]
    s0 = replace(initial_state(BRIDGE), minute=dl.at_minute - 16.0, arousal=40.0, trust=50.0)
    _, d = step(s0, BRIDGE, t("emotional_labeling", text="You sound tired of all of it."))
    assert d.deadline_set == 0
