"""Checks on trainee input: what the engine refuses, with a one-line reason."""

from __future__ import annotations

import re
import unicodedata

from parley.analysis._lex_listening import PAUSE_ONLY
from parley.errors import InputError

MAX_CHARS = 1000
"""Longest utterance accepted, in characters (a long spoken turn is ~400)."""

_PAUSE = re.compile(PAUSE_ONLY, re.IGNORECASE)


def is_pause(text: str) -> bool:
    """True if ``text`` is an effective pause and nothing else.

    DESIGN.md writes a pause as a line of only ``...`` or ``…``; people also type more
    dots (``....``, ``. . .``), ``/pause``, or a bracketed direction as transcripts do
    (``(pause)``, ``[long pause]``, ``(no response)``, ``*silence*``). The pattern is the
    analyzer's own (``effective_pause`` rule), so what a session takes for silence is what
    the analysis codes as silence.
    """
    tidy = text.strip()
    return bool(tidy) and (tidy.lower() == "/pause" or bool(_PAUSE.match(tidy)))


def check_utterance(text: str, limit: int = MAX_CHARS) -> str:
    """Validate and tidy one trainee utterance.

    Args:
        text: Raw input.
        limit: Longest text accepted, in characters (:data:`MAX_CHARS` for a live turn;
            coding a file allows the analyzer's own limit, since a transcribed turn can
            run long).

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
        raise InputError("utterance is empty (an effective pause is written ...)")
    if not any(ch.isalnum() for ch in tidy):
        raise InputError("utterance has no words (an effective pause is written ...)")
    if len(tidy) > limit:
        raise InputError(f"utterance is too long ({len(tidy)} characters; the limit is {limit})")
    return tidy
