"""The lexical half of ``hybrid-v2``: what was said, word for word, and how it meets the context.

Sentence embeddings carry the topic of a turn but blur its surface: the negation that
makes "You're not worthless" an argument, the subject's own words coming back as a
mirror, a "what" that opens a single-fact question. This model reads the surface. Each
turn becomes four TF-IDF vectors (scikit-learn), and one logistic regression per technique
reads them all:

1. word 1-3-grams of the normalised utterance (fillers dropped, "u" -> "you"...);
2. character 2-5-grams of the raw utterance (typos, "mm-hmm", "…");
3. words of the subject's last line (what the turn answers), at half weight;
4. **context tokens** (:func:`context_document`): every utterance word marked by
   whether it echoes the subject's last line (``E_``), an earlier subject line (``P_``),
   or neither (``N_``); negation in the turn and in the subject's line; the share of
   echoed words; how many subject turns came before; sentence count and length; the
   first word or two of each sentence, marked question or statement; a bare pause.

The features are those a coder uses for the listening skills (echo for mirroring and
paraphrasing, spread over earlier turns for summarizing, question form and opener for
open/closed/why questions) and for arguing (a negated echo of the subject's claim).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from parley.analysis._analyzer import CONTEXT_WINDOW
from parley.analysis._embed import Matrix
from parley.analysis._linear import sigmoid
from parley.analysis._text import flip, normalize, sentences, stem, tokens
from parley.analysis._types import Analysis, Finding, Utterance
from parley.techniques import TECHNIQUES

_NEGATIONS = frozenset({"not", "no", "never", "nobody", "nothing", "none", "nah", "nope",
                        "нет", "не", "ни", "никто", "ничего", "никогда"})
_PAUSE = re.compile(r"^\W*(?:\.{2,}|…|\(?pause\)?|\[?silence[^\]]*\]?)\W*$", re.IGNORECASE)
_TECHNIQUES = tuple(TECHNIQUES)
WINDOW = CONTEXT_WINDOW
"""Context turns read for the context tokens."""
SUBJECT_WEIGHT = 0.5
"""Weight of the subject-line block against the utterance blocks."""


def _negated(words: Sequence[str]) -> bool:
    return any(w in _NEGATIONS or w.endswith("n't") for w in words)


def context_document(text: str, context: Sequence[Utterance]) -> str:
    """Return the context tokens of ``text`` answering ``context`` (oldest first).

    Example: "Nineteen years?" after "Nineteen years I gave them." gives
    ``E_nineteen E_years __negU0_negS0__ __echo4__ __ctx__ __turns1__ ...``. Only the
    last :data:`WINDOW` turns are read (a session passes 12; training examples have 5 at
    most), so a long transcript costs the same per turn as a short one.
    """
    said = [tokens(normalize(u.text)) for u in context[-WINDOW:] if u.speaker == "subject"]
    said = [s for s in said if s]
    last = flip(said[-1]) if said else ()
    last_stems = {stem(w) for w in last}
    earlier = {stem(w) for s in said[:-1] for w in flip(s)} - last_stems
    words = tokens(normalize(text))
    out = []
    for w in words:
        s = stem(w)
        out.append(("E_" if s in last_stems else "P_" if s in earlier else "N_") + w)
    echoed = sum(stem(w) in last_stems for w in words) / max(len(words), 1)
    out += [f"__negU{int(_negated(words))}_negS{int(_negated(last))}__",
            f"__echo{min(int(echoed * 5), 4)}__", "__ctx__" if last else "__noctx__",
            f"__turns{min(len(said), 4)}__", f"__earlier{min(len(earlier), 9) // 3}__"]
    sents = sentences(text)
    out += [f"__sents{min(len(sents), 4)}__", f"__len{min(len(words), 40) // 5}__"]
    for i, sent in enumerate(sents):
        kind = "Q" if sent.question else "S"
        out.append(f"__{kind}{'last' if i == len(sents) - 1 else 'mid'}__")
        out.append(f"__{kind}first_{sent.tokens[0]}__")
        if len(sent.tokens) > 1:
            out.append(f"__{kind}first2_{sent.tokens[0]}_{sent.tokens[1]}__")
    if not words or _PAUSE.match(text.strip()):
        out.append("__pause__")
    return " ".join(out)


_BLOCKS = ("word", "char", "subject", "context")
_ECHO_PREFIX = {"E_": "echoes {!r}", "P_": "echoes an earlier {!r}", "N_": "{!r}"}
_TOKEN_WORDS = {
    "__negU1_negS0__": "a negation his line did not have",
    "__negU0_negS1__": "no negation where his line had one",
    "__noctx__": "no context", "__pause__": "a bare pause",
}


def _readable(block: str, name: str) -> str:
    """Describe one feature for evidence ('' for character n-grams and opaque tokens)."""
    if block == "word":
        return repr(name)
    if block == "subject":
        return f"his line had {name!r}"
    if block != "context":
        return ""
    parts = [_readable_token(token) for token in name.split()]
    words = [p for p in parts if p.startswith("'")]
    if len(words) == len(parts) > 1:  # a plain bigram of unechoed words
        return repr(" ".join(w.strip("'") for w in words))
    return " + ".join(p for p in parts if p)


def _readable_token(token: str) -> str:
    if token in _TOKEN_WORDS:
        return _TOKEN_WORDS[token]
    first = re.fullmatch(r"__(Q|S)first2?_(.+)__", token)
    if first:
        kind = "question" if first.group(1) == "Q" else "sentence"
        return f"a {kind} opening {first.group(2).replace('_', ' ')!r}"
    if token[:2] in _ECHO_PREFIX:
        return _ECHO_PREFIX[token[:2]].format(token[2:])
    return ""


_SETTINGS: dict[str, dict[str, Any]] = {
    "word": {"ngram_range": (1, 3), "min_df": 2, "sublinear_tf": True},
    "char": {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3,
             "sublinear_tf": True, "max_features": 60000},
    "subject": {"min_df": 2, "sublinear_tf": True},
    "context": {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True,
                "token_pattern": r"\S+", "lowercase": False},
}
"""scikit-learn ``TfidfVectorizer`` settings per block (used to learn the vocabularies)."""
_WORD = re.compile(r"(?u)\b\w\w+\b")
_NON_SPACE = re.compile(r"\S+")
_SPACES = re.compile(r"\s\s+")

Row = tuple[npt.NDArray[np.int64], Matrix]
"""One utterance's features: column indices and their TF-IDF values."""


