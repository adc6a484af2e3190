"""Small text helpers the dynamics need (topic detection, repetition, content overlap)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[\w']+", re.UNICODE)
_STOP = frozenset(
    """a an the and or but so if then of to in on at for with from by as is are was were be
    been being am i you he she it we they me him her us them my your his its our their this
    that these those there here what how when where who why do does did doing have has had
    not no yes just really very can could would should will shall may might must about
    like okay ok oh um uh well yeah right got get go going know think feel sounds seems
    tell me more mm hmm im you're it's that's don't can't won't i'm""".split()
)


def words(text: str) -> list[str]:
    """Lower-case word tokens."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    """Words that carry content: not stop words, at least three letters, crude stem."""
    return {_stem(w) for w in words(text) if w not in _STOP and len(w) >= 3}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def normalise(text: str) -> str:
    """Lower-case words joined by single spaces, for repetition checks."""
    return " ".join(words(text))


def mentions(text: str, keywords: Iterable[str]) -> bool:
    """True if any keyword (a word or a phrase, lower case) occurs in ``text`` as words."""
    padded = f" {normalise(text)} "
    return any(f" {normalise(k)} " in padded for k in keywords if k.strip())


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' word sets, in [0, 1]."""
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


_ALLOW = re.compile(
    r"\b(put|let|bring|send|patch|hand|get)\b[\w\s']{0,40}\b(talk|speak|in|through|on|"
    r"over|phone|line)\b|"
    r"\b(will|can|could|is going to) (talk|speak) (to|with) (you|him|them)\b",
    re.IGNORECASE)
_NEGATED = re.compile(r"(\b(not|no|none|no one|nobody|never|without|refused|declined)\b|n't\b)",
                      re.IGNORECASE)


def allows_contact(text: str) -> bool:
    """True if ``text`` lets someone talk to the subject ("I'll put her on the line")."""
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        match = _ALLOW.search(sentence)
        if match is not None and not _NEGATED.search(sentence):
            return True
    return False
