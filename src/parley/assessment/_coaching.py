"""What an instructor would say about an error, and what to say instead.

Alternatives are built from the subject's own last words where possible, so the advice
fits the moment rather than reading as a generic rule.
"""

from __future__ import annotations

import re

_WHY: dict[str, str] = {
    "threat": "A threat puts force between you; it raises arousal and makes violence "
              "the subject's way to save face.",
    "arguing": "Contradicting him makes you the opponent; he defends his story instead "
               "of telling you more of it.",
    "why_question": "\"Why\" sounds like an accusation; he justifies himself instead of "
                    "explaining what happened.",
    "minimizing": "Telling someone in crisis to calm down, or that it isn't that bad, "
                  "tells him you haven't heard how bad it is.",
    "false_promise": "You cannot authorise that. When he finds out, the trust you built "
                     "is gone, and so is your credibility for the rest of the incident.",
    "flat_refusal": "A bare no ends the conversation; keep the door open by saying what "
                    "you can do.",
    "judging": "Blame and moralising attack his face; a person who feels humiliated "
               "has little left to lose.",
}

_BETTER: dict[str, tuple[str, ...]] = {
    "threat": (
        "Nobody here wants anyone hurt, you included. Talk to me about {topic}.",
        "I'm here to talk, that's all. What's happening with {topic}?",
    ),
    "arguing": (
        "It sounds like nobody has been fair to you about {topic}. Tell me how it went.",
        "From where you're standing, it's all gone wrong with {topic}. Help me see it.",
    ),
    "why_question": (
        "What happened that brought you to this point tonight?",
        "Help me understand what's happened with {topic}.",
    ),
    "minimizing": (
        "It sounds like what's happened with {topic} has pushed you further than anyone "
        "should be pushed.",
        "You sound worn out, and it's {topic} that's weighing on you most.",
    ),
    "false_promise": (
        "I can't promise that, and I won't lie to you. What I can do is take it to the "
        "people who decide, and tell you straight what they say.",
        "That isn't mine to give. I'll ask, and I'll come back to you with an honest answer.",
    ),
    "flat_refusal": (
        "That's not something I can do. Let's look at what I can do about {topic}.",
        "I can hear what's at stake for you with {topic}. I can't do it that way, but I'm "
        "not stopping here.",
    ),
    "judging": (
        "Sounds like {topic} is at the heart of all this for you. Tell me about it.",
        "You've been hurting over {topic} for a long time, haven't you?",
    ),
}
"""Better alternatives per error, phrased around the subject's stake (``{topic}``)."""

_UNSPECIFIC: dict[str, tuple[str, ...]] = {
    "threat": ("Nobody here wants anyone hurt, you included. Talk to me about what's "
               "happened tonight.", "I'm here to talk, that's all. What's going on for you "
               "right now?"),
    "why_question": ("What happened that brought you to this point tonight?",
                     "Help me understand how today went."),
    "arguing": ("It sounds like nobody has been fair to you. Tell me how it went.",),
    "minimizing": ("It sounds like you've been pushed further than anyone should be "
                   "pushed.", "You sound worn right down by all of it."),
    "flat_refusal": ("That's not something I can do. Let's look at what I can do.",),
    "judging": ("Sounds like you've been carrying all of this a long time.",
                "You've been hurting for a long time, haven't you?"),
}
"""The same, for a subject line that names no stake."""

_OWN = re.compile(r"\b(my|our)\s+(\w+)", re.IGNORECASE)
STAKES = frozenset("""
    kids kid children child son sons daughter daughters boy boys girl girls lad baby wife
    husband partner ex family mum mother mam dad father brother sister parents grandson
    granddaughter job work career business trade plant firm house home flat farm money
    debt debts loan court case custody marriage friend mate mates people men brother's
    valley village country land faith church health life
    """.split())
"""Nouns of a subject's stakes: what a coaching suggestion may name ("your kids")."""


def topic_of(subject_line: str) -> str:
    """What the subject's line is about, from the subject's own stakes.

    The first "my X" / "our X" whose X is one of :data:`STAKES`, in the negotiator's voice
    ("my kids" -> "your kids"); otherwise "all of this".
    """
    for match in _OWN.finditer(subject_line):
        noun = match.group(2).lower()
        if noun in STAKES:
            return ("your " if match.group(1).lower() == "my" else "your family's ") + noun
    return "all of this"


def why_wrong(technique: str) -> str:
    """One-line reason an error hurts (McMains & Mullins; Vecchi et al. 2005)."""
    return _WHY.get(technique, "")


def better_alternative(technique: str, subject_line: str, turn: int) -> str:
    """A better thing to say at this moment instead of ``technique``.

    Args:
        technique: An error name.
        subject_line: The subject's line the trainee was answering.
        turn: Turn number, used to vary the suggestion deterministically.
    """
    topic = topic_of(subject_line)
    options = _BETTER.get(technique, ())
    if topic == "all of this":
        options = _UNSPECIFIC.get(technique, options)
    if not options:
        return ""
    text = options[turn % len(options)].format(topic=topic)
    return text[0].upper() + text[1:]
