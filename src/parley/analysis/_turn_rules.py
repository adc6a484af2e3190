"""Rules that judge a whole turn, most of them against the subject's previous line."""

from __future__ import annotations

import re

from parley.analysis import _lex_errors as E
from parley.analysis import _lex_listening as L
from parley.analysis._features import RECENT, longest_run, summary_spread
from parley.analysis._rules import Turn, best, finding, plain, table
from parley.analysis._text import AUX_START, WH_START, Sentence, content_stems
from parley.analysis._types import Finding

_PAUSE_ONLY, _PAUSE_PART = re.compile(L.PAUSE_ONLY), re.compile(L.PAUSE_PART)
_ENC_ALL = re.compile(rf"^{L.ENCOURAGER}(?: {L.ENCOURAGER})*$")
_ENC_STRONG = re.compile(L.ENCOURAGER_STRONG)
_REFUSAL, _REF_ALT = re.compile(E.REFUSAL), re.compile(E.REFUSAL_ALTERNATIVE)
_GRANTED = re.compile(E.GRANTED)
_FRAME, _SUMMARY = table(L.PARAPHRASE_FRAME), table(L.SUMMARY)
_SO = re.compile(L.SO_OPENER)
# Three or more short comma-separated items: "Job, wife, house." "Six o'clock, the brother..."
_LIST = re.compile(r"^(?:[\w' -]{2,30}, ){2,}(?:and |then |now )?[\w' -]{2,40}\W*$")
_RESTATE = re.compile(
    r"^(?:and |but |now |then )?(?:you|your|you're|you've|they|they're|they've|he|he's|she|"
    r"she's|his|her|their|after|since|the|it|it's|nobody|no one|everyone|somebody|all|ты|вы|"
    r"тебя|вас|они|он|она)\b"
)
_ADVICE = re.compile(r"\b(?:could|should|might|maybe|perhaps|need to|have to|let's|please)\b")
# The negotiator's own side speaking: news from "us", not a restatement of the subject.
_ABOUT_YOU = re.compile(r"\b(?:you|your|you're|you've|you'd|yourself|you'll)\b")
_OWN_SIDE = re.compile(r"\b(?:i|i'm|i'll|i've|i'd|we|we're|we'll|we've|we'd|us|our|my|me)\b")


def effective_pause(t: Turn) -> Finding | None:
    """A turn of deliberate silence: only dots, an ellipsis or a "(pause)" mark."""
    if not t.text.strip():
        return finding("effective_pause", 0.6, "empty turn read as silence", "")
    if _PAUSE_ONLY.match(t.text):
        return finding("effective_pause", 0.9, "silence only", t.text)
    if m := _PAUSE_PART.search(t.text):
        return finding("effective_pause", 0.4, "pause marked inside the turn", m.group(0))
    return None


def minimal_encourager(t: Turn) -> Finding | None:
    """A brief listening signal ("mm-hmm", "go on", "I see"), alone or opening a turn."""
    whole = plain(t.text)
    if whole and len(whole.split()) <= 8 and _ENC_ALL.match(whole):
        strong = bool(_ENC_STRONG.search(whole))
        rule = "listening signal" if strong else "short acknowledgement"
        return finding("minimal_encourager", 0.85 if strong else 0.6, rule, t.text)
    first = plain(t.sents[0].raw) if len(t.sents) > 1 else ""
    if first and _ENC_ALL.match(first):
        return finding("minimal_encourager", 0.35, "acknowledgement opening the turn", first)
    return None


def flat_refusal(t: Turn) -> Finding | None:
    """A bare "no" with nothing offered instead; a "no" answering a question is not."""
    refusals = [bool(_REFUSAL.match(s.norm)) for s in t.sents]
    if not refusals or not refusals[0]:
        return None
    if all(refusals):
        answer = t.ctx.last_question and not t.ctx.last_demand
        conf = 0.35 if answer else 0.85
        return finding("flat_refusal", conf, "bare refusal", t.text)
    rest = " ".join(s.norm for s in t.sents[1:])
    if not _REF_ALT.search(rest) and "?" not in rest:
        return finding("flat_refusal", 0.55, "refusal with nothing offered", t.sents[0].raw)
    return None


def granted_demand(t: Turn) -> Finding | None:
    """A demand from the subject's last turn granted outright: a concession not authorised."""
    if not t.ctx.last_demand:
        return None
    norm = " ".join(s.norm for s in t.sents)
    if (m := _GRANTED.search(norm)) and not re.search(r"\b(?:not|n't|never|no)\b", norm):
        return finding("false_promise", 0.7, "grants the subject's demand", m.group(0))
    return None


def mirroring(t: Turn) -> Finding | None:
    """A short echo of the subject's last words (pronouns flipped), often as a question."""
    f = t.feats
    n = f["n_tokens"]
    if not t.ctx.has_subject:
        s = t.sents[0] if len(t.sents) == 1 else None
        if s and s.question and n <= 5 and not (AUX_START.match(s.norm) or WH_START.match(s.norm)):
            return finding("mirroring", 0.35, "short echo question (no context to check)", s.raw)
        return None
    key = f["content_overlap_last"] == 1.0 and n <= 4
    near = f["suffix_last"] >= 1 and (f["bag_share"] >= 0.75 and f["run_last"] >= 2 or key)
    # "On your own?" echoes only function words, but the whole tail of what was said.
    tail = f["suffix_last"] >= 2 and f["echo_share"] == 1.0
    key_echo = key and f["question"] and f["echo_share"] == 1.0 and n <= 3
    if n > 8 or f["run_last"] < 1 or not (f["content_in_echo"] or tail) or (
            f["echo_share"] < 0.6 and not near) or (
            f["suffix_last"] < 1 and (f["run_last"] < 2 or n > 4 and not f["question"])):
        # A longer statement reusing the words is a restatement, not an echo.
        if key_echo:
            return finding("mirroring", 0.65, "echoes the subject's key word", t.text)
        return _recent_echo(t)
    conf = 0.6 + 0.1 * f["question"] + 0.1 * (f["suffix_last"] >= 2) + 0.1 * (f["echo_share"] == 1)
    return finding("mirroring", conf, "repeats the subject's last words", t.text)


