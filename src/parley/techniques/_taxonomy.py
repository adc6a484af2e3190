"""Every technique of the project's doctrine, as data.

Source of the doctrine: the FBI active-listening skill set (Noesner & Webster 1997;
Vecchi, Van Hasselt & Romano 2005, "Crisis (hostage) negotiation: current strategies and
issues in high-risk conflict resolution"), and the negotiation "don'ts" taught in crisis
negotiation courses (McMains & Mullins, *Crisis Negotiations*, 5th ed.).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    """Where a technique sits in the doctrine."""

    ACTIVE_LISTENING = "active_listening"
    """One of the eight FBI active-listening skills: the first steps of the stairway."""
    OTHER = "other_move"
    """A legitimate negotiator move that is not an active-listening skill."""
    ERROR = "error"
    """A negotiation "don't": raises arousal, costs trust."""


@dataclass(frozen=True)
class Technique:
    """One technique of the taxonomy.

    Attributes:
        name: The project-wide identifier, e.g. ``emotional_labeling``.
        family: Active-listening skill, other move, or error.
        definition: One sentence an instructor would accept.
        examples: Two or more short utterances that show it.
        source: Where the definition comes from.
    """

    name: str
    family: Family
    definition: str
    examples: tuple[str, ...]
    source: str


_FBI = "FBI active-listening skills (Noesner & Webster 1997; Vecchi et al. 2005)"
_DONTS = "Negotiation don'ts (McMains & Mullins, Crisis Negotiations)"
_BCSM = "Behavioral Change Stairway Model (Vecchi, Van Hasselt & Romano 2005)"

_ALL: tuple[Technique, ...] = (
    Technique(
        "emotional_labeling", Family.ACTIVE_LISTENING,
        "Tentatively naming the emotion the subject seems to feel.",
        ("Sounds like you feel betrayed.", "You seem exhausted by all of this."), _FBI),
    Technique(
        "paraphrasing", Family.ACTIVE_LISTENING,
        "Restating the subject's content in your own words, shorter, without minimising.",
        ("So after nineteen years they let you go.", "They took the kids and the house."),
        _FBI),
    Technique(
        "summarizing", Family.ACTIVE_LISTENING,
        "Pulling the content and feelings of several turns together.",
        ("Let me see if I've got it: the job, the debts, and now the court...",), _FBI),
    Technique(
        "mirroring", Family.ACTIVE_LISTENING,
        "Repeating the subject's last words or key phrase, often as a question.",
        ("Never gave you a chance?", "Nobody listens?"), _FBI),
    Technique(
        "minimal_encourager", Family.ACTIVE_LISTENING,
        "A brief signal that you are listening.",
        ("Mm-hmm.", "Go on.", "I see."), _FBI),
    Technique(
        "open_question", Family.ACTIVE_LISTENING,
        "A question that invites a narrative (what, how, tell me).",
        ("What happened today?", "Tell me about your daughter."), _FBI),
    Technique(
        "i_message", Family.ACTIVE_LISTENING,
        "\"I feel ... when ... because ...\", said without blame.",
        ("I get uneasy when I hear about deadlines, because I want us to keep talking.",),
        _FBI),
    Technique(
        "effective_pause", Family.ACTIVE_LISTENING,
        "Deliberate silence before or after something important.",
        ("...", "…"), _FBI),
    Technique(
        "closed_question", Family.OTHER,
        "A yes/no or single-fact question.",
        ("Are you hurt?", "Is anyone else in the flat with you?"), _BCSM),
    Technique(
        "reassurance", Family.OTHER,
        "Telling the subject they are safe, not alone, or that you are there for them.",
        ("I'm not going anywhere.", "Nobody is going to rush you."), _BCSM),
    Technique(
        "self_disclosure", Family.OTHER,
        "A brief, genuine piece of the negotiator's own experience.",
        ("I've got a little girl too.", "I lost my dad last year."), _BCSM),
    Technique(
        "problem_solving", Family.OTHER,
        "Options, requests and suggestions: right only once rapport exists.",
        ("Would you be willing to put the gun on the table?", "Maybe send the baby out first."),
        _BCSM),
    Technique(
        "information", Family.OTHER,
        "Facts about the situation, the procedure, health, money or the law.",
        ("The ambulance is parked at the corner.", "Sleeping pills take hours to act."),
        _BCSM),
    Technique(
        "face_saving", Family.OTHER,
        "Offering a dignified way out that protects the subject's self-image.",
        ("Walking out on your terms shows strength.", "Nobody has to see this as giving up."),
        "Face negotiation theory in crisis talk (Rogan & Hammer 1994)"),
    Technique(
        "threat", Family.ERROR,
        "Threats and ultimatums, including force stated as a plain fact.",
        ("Come out or we're coming in.", "There are forty armed officers outside."), _DONTS),
    Technique(
        "arguing", Family.ERROR,
        "Contradicting, correcting or challenging the subject.",
        ("That's not true.", "No, you're wrong about that."), _DONTS),
    Technique(
        "why_question", Family.ERROR,
        "An accusatory \"why ...?\" that demands justification.",
        ("Why would you do this to your family?", "Why did you bring a gun?"), _DONTS),
    Technique(
        "minimizing", Family.ERROR,
        "Telling the subject to calm down, or that it is not that bad.",
        ("Calm down.", "It's not the end of the world."), _DONTS),
    Technique(
        "false_promise", Family.ERROR,
        "A guarantee, concession or lie the negotiator cannot authorise.",
        ("I promise you won't go to prison.", "You can have the car, no problem."), _DONTS),
    Technique(
        "flat_refusal", Family.ERROR,
        "A bare \"no\" with nothing offered in its place.",
        ("No.", "That's not happening."), _DONTS),
    Technique(
        "judging", Family.ERROR,
        "Blaming, moralising or insulting the subject.",
        ("You should be ashamed.", "What kind of father does that?"), _DONTS),
)

TECHNIQUES: dict[str, Technique] = {t.name: t for t in _ALL}
"""All techniques by name, in doctrine order."""

ACTIVE_LISTENING: frozenset[str] = frozenset(
    t.name for t in _ALL if t.family is Family.ACTIVE_LISTENING
)
"""The eight FBI active-listening skills."""

ERRORS: frozenset[str] = frozenset(t.name for t in _ALL if t.family is Family.ERROR)
"""The seven negotiation errors."""

INFLUENCE: frozenset[str] = frozenset({"problem_solving", "face_saving"})
"""Moves of the stairway's influence step (BCSM): effective only once rapport exists."""


