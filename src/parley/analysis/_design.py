"""The classifier's input row: embeddings, context features and the rules' findings.

Row layout (``D = 2 * dim + len(FEATURES) + 1 + len(TECHNIQUES)``):

1. unit embedding of the trainee's utterance (``dim``);
2. unit embedding of the subject's last line (``dim``; zeros when there is none);
3. the context features of :mod:`parley.analysis._features` (counts as ``log1p``);
4. the cosine between the two embeddings (similarity to the subject's last turn);
5. the rules' confidence per technique (``rules-v1``; 0 when a rule did not fire).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from parley.analysis._embed import Matrix
from parley.analysis._types import Analysis
from parley.techniques import TECHNIQUES

FEATURES = (
    "n_tokens", "n_sentences", "question", "wh_start", "has_context", "overlap_last",
    "content_overlap_last", "suffix_last", "run_last", "echo_share", "bag_share",
    "content_in_echo", "summary_turns", "summary_share", "repeat_own",
)
"""Context features used, in row order (missing keys read as 0)."""
_COUNTS = frozenset({"n_tokens", "n_sentences", "suffix_last", "run_last", "summary_turns"})
_INDEX = {name: i for i, name in enumerate(TECHNIQUES)}


def context_vector(features: dict[str, float]) -> list[float]:
    """Return the context features in :data:`FEATURES` order, counts log-scaled."""
    out = []
    for key in FEATURES:
        value = float(features.get(key, 0.0))
        out.append(math.log1p(max(value, 0.0)) if key in _COUNTS else value)
    return out


def rule_vector(analysis: Analysis) -> list[float]:
    """Return the rules' highest confidence per technique, in TECHNIQUES order."""
    out = [0.0] * len(TECHNIQUES)
    for f in analysis.findings:
        i = _INDEX[f.technique]
        out[i] = max(out[i], f.confidence)
    return out


def design(utterances: Matrix, subjects: Matrix, analyses: Sequence[Analysis]) -> Matrix:
    """Stack the classifier rows for a batch.

    Args:
        utterances: Unit embeddings of the utterances, shape ``(n, dim)``.
        subjects: Unit embeddings of the subject's last lines (zero rows if none).
        analyses: The ``rules-v1`` analysis of each utterance (findings and features).

    Returns:
        float32 array of shape ``(n, 2 * dim + len(FEATURES) + 1 + len(TECHNIQUES))``.
    """
    cos = np.sum(utterances * subjects, axis=1, keepdims=True)
    extra = np.array([context_vector(a.features) + rule_vector(a) for a in analyses],
                     dtype=np.float32).reshape(len(analyses), -1)
    ctx, rules = extra[:, :len(FEATURES)], extra[:, len(FEATURES):]
    return np.hstack([utterances, subjects, ctx, cos, rules]).astype(np.float32)