def _documents(items: Sequence[tuple[str, Sequence[Utterance]]]) -> dict[str, list[str]]:
    last = [next((u.text for u in reversed(c) if u.speaker == "subject"), "") for _, c in items]
    return {"word": [normalize(t) for t, _ in items], "char": [t for t, _ in items],
            "subject": [normalize(s) for s in last],
            "context": [context_document(t, c) for t, c in items]}


def _in_order(vocabulary: dict[str, int]) -> list[str]:
    """Return the terms of a scikit-learn ``vocabulary_`` in column order."""
    out = [""] * len(vocabulary)
    for term, col in vocabulary.items():
        out[col] = term
    return out


class Vocabulary:
    """A block's terms, column by column, held compactly.

    A Python ``dict`` of ~110,000 n-grams costs ~17 MB of string and entry objects; this
    keeps the terms as one string with offsets and finds a term by its hash in a sorted
    array (~4 MB), so the vocabularies do not grow the server's memory with every
    training round. A term is found when its 64-bit hash (Python's SipHash) and its length
    both match: a string outside the vocabulary is taken for a term with odds of about
    one in 10**14 per lookup (113,000 terms in 2**64 hashes), against the text compare
    that would double the time of a turn's features.

    Args:
        terms: The terms in column order (no repeats).
    """

    def __init__(self, terms: Sequence[str]) -> None:
        """Index ``terms`` (column ``i`` is ``terms[i]``)."""
        self._text = "".join(terms)
        self._lengths = np.fromiter(map(len, terms), np.int64, len(terms))
        self._ends = np.cumsum(self._lengths)
        hashes = np.fromiter(map(hash, terms), np.int64, len(terms))
        order = np.argsort(hashes, kind="stable")
        self._hashes, self._cols = hashes[order], order

    def __len__(self) -> int:
        """Number of terms."""
        return len(self._ends)

    def term(self, col: int) -> str:
        """Return the term of column ``col``."""
        start = int(self._ends[col - 1]) if col else 0
        return self._text[start:int(self._ends[col])]

    def in_order(self) -> list[str]:
        """Return every term, in column order."""
        return [self.term(i) for i in range(len(self))]

    def columns(self, terms: Sequence[str]) -> npt.NDArray[np.int64]:
        """Return the column of each of ``terms``, -1 for a term not in the vocabulary."""
        if not terms or not len(self):
            return np.full(len(terms), -1, np.int64)
        hashes = np.fromiter(map(hash, terms), np.int64, len(terms))
        lengths = np.fromiter(map(len, terms), np.int64, len(terms))
        at = np.minimum(np.searchsorted(self._hashes, hashes), len(self) - 1)
        cols = self._cols[at]
        found = (self._hashes[at] == hashes) & (self._lengths[cols] == lengths)
        return np.where(found, cols, -1)

    def __contains__(self, term: object) -> bool:
        """True when ``term`` is one of the terms."""
        return isinstance(term, str) and bool(self.columns([term])[0] >= 0)


