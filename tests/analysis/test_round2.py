"""Round 2: principles behind misses reported by scenario authors, with new wordings.

Each test states the principle, then checks it on utterances that were not in the report.
"""

from __future__ import annotations

import pytest

from parley.analysis import Utterance, rules_analyzer

analyze = rules_analyzer()  # these tests pin rules-v1, not the default backend


def subj(*lines: str) -> list[Utterance]:
    ctx: list[Utterance] = []
    for i, line in enumerate(lines):
        if i:
            ctx.append(Utterance("negotiator", "Mm."))
        ctx.append(Utterance("subject", line))
    return ctx


def labels(text: str, context: list[Utterance] | None = None, floor: float = 0.4) -> set[str]:
    return {f.technique for f in analyze(text, context or []).findings if f.confidence >= floor}


# --- emotional labels need no "sounds like" frame ------------------------------------------


@pytest.mark.parametrize("text", [
    "That sounds draining.",                               # sounds + evaluative word
    "Sounds terrifying, honestly.",
    "Small wonder you're so wound up.",                    # no wonder / small wonder
    "You've been bottling this up for months, haven't you.",  # inner state, tag question
    "You really miss the lads from the depot.",            # you + inner-life verb
    "You still worry about her every single day.",
    "Abandoned. That's what it felt like, isn't it.",      # bare feeling word
    "Humiliated.",
    "That really got to you.",                             # feeling as the predicate
    "It's eating away at you.",
    "That's gutting.",                                     # that's + how it feels
    "That must have stung.",
])
def test_label_without_frame(text: str) -> None:
    assert analyze(text).primary == "emotional_labeling", analyze(text).findings


def test_bare_feeling_word_that_echoes_is_a_mirror() -> None:
    a = analyze("Trapped?", subj("I'm trapped in here."))
    assert a.primary == "mirroring"


@pytest.mark.parametrize("text", [
    "That sounds like a plan.", "That sounds fair.", "It seems fine to me.",
    "That's a horrible thing to do to a stranger.",
])
def test_not_every_sounds_or_that_is_a_label(text: str) -> None:
    assert analyze(text).primary != "emotional_labeling"


def test_sick_of_is_a_label_not_an_insult() -> None:
    assert "judging" not in labels("You're sick of being passed from one office to the next.")


# --- paraphrase without "so": the content comes from the subject --------------------------


def test_restatement_of_recent_turns_without_opener() -> None:
    ctx = subj("Twenty-two years I was at that garage.",
               "And they laid me off by text message. A text!")
    a = analyze("Twenty-two years there, and they ended it with a text.", ctx)
    assert a.primary in {"paraphrasing", "summarizing"}, a.findings


def test_third_person_restatement_is_paraphrase() -> None:
    ctx = subj("The social worker went through my bank statements in front of everyone.")
    a = analyze("She went through your statements in front of the whole room.", ctx)
    assert a.primary == "paraphrasing", a.findings


def test_restating_a_demand_is_paraphrase() -> None:
    ctx = subj("Two hundred grand in a holdall. And the brother brings it, alone.")
    a = analyze("Two hundred grand, a holdall, and the brother comes alone.", ctx)
    assert a.primary in {"paraphrasing", "summarizing"}, a.findings


def test_drawing_on_several_turns_is_summarizing() -> None:
    ctx = subj("The garage let me go in March.", "Then the landlord put the rent up.",
               "And now my daughter won't answer my calls.")
    a = analyze("The garage letting you go, the landlord and the rent, and your daughter not "
                "answering your calls.", ctx)
    assert a.primary == "summarizing", a.findings


def test_news_from_our_side_stays_information() -> None:
    ctx = subj("Is my sister okay? Did anyone ring her?")
    a = analyze("We rang your sister an hour ago and an officer is with her now.", ctx)
    assert a.primary == "information", a.findings


# --- where/when/who that invite a story are open -------------------------------------------


@pytest.mark.parametrize("text", [
    "When did it all begin to change for you?",
    "Where do you see things going from here?",
    "When did it start to feel like this?",
])
def test_narrative_wh_is_open(text: str) -> None:
    assert analyze(text).primary == "open_question", analyze(text).findings


