from __future__ import annotations

import pytest

from parley.errors import InputError
from parley.scenario import load_scenario
from parley.session import MAX_CHARS, Session, is_pause, parse_script, run_script
from tests.helpers import ScriptedAnalyzer

BRIDGE = load_scenario("bridge-jumper")
LISTENING = ["emotional_labeling", "open_question", "paraphrasing", "mirroring",
             "minimal_encourager", "summarizing"]
LINES = ["You sound exhausted.", "What happened at the plant?", "So they let you go.",
         "Never gave you a chance?", "Mm-hmm.", "The plant, the kids, and now this."]


def _session(seed=0, events=None):
    analyzer = ScriptedAnalyzer([[LISTENING[i % 6]] for i in range(40)])
    return Session(BRIDGE, seed=seed, analyzer=analyzer, on_event=events)


def test_same_seed_same_session_and_different_seed_differs():
    def replies(seed):
        s = _session(seed)
        return [s.opening] + [s.say(LINES[i % 6] + f" ({i})").reply for i in range(8)]

    assert replies(3) == replies(3)
    assert replies(3) != replies(4)


def test_replaying_events_reproduces_state_and_replies():
    s = _session(7)
    for i in range(6):
        s.say(LINES[i])
    s.say("...")
    replayer = ScriptedAnalyzer([[LISTENING[i % 6]] for i in range(40)])
    again = Session.from_events(BRIDGE, s.events, analyzer=replayer)
    assert again.state == s.state
    assert [t.reply for t in again.turns] == [t.reply for t in s.turns]
    assert again.state.turn == s.state.turn
    assert [t.trainee for t in again.turns] == [t.trainee for t in s.turns]
    assert again.opening == s.opening


def test_every_turn_is_recorded_before_the_reply_returns():
    seen = []
    s = _session(events=seen.append)
    assert seen[0]["type"] == "start" and seen[0]["scenario"] == "bridge-jumper"
    turn = s.say("What happened tonight?")
    assert seen[-1]["type"] == "turn" and seen[-1]["text"] == "What happened tonight?"
    assert [f[0] for f in seen[-1]["findings"]] == list(turn.analysis.techniques)
    assert turn.reply


def test_replay_reuses_recorded_findings_unless_asked_to_recode():
    s = _session(7)
    for i in range(4):
        s.say(LINES[i])
    # No analyzer is needed to replay: the recorded findings are used.
    again = Session.from_events(BRIDGE, s.events)
    assert [t.analysis for t in again.turns] == [t.analysis for t in s.turns]
    assert again.state == s.state
    recoded = Session.from_events(BRIDGE, s.events,
                                  analyzer=ScriptedAnalyzer([["threat"]] * 4))
    assert all(t.analysis.primary == "threat" for t in recoded.turns)


def test_a_failed_write_changes_nothing():
    s = _session()
    s.say("What happened tonight?")

    def broken(_event):
        raise InputError("disk full")

    s._on_event = broken
    before = (s.state, len(s.turns), len(s.events))
    with pytest.raises(InputError):
        s.say("Tell me about the kids.")
    assert (s.state, len(s.turns)) == before[:2]


@pytest.mark.parametrize("bad, message", [
    ("", "empty"), ("   \n ", "empty"), ("x" * (MAX_CHARS + 1), "too long"),
    ("hello\x1b[31m", "control character"), ("hi\x00", "control character"),
])
def test_bad_utterances_are_refused_and_leave_no_trace(bad, message):
    s = _session()
    n = len(s.events)
    with pytest.raises(InputError, match=message):
        s.say(bad)
    assert len(s.events) == n and s.state.turn == 0


def test_pause_is_an_effective_pause():
    s = _session()
    for mark in ("...", "…", "....", ". . .", "(no response)", "[long pause]", "/pause"):
        turn = s.say(mark)
        assert turn.analysis.primary == "effective_pause" and turn.pause, mark
    assert not is_pause("Mm... go on") and not is_pause("   ")


def test_no_line_repeats_while_unused_lines_remain():
    s = _session(1)
    replies = [s.say(LINES[i % 6] + f" number {i}").reply for i in range(10)]
    assert len(set(replies)) == len(replies)


def test_scheduled_events_fire_on_their_turn():
    event = BRIDGE.events[0]
    s = _session()
    for i in range(event.at_turn):
        turn = s.say(LINES[i % 6] + f" {i}")
    assert [e.text for e in turn.decision.events][:1] == [event.text]


def test_cannot_talk_after_the_end():
    s = _session()
    s.end()
    with pytest.raises(InputError, match="ended"):
        s.say("Hello?")


def test_script_parsing_ignores_comments_and_names_bad_lines():
    lines = parse_script("# a comment\n\nHello Daniel\n...\n…\n", source="s.txt")
    assert [(ln.line, ln.text) for ln in lines] == [(3, "Hello Daniel"), (4, "..."), (5, "...")]
    with pytest.raises(InputError, match=r"s.txt:2: utterance contains a control"):
        parse_script("fine\nbad\x07\n", source="s.txt")
    with pytest.raises(InputError, match="no utterances"):
        parse_script("# only\n\n", source="s.txt")


def test_run_script_stops_at_the_first_terminal_outcome():
    analyzer = ScriptedAnalyzer([["threat"]] * 30)
    s = Session(BRIDGE, analyzer=analyzer)
    lines = parse_script("\n".join(f"Get down now or we drag you down {i}" for i in range(30)))
    unused = run_script(s, lines)
    assert s.outcome in ("violent_escalation", "contact_lost")
    assert unused and len(unused) + len(s.turns) == 30


def test_events_can_be_scheduled_by_incident_minute():
    from parley.scenario import ScheduledEvent

    ev = ScheduledEvent(at_minute=5.0, kind="media_leak", text="A news van arrives.", arousal=5)
    scenario = BRIDGE.model_copy(update={"events": [ev]})
    s = Session(scenario, analyzer=ScriptedAnalyzer([["open_question"]] * 6))
    fired = [bool(s.say(f"What happened next {i}?").decision.events) for i in range(4)]
    per_turn = scenario.minutes_per_turn
    assert fired.index(True) == int(5.0 // per_turn - (5.0 % per_turn == 0))
    assert fired.count(True) == 1


def test_a_scheduled_event_needs_exactly_one_time():
    import pydantic

    from parley.scenario import ScheduledEvent

    with pytest.raises(pydantic.ValidationError, match="exactly one"):
        ScheduledEvent(kind="power_cut", text="x")
    with pytest.raises(pydantic.ValidationError, match="exactly one"):
        ScheduledEvent(at_turn=2, at_minute=3.0, kind="power_cut", text="x")