def _ngrams(words: list[str], low: int, high: int) -> list[str]:
    out = list(words) if low == 1 else []
    for n in range(max(low, 2), min(high, len(words)) + 1):
        out += [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
    return out


def _char_wb(text: str, low: int, high: int) -> list[str]:
    out = []
    for word in _SPACES.sub(" ", text).split():
        w = f" {word} "
        for n in range(low, high + 1):
            out += [w[i:i + n] for i in range(max(len(w) - n + 1, 1))]
            if len(w) <= n:
                break
    return out


@dataclass(frozen=True)
class Block:
    """One TF-IDF block, applied in numpy (scikit-learn's analyzers, reimplemented).

    The terms are those ``TfidfVectorizer`` learned at training time; the analysis of a
    document (lowercasing, word pattern, word n-grams, ``char_wb`` n-grams padded with
    spaces), sublinear term frequency, IDF and L2 normalisation follow scikit-learn
    exactly (a test compares the two), so inference needs neither scikit-learn nor scipy.

    Attributes:
        name: ``word``, ``char``, ``subject`` or ``context``.
        vocabulary: The block's terms; a term's position is its column in the block.
        idf: IDF weight per column.
        offset: First column of the block in the full row.
        weight: Factor on the block's normalised values.
    """

    name: str
    vocabulary: Vocabulary
    idf: Matrix
    offset: int
    weight: float = 1.0

    def terms(self, doc: str) -> list[str]:
        """Return the block's terms of ``doc`` (repeats kept: they are the counts)."""
        settings = _SETTINGS[self.name]
        low, high = settings.get("ngram_range", (1, 1))
        if settings.get("lowercase", True):
            doc = doc.lower()
        if settings.get("analyzer") == "char_wb":
            return _char_wb(doc, low, high)
        pattern = _NON_SPACE if settings.get("token_pattern") == r"\S+" else _WORD
        return _ngrams(pattern.findall(doc), low, high)

    def row(self, doc: str) -> Row:
        """Return the L2-normalised, sublinear TF-IDF of ``doc`` (full-row columns)."""
        counts: dict[int, int] = {}  # in the order the terms first came
        for col in self.vocabulary.columns(self.terms(doc)).tolist():
            if col >= 0:
                counts[col] = counts.get(col, 0) + 1
        if not counts:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        cols = np.fromiter(counts, np.int64, len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), np.float64, len(counts))))
        values *= self.idf[cols]
        values *= self.weight / np.sqrt(np.dot(values, values))
        return cols + self.offset, values.astype(np.float32)


