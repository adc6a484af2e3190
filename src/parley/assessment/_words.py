"""Reading a subject's line for coaching: his stake, feeling, words and questions.

What is read: his stake, the feeling in it, a phrase to give back, and any direct question
he asked.

Nothing here codes the trainee's technique (that is :mod:`parley.analysis`); these helpers
only pick words out of the subject's line so that a suggestion can be phrased around them
("Twenty minutes for nineteen years. No wonder you sound let down.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STAGE = re.compile(r"\[[^\]]*\]")
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")
_CLAUSE = re.compile(r"\s*(?:[,;:—–]|\s-\s|\.\.\.)\s*")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")

_OWN = re.compile(r"\b(my|our)\s+(\w+)", re.IGNORECASE)
STAKES = frozenset("""
    kids kid children child son sons daughter daughters boy boys girl girls lad baby wife
    husband partner ex family mum mother mam dad father brother sister parents grandson
    granddaughter job work career business trade plant firm house home flat farm money
    debt debts loan court case custody marriage friend mate mates brother's
    valley village country land faith church
    """.split())
"""Nouns of a subject's stakes: what a coaching suggestion may name ("your kids")."""

# Feeling words in the subject's line -> how a negotiator would name the feeling. Each
# label reads after "You sound ..." and after "you're feeling ...". Most specific first.
_FEELINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("like nobody's listening", ("nobody listens", "never listen", "don't listen",
                                 "not listening", "nobody hears", "ignored", "nobody cares")),
    ("humiliated", ("humiliat", "laughing at", "laughed at", "on their shoe", "monster",
                    "made me out", "filming me", "embarrass", "shamed", "like dirt")),
    ("let down", ("betray", "lied to", "stabbed", "let me down", "let us down", "let me go",
                  "sold us", "sold me", "threw me", "thrown away", "chucked", "sacked",
                  "twenty minutes for", "conned", "cheated")),
    ("ashamed", ("ashamed", "failure", "useless", "worthless", "pathetic", "a mess",
                 "what i sound like", "my fault", "thing i ever did right", "a joke")),
    ("frightened", ("scared", "afraid", "frightened", "terrified", "panic", "fear")),
    ("angry", ("angry", "furious", "hate", "bastard", "sick of", "fed up", "rage")),
    ("worn out", ("tired", "exhausted", "knackered", "worn out", "can't sleep",
                  "every morning", "can't do this", "can't take")),
    ("very alone", ("alone", "lonely", "on my own", "by myself", "not to anybody",
                    "nobody to")),
    ("hopeless", ("no point", "nothing left", "pointless", "hopeless", "gave up", "give up",
                  "no future", "over for me", "what's the point", "done talking")),
    ("trapped", ("trapped", "no way out", "cornered", "no choice", "nowhere to go")),
    ("heartbroken", ("miss them", "miss her", "miss him", "missing", "blocked my",
                     "took the kids", "funeral")),
    ("worried", ("worried", "worry", "in a state", "what if", "what happens")),
    ("desperate", ("desperate", "begging", "please")),
    ("guilty", ("sorry", "guilt", "shouldn't have")),
)

_SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "am": "are",
}
_AFTER_I = {"was": "were", "wasn't": "weren't"}
_NO_ECHO = frozenset("""you your yours yourself ya we us our ours ourselves you're you've
    you'll you'd""".split())
"""Words that make a phrase unsafe to give back (whose "you"? whose "we"?)."""
_IMPERATIVE = frozenset("""don't do get let go come take put give tell stop leave shut keep
    promise somebody someone please just listen look bring send see talk turn write ring
    call read think wait move stay say try judge ask answer help hang back drop pick hurry
    watch remember forget believe trust calm relax sort find fetch show""".split())
_HOLLOW = frozenset("""am is are was were isn't aren't wasn't weren't do does did don't
    doesn't didn't can can't cannot could couldn't will won't would wouldn't should
    shouldn't have haven't has hasn't had hadn't be been being get got me you""".split())
"""Auxiliaries and pronouns: a phrase of only these and small words ("That wasn't me")
says nothing worth giving back."""
_SPEECH = re.compile(r"(?:\bnot\b|n't\b|\bnever\b).*\b(?:say|saying|said|tell|telling|ask|asking|"
                     r"repeat|repeating|talk|talking)\b", re.IGNORECASE)
