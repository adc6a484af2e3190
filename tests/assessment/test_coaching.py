"""Live coaching on the expert and novice scripts: errors fixed, moments flagged, varied."""

from __future__ import annotations

import re
from functools import cache

import pytest

from parley.assessment import CoachNote, better_alternative, coach_turn, why_wrong
from parley.assessment._coaching import MISSED, missed_alternative, missed_why
from parley.assessment._words import echo_of, feeling_of, promise_of, question_of
from parley.scenario import builtin_ids, load_scenario
from parley.session import Session, parse_script, run_script
from parley.techniques import ERRORS
from tests.helpers import script

SCENARIOS = sorted(builtin_ids())
EXPERT_NOTES_PER_TURN = 0.12
"""Upper bound on error + missed notes per expert turn, over every scenario (measured:
0.081 before the retrain of 2026-11-30, 0.085 after it)."""
EXPERT_NOTES_PER_TURN_ONE_SCENARIO = 0.2
"""Upper bound in any one scenario. The expert scripts are fixed lines written against one
trajectory of the subject; when a retrained analyzer moves the subject a turn earlier or
later, a line meets a moment it was not written for, and the coach rightly flags it
(domestic-barricade: 5 of 46 turns before that retrain, 6 of 38 after; 0.02-0.16 per
scenario)."""


@cache
def coached(scenario: str, name: str) -> tuple[tuple[int, str, tuple[CoachNote, ...]], ...]:
    """(turn, what the subject had said, notes) for every turn of a scripted session."""
    session = Session(load_scenario(scenario))
    run_script(session, parse_script(script(scenario, name)))
    out, last = [], session.opening
    for t in session.turns:
        out.append((t.index, last, coach_turn(t, last, session)))
        last = t.reply
    return tuple(out)


def _flags(notes: tuple[CoachNote, ...]) -> list[CoachNote]:
    return [n for n in notes if n.kind in ("error", "missed")]


def _all_texts() -> list[str]:
    return [n.better for sc in SCENARIOS for name in ("expert-1", "novice-1", "novice-2",
                                                      "robotic")
            for _, _, notes in coached(sc, name) for n in _flags(notes)]


def test_why_wrong_exists_for_every_error():
    for error in ERRORS:
        assert why_wrong(error), error
        assert better_alternative(error, "", 1), error


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("name", ["novice-1", "novice-2"])
def test_every_novice_error_gets_a_fix_built_for_the_moment(scenario, name):
    session = Session(load_scenario(scenario))
    run_script(session, parse_script(script(scenario, name)))
    erring = 0
    last = session.opening
    for t in session.turns:
        notes = coach_turn(t, last, session)
        shown = {f.technique for f in t.analysis.findings if f.confidence >= 0.4}
        if shown & ERRORS:
            erring += 1
            errors = [n for n in notes if n.kind == "error"]
            assert len(errors) == 1, (t.index, t.trainee)
            note = errors[0]
            assert note.text == why_wrong(note.technique)
            assert note.better and note.better != note.text
            assert not note.better.lower().startswith(("use ", "try ", "avoid ", "don't "))
        last = t.reply
    assert erring, "a novice script must contain errors"


def test_most_error_fixes_use_the_subjects_words():
    """"Different from generic": the fix differs from what an empty line would give."""
    total = specific = 0
    for sc in SCENARIOS:
        for name in ("novice-1", "novice-2"):
            for turn, _, notes in coached(sc, name):
                for n in notes:
                    if n.kind == "error":
                        total += 1
                        specific += n.better != better_alternative(n.technique, "", turn)
    assert total >= 30
    assert specific / total >= 0.75, f"{specific}/{total} specific"


def _expert_flags(scenario: str) -> tuple[int, int]:
    """(flags, turns) over the two expert scripts of ``scenario``."""
    turns = flags = 0
    for name in ("expert-1", "expert-2"):
        for _, _, notes in coached(scenario, name):
            turns += 1
            flags += len(_flags(notes))
    return flags, turns


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_expert_scripts_get_few_flags(scenario):
    flags, turns = _expert_flags(scenario)
    assert flags / turns <= EXPERT_NOTES_PER_TURN_ONE_SCENARIO, f"{flags} flags in {turns} turns"


def test_expert_scripts_get_few_flags_overall():
    flags, turns = map(sum, zip(*(_expert_flags(sc) for sc in SCENARIOS), strict=True))
    assert flags / turns <= EXPERT_NOTES_PER_TURN, f"{flags} flags in {turns} turns"