@dataclass(frozen=True)
class LexicalFeatures:
    """The four TF-IDF blocks of a turn (see the module doc)."""

    blocks: tuple[Block, ...]

    @property
    def size(self) -> int:
        """Number of columns of a full row."""
        last = self.blocks[-1]
        return last.offset + len(last.idf)

    @classmethod
    def fit(cls, items: Sequence[tuple[str, Sequence[Utterance]]]) -> LexicalFeatures:
        """Learn the vocabularies and IDF weights (scikit-learn) on training pairs."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = _documents(items)
        data: dict[str, Any] = {}
        for b in _BLOCKS:
            v = TfidfVectorizer(**_SETTINGS[b]).fit(docs[b])
            data[f"{b}_terms"] = _in_order(v.vocabulary_)
            data[f"{b}_idf"] = v.idf_
        return cls.from_arrays(data)

    def rows(self, items: Sequence[tuple[str, Sequence[Utterance]]]) -> list[Row]:
        """Return one row (columns, values) per ``(text, context)`` pair."""
        docs = _documents(items)
        out = []
        for i in range(len(items)):
            parts = [block.row(docs[block.name][i]) for block in self.blocks]
            out.append((np.concatenate([c for c, _ in parts]),
                        np.concatenate([v for _, v in parts])))
        return out

    def matrix(self, items: Sequence[tuple[str, Sequence[Utterance]]]) -> Any:
        """Return the rows as a scipy CSR matrix, shape ``(n, size)`` (for training)."""
        import scipy.sparse as sp

        rows = self.rows(items)
        indptr = np.cumsum([0] + [len(c) for c, _ in rows])
        cols = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, np.int64)
        vals = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, np.float32)
        return sp.csr_matrix((vals, cols, indptr), shape=(len(rows), self.size))

    def arrays(self) -> dict[str, Any]:
        """Return the vocabularies (term lists in column order) and IDF weights."""
        out: dict[str, Any] = {}
        for block in self.blocks:
            out[f"{block.name}_terms"] = block.vocabulary.in_order()
            out[f"{block.name}_idf"] = block.idf
        return out

    @classmethod
    def from_arrays(cls, data: dict[str, Any]) -> LexicalFeatures:
        """Rebuild the blocks from :meth:`arrays` (nothing is refitted)."""
        blocks, offset = [], 0
        for b in _BLOCKS:
            terms = list(data[f"{b}_terms"])
            blocks.append(Block(b, Vocabulary(terms),
                                np.asarray(data[f"{b}_idf"], dtype=np.float64), offset,
                                SUBJECT_WEIGHT if b == "subject" else 1.0))
            offset += len(terms)
        return cls(tuple(blocks))

    def block(self, name: str) -> Block:
        """Return the block called ``name``."""
        return next(b for b in self.blocks if b.name == name)

    def name(self, col: int) -> tuple[str, str]:
        """Return (block name, term) of column ``col`` of a full row."""
        block = next(b for b in reversed(self.blocks) if b.offset <= col)
        return block.name, block.vocabulary.term(col - block.offset)


@dataclass(frozen=True)
class LexicalModel:
    """One-vs-rest logistic regressions over :class:`LexicalFeatures`, Platt-calibrated.

    Attributes:
        features: The fitted vectorizers.
        weights: One row per technique, shape ``(T, V)``.
        bias: Intercepts, shape ``(T,)``.
        platt_a: Platt slope per technique, shape ``(T,)``.
        platt_b: Platt intercept per technique, shape ``(T,)``.
    """

    features: LexicalFeatures
    weights: Matrix
    bias: Matrix
    platt_a: Matrix
    platt_b: Matrix

    def proba(self, items: Sequence[tuple[str, Sequence[Utterance]]]) -> Matrix:
        """Return calibrated probabilities in [0, 1], shape ``(n, T)``."""
        return self.proba_rows(self.features.rows(items))

    def proba_rows(self, rows: Sequence[Row]) -> Matrix:
        """Return calibrated probabilities for already computed ``rows``."""
        columns: Matrix | None = getattr(self, "_columns", None)
        if columns is None:  # contiguous (V, T): one gather per row (no copy after load)
            columns = np.ascontiguousarray(self.weights.T)
            object.__setattr__(self, "_columns", columns)
        scores = (np.stack([v @ columns[c].astype(np.float32) for c, v in rows]) if rows
                  else np.zeros((0, len(self.bias)), np.float32))
        return sigmoid(self.platt_a * (scores + self.bias) + self.platt_b)

    def cues(self, row: Row, technique: int, k: int = 3) -> list[str]:
        """Return the ``k`` readable features of one row that most raised ``technique``.

        Character n-grams are skipped (they are not readable); context tokens are shown
        as they are (``E_worthless``: an echo of the subject's word; ``__negU1_negS0__``:
        a negation the subject's line did not have).
        """
        cols, values = row
        contrib = values * self.weights[technique, cols]
        out: list[str] = []
        for i in np.argsort(-contrib):
            if contrib[i] <= 0 or len(out) == k:
                break
            block, name = self.features.name(int(cols[i]))
            cue = _readable(block, name)
            if cue and cue not in out:
                out.append(cue)
        return out

    def coverage(self, items: Sequence[tuple[str, Sequence[Utterance]]]) -> Matrix:
        """Return the share of each utterance's words in the word vocabulary, shape ``(n,)``.

        Near 1 for English turns, lower for Russian ones (the vocabulary is the training
        set's: English, and the Russian turns adapted from it), near 0 for Kazakh.
        """
        known = self.features.block("word").vocabulary
        out = np.zeros(len(items), dtype=np.float32)
        for i, (text, _) in enumerate(items):
            words = tokens(normalize(text))
            out[i] = float(np.mean(known.columns(words) >= 0)) if words else 1.0
        return out

    def save(self, path: Path) -> None:
        """Write the model to ``path`` (``.npz``; vocabularies as UTF-8 JSON bytes)."""
        arrays = self.features.arrays()
        terms = {k: v for k, v in arrays.items() if k.endswith("_terms")}
        blob = np.frombuffer(json.dumps(terms, ensure_ascii=False).encode("utf-8"), np.uint8)
        np.savez_compressed(
            path, terms=blob, weights=self.weights.astype(np.float16), bias=self.bias,
            platt_a=self.platt_a, platt_b=self.platt_b,
            **{k: v for k, v in arrays.items() if k.endswith("_idf")})

    @classmethod
    def load(cls, path: Path) -> LexicalModel:
        """Read a model written by :meth:`save`."""
        with np.load(path) as data:
            arrays: dict[str, Any] = json.loads(bytes(data["terms"]).decode("utf-8"))
            arrays |= {f"{b}_idf": data[f"{b}_idf"] for b in _BLOCKS}
            # Held as stored (float16, 4.5 MB instead of 9) and as a transposed view of a
            # (V, T) array, so proba_rows reads the columns contiguously without a copy;
            # the few columns a turn gathers are widened to float32 there.
            weights = np.ascontiguousarray(data["weights"].T).T
            return cls(LexicalFeatures.from_arrays(arrays),
                       weights, data["bias"].astype(np.float32),
                       data["platt_a"].astype(np.float32), data["platt_b"].astype(np.float32))


def fit_lexical(items: Sequence[tuple[str, Sequence[Utterance]]], targets: Matrix, *,
                c: float = 3.0, seed: int = 0, folds: int = 5) -> LexicalModel:
    """Fit the vectorizers, one logistic regression per technique, and Platt scaling.

    Args:
        items: Training ``(text, context)`` pairs.
        targets: 0/1 label matrix, shape ``(n, T)``; every column needs positives.
        c: Inverse L2 regularisation strength (liblinear, ``class_weight="balanced"``).
        seed: Seed of the cross-validation folds.
        folds: Folds of the out-of-fold scores the Platt scaling is fitted on.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    features = LexicalFeatures.fit(items)
    x = features.matrix(items)
    n_tech = targets.shape[1]
    weights = np.zeros((n_tech, x.shape[1]), dtype=np.float32)
    bias, pa, pb = (np.zeros(n_tech, dtype=np.float32) for _ in range(3))
    for t in range(n_tech):
        y = targets[:, t]
        model = LogisticRegression(C=c, solver="liblinear", class_weight="balanced",
                                   max_iter=3000)
        split = StratifiedKFold(folds, shuffle=True, random_state=seed)
        oof = cross_val_predict(model, x, y, cv=split, method="decision_function")
        pa[t], pb[t] = platt(np.asarray(oof, dtype=np.float32), y)
        model.fit(x, y)
        weights[t], bias[t] = model.coef_[0], model.intercept_[0]
    return LexicalModel(features, weights, bias, pa, pb)


def platt(scores: Matrix, y: Matrix) -> tuple[float, float]:
    """Fit Platt scaling ``sigmoid(a * score + b)`` of ``scores`` to 0/1 labels ``y``."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e4, max_iter=1000)
    lr.fit(scores.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


LEXICAL_NAME = "lexical-v1"


class LexicalAnalyzer:
    """The lexical model alone, thresholded (``lexical-v1``): no embeddings, fast.

    For bulk after-action coding of English transcripts: it needs no sentence embedding,
    so it codes several times faster than hybrid-v2 (BENCHMARKS.md). It reads English,
    and Russian less well (its vocabulary is the training set's: the English turns and
    the 1,304 Russian turns adapted from them; Russian macro-F1 0.60 against hybrid-v2's
    0.75). Evidence is the words and
    context cues that weighed most ("echoes 'worthless'", "a negation his line did not
    have", "a question opening 'what'").
    """

    name = LEXICAL_NAME

    def __init__(self, model: LexicalModel, thresholds: Matrix) -> None:
        """Wrap a trained ``model`` with one threshold per technique (chosen on dev)."""
        self.model = model
        self.thresholds = thresholds

    def __call__(self, text: str, context: Sequence[Utterance] = ()) -> Analysis:
        """Code ``text`` given the preceding dialogue (oldest first).

        Returns:
            An :class:`Analysis` with at least one finding; confidences are calibrated
            probabilities in [0, 1], highest first.

        Raises:
            InputError: If ``text`` is not a string or is too long.
        """
        return self.analyze_many([(text, context)])[0]

    def analyze_many(self, items: Sequence[tuple[str, Sequence[Utterance]]]
                     ) -> list[Analysis]:
        """Code a batch of (text, context) pairs."""
        from parley.analysis._analyzer import check_context, check_text

        items = [(check_text(t), check_context(c)) for t, c in items]
        x = self.model.features.rows(items)
        proba = self.model.proba_rows(x)
        coverage = self.model.coverage(items)
        out = []
        for i, (text, _) in enumerate(items):
            p = proba[i]
            chosen = [j for j in np.argsort(-p) if p[j] >= self.thresholds[j]]
            findings = []
            unknown = (f"; only {coverage[i]:.0%} of these words are in its vocabulary: "
                       "use the hybrid analyzer") if coverage[i] < 0.5 else ""
            for j in chosen or [int(np.argmax(p))]:
                cues = ", ".join(self.model.cues(x[i], int(j))) or "none stand out"
                findings.append(Finding(_TECHNIQUES[j], round(float(p[j]), 3),
                                        f"words: {cues}{unknown}"))
            out.append(Analysis(text, tuple(findings)))
        return out
