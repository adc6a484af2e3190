"""Live coaching: what an instructor at the trainee's shoulder would flag after one turn.

The same notes serve the terminal (``parley train``) and the web console; each front end
only formats them. Missed moments are decided from the turn and the subject's state (and,
when the session is given, from the scenario's hooks and the earlier turns): no further
analysis of the text is done here.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Literal

from parley.assessment._coaching import (
    MISSED,
    better_alternative,
    missed_alternative,
    missed_why,
    why_wrong,
)
from parley.assessment._rubric import counted
from parley.assessment._rubric import used as scored
from parley.assessment._words import question_of
from parley.session import Session, Turn
from parley.subject import Stairway
from parley.techniques import ERRORS, INFLUENCE, TECHNIQUES

INTERROGATION_RUN = 3
"""Closed questions in a row (this turn included) that make an interrogation."""

_WARNINGS = {
    "resist_influence": "too early for solutions: he doesn't trust you yet. Listen first.",
    "robotic": "that sounds like a formula: tie what you say to his words.",
}

_AS_MOMENT = {"resist_influence": "too_early", "robotic": "robotic"}
"""Warnings that a missed-moment note (with a better move) makes redundant."""

_REFLECTIVE = frozenset({"emotional_labeling", "paraphrasing", "summarizing", "mirroring",
                         "minimal_encourager", "effective_pause"})
"""Moves that give the subject's words back to him (or leave him room)."""
_ANSWERING = _REFLECTIVE | {"information", "self_disclosure", "reassurance", "i_message"}
"""Moves that can answer a question he asked."""
_MOVING_ON = INFLUENCE | {"open_question", "closed_question"}
"""Moves that take the talk somewhere new (past a question he asked)."""
_COUNT = {3: "three", 4: "four", 5: "five", 6: "six"}
_WORKED = frozenset({"accept_influence", "surrender", "release", "gain"})
"""Reply situations that show the move worked: no missed moment is flagged."""
_SHARING = frozenset({"vent", "heard", "silence", "doubt"})
"""Reply situations in which the subject opens up (docs/design/reply-situations.md)."""

_CONTENT = re.compile(r"[a-z][a-z']{3,}")
_COMMON = frozenset("""that this what with have your you're they them there then when
    where just about would could should been were from will into only even know like
    want come right yeah does doesn't don't""".split())

NoteKind = Literal["technique", "error", "missed", "warning"]


@dataclass(frozen=True)
class CoachNote:
    """One coaching flag.

    Attributes:
        kind: ``technique`` (a technique detected), ``error`` (an error, with a fix),
            ``missed`` (a missed moment, with a better move) or ``warning`` (what the
            subject's reaction shows).
        text: For a technique, its name; for an error or a missed moment, why it matters
            (one line); for a warning, the advice.
        technique: The technique or error named, if any; for a missed moment, the skill
            the moment called for.
        family: Its family (``active_listening``, ``error``...), if any.
        confidence: Confidence of the finding in [0, 1] (1.0 for warnings).
        better: For an error or a missed moment, a better thing to say at that moment.
        moment: For a missed moment, which one (a key of ``MISSED``: ``feeling``,
            ``question``, ``too_early``...).
        title: For a missed moment, its heading ("missed the feeling").
    """

    kind: NoteKind
    text: str
    technique: str = ""
    family: str = ""
    confidence: float = 1.0
    better: str = ""
    moment: str = ""
    title: str = ""

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return asdict(self)


def coach_turn(turn: Turn, subject_line: str, session: Session | None = None
               ) -> tuple[CoachNote, ...]:
    """Coaching notes for one turn: techniques, an error or a missed moment, warnings.

    Up to three techniques detected, then the first error with a fix, or else the most
    important missed moment with a better move, then warnings.

    Args:
        turn: The turn just taken.
        subject_line: The subject's line the trainee was answering.
        session: The session the turn belongs to, if at hand: it adds the scenario's
            hooks and the earlier turns (a fact just disclosed, a hook never picked up).
            Only turns before ``turn`` are read, so a finished session can be passed.
    """
    scored = set(counted(turn))
    found = [f for f in turn.analysis.findings if f.technique in scored]
    notes = [CoachNote("technique", f.technique, f.technique, _family(f.technique),
                       f.confidence) for f in found[:3]]
    for f in found:
        if f.technique in ERRORS:
            notes.append(CoachNote("error", why_wrong(f.technique), f.technique, "error",
                                   f.confidence,
                                   better_alternative(f.technique, subject_line, turn.index,
                                                      turn.trainee,
                                                      repair=turn.before.error_streak > 0)))
            break
    else:
        missed = _missed(turn, subject_line, session, {f.technique for f in found})
        if missed is not None:
            notes.append(missed)
    situation = turn.decision.situation
    if situation in _WARNINGS and not any(n.moment == _AS_MOMENT[situation] for n in notes):
        notes.append(CoachNote("warning", _WARNINGS[situation]))
    return tuple(notes)


def _missed(turn: Turn, subject_line: str, session: Session | None, used: set[str]
            ) -> CoachNote | None:
    """The most important moment this turn missed, if any (errors are flagged first)."""
    moment, skill, extra = _which(turn, subject_line, session, used)
    if not moment:
        return None
    count = extra.get("count", "three")
    hook = extra.get("hook", "")
    return CoachNote(
        "missed", missed_why(moment, turn.index, count=count, hook=hook), skill,
        _family(skill), 1.0, missed_alternative(moment, subject_line, turn.index, hook=hook),
        moment, MISSED[moment])


