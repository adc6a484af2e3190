"""What an instructor would say about an error or a missed moment, and what to say instead.

Alternatives are built from the subject's own last words where possible (his stake, the
feeling in his line, a phrase to give back, his question), so the advice fits the moment
rather than reading as a generic rule. Each case has several phrasings; the turn number
picks one, so the same advice does not come back word for word.
"""

from __future__ import annotations

import string

from parley.assessment._words import STAKES, Reading, promise_of, read, stake_of, topic_of

__all__ = ["MISSED", "STAKES", "better_alternative", "missed_alternative", "missed_why",
           "topic_of", "why_wrong"]

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
        "{echo}. I'm not here to threaten you, I'm here to listen. Tell me about it.",
        "I'm here to talk, that's all. What's happening with {topic}?",
        "You sound {feeling}, and I'm not here to make it worse. What's happened?",
    ),
    "arguing": (
        "It sounds like nobody has been fair to you about {topic}. Tell me how it went.",
        "{echo}. Help me see it the way you see it.",
        "From where you're standing, it's all gone wrong with {topic}. Help me see it.",
        "You sound {feeling} about it, and I want to understand it. Tell me how it went.",
    ),
    "why_question": (
        "Help me understand what's happened with {topic}.",
        "{echo}. How did it come to that?",
        "What's happened tonight that's left you feeling {feeling}?",
        "{echo}. Walk me through it.",
    ),
    "minimizing": (
        "It sounds like what's happened with {topic} has pushed you further than anyone "
        "should be pushed.",
        "{echo}. That's a lot for anyone to carry.",
        "You sound {feeling}, and after what you've been through that makes sense.",
        "{echo}. I'm not going to tell you it's nothing.",
    ),
    "false_promise": (
        "I can't promise {promise}, and I won't lie to you. What I can do is take it to "
        "the people who decide, and tell you straight what they say.",
        "I won't make you promises about {topic} that I can't keep. I'll take it to the "
        "people who decide and tell you straight what they say.",
        "I won't promise {promise}; that isn't mine to give. I'll ask, and I'll come back "
        "to you with an honest answer.",
        "Straight with you: I can't promise {promise}. I can find out what's possible and "
        "come back to you.",
    ),
    "flat_refusal": (
        "That's not something I can do. Let's look at what I can do about {topic}.",
        "{echo}. I can't do it that way, but I'm not stopping here. Let's see what I can do.",
        "I can hear what's at stake for you with {topic}. I can't do it that way, but I'm "
        "not stopping here.",
    ),
    "judging": (
        "Sounds like {topic} is at the heart of this for you. Tell me about it.",
        "{echo}? Sounds like that's been building for a long time.",
        "You've been hurting over {topic} for a long time, haven't you?",
        "You sound {feeling}. Tell me what's been happening.",
    ),
}
"""Better alternatives per error, phrased around the subject's words (see ``Reading``)."""

_UNSPECIFIC: dict[str, tuple[str, ...]] = {
    "threat": ("Nobody here wants anyone hurt, you included. Talk to me about what's "
               "happened tonight.", "I'm here to talk, that's all. What's going on for you "
               "right now?"),
    "why_question": ("What happened that brought you to this point tonight?",
                     "Help me understand how today went."),
    "arguing": ("It sounds like nobody has been fair to you. Tell me how it went.",),
    "minimizing": ("It sounds like you've been pushed further than anyone should be "
                   "pushed.", "You sound worn right down by it."),
    "false_promise": ("I can't promise that, and I won't lie to you. What I can do is take "
                      "it to the people who decide, and tell you straight what they say.",
                      "That isn't mine to give. I'll ask, and I'll come back to you with an "
                      "honest answer."),
    "flat_refusal": ("That's not something I can do. Let's look at what I can do.",),
    "judging": ("Sounds like you've been carrying this a long time.",
                "You've been hurting for a long time, haven't you?"),
}
"""The same, for a subject line that gives nothing to build on."""

