"""One small rule per technique, each returning a :class:`Finding` or ``None``.

Sentence rules see one sentence and the turn; turn rules see the whole turn and its context.
Every finding's evidence names the rule that fired and quotes the matched span.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from parley.analysis import _lex_errors as E
from parley.analysis import _lex_listening as L
from parley.analysis import _lex_moves as M
from parley.analysis._features import Context
from parley.analysis._text import AUX_START, WH_START, Sentence, normalize
from parley.analysis._types import Finding

Table = tuple[tuple[str, re.Pattern[str], float], ...]


@dataclass(frozen=True)
class Turn:
    """A trainee turn ready for the rules.

    Attributes:
        text: The utterance as written.
        sents: Its sentences.
        ctx: The digested dialogue before it.
        feats: Context features (see :func:`parley.analysis._features.compute`).
    """

    text: str
    sents: tuple[Sentence, ...]
    ctx: Context
    feats: dict[str, float]


def table(specs: tuple[tuple[str, str, float], ...]) -> Table:
    """Compile ``(rule, regex, confidence)`` specs into a table."""
    return tuple((name, re.compile(rx), conf) for name, rx, conf in specs)


def _c(rx: str) -> re.Pattern[str]:
    return re.compile(rx)


def finding(technique: str, conf: float, rule: str, span: str) -> Finding:
    """Build a finding whose evidence names ``rule`` and quotes ``span``."""
    span = span.strip()
    return Finding(technique, round(min(max(conf, 0.0), 0.95), 3), f"{rule}: '{span}'", span)


def best(technique: str, tab: Table, text: str) -> Finding | None:
    """Return the most confident finding of ``tab`` in ``text``, or ``None``."""
    top: Finding | None = None
    for name, rx, conf in tab:
        if (top is None or conf > top.confidence) and (m := rx.search(text)):
            top = finding(technique, conf, name, m.group(0) or text)
    return top


_NEG_BEFORE = _c(r"(?:\bnot|n't|\bnever|\bno one thinks|\bnobody thinks)\s+(?:\w+\s+){0,2}$")
_LABEL, _I_MSG, _OPEN = table(L.LABEL), table(L.I_MESSAGE), table(L.OPEN_Q)
_OPEN_WH, _FACT_WH, _INNER_WH, _TAG_Q, _NARR_WH = (
    _c(L.OPEN_WH), _c(L.FACT_WH), _c(L.INNER_WH), _c(L.TAG_Q), _c(L.NARRATIVE_WH))
_EMO_WORD = _c(r"\b" + L.EMO + r"\b")
_BARE_BLOCK = _c(r"^(?:i|i'm|we|we're|calm|don't|stop|no|not|enough|never|nothing|nobody|please)\b")
_REASSURE, _FACE, _SELF = table(M.REASSURANCE), table(M.FACE_SAVING), table(M.SELF_DISCLOSURE)
_PS, _INFO = table(M.PROBLEM_SOLVING), table(M.INFORMATION)
_THREAT, _ARGUE, _WHY = table(E.THREAT), table(E.ARGUING), table(E.WHY)
_JUDGE, _MINIM, _PROMISE = table(E.JUDGING), table(E.MINIMIZING), table(E.FALSE_PROMISE)
_THREAT_IF, _THREAT_THEN = _c(E.THREAT_IF), _c(E.THREAT_THEN)
_FORCE_WORD, _FORCE_COND = _c(E.FORCE_WORD), _c(E.FORCE_CONDITION)
_POLICE, _URGENT = _c(E.POLICE_VOICE), _c(E.URGENT_ORDER)
_P_WORD, _P_NEG, _P_HONEST, _P_SWEEP = (
    _c(E.PROMISE_WORD), _c(E.PROMISE_NEGATED), _c(E.PROMISE_HONEST), _c(E.PROMISE_SWEEPING))


# --- sentence rules -------------------------------------------------------------------


def _bare_label(s: Sentence, t: Turn) -> Finding | None:
    """A verbless feeling word or phrase on its own: "Betrayed." "Missing them."."""
    if len(s.tokens) > 5 or _BARE_BLOCK.match(s.norm) or not (m := _EMO_WORD.search(s.norm)):
        return None
    rest = (s.norm[: m.start()] + " " + s.norm[m.end():]).split()
    if all(not w.strip(",.!?…-") or w.strip(",.!?…-") in L.BARE_FILLER for w in rest):
        last = set(t.ctx.last_subject)
        echo = bool(last) and set(s.tokens) <= last | L.BARE_FILLER
        conf = 0.45 if echo else 0.7  # the subject's own word back: a mirror, not a label
        return finding("emotional_labeling", conf, "a feeling named on its own", s.raw)
    return None


def emotional_labeling(s: Sentence, t: Turn) -> Finding | None:
    """Naming the subject's emotion or inner state; not a "how do you feel?" question.

    A frame ("sounds like") is not needed: a second-person statement about what the subject
    feels, carries or misses, a feeling as the predicate ("that stings"), or a bare feeling
    word all name the emotion.
    """
    if WH_START.match(s.norm) and s.question:
        return None
    hit = best("emotional_labeling", _LABEL, s.norm)
    bare = _bare_label(s, t)
    if bare and (hit is None or hit.confidence < bare.confidence):
        return bare
    return hit


def i_message(s: Sentence, t: Turn) -> Finding | None:
    """The negotiator's own feeling, ideally with when/because; blame lowers it."""
    hit = best("i_message", _I_MSG, s.norm)
    if hit and re.search(r"\byou (?:make|made) me\b", s.norm):
        return finding("i_message", hit.confidence * 0.5, "i-message with blame", hit.span)
    return hit


