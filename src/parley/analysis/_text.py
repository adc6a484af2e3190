"""Text utilities for the rule analyzer: normalising, sentences, tokens, stems.

Everything here is pure and fast; patterns are compiled once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "—": " - "})

# Spoken or typed forms mapped to one canonical form, so the rules need one spelling.
_CANON: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"\b(?:um+|uh+m*|erm*|ah+)\b(?! ?huh)[,]?\s*", ""),
        (r"\b(\w+)(?:,? \1\b)+", r"\1"),
        (r"\bgonna\b", "going to"),
        (r"\bwanna\b", "want to"),
        (r"\bgotta\b", "got to"),
        (r"\b(?:u|ya)\b", "you"),
        (r"\bur\b", "your"),
        (r"\bcannot\b", "can't"),
        (r"\bim\b", "i'm"),
        (r"\bive\b", "i've"),
        (r"\b(you|they|we)re\b", r"\1're"),
        (r"\b(you|they|we)ll\b", r"\1'll"),
        (r"\b(that|what|there|he|she|who)s\b", r"\1's"),
        (r"\bits (?=(?:not|a|an|just|only|okay|ok|going|been|all|over|too|so|really|fine|"
         r"alright|time|like|never|nothing|no)\b)", "it's "),
        (r"\b(don|can|won|didn|doesn|isn|aren|wasn|weren|shouldn|wouldn|couldn|haven)t\b",
         r"\1't"),
        (r"\blets\b", "let's"),
        (r"\b(?:wat|wot|wht|whta)\b", "what"),
        (r"\bhappend\b", "happened"),
        (r"\br\b", "are"),
        (r"\b(?:cuz|cos|coz|bc)\b", "because"),
        (r"\bdunno\b", "don't know"),
        (r"\b(?:wen)\b", "when"),
        (r"\baint\b", "ain't"),
        (r"\bi am\b", "i'm"),
        (r"\b(you|we|they) are\b(?=\s+\w)", r"\1're"),
        (r"\b(it|that|what|there|he|she) is\b(?=\s+\w)", r"\1's"),
        (r"\b(i|you|we|they|it|he|she) will\b", r"\1'll"),
        (r"\b(do|does|did|is|are|was|were|should|would|could|has|have) not\b", r"\1n't"),
        (r"\bwill not\b", "won't"),
        (r"\blet us\b", "let's"),
    )
)

_SENT_SPLIT = re.compile(r"(?<=[.!?…;])\s+|(?<=\?)(?=\S)|\s+-\s+|\s*—\s*")
_TOKEN = re.compile(r"[a-zа-яё0-9]+(?:['-][a-zа-яё0-9]+)*")
_CYRILLIC = re.compile(r"[а-яё]")

AUX_START = re.compile(
    r"^(?:and |but |so |okay |ok |well )?(?:are|is|was|were|am|do|does|did|have|has|had|can|"
    r"could|will|would|should|shall|may|might|won't|don't|didn't|doesn't|isn't|aren't|"
    r"wasn't|can't|couldn't|wouldn't|haven't|hasn't)(?: not)? (?:you|he|she|it|they|we|i|"
    r"there|that|this|anyone|anybody|someone|somebody|your|the|my|his|her|their)\b|"
    r"^(?:ты|вы|у тебя|у вас|есть ли)\b"
)
WH_START = re.compile(
    r"^(?:and |but |so |okay |ok |well |then )?(?:what|how|why|where|when|who|whom|whose|which|"
    r"что|как|почему|зачем|где|когда|кто|какой|какая|сколько)\b"
)

STOPWORDS: frozenset[str] = frozenset(
    """a an the and or but so if then than that this these those there here it it's its
    i i'm i've i'll i'd me my mine myself you you're you've you'll you'd your yours yourself
    we we're we've we'll us our ours they they're they've them their he he's him his she
    she's her hers is are was were be been being am do does did doing done have has had
    having will would can could should shall may might must not no nor don't didn't doesn't
    isn't aren't wasn't weren't won't can't couldn't wouldn't shouldn't haven't hasn't to of
    in on at by for with about from into onto up down out over under again just only very
    really too also even still now then what what's how why where when who which whom whose
    all any some such own same other more most much many few each every both okay ok yeah
    yes oh well like right know get got go going gonna want just mean thing things say said
    tell told let let's one ever never as because while until after before through
    я ты вы он она оно мы они мне меня тебе тебя вас вам нам нас его её ее их и а но или
    что как это этот эта то так же ли не нет да в во на с со к по за из от до у о об для""".split()
)

_SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "s", "ly")
_IRREGULAR = {
    "went": "go", "gone": "go", "lost": "lose", "left": "leave", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "told": "tell", "said": "say",
    "fired": "fire", "sacked": "fire", "kids": "kid", "children": "kid", "child": "kid",
    "wife": "wife", "wives": "wife", "men": "man", "women": "woman", "died": "die",
    "dead": "die", "thought": "think", "felt": "feel", "made": "make", "kept": "keep",
}

# First-person words of the subject become second-person in the trainee's mouth.
FLIP: dict[str, str] = {
    "i": "you", "i'm": "you're", "me": "you", "my": "your", "mine": "yours",
    "myself": "yourself", "i've": "you've", "i'll": "you'll", "i'd": "you'd", "am": "are",
    "we": "you", "we're": "you're", "we've": "you've", "our": "your", "ours": "yours", "us": "you",
    "я": "ты", "мне": "тебе", "меня": "тебя", "мой": "твой", "моя": "твоя",
}


@dataclass(frozen=True)
class Sentence:
    """One sentence of an utterance.

    Attributes:
        raw: The sentence as written.
        norm: Lowercased, canonicalised text the rules search.
        tokens: Word tokens of ``norm``.
        question: True for a question (``?``, or a question opening without punctuation).
    """

    raw: str
    norm: str
    tokens: tuple[str, ...]
    question: bool


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Return ``text`` lowercased, with canonical quotes, contractions and no fillers.

    Cached: a session re-reads the same context lines on every turn.
    """
    out = text.translate(_QUOTES).lower()
    for pattern, repl in _CANON:
        out = pattern.sub(repl, out)
    return " ".join(out.split())


def tokens(text: str) -> tuple[str, ...]:
    """Return the word tokens of already-normalised ``text``."""
    return tuple(_TOKEN.findall(text))


def is_cyrillic(word: str) -> bool:
    """Return True if ``word`` contains Cyrillic letters."""
    return bool(_CYRILLIC.search(word))


def stem(word: str) -> str:
    """Return a crude stem of ``word`` (suffix stripping; Cyrillic cut to 5 letters)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if is_cyrillic(word):
        return word[:5]
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(toks: tuple[str, ...]) -> frozenset[str]:
    """Return the stems of the content words (no stopwords, 3+ letters) in ``toks``."""
    return frozenset(stem(t) for t in toks if t not in STOPWORDS and len(t) > 2)


def flip(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Return ``toks`` with first-person words turned into second-person ones."""
    return tuple(FLIP.get(t, t) for t in toks)


def sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences, each normalised and tokenised."""
    out: list[Sentence] = []
    for raw in _SENT_SPLIT.split(text.strip()):
        norm = normalize(raw)
        toks = tokens(norm)
        if not toks:
            continue
        question = raw.rstrip().endswith("?") or (
            not raw.rstrip().endswith((".", "!", "…")) and bool(AUX_START.match(norm) or
                                                                 WH_START.match(norm))
        )
        out.append(Sentence(raw.strip(), norm, toks, question))
    return tuple(out)