def test_novices_get_many_more_flags_than_experts():
    def rate(names):
        runs = [coached(sc, n) for sc in SCENARIOS for n in names]
        return (sum(len(_flags(notes)) for r in runs for _, _, notes in r)
                / sum(len(r) for r in runs))
    novice, expert = rate(("novice-1", "novice-2")), rate(("expert-1", "expert-2"))
    assert novice >= 0.5 and novice >= 5 * expert, (novice, expert)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_robotic_scripts_are_told_to_vary(scenario):
    notes = [n for _, _, ns in coached(scenario, "robotic") for n in ns]
    robotic = [n for n in notes if n.moment == "robotic"]
    assert robotic and all(n.kind == "missed" and n.better for n in robotic)
    assert not any(n.kind == "warning" and "formula" in n.text for n in notes)


def test_premature_influence_is_a_missed_moment_with_a_listening_move():
    notes = [n for sc in SCENARIOS for _, _, ns in coached(sc, "novice-2") for n in ns
             if n.moment == "too_early"]
    assert len(notes) >= 3
    for n in notes:
        assert n.kind == "missed" and n.title == MISSED["too_early"]
        assert n.technique == "paraphrasing" and n.family == "active_listening"
        assert "?" in n.better or "." in n.better


def test_the_same_situation_is_not_always_coached_in_the_same_words():
    by_case: dict[str, set[str]] = {}
    for sc in SCENARIOS:
        for name in ("novice-1", "novice-2", "robotic"):
            for _, _, notes in coached(sc, name):
                for n in _flags(notes):
                    key = n.technique if n.kind == "error" else n.moment
                    by_case.setdefault(key, set()).add(n.text + " | " + n.better)
    repeated = {k: v for k, v in by_case.items() if len(v) > 1}
    assert len(repeated) >= 5
    for moment in MISSED:
        texts = {missed_why(moment, turn, hook="Bess") for turn in range(6)}
        assert len(texts) >= 2, moment
    line = "They had us in the canteen. Twenty minutes for nineteen years. I'm worn out."
    for moment in ("feeling", "disclosure", "too_early", "robotic"):
        assert len({missed_alternative(moment, line, turn) for turn in range(6)}) >= 2


def test_texts_have_no_placeholders_or_oddities():
    texts = _all_texts()
    lines = ["", "...", "[He hangs up.]", "Don't ask me stupid questions. Not now.",
             "My kids. My job. My house. All of it, gone.", "Is she alright? She gets in a state."]
    for moment in MISSED:
        texts += [missed_alternative(moment, line, turn, hook="Bess") for line in lines
                  for turn in range(4)]
        texts += [missed_why(moment, turn, count="four", hook="Bess") for turn in range(4)]
    for error in ERRORS:
        texts += [better_alternative(error, line, turn, "I promise you'll get your job back.")
                  for line in lines for turn in range(4)]
    assert len(texts) > 200
    for text in texts:
        assert text and text == text.strip()
        assert not re.search(r"[{}]|\[|\]", text), text
        assert "all of this" not in text.lower(), text
        assert "your all" not in text.lower() and "your your" not in text.lower(), text
        assert text[0].isupper() or text[0] == '"', text
        assert "  " not in text and ".." not in text.replace("...", ""), text


def test_fixes_use_the_subjects_own_words():
    line = "They had us in the canteen. Twenty minutes for nineteen years."
    assert feeling_of(line) == "let down"
    assert echo_of(line) == "Twenty minutes for nineteen years"
    assert "nineteen years" in missed_alternative("feeling", line, 1)
    assert "your kids" in better_alternative("judging", "I just want my kids back.", 0)
    assert question_of("Is she alright? She gets in a state.") == "Is she alright?"
    assert question_of("You know what he said? Nothing.") == ""  # rhetorical
    assert echo_of("I've lost my job. I was there nineteen years.") == "You've lost your job"
    assert echo_of("Two people die at midnight.") == ""  # a threat is never given back
    promised = better_alternative("false_promise", "", 0,
                                  "Listen, I promise you'll get your job back.")
    assert "you'll get your job back" in promised and promised.startswith("I can't promise")
    assert promise_of("Okay. Nobody will follow you, I promise.") == "nobody will follow you"


def test_a_reaction_to_an_error_is_owned_first():
    plain = better_alternative("minimizing", "Don't tell me to calm down.", 2)
    owned = better_alternative("minimizing", "Don't tell me to calm down.", 2, repair=True)
    assert owned.endswith(plain) and owned != plain


def test_an_unanswered_question_is_flagged():
    flagged = [(line, n) for sc in SCENARIOS for name in ("expert-1", "expert-2", "novice-2")
               for _, line, ns in coached(sc, name) for n in ns if n.moment == "question"]
    assert flagged
    for line, n in flagged:
        question = question_of(line)
        assert question and question in n.better
        assert n.technique == "information"


