"""Transcriber notes and stage directions inside a transcript's turns.

``[inaudible]``, ``(crosstalk)`` and ``[long pause]`` are not words of the speaker:
:func:`direction` says whether a turn is only such notes and whether they are a silence,
and :func:`words` takes square-bracketed notes out of a turn. :mod:`._transcript` reads
turns with them; :mod:`._transcript_summary` codes a silence as an effective pause.
"""

from __future__ import annotations

import re

_NOTE = re.compile(r"\[[^\[\]]*\]")
_DIRECTIONS = re.compile(r"\s*(?:(?:\[[^\[\]]*\]|\([^()]*\))[\s.,;:!?…-]*)+")
"""A text of bracketed notes only: ``[long pause]``, ``(no response).``, ``[sighs] (pause)``.

Each note opens with a bracket that nothing before it can match, so the pattern reads a
text one way only (no backtracking: a long text of notes is read in linear time)."""
_SILENCE = re.compile(
    r"\b(?:silen(?:ce|t)|pause[sd]?|pausing|quiet|waits?|waiting|beat|dead air|"
    r"unresponsive|says nothing|said nothing|no (?:audible |verbal )?(?:response|reply|"
    r"answer)|(?:does|did)(?: not|n't) (?:respond|reply|answer|speak|say anything))\b",
    re.IGNORECASE)
"""A stage direction of silence, a pause or no reply."""
_UNHEARD = re.compile(r"inaudible|unintelligible|indistinct|cross-?talk|overlapping|garbled|"
                      r"muffled|mumbl|whisper", re.IGNORECASE)
"""A note of words said but not transcribed: not a silence."""


def direction(text: str) -> str | None:
    """Say what a turn of bracketed notes only is: ``"silence"``, ``"note"`` or None.

    ``"silence"``: every note is a stage direction of silence, a pause or no reply
    (``(no response)``, ``[long pause]``, ``(silence 20 s)``). ``"note"``: any other
    bracketed-only text (``[inaudible]``, ``(crosstalk)``). None: the text has words
    outside brackets (or none at all).
    """
    if not text.strip() or not _DIRECTIONS.fullmatch(text):
        return None
    notes = re.findall(r"[\[(]([^\[\]()]*)[\])]", text)
    silent = all(_SILENCE.search(n) and not _UNHEARD.search(n) for n in notes)
    return "silence" if silent else "note"


def words(text: str) -> str:
    """Return ``text`` without its square-bracketed notes, spaces evened out."""
    return " ".join(_NOTE.sub(" ", text).split())
