"""Checks on trainee input: what the engine refuses, with a one-line reason."""

from __future__ import annotations

import unicodedata

from parley.errors import InputError

MAX_CHARS = 1000
"""Longest utterance accepted, in characters (a long spoken turn is ~400)."""

PAUSE_MARKS = frozenset({"...", "…", "(pause)", "[pause]", "/pause"})
"""Texts that mean an effective pause (DESIGN.md: a line of only ``...`` or ``…``)."""


def is_pause(text: str) -> bool:
    """True if ``text`` is an effective-pause marker."""
    return text.strip().lower() in PAUSE_MARKS


def check_utterance(text: str) -> str:
    """Validate and tidy one trainee utterance.

    Args:
        text: Raw input.

    Returns:
        The text with surrounding whitespace removed and inner runs of spaces collapsed.

    Raises:
        InputError: Empty, without any letter or digit, longer than :data:`MAX_CHARS`, or
            containing control characters.
    """
    for ch in text:
        if ch not in "\t\n" and unicodedata.category(ch) in ("Cc", "Cs"):
            raise InputError(f"utterance contains a control character (U+{ord(ch):04X})")
    tidy = " ".join(text.split())
    if not tidy:
        raise InputError("utterance is empty (type ... for an effective pause)")
    if not any(ch.isalnum() for ch in tidy):
        raise InputError("utterance has no words (type ... for an effective pause)")
    if len(tidy) > MAX_CHARS:
        raise InputError(
            f"utterance is too long ({len(tidy)} characters; the limit is {MAX_CHARS})")
    return tidy