def open_question(s: Sentence, t: Turn) -> Finding | None:
    """A what/how/tell-me invitation to narrate; single-fact wh-questions are closed."""
    hit = best("open_question", _OPEN, s.norm)
    if hit:
        return hit
    if s.question and _OPEN_WH.match(s.norm) and not _FACT_WH.match(s.norm):
        return finding("open_question", 0.75, "what/how question", s.raw)
    if s.question and _NARR_WH.match(s.norm):
        return finding("open_question", 0.7, "where/when/who question inviting a story", s.raw)
    if "?" not in t.text and (m := _INNER_WH.search(s.norm)):
        before = s.norm[: m.start()].split()
        if before and before[-1] not in L.EMBEDDING_VERBS:
            return finding("open_question", 0.6, "wh-question inside unpunctuated speech",
                           s.norm[m.start():])
    return None


def closed_question(s: Sentence, t: Turn) -> Finding | None:
    """A yes/no or single-fact question."""
    if not s.question:
        return None
    if _FACT_WH.match(s.norm) and not _NARR_WH.match(s.norm):
        return finding("closed_question", 0.65, "single-fact wh-question", s.raw)
    if AUX_START.match(s.norm):
        return finding("closed_question", 0.7, "yes/no question opening", s.raw)
    if WH_START.match(s.norm):
        return None
    if _TAG_Q.search(s.raw.lower()):
        return finding("closed_question", 0.45, "tag question", s.raw)
    return finding("closed_question", 0.45, "statement with question intonation", s.raw)


def why_question(s: Sentence, t: Turn) -> Finding | None:
    """An accusatory "why ...?" demanding justification (not "why don't we...")."""
    return best("why_question", _WHY, s.norm)


def problem_solving(s: Sentence, t: Turn) -> Finding | None:
    """Options, suggestions, requests and advice, framed or not."""
    return best("problem_solving", _PS, s.norm)


def information(s: Sentence, t: Turn) -> Finding | None:
    """A statement of fact: situation, procedure, health, law, money; or an honest limit."""
    return None if s.question else best("information", _INFO, s.norm)


def reassurance(s: Sentence, t: Turn) -> Finding | None:
    """Presence, time, safety, not being alone."""
    return best("reassurance", _REASSURE, s.norm)


