"""The technique taxonomy: names, families, definitions, examples and sources."""

from parley.techniques._taxonomy import (
    ACTIVE_LISTENING,
    ERRORS,
    INFLUENCE,
    TECHNIQUES,
    Family,
    Technique,
    family_of,
    is_error,
    is_listening,
    technique_name,
)

COUNTS = 0.5
"""Confidence from which a technique counts as used, in [0, 1]: in sessions (the subject's
reaction, the score), in the coach and in transcript summaries alike."""
ERROR_COUNTS = 0.4
"""Confidence from which an error counts, in [0, 1]: lower than :data:`COUNTS`, because
missing an error in feedback is worse than a false alarm (issue 3)."""

__all__ = [
    "ACTIVE_LISTENING",
    "COUNTS",
    "ERRORS",
    "ERROR_COUNTS",
    "INFLUENCE",
    "TECHNIQUES",
    "Family",
    "Technique",
    "family_of",
    "is_error",
    "is_listening",
    "technique_name",
]