"""A refusal to go on talking ("I'm not saying it twice"): an ultimatum, not his story."""
_SUBORDINATE = frozenset("""when if because after before until unless while though although
    since as like whether whichever whatever than""".split())
"""A phrase opening with one of these is a fragment ("When it's gone"), not a thought."""
_LEADING = frozenset("and but so then well yeah yes oh right aye mate now".split())
_CLOCK = re.compile(r"\b(o'clock|hours?|minutes?|midnight|noon|by (one|two|three|four|five|"
                    r"six|seven|eight|nine|ten|eleven|twelve))\b", re.IGNORECASE)
"""Deadline talk: not a phrase to give back as if it were his story."""
_SMALL = frozenset("""a an the and or but so of to in on at for with from by is was are
    were be been it its it's that this there they them he she his her him i me my you your
    we us our not no do did does had has have just all what who how when where which than
    then as if too very up out off over about into""".split())


_QUOTED = re.compile(r"(?<!\w)'.+?'(?!\w)|\"[^\"]*\"")
"""Someone else's words, quoted by the subject: not his own to give back."""
_QUOTATION = re.compile(r"(?:^|(?<=\s))['\"“‘].*?[.!?,…]['\"”’](?=\s|$)", re.DOTALL)
"""A quotation that may span sentences: opens after a space, closes after punctuation."""
_SELF_ATTACK = frozenset("""monster monsters worthless useless failure nothing burden waste
    idiot stupid pathetic joke coward loser scum disgrace evil animal bad shit rubbish
    fool mess""".split())
"""Words of an attack on his own face ("I'm the monster"): a marker of suicide risk
(DOMAIN.md), never a phrase to give back to him."""
_VIOLENT = frozenset("""die dies died dead kill kills killed shoot shot shoots bomb bombs
    blow burn execute executed hang hanged""".split())
"""A threat is not a phrase to give back."""
_NUMBERS = frozenset("""one two three four five six seven eight nine ten eleven twelve
    twenty thirty forty fifty hundred every""".split())


def _clean(line: str) -> str:
    return _STAGE.sub(" ", line.replace("’", "'").replace("‘", "'")).strip()


def sentences(line: str) -> list[str]:
    """The subject's sentences, stage directions removed, each with its end mark."""
    return [s.strip() for s in _SENTENCE.findall(_clean(line)) if _WORD.search(s)]


def topic_of(subject_line: str) -> str:
    """What the subject's line is about, from the subject's own stakes.

    The first "my X" / "our X" whose X is one of :data:`STAKES`, in the negotiator's voice
    ("my kids" -> "your kids"); otherwise "all of this".
    """
    return stake_of(subject_line) or "all of this"


def stake_of(line: str) -> str:
    """The subject's stake in the negotiator's voice ("my kids" -> "your kids"), or ""."""
    for match in _OWN.finditer(line):
        noun = match.group(2).lower()
        if noun in STAKES:
            return ("your " if match.group(1).lower() == "my" else "your family's ") + noun
    return ""


def feeling_of(line: str) -> str:
    """How a negotiator would name the feeling in ``line`` ("let down"), or ""."""
    text = " " + " ".join(_WORD.findall(_clean(line).lower())) + " "
    for label, cues in _FEELINGS:
        if any(re.search(r"\b" + re.escape(cue), text) for cue in cues):
            return label
    return ""


_RHETORICAL = re.compile(
    r"^(?:(?:do |did )?you (?:know|see|hear|understand)|know what|guess what|see what|"
    r"(?:who|why|what|how) (?:do|would|could) you (?:think|know|care)|what's the point|"
    r"where do (?:you|i) (?:start|begin)|what do i (?:even )?say|what do i tell)\b"
    r"|,\s*(?:is|isn't|don't|doesn't|didn't|wasn't|won't|aren't|can't|haven't|right|eh)"
    r"\s*\w*\?$", re.IGNORECASE)
"""Questions that do not wait for an answer ("You know what he said?", "..., isn't it?")."""


def question_of(line: str) -> str:
    """The first direct question the subject asked in ``line`` (verbatim), or "".

    Quoted questions (someone else's words) and rhetorical ones are left out.
    """
    for s in sentences(line):
        if s.endswith("?") and len(_WORD.findall(s)) >= 3 and not s.startswith(("'", '"')):
            return "" if _RHETORICAL.search(s) else s
    return ""