def _which(turn: Turn, subject_line: str, session: Session | None, used: set[str]
           ) -> tuple[str, str, dict[str, str]]:
    situation = turn.decision.situation
    if situation == "resist_influence":
        return "too_early", "paraphrasing", {}
    if situation in _WORKED:
        return "", "", {}
    run = _closed_run(turn)
    if run >= INTERROGATION_RUN and not used & (_REFLECTIVE | {"open_question"}):
        return "interrogation", "open_question", {"count": _COUNT.get(run, "several")}
    if situation == "robotic":
        return "robotic", "mirroring", {}
    if turn.pause:
        return "", "", {}
    question = question_of(subject_line)
    if (question and used & _MOVING_ON and not used & _ANSWERING
            and not _shares_words(turn.trainee, question)):
        return "question", "information", {}
    previous = _previous(turn, session)
    shut = bool(used & {"closed_question"} or used & INFLUENCE
                 and turn.before.stairway < Stairway.RAPPORT) and not used & _REFLECTIVE
    if shut and not _asks_critical(turn, session):
        if previous is not None and previous.decision.facts:
            return "disclosure", "paraphrasing", {}
        if previous is not None and previous.decision.situation in _SHARING:
            return "feeling", "emotional_labeling", {}
        if previous is None and turn.before.frame == "emotional" and turn.index > 1:
            return "feeling", "emotional_labeling", {}
    influencing = bool(used & INFLUENCE) and turn.before.stairway >= Stairway.RAPPORT
    hook = "" if used & _REFLECTIVE or influencing else _hook_missed(turn, subject_line,
                                                                      session)
    if hook:
        return "hook", "open_question", {"hook": hook}
    return "", "", {}


def _previous(turn: Turn, session: Session | None) -> Turn | None:
    if session is None or turn.index < 2 or len(session.turns) < turn.index - 1:
        return None
    return session.turns[turn.index - 2]


def _shares_words(said: str, question: str) -> bool:
    words = {w for w in _CONTENT.findall(question.lower()) if w not in _COMMON}
    return bool(words & set(_CONTENT.findall(said.lower())))


def _asks_critical(turn: Turn, session: Session | None) -> bool:
    """A question about a critical fact (weapon, pills): intelligence, not a missed label."""
    if session is None:
        return False
    return any(f.critical and f.keywords and _mentions(turn.trainee, f.keywords)
               for f in session.scenario.facts)


def _closed_run(turn: Turn) -> int:
    """Closed questions in a row, ending with this turn (0 if this turn has none)."""
    run = 0
    for moves in reversed(turn.after.recent):
        if "closed_question" not in moves:
            break
        run += 1
    return run


def _hook_missed(turn: Turn, subject_line: str, session: Session | None) -> str:
    """A hook the subject named in his line that the trainee has never picked up.

    Only hooks whose trust threshold is met (raised too early, a hook backfires), only
    the first time he names it with that trust (no nagging), and only when this turn
    did not raise it either. Returns the hook as the subject said it ("Bess").
    """
    if session is None:
        return ""
    earlier = session.turns[:turn.index - 1]
    said = [t.trainee for t in earlier] + [turn.trainee]
    # The subject's line each earlier turn answered: the opening, then each reply.
    lines = ([session.opening] + [t.reply for t in earlier])[:len(earlier)]
    for hook in session.scenario.hooks:
        if hook.topic in turn.after.topics or turn.after.trust < hook.min_trust:
            continue
        named = _named(subject_line, hook.keywords)
        if not named or any(_mentions(s, hook.keywords) for s in said):
            continue
        if any(_named(line, hook.keywords) and t.after.trust >= hook.min_trust
               and not scored(t) & _REFLECTIVE for line, t in zip(lines, earlier, strict=True)):
            continue  # flagged back then
        return named
    return ""


_ABSTRACT = frozenset("""respect fair deal business businessman professional alive honour
    dignity security guard brother teacher teaching trade pattern patterns craft""".split())
"""Hook keywords too general to mean the subject raised the hook himself."""


def _mentions(text: str, keywords: list[str]) -> bool:
    low = text.lower().replace("’", "'")
    return any(re.search(r"\b" + re.escape(k.strip().lower()) + r"\b", low)
               for k in keywords if k.strip())


def _named(line: str, keywords: list[str]) -> str:
    """How ``line`` names one of ``keywords``: a name, "the X", or "my X" for "your X"."""
    def rank(keyword: str) -> tuple[int, int]:
        hit = re.search(r"\b" + re.escape(keyword) + r"\b", line, re.IGNORECASE)
        is_name = bool(hit and " " not in keyword and hit.group(0)[:1].isupper())
        return (0 if is_name else 1 if keyword.startswith(("your ", "the ")) else 2,
                -len(keyword))

    for k in sorted(keywords, key=rank):
        key = k.strip().lower()
        if (key in _ABSTRACT or "you" in key.replace("your ", "", 1).split()
                or " " in key and not key.startswith(("your ", "the "))):
            continue
        own = re.sub(r"^your\b", "my", key)
        match = re.search(r"\b" + re.escape(own) + r"\b", line, re.IGNORECASE)
        if not match:
            continue
        text = match.group(0)
        if text.lower().endswith("'s"):
            text = text[:-2]
        if own.startswith("my "):
            return "your " + text[3:]
        if " " not in text and text[:1].isupper():
            return text  # a name: Bess, Chloe, Sorrin
        if " " in text or not re.search(r"\b" + re.escape(key) + r"\b", line):
            return text.lower()
        return text
    return ""


def _family(name: str) -> str:
    technique = TECHNIQUES.get(name)
    return technique.family.value if technique else ""