@pytest.mark.parametrize("text", ["Where are the car keys?", "When did you last take your tablets?",
                                  "Who else is in the flat?"])
def test_fact_wh_stays_closed(text: str) -> None:
    assert analyze(text).primary == "closed_question"


# --- mirroring: a short echo with the pronouns flipped -----------------------------------


def test_function_word_echo_is_a_mirror() -> None:
    a = analyze("All by yourself?", subj("I sorted the funeral all by myself."))
    assert a.primary == "mirroring", a.findings


def test_group_pronouns_flip_too() -> None:
    a = analyze("Respect for your families?", subj("We want respect for our families."))
    assert a.primary == "mirroring", a.findings


# --- invitations to keep talking are not problem solving ---------------------------------


@pytest.mark.parametrize("text", [
    "Mm. Carry on, I'm listening.", "Okay. Keep talking, I'm with you.", "Go on.",
])
def test_keep_talking_is_encourager(text: str) -> None:
    a = analyze(text)
    assert a.primary == "minimal_encourager"
    assert "problem_solving" not in labels(text)


# --- face saving: the way out as the subject's own choice, strength or legacy --------------


@pytest.mark.parametrize("text", [
    "You'd be the one making that call, Sam. Nobody else.",
    "One day your daughter will ask about tonight, and the story can be that you opened the "
    "door.",
    "You've kept everyone in that shop safe so far. Finishing it your way is something you can "
    "tell your lad.",
])
def test_face_saving(text: str) -> None:
    assert analyze(text).primary == "face_saving", analyze(text).findings


def test_going_your_way_is_not_face_saving() -> None:
    assert "face_saving" not in labels("Nothing has gone your way this year.")


# --- threats: commands with force, and force only when aimed at the subject --------------


@pytest.mark.parametrize("text", [
    "Drop the knife and step out with your hands where we can see them.",
    "This is the police. I need you to open the door immediately.",
    "Touch her and the team out here goes in.",
])
def test_forceful_commands_are_threats(text: str) -> None:
    assert analyze(text).primary == "threat", analyze(text).findings


@pytest.mark.parametrize("text", [
    "Drop the knife. Now.",
    "You need to untie him right now.",
    "Get off that railing right now, Dean.",
])
def test_a_bare_order_however_urgent_is_a_request_not_a_threat(text: str) -> None:
    assert "threat" not in labels(text), analyze(text).findings


def test_denying_the_feeling_is_minimizing_and_arguing() -> None:
    found = labels("You don't mean that. You're not going to hurt anyone.",
                   subj("I swear I'll shoot the next one who moves."))
    assert {"minimizing", "arguing"} <= found and "emotional_labeling" not in found


@pytest.mark.parametrize("text", [
    "You saw the soldiers on the news and it brought all of that back.",
    "Your brother was in the army, wasn't he?",
])
def test_talk_about_force_is_not_a_threat(text: str) -> None:
    assert "threat" not in labels(text)


# --- false promises: outcomes others control -----------------------------------------------


@pytest.mark.parametrize("text", [
    "Come out now and I'm certain the magistrate will go easy on you.",
    "Trust me, the council will give you the flat back.",
    "The prosecutor will drop it if you let them go.",
])
def test_assurance_about_others_decisions_is_false_promise(text: str) -> None:
    assert "false_promise" in labels(text), analyze(text).findings


def test_honest_procedure_is_not_a_promise() -> None:
    assert "false_promise" not in labels("The magistrate will decide about bail in the morning.")


# --- problem solving: what-if proposals and offers phrased as questions -------------------


@pytest.mark.parametrize("text", [
    "What if the two teenagers walked out to the gate?",
    "Could I send some water up to the door for them?",
    "Can we get the old man a chair?",
])
def test_proposals_as_questions_are_problem_solving(text: str) -> None:
    a = analyze(text)
    assert a.primary == "problem_solving", a.findings


def test_worry_after_what_if_is_not_a_proposal() -> None:
    assert "problem_solving" not in labels("What if they don't believe you?")


def test_asking_permission_to_ask_is_not_an_offer() -> None:
    assert analyze("Can I ask you something?").primary == "closed_question"