def _swap(words: list[str]) -> list[str] | None:
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        if low in _NO_ECHO:
            return None
        if low in _AFTER_I and i and words[i - 1].lower() == "i":
            out.append(_AFTER_I[low])
        elif low in _SWAP:
            out.append(_SWAP[low])
        else:
            out.append(w)
    return out


def _score(clause: str) -> int:
    points = 3 if feeling_of(clause) else 0
    if _OWN.search(clause) and stake_of(clause):
        points += 2
    words = [w.lower() for w in _WORD.findall(clause)]
    if any(w in STAKES for w in words):
        points += 1
    if any(w in _SWAP for w in words):
        points += 1  # he is talking about himself: the best thing to give back
    if _CLOCK.search(clause) or any(w in _NUMBERS for w in words):
        points -= 2
    return points


def echo_of(line: str) -> str:
    """A short phrase of the subject's, given back in the negotiator's voice, or "".

    The phrase comes from a statement of his own (not a question, not someone he quotes),
    is three to eight words long, holds no "you" or "we" (ambiguous turned round), is not
    an order, a fragment, a deadline or a threat, and is about him: his feelings, his
    stakes or himself. Among equals, the first. The first letter is a capital: it starts
    a sentence.
    """
    best, best_score = "", -99
    for s in sentences(_QUOTATION.sub(" ", _clean(line))):
        if s.endswith("?") or _QUOTED.search(s):
            continue
        for clause in _CLAUSE.split(s.rstrip(".!…")):
            words = _WORD.findall(clause.replace('"', " "))
            while words and words[0].lower() in _LEADING:
                words = words[1:]
            if (not 3 <= len(words) <= 8 or words[0].lower() in _IMPERATIVE
                    or words[0].lower() in _SUBORDINATE or words[0].lower() in ("not", "no")):
                continue
            if all(w.lower() in _SMALL or w.lower() in _HOLLOW for w in words):
                continue
            if _SPEECH.search(" ".join(words)):
                continue
            if any(w.lower() in _VIOLENT or w.lower() in _SELF_ATTACK for w in words):
                continue
            swapped = _swap(words)
            if swapped is None:
                continue
            phrase = " ".join(swapped)
            score = _score(" ".join(words))
            if score > best_score:
                best, best_score = phrase, score
    return best[:1].upper() + best[1:] if best and best_score >= 1 else ""


_PROMISE = re.compile(r"\b(promise|guarantee|my word|make sure|will|'ll|won't|going to|"
                      r"there are no|no police)\b", re.IGNORECASE)
_PROMISE_NOISE = (
    re.compile(r"^(?:(?:listen|okay|ok|look|right|come on|sir)[,.!]?\s+)+", re.IGNORECASE),
    re.compile(r"\bi (?:promise|guarantee|swear)(?: you(?!'))?(?: that)?\b\s*", re.IGNORECASE),
    re.compile(r",?\s*\b(?:i promise(?: you)?|i guarantee(?: it)?|you have my word|i swear|"
               r"i'll make sure of it|no problem)\b", re.IGNORECASE),
)


def promise_of(said: str) -> str:
    """What a trainee's line promised, in his own words ("you'll get your job back"), or ""."""
    for s in sentences(said):
        for clause in re.split(r"\s*[,;]\s*", s.rstrip(".!?")):
            if not _PROMISE.search(clause):
                continue
            text = clause
            for noise in _PROMISE_NOISE:
                text = noise.sub("", text).strip(" ,.")
            words = _WORD.findall(text)
            if (2 <= len(words) <= 14 and not re.search(r"\bi'll make sure\b", text, re.I)
                    and words[0].lower() not in _SUBORDINATE):
                return text if text.startswith(("I ", "I'")) else text[:1].lower() + text[1:]
    return ""


@dataclass(frozen=True)
class Reading:
    """What a coaching suggestion can be built from, read off one subject line.

    Attributes:
        stake: "your kids", or "".
        feeling: A label for the feeling heard ("let down"), or "".
        echo: A phrase of his in the negotiator's voice, capitalised, or "".
        question: A direct question he asked, verbatim, or "".
    """

    stake: str
    feeling: str
    echo: str
    question: str

    def fields(self) -> dict[str, str]:
        """Template fields: ``topic``, ``feeling``, ``echo``, ``question``."""
        return {"topic": self.stake, "feeling": self.feeling, "echo": self.echo,
                "question": self.question}


def read(line: str) -> Reading:
    """Read a subject line for coaching."""
    return Reading(stake_of(line), feeling_of(line), echo_of(line), question_of(line))