_REPAIR = (
    "Fair enough, I got that wrong.",
    "You're right, that came out badly.",
    "I hear you. I shouldn't have said that.",
    "That was the wrong thing for me to say.",
)
"""Owning the last mistake first, when his line is a reaction to one."""

MISSED: dict[str, str] = {
    "too_early": "too early for solutions",
    "robotic": "sounds like a formula",
    "question": "his question went unanswered",
    "feeling": "missed the feeling",
    "disclosure": "missed what he told you",
    "interrogation": "turning into an interrogation",
    "hook": "missed a hook",
}
"""Missed moments the live coach flags, with the heading it shows."""

_MISSED_WHY: dict[str, tuple[str, ...]] = {
    "too_early": (
        "He doesn't trust you yet, so any fix sounds like you want him off the line. "
        "Listen first; earn the right to suggest.",
        "Solutions before rapport get pushed back. Show him you've heard it, then suggest.",
        "He has to feel heard before he'll take a suggestion from you. Go back down the "
        "stairway.",
    ),
    "robotic": (
        "Same formula again: he hears the technique instead of you. Use his words, not "
        "a stock phrase.",
        "That's turning into a script. Vary the skill and build it from what he just said.",
        "He's noticed the pattern. Give back his own words, in a fresh shape.",
    ),
    "question": (
        "He asked you straight and you moved on; a dodged question reads as a game. "
        "Answer it briefly and honestly, then go back to him.",
        "Ignoring his question tells him you're working him. Answer first, even if the "
        "honest answer is that you don't know yet.",
        "He'll keep asking until he gets an answer. A short, true one buys you trust.",
    ),
    "feeling": (
        "He showed you how he feels and got a question back. Name the feeling first; "
        "the facts will follow.",
        "That was the moment to label. A closed question or a fix there tells him you "
        "didn't hear it.",
        "Emotion first, content second: put a name to what you heard before you move on.",
    ),
    "disclosure": (
        "He just told you something real and you moved to your own agenda. Give it back "
        "to him first, so he knows it landed.",
        "That was a disclosure. Acknowledge it before you ask anything else, or he'll "
        "stop offering them.",
        "Paraphrase what he gave you; skipping it teaches him not to tell you things.",
    ),
    "interrogation": (
        "That's {count} closed questions running; it's starting to feel like an "
        "interrogation. Open it up with what or how.",
        "Yes/no questions get yes/no answers. Ask what or how and let him tell the story.",
        "{Count} closed questions in a row: you're collecting facts, he's feeling "
        "questioned. Invite the story instead.",
    ),
    "hook": (
        "He brought up {hook} himself. That's a hook, something he cares about: pick it up.",
        "{hook} came from him, not you. Things a subject raises on his own are the way in.",
        "You let {hook} go by. What he mentions unprompted usually matters most to him.",
    ),
}
"""The one-line reason for each missed moment, several phrasings each."""

_MISSED_BETTER: dict[str, tuple[str, ...]] = {
    "too_early": (
        "{echo}. Tell me more about that.",
        "You sound {feeling}. What's been the hardest part?",
        "It sounds like {topic} is what matters most here. Tell me about it.",
        "{echo}? Go on.",
    ),
    "robotic": (
        "{echo}?",
        "{echo}. That's a lot to carry on your own.",
        "Hang on. {echo}. What was that like?",
        "You sound {feeling}, and that makes sense to me.",
    ),
    "question": (
        "\"{question}\" Fair question, and you'll get a straight answer from me.",
        "You asked me: \"{question}\" I won't dodge that. Here's what I can tell you honestly.",
        "Straight answer to \"{question}\": I'll tell you what I know, and if I don't know, "
        "I'll say so.",
    ),
    "feeling": (
        "You sound {feeling}.",
        "{echo}. No wonder you sound {feeling}.",
        "It sounds like you're feeling {feeling}, and that's been building for a while.",
        "{echo}. You sound {feeling}.",
    ),
    "disclosure": (
        "{echo}. Thank you for telling me that.",
        "{echo}? Tell me more about that.",
        "So it's {topic} that's in the middle of all this.",
        "{echo}. That matters. Go on.",
    ),
    "interrogation": (
        "What's been happening with {topic}?",
        "{echo}. How did that come about?",
        "Tell me more about {topic}.",
        "{echo}. What was that like for you?",
    ),
    "hook": (
        "Tell me about {hook}.",
        "You mentioned {hook}. What's the story there?",
        "{Hook}: that sounds like it matters to you. Tell me about it.",
    ),
}
"""A better move for each missed moment, built from the subject's line."""