def _recent_echo(t: Turn) -> Finding | None:
    """A short echo question of words the subject said a turn or two ago."""
    if len(t.sents) != 1 or not t.sents[0].question or not 2 <= len(t.sents[0].tokens) <= 5:
        return None
    s = t.sents[0]
    if AUX_START.match(s.norm) or WH_START.match(s.norm):
        return None
    if any(longest_run(s.tokens, said) == len(s.tokens) for said in t.ctx.recent_subject):
        return finding("mirroring", 0.55, "echoes words the subject said recently", s.raw)
    return None


def _recent_share(s: Sentence, t: Turn) -> tuple[float, int]:
    """Share of the sentence's content words found in the subject's recent turns, and count."""
    mine = content_stems(s.tokens)
    recent = frozenset().union(*t.ctx.subject_turns[-RECENT:]) if t.ctx.has_subject else frozenset()
    hits = len(mine & recent)
    return (hits / len(mine) if mine else 0.0), hits


def _recent_spread(body: tuple[str, ...], t: Turn) -> tuple[int, float]:
    """Return how many recent subject turns ``body`` draws on, and its share of their words.

    A turn counts when it shares two content words with ``body`` (one, if it has only one).
    """
    mine = content_stems(body)
    recent = t.ctx.subject_turns[-RECENT:]
    if not mine or not recent:
        return 0, 0.0
    drawn = sum(1 for turn in recent if len(mine & turn) >= min(2, len(turn)))
    return drawn, len(mine & frozenset().union(*recent)) / len(mine)


def _eligible(s: Sentence, t: Turn, claimed: set[int], i: int) -> bool:
    """Could this sentence restate the subject? Not a claimed act, question, advice or news."""
    if i in claimed or len(s.tokens) < 3 or _ADVICE.search(s.norm):
        return False
    return not (AUX_START.match(s.norm) or WH_START.match(s.norm) or s.norm.startswith("i "))


def _restatement(s: Sentence, t: Turn, claimed: set[int], i: int) -> float:
    if not _eligible(s, t, claimed, i) or len(s.tokens) < 4 and not t.ctx.has_subject:
        return 0.0
    overlap = t.feats["content_overlap_last"]
    if _SO.match(s.norm) and len(s.tokens) >= 4:
        return 0.5 + 0.3 * overlap
    if t.ctx.has_subject and _RESTATE.match(s.norm) and overlap >= 0.25 and len(s.tokens) >= 4:
        return 0.4 + 0.3 * overlap
    # No opener at all: the content comes from what the subject said lately, or the sentence
    # tells the subject about their own life, which the negotiator only knows from them.
    if s.question or _OWN_SIDE.search(s.norm) or not t.ctx.has_subject or len(s.tokens) < 4:
        return 0.0
    share, hits = _recent_share(s, t)
    answer = 0.15 * t.ctx.last_question
    if hits >= 2 and share >= 0.34 or hits and share >= 0.5 and len(s.tokens) >= 6:
        return 0.35 + 0.3 * share - answer
    if _ABOUT_YOU.search(s.norm) and len(s.tokens) >= 4:
        return 0.42 + 0.2 * share - answer
    return 0.0


def paraphrasing(t: Turn, claimed: set[int]) -> Finding | None:
    """Restating the subject's content in other words; ``claimed`` sentences are skipped.

    A sentence counts when it uses a paraphrase frame, opens with "so", or restates in the
    second or third person with content shared with the subject's last turn.
    """
    if t.feats["echo_share"] >= 0.8 and t.feats["n_tokens"] <= 6:
        return None
    hit = best("paraphrasing", _FRAME, " ".join(s.norm for s in t.sents))
    for i, s in enumerate(t.sents):
        conf = _restatement(s, t, claimed, i)
        if conf and (hit is None or conf > hit.confidence):
            hit = finding("paraphrasing", conf, "restates the subject's content", s.raw)
    return hit


def summarizing(t: Turn, claimed: set[int]) -> Finding | None:
    """Pulling together several turns: a summary frame, a list, or wide content reuse."""
    f = t.feats
    norm = " ".join(s.norm for s in t.sents)
    hit = best("summarizing", _SUMMARY, norm)
    if hit and hit.confidence < 0.6 and f["n_tokens"] < 10:
        hit = None
    # Only restating sentences count: a long question or plan reusing old words is no summary.
    body = tuple(w for i, s in enumerate(t.sents) if _eligible(s, t, claimed, i) and not s.question
                 and not _OWN_SIDE.search(s.norm) for w in s.tokens)
    turns, share = summary_spread(body, t.ctx)
    wide = turns >= 3 and len(body) >= 12 and share >= 0.4
    drawn, share_recent = _recent_spread(body, t)
    if drawn >= 2 and share_recent >= 0.3 and len(body) >= 5:
        conf = 0.6 + 0.15 * share_recent + 0.1 * bool(_LIST.search(norm))
        if hit is None or hit.confidence < conf:
            hit = finding("summarizing", conf, "restates several recent subject turns", t.text[:80])
    if wide and (hit is None or hit.confidence < 0.55):
        return finding("summarizing", 0.55, "draws on several subject turns", t.text[:80])
    return hit
