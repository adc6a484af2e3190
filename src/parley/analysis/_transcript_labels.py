"""Speaker labels and time stamps: how a transcript line says who is speaking.

A line may open with a time stamp (``[00:14:05]``, ``(14:05)``, ``00:14:05 -``) and a
speaker label, with a number or a name of its own (``NEGOTIATOR 2:``, ``NEGOTIATOR
(Sgt. Kelly):``, ``DET. RUIZ:``). The labels that name a role are :data:`SPEAKERS`
(:func:`speaker_of`); the rest of this module tells a name in capitals or capitalised
from other words, and a misspelt role from a name. The other transcript modules build
on this one.
"""

from __future__ import annotations

import difflib
import re

from parley.analysis._types import Speaker
from parley.errors import InputError

SPEAKERS: dict[str, Speaker] = {
    "negotiator": "negotiator", "neg": "negotiator", "primary negotiator": "negotiator",
    "secondary negotiator": "negotiator", "crisis negotiator": "negotiator",
    "cnt": "negotiator", "n": "negotiator", "hn": "negotiator", "pn": "negotiator",
    "hostage negotiator": "negotiator",
    "subject": "subject", "subj": "subject", "sub": "subject", "s": "subject",
    "caller": "subject", "hostage taker": "subject",
    "hostage-taker": "subject", "ht": "subject", "perpetrator": "subject", "perp": "subject",
    "suspect": "subject",
    # Russian and Kazakh transcripts (the analysis codes both languages).
    "переговорщик": "negotiator", "переговорщица": "negotiator", "п": "negotiator",
    "субъект": "subject", "объект": "subject", "захватчик": "subject",
    "преступник": "subject", "подозреваемый": "subject", "абонент": "subject",
    "с": "subject",
    "келіссөзші": "negotiator", "келіссөз жүргізуші": "negotiator",
    "күдікті": "subject", "қылмыскер": "subject",
}
"""Speaker labels understood (any case) and whose turn they are."""
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?"
_STAMP = rf"(?:[\[(]\s*{_CLOCK}\s*[\])]|{_CLOCK})"
_LEAD_STAMP = re.compile(rf"^\s*{_STAMP}\s*[-–—]?\s*")
"""A time stamp opening a line, with the dash that may follow it."""
_PREFIX = re.compile(
    rf"^\s*(?:{_STAMP}\s*[-–—]?\s*)?(?P<who>(?P<label>[^\W\d_][\w'’ .-]{{0,30}}?)"
    r"(?:\s*#?\d{1,2})?(?:\s*\([^()]{0,60}\))?)\s*:\s*(?P<text>.*)$")
"""A time stamp (optional), a speaker label, an optional number or (name), a colon.

``who`` is the speaker as written without the time stamp (``Sister (TPI)``, ``HOSTAGE 2``,
``DET. RUIZ``); whether a dot may stand in a label is :func:`_words_of_label`'s to say."""
_NAME = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBER = re.compile(r"\s*#?\d{1,2}\s*$")


_ABBREVIATIONS = frozenset(
    "det sgt lt cpl ofc off insp capt cpt cmdr cdr maj col gen dr mr mrs ms mx jr sr st "
    "agt supt const pc dc ds di dci sa ssa tpr tfc dep".split())
"""Ranks and titles written with a dot in a speaker's name (``DET. RUIZ``, ``Sgt. Kelly``)."""


def _words_of_label(label: str) -> list[str] | None:
    """Return the words of ``label`` without the dots of its abbreviations and initials.

    None when a dot ends anything else (``Okay. Listen`` is speech, not a speaker).
    """
    words = label.split(" ")
    for k, w in enumerate(words):
        if w.endswith(".") and len(w) > 1:
            w = w[:-1]
            if len(w) > 1 and w.lower() not in _ABBREVIATIONS:
                return None
            words[k] = w
    return words


def _shouted(label: str) -> bool:
    """An upper-case label in any script: HOSTAGE, UNKNOWN MALE, ЗАЛОЖНИЦА, DET. RUIZ."""
    words = _words_of_label(label)
    bare = " ".join(words or [])
    return (words is not None and 3 <= len(label) <= 31 and bare[:1].isalpha()
            and bare.isupper() and all(ch.isalpha() or ch in " '’-" for ch in bare))


def speaker_of(label: str) -> Speaker | None:
    """Return whose turn a speaker label marks (``None`` if it is not one we know).

    An abbreviation may end with a dot (``NEG.``, ``S.``).
    """
    key = _NUMBER.sub("", _NAME.sub("", label))
    return SPEAKERS.get(" ".join(w.removesuffix(".") for w in key.lower().split()))


def _prefixed(line: str) -> tuple[str, str] | None:
    """Return (label, text) when ``line`` opens with a speaker label, else None."""
    m = _PREFIX.match(line)
    return (m.group("label").strip(), m.group("text")) if m else None


def _titled(label: str) -> bool:
    """A capitalised label of up to three words in any script (Sister, Сестра, Det. Ruiz)."""
    words = _words_of_label(label)
    return words is not None and len(words) <= 3 and all(
        w and w[0].isupper() and all(ch.isalnum() or ch in "'’-" for ch in w) for w in words)


def _typo_of(label: str) -> str | None:
    """Return the known label ``label`` looks like a misspelling of (NEGOTATOR), if any."""
    near = difflib.get_close_matches(label.lower(), [k for k in SPEAKERS if len(k) > 3],
                                     n=1, cutoff=0.8)
    return near[0].upper() if near else None


def _refuse_typo(label: str, where: str) -> None:
    typo = _typo_of(label)
    if typo is not None:
        raise InputError(f"{where}: unknown speaker {label!r} (did you mean {typo}?)")
