"""A coded transcript's summary: skill rates, errors, the stairway, premature influence.

:func:`summarize` codes every negotiator turn of a parsed transcript
(:func:`parley.analysis._transcript.read_transcript`) in context, as a session would,
and says what the transcript shows (:class:`Summary`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from parley.analysis._analyzer import CONTEXT_WINDOW, code_many
from parley.analysis._transcript_notes import direction
from parley.analysis._types import Analysis, Analyzer, Utterance
from parley.techniques import ACTIVE_LISTENING, COUNTS, ERROR_COUNTS, ERRORS

STAGES = ("active listening", "empathy", "rapport", "influence")
"""BCSM stages a negotiator turn can show (Vecchi, Van Hasselt & Romano 2005)."""
_STAGE = {"emotional_labeling": "empathy", "i_message": "empathy", "reassurance": "rapport",
          "self_disclosure": "rapport", "face_saving": "rapport",
          "problem_solving": "influence"}


@dataclass(frozen=True)
class Summary:
    """What a transcript shows.

    Attributes:
        coded: (turn number, 1-based, analysis) for every negotiator turn.
        skill_rates: Active-listening skill -> share of negotiator turns using it.
        errors: Error technique -> turn numbers where it was found at
            :data:`ERROR_LIKELY` confidence or more.
        possible_errors: The same for errors found under :data:`ERROR_LIKELY` (to be
            checked).
        stairway: Per third of the negotiator's coded turns, the share of them at each
            BCSM stage; None for a third with no turns (fewer than three coded).
        premature_influence: Turns with problem solving before three listening turns.

    Skill rates, stages and premature influence count findings at :data:`LIKELY` or more.
    """

    coded: list[tuple[int, Analysis]]
    skill_rates: dict[str, float]
    errors: dict[str, list[int]]
    possible_errors: dict[str, list[int]]
    stairway: list[dict[str, float] | None]
    premature_influence: list[int]

    def where(self, found: dict[str, list[int]]) -> list[tuple[str, list[tuple[int, float]]]]:
        """Return ``[(error, [(turn, confidence), ...]), ...]``, by the turn it first came.

        ``found`` is :attr:`errors` or :attr:`possible_errors`; confidences in [0, 1].
        """
        conf = {(n, f.technique): f.confidence for n, a in self.coded for f in a.findings}
        return [(t, [(n, conf[(n, t)]) for n in turns])
                for t, turns in sorted(found.items(), key=lambda kv: kv[1][0])]


LIKELY = COUNTS
"""Confidence from which a technique counts in the summary, in [0, 1] (as in a session)."""
ERROR_LIKELY = ERROR_COUNTS
"""Confidence from which an error counts in the summary, in [0, 1] (as in a session, where
the subject reacts to it and the score counts it); under it, a possible error."""


def _likely(a: Analysis) -> list[str]:
    return [f.technique for f in a.findings if f.confidence >= LIKELY]


def _stage(a: Analysis) -> str:
    stages = [_STAGE.get(t, "active listening" if t in ACTIVE_LISTENING else "")
              for t in _likely(a)]
    found = [s for s in stages if s]
    return max(found, key=STAGES.index) if found else ""


def to_code(turns: Sequence[Utterance]) -> list[int]:
    """Return the indices of the turns a summary codes: the negotiator's, with words."""
    return [i for i, u in enumerate(turns) if u.speaker == "negotiator" and u.text.strip()]


PAUSE = "..."
"""How an effective pause is typed (DESIGN.md: a line of only ``...``)."""


def _as_coded(u: Utterance) -> Utterance:
    silent = u.speaker == "negotiator" and direction(u.text) == "silence"
    return Utterance(u.speaker, PAUSE) if silent else u


def summarize(turns: Sequence[Utterance], analyzer: Analyzer,
              progress: Callable[[int], None] | None = None) -> Summary:
    """Code every negotiator turn of ``turns`` in context and summarise.

    Each turn is coded with the :data:`CONTEXT_WINDOW` turns before it, as in a session,
    so a transcript of any length reads the same as the session it could have been.
    A negotiator turn that is only a stage direction of silence (``(no response)``) is
    coded as the effective pause :data:`PAUSE`, in its turn and in the context of later
    ones; each analysis keeps the turn's text as transcribed.
    ``progress`` is called with the number of turns coded after each batch.
    """
    numbers = to_code(turns)
    said = [_as_coded(u) for u in turns]
    analyses = code_many(analyzer, [(said[i].text, said[max(0, i - CONTEXT_WINDOW):i])
                                    for i in numbers], progress)
    coded = [(i + 1, replace(a, text=turns[i].text))
             for i, a in zip(numbers, analyses, strict=True)]
    n = max(len(coded), 1)
    skills = Counter(t for _, a in coded for t in set(_likely(a)) if t in ACTIVE_LISTENING)
    errors: dict[str, list[int]] = {}
    possible: dict[str, list[int]] = {}
    for number, a in coded:
        for f in a.findings:
            if f.technique in ERRORS:
                into = errors if f.confidence >= ERROR_LIKELY else possible
                into.setdefault(f.technique, []).append(number)
    thirds = [coded[k * len(coded) // 3:(k + 1) * len(coded) // 3] for k in range(3)]
    stairway: list[dict[str, float] | None] = []
    for part in thirds:
        c = Counter(_stage(a) for _, a in part)
        stairway.append({s: round(c[s] / len(part), 3) for s in STAGES} if part else None)
    premature, listened = [], 0
    for number, a in coded:
        if "problem_solving" in _likely(a) and listened < 3:
            premature.append(number)
        listened += any(t in ACTIVE_LISTENING for t in _likely(a))
    rates = {t: round(skills[t] / n, 3) for t in sorted(skills, key=lambda t: (-skills[t], t))}
    return Summary(coded, rates, errors, possible, stairway, premature)
