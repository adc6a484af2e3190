"""Context features: how a trainee turn relates to what the subject said before.

All features are floats so that they can be stored for audit in
:attr:`parley.analysis.Analysis.features`. Ratios are in [0, 1]; counts are plain numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from parley.analysis._text import (
    WH_START,
    Sentence,
    content_stems,
    flip,
    normalize,
    tokens,
)
from parley.analysis._types import Utterance

_DEMAND = re.compile(
    r"\b(?:i want|i need|i demand|give me|get me|bring me|i'm asking for|or else|хочу|требую|дайте)"
)
RECENT = 3
"""How many of the subject's latest turns a restatement or echo may draw on."""
_FILLER = frozenset({"so", "and", "oh", "well", "okay", "ok", "hmm", "mm", "really", "just"})


@dataclass(frozen=True)
class Context:
    """The dialogue before a trainee turn, pre-digested for the rules.

    Attributes:
        last_subject: Tokens of the subject's previous turn, first person flipped to second.
        subject_turns: Content stems of each subject turn, oldest first.
        own_turns: Tokens of the trainee's own earlier turns, oldest first.
        last_question: The subject's previous turn asked a question.
        last_demand: The subject's previous turn made a demand.
        recent_subject: Tokens of the subject's last few turns (oldest first), flipped.
    """

    last_subject: tuple[str, ...] = ()
    subject_turns: tuple[frozenset[str], ...] = ()
    own_turns: tuple[tuple[str, ...], ...] = field(default=())
    last_question: bool = False
    last_demand: bool = False
    recent_subject: tuple[tuple[str, ...], ...] = ()

    @property
    def has_subject(self) -> bool:
        """True when the subject has spoken before this turn."""
        return bool(self.last_subject)


def build_context(context: Sequence[Utterance]) -> Context:
    """Digest the dialogue ``context`` (oldest first) into a :class:`Context`."""
    said = [u.text for u in context if u.speaker == "subject" and tokens(normalize(u.text))]
    subject = [tokens(normalize(t)) for t in said]
    own = tuple(tokens(normalize(u.text)) for u in context if u.speaker == "negotiator")
    return Context(
        last_subject=flip(subject[-1]) if subject else (),
        subject_turns=tuple(content_stems(t) for t in subject),
        own_turns=tuple(t for t in own if t),
        last_question=bool(said) and "?" in said[-1],
        last_demand=bool(said) and bool(_DEMAND.search(normalize(said[-1]))),
        recent_subject=tuple(flip(t) for t in subject[-RECENT:]),
    )


def common_suffix(a: Sequence[str], b: Sequence[str]) -> int:
    """Return the length of the longest common token suffix of ``a`` and ``b``."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Return the length of the longest contiguous token run shared by ``a`` and ``b``."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def core(toks: Sequence[str]) -> tuple[str, ...]:
    """Return ``toks`` without leading discourse fillers ("so", "oh", "okay"...)."""
    i = 0
    while i < len(toks) - 1 and toks[i] in _FILLER:
        i += 1
    return tuple(toks[i:])


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def repeat_own(toks: tuple[str, ...], ctx: Context) -> float:
    """Return in [0, 1] how closely ``toks`` repeats one of the trainee's earlier turns.

    A turn that shares its three-word opening with an earlier one scores at least 0.7.
    """
    best = 0.0
    for own in ctx.own_turns:
        score = _jaccard(toks, own)
        if len(toks) >= 3 and toks[:3] == own[:3]:
            score = max(score, 0.7)
        best = max(best, score)
    return round(best, 3)


def summary_spread(toks: tuple[str, ...], ctx: Context) -> tuple[float, float]:
    """Return (subject turns drawn on, share of content stems found in subject turns)."""
    mine = content_stems(toks)
    if not mine or not ctx.subject_turns:
        return 0.0, 0.0
    turns = sum(1 for turn in ctx.subject_turns if len(mine & turn) >= 1)
    found = mine & frozenset().union(*ctx.subject_turns)
    return float(turns), len(found) / len(mine)


def compute(sents: Sequence[Sentence], ctx: Context) -> dict[str, float]:
    """Return the named features of a trainee turn (``sents``) in context ``ctx``.

    Keys: ``n_tokens``, ``n_sentences``, ``question``, ``wh_start``, ``has_context``,
    ``overlap_last``, ``content_overlap_last``, ``suffix_last``, ``run_last``, ``echo_share``,
    ``summary_turns``, ``summary_share``, ``repeat_own``.
    """
    toks = tuple(t for s in sents for t in s.tokens)
    last = ctx.last_subject
    mine = content_stems(toks)
    theirs = content_stems(last)
    body = core(toks)
    run = longest_run(body, last) if last else 0
    turns, share = summary_spread(toks, ctx)
    return {
        "n_tokens": float(len(toks)),
        "n_sentences": float(len(sents)),
        "question": float(any(s.question for s in sents)),
        "wh_start": float(bool(sents) and bool(WH_START.match(sents[0].norm))),
        "has_context": float(ctx.has_subject),
        "overlap_last": round(_jaccard(toks, last), 3),
        "content_overlap_last": round(len(mine & theirs) / len(mine), 3) if mine else 0.0,
        "suffix_last": float(common_suffix(body, last)),
        "run_last": float(run),
        "echo_share": round(run / len(body), 3) if body else 0.0,
        "bag_share": round(sum(t in set(last) for t in body) / len(body), 3) if body else 0.0,
        "content_in_echo": float(bool(run) and bool(content_stems(body) & theirs)),
        "summary_turns": turns,
        "summary_share": round(share, 3),
        "repeat_own": repeat_own(toks, ctx),
    }