_MISSED_UNSPECIFIC: dict[str, tuple[str, ...]] = {
    "too_early": ("Before we get to that, help me understand what tonight's been like.",
                  "Let's slow down. What's happened that's brought you here?"),
    "robotic": ("Say that again for me. I want to get it right.",),
    "question": ("Fair question. Let me give you a straight answer.",),
    "feeling": ("You sound like it's all come down on you at once.",),
    "disclosure": ("That's important. Tell me more about it.",),
    "interrogation": ("What's been happening tonight?", "Tell me how it got to this point."),
    "hook": ("Tell me more about that.",),
}
"""The same, for a subject line that gives nothing to build on."""


def _fields(template: str) -> set[str]:
    return {name.lower() for _, name, _, _ in string.Formatter().parse(template) if name}


def _choose(templates: tuple[str, ...], fallback: tuple[str, ...], values: dict[str, str],
            turn: int) -> str:
    """A template whose fields all have values (field-free ones only as a last resort)."""
    specific = [t for t in templates if _fields(t) and all(values.get(f) for f in _fields(t))]
    options = specific or [t for t in templates if not _fields(t)] or list(fallback)
    if not options:
        return ""
    capitals = {k[:1].upper() + k[1:]: v[:1].upper() + v[1:] for k, v in values.items()}
    text = options[turn % len(options)].format(**values, **capitals)
    return text[0].upper() + text[1:]


def _values(reading: Reading, **extra: str) -> dict[str, str]:
    return {**reading.fields(), **extra}


def why_wrong(technique: str) -> str:
    """One-line reason an error hurts (McMains & Mullins; Vecchi et al. 2005)."""
    return _WHY.get(technique, "")


def better_alternative(technique: str, subject_line: str, turn: int, said: str = "", *,
                       repair: bool = False) -> str:
    """A better thing to say at this moment instead of ``technique``.

    Args:
        technique: An error name.
        subject_line: The subject's line the trainee was answering.
        turn: Turn number, used to vary the suggestion deterministically.
        said: What the trainee said: what it promised (for a false promise), and its
            stake ("your job") when the subject's line names none.
        repair: The subject's line was his reaction to an error of the trainee's: the
            alternative first owns that mistake.
    """
    values = _values(read(subject_line), promise=promise_of(said))
    if not values["topic"] and said:
        values["topic"] = stake_of(said.replace("your ", "my ").replace("Your ", "My "))
    text = _choose(_BETTER.get(technique, ()), _UNSPECIFIC.get(technique, ()), values, turn)
    if repair and text:
        text = f"{_REPAIR[turn % len(_REPAIR)]} {text}"
    return text


def missed_why(moment: str, turn: int, *, count: str = "three", hook: str = "") -> str:
    """The one-line reason a missed moment matters (a key of :data:`MISSED`)."""
    return _choose(_MISSED_WHY.get(moment, ()), (), {"count": count, "hook": hook}, turn)


def missed_alternative(moment: str, subject_line: str, turn: int, *, hook: str = "") -> str:
    """What to say instead, for a missed moment (a key of :data:`MISSED`).

    Args:
        moment: The missed moment.
        subject_line: The subject's line the trainee was answering.
        turn: Turn number, used to vary the suggestion deterministically.
        hook: For ``hook``, the hook as the subject named it ("Bess").
    """
    values = _values(read(subject_line), hook=hook)
    return _choose(_MISSED_BETTER.get(moment, ()), _MISSED_UNSPECIFIC.get(moment, ()),
                   values, turn)