def face_saving(s: Sentence, t: Turn) -> Finding | None:
    """A dignified way out that protects the subject's self-image."""
    return best("face_saving", _FACE, s.norm)


def self_disclosure(s: Sentence, t: Turn) -> Finding | None:
    """A brief personal fact from the negotiator's own life."""
    return best("self_disclosure", _SELF, s.norm)


def threat(s: Sentence, t: Turn) -> Finding | None:
    """Threats and ultimatums, including force stated as fact or asked as a question."""
    hit = best("threat", _THREAT, s.norm)
    if (m := _THREAT_IF.search(s.norm)) and _THREAT_THEN.search(s.norm, m.end()):
        cond = finding("threat", 0.8, "if you ... then force or harm", s.norm[m.start():])
        hit = cond if hit is None or hit.confidence < cond.confidence else hit
    if (m := _URGENT.search(s.norm)) and _POLICE.search(normalize(t.text)):
        order = finding("threat", 0.75, "police command", m.group(0))
        hit = order if hit is None or hit.confidence < order.confidence else hit
    # A force word alone is only talk about force; tied to a condition on the subject, a threat.
    if (m := _FORCE_WORD.search(s.norm)) and _FORCE_COND.search(normalize(t.text)):
        tied = finding("threat", 0.7, "force tied to a condition on the subject", m.group(0))
        hit = tied if hit is None or hit.confidence < tied.confidence else hit
    return hit


def arguing(s: Sentence, t: Turn) -> Finding | None:
    """Contradicting, correcting or challenging the subject."""
    return best("arguing", _ARGUE, s.norm)


def judging(s: Sentence, t: Turn) -> Finding | None:
    """Blaming, moralising or insulting; a negated label ("you're not a coward") is not."""
    hit = best("judging", _JUDGE, s.norm)
    if hit and _NEG_BEFORE.search(s.norm[: s.norm.find(hit.span)]):
        return None
    return hit


_DISOWNED = re.compile(r"\b(?:not|never|won't|wouldn't|don't|no one'?s?|nobody'?s?)\b[\w\s']{0,25}"
                       r"\b(?:tell|ask|telling|asking|going to say|saying)\b[\w\s']{0,12}$")


def minimizing(s: Sentence, t: Turn) -> Finding | None:
    """Telling the subject to calm down, or that it is not that bad.

    A cue the negotiator disowns ("I'm not going to tell you to calm down") is none.
    """
    hit = best("minimizing", _MINIM, s.norm)
    if hit is not None and hit.span:
        at = s.norm.find(hit.span)
        if at > 0 and _DISOWNED.search(s.norm[:at]):
            return None
    return hit


def false_promise(s: Sentence, t: Turn) -> Finding | None:
    """A guarantee or concession the negotiator cannot authorise; honest limits are not."""
    if _P_NEG.search(s.norm):
        return None
    hit = best("false_promise", _PROMISE, s.norm)
    if (m := _P_WORD.search(s.norm)) and not _P_HONEST.search(s.norm, m.end(), m.end() + 40):
        sweeping = _P_SWEEP.search(s.norm, m.end())
        conf = 0.85 if sweeping else 0.55
        if hit is None or hit.confidence < conf:
            hit = finding("false_promise", conf, "promise or guarantee", s.norm[m.start():])
    return hit


SENTENCE_RULES: tuple[Callable[[Sentence, Turn], Finding | None], ...] = (
    emotional_labeling, i_message, open_question, closed_question, why_question,
    problem_solving, information, reassurance, face_saving, self_disclosure, threat,
    arguing, judging, minimizing, false_promise,
)
"""Every rule that runs once per sentence."""


def plain(text: str) -> str:
    """Return ``text`` lowercased with punctuation turned into single spaces."""
    return " ".join(re.sub(r"[^\w'\s-]|(?<!\w)-|-(?!\w)", " ", normalize(text)).split())