_SPELLINGS: dict[str, str] = {
    "labelling": "labeling", "summarising": "summarizing", "minimising": "minimizing",
    "encouragers": "encourager", "questions": "question", "messages": "message",
    "pauses": "pause", "promises": "promise", "refusals": "refusal", "threats": "threat",
    "statements": "statement", "ultimatums": "ultimatum", "suggestions": "suggestion",
    "openended": "open",
}
_SYNONYMS: dict[str, str] = {
    "paraphrase": "paraphrasing", "summary": "summarizing", "summarization": "summarizing",
    "mirror": "mirroring", "emotion_labeling": "emotional_labeling",
    "labeling": "emotional_labeling", "encourager": "minimal_encourager",
    "pause": "effective_pause", "silence": "effective_pause",
    "imessage": "i_message", "i_statement": "i_message", "istatement": "i_message",
    "disclosure": "self_disclosure", "ultimatum": "threat", "suggestion": "problem_solving",
    "problem_solving_suggestion": "problem_solving", "info": "information",
    "threatening": "threat", "argument": "arguing", "why": "why_question",
    "judgement": "judging", "judgment": "judging", "judgmental": "judging",
    "judgemental": "judging", "face_save": "face_saving", "facesaving": "face_saving",
}


def technique_name(label: str) -> str | None:
    """Return the taxonomy name a human-written label means, or None if none.

    Coders write names as they speak them: ``Emotional Labelling``, ``open-ended
    question``, ``Minimal encouragers``, ``I-message``, ``paraphrase``. Case, spaces,
    hyphens, British spellings, plurals and a few common short forms are forgiven;
    anything else is not guessed.
    """
    words = "".join(c if c.isalnum() else " " for c in label.lower()).split()
    key = "_".join(_SPELLINGS.get(w, w) for w in words)
    key = key.replace("open_ended_", "open_").replace("closed_ended_", "closed_")
    if key in TECHNIQUES:
        return key
    return _SYNONYMS.get(key) or _SYNONYMS.get(key.replace("_", ""))


def family_of(name: str) -> Family:
    """Return the family of a technique.

    Raises:
        KeyError: If ``name`` is not a technique of the taxonomy.
    """
    return TECHNIQUES[name].family


def is_error(name: str) -> bool:
    """Return True if ``name`` is one of the seven negotiation errors."""
    return name in ERRORS


def is_listening(name: str) -> bool:
    """Return True if ``name`` is one of the eight active-listening skills."""
    return name in ACTIVE_LISTENING
