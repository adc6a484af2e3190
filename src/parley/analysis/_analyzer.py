"""The rule-based analyzer: run the rules, resolve conflicts, always return a finding."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from parley.analysis import _turn_rules as T
from parley.analysis._features import build_context, compute
from parley.analysis._rules import SENTENCE_RULES, Turn, finding
from parley.analysis._text import sentences
from parley.analysis._types import Analysis, Analyzer, Finding, Utterance
from parley.errors import InputError
from parley.techniques import TECHNIQUES

MAX_CHARS = 4000
"""Longest utterance accepted, in characters."""

_TURN_LEVEL = frozenset({
    "mirroring", "paraphrasing", "summarizing", "minimal_encourager", "flat_refusal",
    "effective_pause",
})
_ORDER = {name: i for i, name in enumerate(TECHNIQUES)}
_ACTS = frozenset({"threat", "why_question", "judging"})
_CLAIMS = frozenset({
    "threat", "judging", "arguing", "minimizing", "false_promise", "problem_solving",
    "reassurance", "face_saving", "self_disclosure", "i_message", "why_question",
})
# (if present, technique to scale, factor): conflicts inside one sentence.
_DAMP = (
    ("minimizing", "emotional_labeling", 0.6), ("minimizing", "reassurance", 0.6),
    ("face_saving", "problem_solving", 0.6), ("false_promise", "reassurance", 0.6),
    ("threat", "problem_solving", 0.5), ("self_disclosure", "threat", 0.5),
    ("threat", "information", 0.4), ("i_message", "emotional_labeling", 0.85),
    ("problem_solving", "closed_question", 0.5), ("judging", "why_question", 0.9),
    ("open_question", "information", 0.5), ("closed_question", "information", 0.5),
)


def _scale(f: Finding, factor: float) -> Finding:
    return replace(f, confidence=round(f.confidence * factor, 3))


def _resolve(found: dict[str, Finding]) -> dict[str, Finding]:
    """Apply the in-sentence conflicts: an act that reframes a question, dampers."""
    if _ACTS & found.keys():
        found.pop("open_question", None)
        found.pop("closed_question", None)
    for cause, target, factor in _DAMP:
        if cause in found and target in found:
            found[target] = _scale(found[target], factor)
    return found


def _sentence_findings(turn: Turn) -> tuple[list[Finding], set[int]]:
    out: list[Finding] = []
    claimed: set[int] = set()
    for i, s in enumerate(turn.sents):
        found = {f.technique: f for rule in SENTENCE_RULES if (f := rule(s, turn))}
        found = _resolve(found)
        if _CLAIMS & found.keys() or found.get("information", _NIL).confidence >= 0.55:
            claimed.add(i)
        if not found:
            found["information" if not s.question else "closed_question"] = finding(
                "information" if not s.question else "closed_question", 0.3,
                "plain statement, no other cue" if not s.question else "plain question", s.raw)
        out.extend(found.values())
    return out, claimed


_NIL = Finding("information", 0.0, "")


def _turn_findings(turn: Turn, claimed: set[int]) -> list[Finding]:
    rules = (T.effective_pause, T.minimal_encourager, T.flat_refusal, T.mirroring,
             T.granted_demand)
    out = [f for rule in rules if (f := rule(turn))]
    more = (T.paraphrasing(turn, claimed), T.summarizing(turn, claimed))
    return out + [f for f in more if f]


def _merge(findings: list[Finding]) -> dict[str, Finding]:
    merged: dict[str, Finding] = {}
    for f in findings:
        if f.technique not in merged or f.confidence > merged[f.technique].confidence:
            merged[f.technique] = f
    return merged


def _whole_turn(merged: dict[str, Finding]) -> dict[str, Finding]:
    """Conflicts across the turn: echoes and signals outrank the question form."""
    enc = merged.get("minimal_encourager")
    if enc and enc.confidence >= 0.6 or "effective_pause" in merged and len(merged) > 1:
        for name in ("closed_question", "open_question", "information"):
            merged.pop(name, None)
    for echo in ("mirroring", "paraphrasing"):
        if merged.get(echo, _NIL).confidence >= 0.5 and "closed_question" in merged:
            merged["closed_question"] = _scale(merged["closed_question"], 0.5)
    listening = {"summarizing", "paraphrasing"} & merged.keys()
    info = merged.get("information", _NIL).confidence
    if listening and info < 0.5 and max(merged[n].confidence for n in listening) >= info:
        merged.pop("information", None)
    turn_level = _TURN_LEVEL & merged.keys()
    for name in ("information", "closed_question"):
        if turn_level and merged.get(name, _NIL).evidence.startswith("plain "):
            merged.pop(name)
    if merged.get("flat_refusal", _NIL).confidence >= 0.5:
        merged.pop("paraphrasing", None)
    if "flat_refusal" in merged and merged["flat_refusal"].confidence < 0.5:
        merged["information"] = finding("information", 0.5, "answers the subject's question",
                                        merged["flat_refusal"].span)
    return merged


def _robotic(merged: dict[str, Finding], repeat: float) -> dict[str, Finding]:
    if repeat < 0.7:
        return merged
    note = f" (repeats an earlier line of the trainee, repeat_own={repeat:.2f}: robotic?)"
    return {k: replace(f, evidence=f.evidence + note) for k, f in merged.items()}


MAX_CONTEXT_TURNS = 200
"""Most context turns accepted (the analyzers read the last dozen; a session has ~30)."""
CONTEXT_WINDOW = 12
"""Turns of dialogue given as context to each coded turn, by sessions and transcripts
alike (the subject's last line, the span a summary covers, the trainee's own repeats)."""


def check_text(text: object) -> str:
    """Return ``text`` if it can be analysed; raise :class:`InputError` otherwise."""
    if not isinstance(text, str):
        raise InputError(f"utterance must be text, got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise InputError(f"utterance is too long ({len(text)} characters; the limit is "
                         f"{MAX_CHARS})")
    return text


def check_context(context: Sequence[Utterance]) -> Sequence[Utterance]:
    """Return ``context`` if it can be analysed; raise :class:`InputError` otherwise.

    Every turn is held to the utterance limit (a subject's line of megabytes would be
    embedded whole), and at most :data:`MAX_CONTEXT_TURNS` turns are accepted.
    """
    if len(context) > MAX_CONTEXT_TURNS:
        raise InputError(f"context too long: {len(context)} turns (max {MAX_CONTEXT_TURNS})")
    for k, turn in enumerate(context, 1):
        if not isinstance(turn.text, str) or len(turn.text) > MAX_CHARS:
            size = len(turn.text) if isinstance(turn.text, str) else 0
            raise InputError(f"context turn {k} too long or not text: {size} characters "
                             f"(max {MAX_CHARS})")
    return context


def code_many(analyzer: Analyzer, items: Sequence[tuple[str, Sequence[Utterance]]],
              progress: Callable[[int], None] | None = None, chunk: int = 64
              ) -> list[Analysis]:
    """Code ``(text, context)`` pairs in batches of ``chunk`` (``analyze_many`` if it has one).

    Args:
        analyzer: Any analyzer.
        items: The turns to code, each with its preceding dialogue (oldest first).
        progress: Called after each batch with the number of turns just coded.
        chunk: Turns per batch.

    Returns:
        One :class:`Analysis` per item, in order (the same as coding them one by one).

    Raises:
        InputError: A turn or its context cannot be analysed.
    """
    many = getattr(analyzer, "analyze_many", None)
    out: list[Analysis] = []
    for start in range(0, len(items), chunk):
        part = items[start:start + chunk]
        out.extend(many(part) if many else [analyzer(t, c) for t, c in part])
        if progress is not None:
            progress(len(part))
    return out


class RulesAnalyzer:
    """Transparent rule-based technique analyzer (``rules-v1``)."""

    name = "rules-v1"

    def __call__(self, text: str, context: Sequence[Utterance] = ()) -> Analysis:
        """Code ``text`` given the preceding dialogue (oldest first).

        Returns:
            An :class:`Analysis` with at least one finding, sorted by confidence in [0, 1].

        Raises:
            InputError: If ``text`` is not a string or is over :data:`MAX_CHARS` long.
        """
        text = check_text(text)
        ctx = build_context(check_context(context))
        sents = sentences(text)
        turn = Turn(text, sents, ctx, compute(sents, ctx))
        per_sentence, claimed = _sentence_findings(turn) if sents else ([], set())
        merged = _whole_turn(_merge(per_sentence + _turn_findings(turn, claimed)))
        merged = _robotic(merged, turn.feats["repeat_own"])
        if not merged:
            merged["effective_pause"] = finding("effective_pause", 0.5, "no words", text)
        ranked = sorted(merged.values(), key=lambda f: (-f.confidence, _ORDER[f.technique]))
        return Analysis(text, tuple(ranked), turn.feats)
