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

__all__ = [
    "ACTIVE_LISTENING",
    "ERRORS",
    "INFLUENCE",
    "TECHNIQUES",
    "Family",
    "Technique",
    "family_of",
    "is_error",
    "is_listening",
    "technique_name",
]