def test_a_run_of_closed_questions_is_an_interrogation():
    session = Session(load_scenario("bridge-jumper"))
    lines = ["Neil, are you on the bridge right now?", "Is anyone with you?",
             "Have you been drinking tonight?", "Is your van parked on the bridge?"]
    notes = []
    last = session.opening
    for text in lines:
        t = session.say(text)
        notes += [n for n in coach_turn(t, last, session) if n.kind == "missed"]
        last = t.reply
    interrogation = [n for n in notes if n.moment == "interrogation"]
    assert interrogation, [n.moment for n in notes]
    assert interrogation[0].technique == "open_question"
    assert re.search(r"three|four|closed questions|yes/no", interrogation[0].text, re.I)


def test_a_hook_he_raised_and_nobody_picked_up_is_flagged_once():
    hooks = [(line, n) for sc in SCENARIOS for name in ("expert-1", "expert-2", "novice-2")
             for _, line, ns in coached(sc, name) for n in ns if n.moment == "hook"]
    assert hooks
    for _line, n in hooks:
        assert n.kind == "missed" and n.better and n.title == MISSED["hook"]
    per_run = [sum(1 for _, _, ns in coached(sc, name) for n in ns if n.moment == "hook")
               for sc in SCENARIOS for name in ("expert-1", "expert-2")]
    assert max(per_run) <= 3


def test_missed_notes_without_the_session_still_work():
    session = Session(load_scenario("bridge-jumper"))
    run_script(session, parse_script(script("bridge-jumper", "robotic")))
    last = session.opening
    kinds = set()
    for t in session.turns:
        kinds |= {n.kind for n in coach_turn(t, last)}
        last = t.reply
    assert "missed" in kinds


def test_notes_are_json_ready_with_the_new_fields():
    notes = [n for _, _, ns in coached("bridge-jumper", "robotic") for n in ns
             if n.kind == "missed"]
    d = notes[0].to_dict()
    assert d["kind"] == "missed" and d["moment"] == "robotic" and d["title"] and d["better"]


def test_first_turn_coaching_with_a_hook_in_the_opening_does_not_crash():
    from parley.assessment import coach_turn
    from parley.scenario import load_scenario
    from parley.session import Session

    scenario = load_scenario("bridge-jumper")
    hook = scenario.hooks[0]
    session = Session(scenario, seed=1)
    session.opening = f"Leave me be. Just look after {hook.keywords[0]}."
    turn = session.say("Are you hurt?")
    notes = coach_turn(turn, session.opening, session=session)
    assert all(n.kind in ("technique", "error", "missed", "warning") for n in notes)


def test_echoes_never_give_back_a_self_attack_or_someone_elses_words():
    from parley.assessment._words import echo_of

    assert "monster" not in echo_of(
        "Don't talk to me about that woman. Yeah, I'm the monster. Put it on the news.")
    assert "welfare" not in echo_of(
        "'I have to put the child's welfare first, Mr Mallory.' As if I don't.")
    assert "worthless" not in echo_of("I'm worthless to them now, I always was.")
    assert echo_of("I have lost my job and my kids.") == "You have lost your job and your kids"


def test_ultimatums_orders_and_hollow_phrases_are_not_given_back() -> None:
    """Found in a play-test: "Try instead: ... You're not saying it twice." / "Judge you after." """
    assert echo_of("You've got till six. If nobody rings by six, it ends. I'm not saying it "
                   "twice.") == ""
    assert echo_of("Judge me after. Right now you want her home, so act like it.") == ""
    assert "wasn't you" not in echo_of("That wasn't me. Signal. I nearly didn't ring.")
    assert echo_of("Nobody listens to me, not once.") == "Nobody listens to you"


@pytest.mark.parametrize("scenario", ["bank-hostages", "bridge-jumper"])
def test_the_coach_shows_what_is_scored_and_nothing_under_it(scenario):
    from parley.assessment import counted
    from parley.assessment._rubric import CONFIDENT, ERROR_CONFIDENT
    for name in ("expert-1", "novice-1"):
        session = Session(load_scenario(scenario))
        run_script(session, parse_script(script(scenario, name)))
        last = session.opening
        for t in session.turns:
            shown = [n.technique for n in coach_turn(t, last, session) if n.kind == "technique"]
            assert shown == counted(t)[:3]
            for f in t.analysis.findings:  # a weak guess or a possible error is not shown
                bar = ERROR_CONFIDENT if f.technique in ERRORS else CONFIDENT
                assert (f.technique in counted(t)) == (f.confidence >= bar)
            last = t.reply
