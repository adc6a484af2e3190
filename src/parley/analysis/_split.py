"""Train/dev/test splits that keep near-duplicates together.

Utterances whose normalised text is identical, or whose embeddings have cosine similarity
at or above a threshold (0.92 by default), are joined (transitively) into one cluster, and
a whole cluster goes to one split. Clusters are assigned greedily, largest first, to the
split that most lacks their primary label, so every label is stratified ~70/15/15.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from parley.analysis._corpus import Example
from parley.analysis._embed import Matrix

SPLITS = ("train", "dev", "test")
EXCLUDED = "excluded"
"""Split name of a new example too close to a held-out one to be trained on (see :func:`extend`)."""
RATIOS = (0.7, 0.15, 0.15)
THRESHOLD = 0.92
SEED = 13
_PUNCT = re.compile(r"[^\w\s]+")


def normalised(text: str) -> str:
    """Lower-case ``text``, drop punctuation, collapse spaces (for exact-duplicate checks)."""
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def clusters(texts: Sequence[str], vectors: Matrix, threshold: float = THRESHOLD
             ) -> list[list[int]]:
    """Group indices of near-duplicate ``texts`` (unit ``vectors``, one row each).

    Returns:
        Clusters as lists of indices, each sorted, in order of their first member.
    """
    union = _Union(len(texts))
    first: dict[str, int] = {}
    for i, text in enumerate(texts):
        union.join(first.setdefault(normalised(text), i), i)
    for start in range(0, len(texts), 512):
        sims = vectors[start:start + 512] @ vectors.T
        for a, b in zip(*np.nonzero(sims >= threshold), strict=True):
            if start + a < b:
                union.join(int(start + a), int(b))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[union.find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


@dataclass(frozen=True)
class Split:
    """A split assignment.

    Attributes:
        assignment: Example id -> ``train``, ``dev`` or ``test``.
        n_clusters: Number of near-duplicate clusters.
        largest: Size of the largest cluster.
    """

    assignment: dict[str, str]
    n_clusters: int
    largest: int


def _label(members: list[Example]) -> str:
    return Counter(m.primary for m in members).most_common(1)[0][0]


def assign(examples: Sequence[Example], groups: list[list[int]], seed: int = SEED) -> Split:
    """Assign whole clusters to splits, stratified by primary label, reproducibly."""
    totals = Counter(e.primary for e in examples)
    have: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    order = list(groups)
    random.Random(seed).shuffle(order)
    order.sort(key=len, reverse=True)
    out: dict[str, str] = {}
    for group in order:
        label = _label([examples[i] for i in group])
        need = [RATIOS[k] * totals[label] - have[s][label] for k, s in enumerate(SPLITS)]
        split = SPLITS[max(range(len(SPLITS)), key=lambda k: need[k])]
        have[split][label] += len(group)
        out.update({examples[i].id: split for i in group})
    return Split(out, len(groups), max(map(len, groups), default=0))


def split_examples(examples: Sequence[Example], vectors: Matrix,
                   threshold: float = THRESHOLD, seed: int = SEED) -> Split:
    """Cluster ``examples`` by text and embedding (``vectors``), then assign the clusters."""
    return assign(examples, clusters([e.text for e in examples], vectors, threshold), seed)


def extend(frozen: dict[str, str], examples: Sequence[Example], vectors: Matrix,
           threshold: float = THRESHOLD) -> dict[str, str]:
    """Add examples written after a split was published, without touching the split.

    A published split stays as it is, so that figures before and after new data was added
    compare on the same dev and test examples. Each example whose id ``frozen`` lacks goes
    to ``train``, unless it is a near-duplicate of a dev or test example (same normalised
    text, or cosine at or above ``threshold``): then it is :data:`EXCLUDED`, used nowhere,
    so that nothing learnt in training was seen in evaluation.

    Args:
        frozen: The published assignment, example id -> split.
        examples: All examples (old and new), aligned with ``vectors``.
        vectors: Unit embeddings of the examples' texts, one row each.
        threshold: Cosine from which two texts are near-duplicates.

    Returns:
        The assignment of every example in ``examples``.
    """
    held = [i for i, e in enumerate(examples) if frozen.get(e.id) in ("dev", "test")]
    held_texts = {normalised(examples[i].text) for i in held}
    held_vectors = vectors[held]
    out = {}
    for i, e in enumerate(examples):
        if e.id in frozen:
            out[e.id] = frozen[e.id]
            continue
        near = len(held) > 0 and float(np.max(held_vectors @ vectors[i])) >= threshold
        out[e.id] = EXCLUDED if near or normalised(e.text) in held_texts else "train"
    return out
