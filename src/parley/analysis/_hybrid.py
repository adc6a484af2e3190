"""The hybrid analyzer (``hybrid-v2``): rules + context features + embeddings + words.

For each trainee turn it runs ``rules-v1`` (findings and context features), embeds the
utterance and its sentences (one batched call) and the subject's last line (cached by
text: it can be embedded while the trainee types), and feeds the row to a small
multi-label network (:mod:`._mlp`). Beside it, the lexical model (:mod:`._lexical`)
reads the words, characters and context tokens of the turn. Their calibrated
probabilities are pooled in log-odds (:func:`pool`; weight :data:`BLEND` on the lexical
side, scaled down when the turn's words are not in its vocabulary (the English
training turns and the Russian ones adapted from them), so words it never saw rest on
the multilingual embeddings; a turn written in Kazakh, which USE was not
trained on, is coded by a network over multilingual-e5 embeddings instead,
:mod:`._transfer`). Every technique
whose probability passes its threshold (chosen on dev) becomes a finding. Evidence is
the rule that fired, or else the two most similar labelled training examples of that
technique.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from parley.analysis._analyzer import RulesAnalyzer, check_context, check_text
from parley.analysis._corpus import last_subject
from parley.analysis._design import design
from parley.analysis._embed import CachedEmbedder, Matrix, get_embedder
from parley.analysis._lexical import LexicalAnalyzer, LexicalModel
from parley.analysis._mlp import Model, load_model
from parley.analysis._text import is_cyrillic, sentences
from parley.analysis._transfer import KazakhRoute, is_kazakh, load_route
from parley.analysis._types import Analysis, Finding, Utterance
from parley.errors import InputError
from parley.techniques import TECHNIQUES

NAME = "hybrid-v2"
BLEND = 0.5
"""Weight of the lexical model in the pool (chosen on dev: 0.4-0.6 within 0.01)."""
POOL = "log-odds (logarithmic opinion pool), probabilities clipped to [1e-4, 1 - 1e-4]"
"""How the two models' probabilities are combined (:func:`pool`; recorded in the provenance)."""
POOL_CLIP = 1e-4
"""Probabilities are clipped to [POOL_CLIP, 1 - POOL_CLIP] before their log-odds are taken."""
COVERAGE = 0.5
"""Share of known words from which a turn gets the full lexical weight (linearly less below)."""
RULE_EVIDENCE = 0.4
"""A rule finding at or above this confidence is shown as the evidence for its technique."""
_T = tuple(TECHNIQUES)
_WHY = _T.index("why_question")
_PAUSE = _T.index("effective_pause")
_ANY_WHY = re.compile(r"\b(?:why|почему|зачем)\b", re.IGNORECASE)
_SUGGESTION_WHY = re.compile(r"\bwhy (?:don'?t we|not) \w|\bпочему бы\b", re.IGNORECASE)
_PAUSE_MARK = re.compile(r"[\(\[\*]|(?<![\w.…])(?:\.\s*){2,}|(?<![\w.…])…")


def suggestion_why_only(text: str) -> bool:
    """True if every "why" in ``text`` opens a suggestion ("why don't we...", "why not...").

    A bare "Why not?" after a refusal demands a justification, so it does not count. The
    Russian suggestion "почему бы нам не..." counts as one; "почему" or "зачем" alone do not.
    """
    text = text.replace("’", "'")
    whys = len(_ANY_WHY.findall(text))
    return whys > 0 and whys == len(_SUGGESTION_WHY.findall(text))


def pause_marked(text: str) -> bool:
    """True if ``text`` holds a mark a pause could be.

    Silence, dots or an ellipsis that stand apart from a word ("...", "I'm here. ... Go
    on"), or a bracketed direction ("(pause)", "[молчание]", "(үзіліс)"). The coding
    manual: "An ellipsis inside a hesitant sentence is disfluency, not a pause"; dots that
    close a word ("Not once...") are that. Every one of the 249 effective_pause turns of
    the corpus (adapted turns included) and the field sets has such a mark; 10 of the
    9,989 other turns do.
    """
    return not text.strip() or _PAUSE_MARK.search(text) is not None


def model_dir() -> Path:
    """Return the folder of the shipped artefacts (``parley/analysis/models``)."""
    return Path(str(resources.files("parley.analysis") / "models"))


@dataclass(frozen=True)
class Index:
    """Labelled training examples for the nearest-example evidence.

    Attributes:
        vectors: Unit embeddings of the training utterances, shape ``(n, dim)``.
        texts: The utterances.
        labels: 0/1 label matrix, shape ``(n, T)`` (uint8 as shipped).
    """

    vectors: Matrix
    texts: tuple[str, ...]
    labels: Matrix

    @cached_property
    def cyrillic(self) -> npt.NDArray[np.bool_]:
        """Whether each example is written in Cyrillic (Russian), shape ``(n,)``."""
        return np.array([is_cyrillic(t) for t in self.texts], dtype=bool)

    def nearest(self, vector: Matrix, technique: int, k: int = 2,
                cyrillic: bool | None = None) -> list[tuple[str, float]]:
        """Return the ``k`` most similar examples labelled ``technique``, with cosines.

        Args:
            vector: Unit embedding of the turn, shape ``(dim,)``.
            technique: Column of the technique in the label matrix.
            k: How many examples.
            cyrillic: When given, examples in the turn's own script come first: an
                English turn is shown English examples and a Russian turn Russian ones
                (USE puts a turn and its translation close together), unless the
                technique has none in that script.
        """
        rows = np.flatnonzero(self.labels[:, technique] > 0)
        if cyrillic is not None:
            same = rows[self.cyrillic[rows] == cyrillic]
            rows = same if len(same) else rows
        if not len(rows):
            return []
        sims = self.vectors[rows] @ vector
        best = np.argsort(-sims)[:k]
        return [(self.texts[rows[i]], float(sims[i])) for i in best]


def pool(network: Matrix, lexical: Matrix, weight: Matrix) -> Matrix:
    """Pool two calibrated probabilities in log-odds: ``sigmoid((1-w) logit(a) + w logit(b))``.

    The logarithmic opinion pool (Genest and Zidek, "Combining probability
    distributions", Statistical Science 1(1), 1986): a technique needs some support from
    both models, so one model's 0.2 beside the other's 0.001 pools to about 0.02, where
    the plain average gave 0.1, which the error threshold (about 0.1) reported. On the
    fifth round's fit it raised dev macro-F1 from 0.789 to 0.818 at the same error
    recall, with calibration error 0.005 instead of 0.011 (BENCHMARKS.md, "Sixth round").

    Args:
        network: The network's probabilities, shape ``(n, T)``, in [0, 1].
        lexical: The lexical model's probabilities, same shape.
        weight: The lexical model's weight per turn, shape ``(n, 1)``, in [0, 1].

    Returns:
        Pooled probabilities, shape ``(n, T)``, in (0, 1).
    """
    def logit(q: Matrix) -> Matrix:
        q = np.clip(q, POOL_CLIP, 1 - POOL_CLIP)
        return np.asarray(np.log(q / (1 - q)), dtype=np.float32)

    z = (1 - weight) * logit(network) + weight * logit(lexical)
    return np.asarray(1 / (1 + np.exp(-z)), dtype=np.float32)


def sentence_max(whole: Matrix, parts: Matrix) -> Matrix:
    """Element-wise max over the sentence vectors (``whole`` when one sentence or none)."""
    return whole if len(parts) < 2 else np.max(parts, axis=0)


def _row_extra(u: Matrix, s: Matrix, m: Matrix) -> Matrix:
    return np.hstack([u * s, m])


class HybridAnalyzer:
    """Calibrated classifiers over embeddings, context, rules and words (``hybrid-v2``)."""

    name = NAME

    def __init__(self, model: Model, index: Index, embedder: CachedEmbedder,
                 lexical: LexicalModel | None = None, blend: float = BLEND,
                 kazakh: KazakhRoute | None = None) -> None:
        """Combine the trained network, evidence index, embedder and lexical model.

        Args:
            model: The network (or logistic model) over the embedding rows.
            index: Labelled training examples for nearest-example evidence.
            embedder: The sentence embedder the model was trained with.
            lexical: The lexical model; None uses the network alone.
            blend: Weight of the lexical model in the pool, in [0, 1].
            kazakh: The network for turns written in Kazakh; None codes them like the rest.
        """
        self.model = model
        self.index = index
        self.embedder = embedder
        self.lexical = lexical
        self.blend = blend
        self.kazakh = kazakh
        self.rules = RulesAnalyzer()

    def proba(self, rows: Matrix, items: Sequence[tuple[str, Sequence[Utterance]]]
              ) -> Matrix:
        """Return the pooled calibrated probabilities, shape ``(n, T)``, in [0, 1].

        Turns written in Kazakh take the Kazakh network's probabilities instead (when it
        is shipped and the e5 package loads). The coding manual's two categorical
        exclusions are applied last: a turn whose only "why" opens a suggestion ("why
        don't we...", "why not...") is never a why_question, and a turn without a mark a
        pause could be (:func:`pause_marked`) is never an effective_pause.
        """
        out = self.model.proba(rows)
        if self.lexical is not None and len(items):
            weight = self.blend * np.minimum(self.lexical.coverage(items) / COVERAGE, 1.0)
            out = pool(out, self.lexical.proba(items), weight[:, None])
        out = np.asarray(out, dtype=np.float32)
        kazakh = [i for i, (text, _) in enumerate(items) if is_kazakh(text)]
        if kazakh and self.kazakh is not None:
            proba = self.kazakh.proba([items[i] for i in kazakh])
            if proba is not None:
                out[kazakh] = proba
        for i, (text, _) in enumerate(items):
            if suggestion_why_only(text):
                out[i, _WHY] = 0.0
            if not pause_marked(text):
                out[i, _PAUSE] = 0.0
        return out

    def prepare(self, subject_line: str) -> None:
        """Embed the subject's line ahead of the trainee's reply (fills the cache)."""
        self.embedder.one(subject_line)
        if self.kazakh is not None:
            self.kazakh.prepare(subject_line)

    def _vectors(self, text: str, subject: str = "") -> tuple[Matrix, Matrix, Matrix]:
        """Embed the utterance, its sentences and (unless cached) the subject's line at once.

        Returns:
            (utterance vector, element-wise max over its sentences, subject vector).
        """
        parts = [s.raw for s in sentences(text)]
        parts = parts if len(parts) > 1 else []
        cached = self.embedder.cached(subject)
        extra = [subject] if cached is None and subject.strip() else []
        vecs = self.embedder.many([text, *parts, *extra])
        if extra:
            self.embedder.remember(subject, vecs[-1])
            vecs = vecs[:-1]
        s = cached if cached is not None else self.embedder.one(subject)
        return vecs[0], sentence_max(vecs[0], vecs[1:]), s

    def rows(self, items: Sequence[tuple[str, Sequence[Utterance]]]
             ) -> tuple[Matrix, Matrix, list[Analysis]]:
        """Return (rows, utterance vectors, rules analyses) for a batch, embedded at once."""
        analyses = [self.rules(text, ctx) for text, ctx in items]
        split = [[s.raw for s in sentences(text)] for text, _ in items]
        subj = [last_subject(ctx) for _, ctx in items]
        texts = sorted({t for t, _ in items} | {s for p in split if len(p) > 1 for s in p}
                       | {s for s in subj if s.strip()})
        where = {t: i for i, t in enumerate(texts)}
        vecs = self.embedder.many(texts)
        zero = np.zeros(self.embedder.inner.dim, dtype=np.float32)
        u = np.stack([vecs[where[t]] for t, _ in items])
        s = np.stack([vecs[where[x]] if x.strip() else zero for x in subj])
        m = np.stack([sentence_max(u[i], vecs[[where[x] for x in p]] if len(p) > 1 else u[:0])
                      for i, p in enumerate(split)])
        rows = np.hstack([design(u, s, analyses), _row_extra(u, s, m)])
        return rows, u, analyses

    def __call__(self, text: str, context: Sequence[Utterance] = ()) -> Analysis:
        """Code ``text`` given the preceding dialogue (oldest first).

        Returns:
            An :class:`Analysis` with at least one finding; confidences are calibrated
            probabilities in [0, 1], highest first.

        Raises:
            InputError: If ``text`` is not a string or is too long.
        """
        text = check_text(text)
        proba, u, rules = self.scores(text, context)
        return self.explain(text, proba, u, rules)

    def scores(self, text: str, context: Sequence[Utterance] = ()
               ) -> tuple[Matrix, Matrix, Analysis]:
        """Return (calibrated probability per technique, utterance vector, rules analysis).

        ``text`` must already be checked (:func:`check_text`); nothing is thresholded.
        """
        rules = self.rules(text, context)
        u, m, s = self._vectors(text, last_subject(context))
        row = np.hstack([design(u[None], s[None], [rules]), _row_extra(u, s, m)[None]])
        return self.proba(row, [(text, context)])[0], u, rules

    def analyze_many(self, items: Sequence[tuple[str, Sequence[Utterance]]]
                     ) -> list[Analysis]:
        """Code a batch of (text, context) pairs (faster than one by one)."""
        for text, context in items:
            check_text(text)
            check_context(context)
        rows, u, analyses = self.rows(items)
        proba = self.proba(rows, items)
        return [self.explain(t, p, v, a)
                for (t, _), p, v, a in zip(items, proba, u, analyses, strict=True)]

    def routed(self, text: str) -> bool:
        """True when ``text`` was coded by the Kazakh network (it is Kazakh and e5 loaded)."""
        route = self.kazakh
        return route is not None and route.embedder is not None and is_kazakh(text)

    def thresholds(self, text: str) -> Matrix:
        """Decision thresholds for ``text``: the Kazakh network's own when it coded it."""
        if self.routed(text) and self.kazakh is not None:
            return self.kazakh.model.thresholds
        return self.model.thresholds

    def similar(self, text: str, vector: Matrix, technique: int) -> str:
        """Evidence for a classifier finding: the nearest labelled examples of ``technique``.

        A turn coded by the Kazakh network says so instead: the examples are English and
        the turn's USE vector, which the index compares, does not read Kazakh.
        """
        if self.routed(text):
            return ("Kazakh turn, coded by the multilingual-e5 network trained on the "
                    "English examples and those adapted into Russian and Kazakh")
        near = self.index.nearest(vector, technique, cyrillic=is_cyrillic(text))
        return "like labelled examples: " + "; ".join(f"{t!r} (cosine {c:.2f})"
                                                      for t, c in near)

    def explain(self, text: str, proba: Matrix, vector: Matrix, rules: Analysis) -> Analysis:
        """Turn probabilities into findings with evidence (at least one finding)."""
        thresholds = self.thresholds(text)
        chosen = [j for j in np.argsort(-proba) if proba[j] >= thresholds[j]]
        if not chosen:
            chosen = [int(np.argmax(proba))]
        by_rule = {f.technique: f for f in rules.findings if f.confidence >= RULE_EVIDENCE}
        findings = []
        for j in chosen:
            name = _T[j]
            rule = by_rule.get(name)
            if rule is not None:
                evidence, span = f"rule: {rule.evidence}", rule.span
            else:
                evidence, span = self.similar(text, vector, int(j)), ""
            findings.append(Finding(name, round(float(proba[j]), 3), evidence, span))
        feats = dict(rules.features)
        return Analysis(text, tuple(findings), feats)


def load_index(path: Path) -> Index:
    """Read the evidence index (``.npz`` with vectors, labels, and a ``texts`` JSON list)."""
    with np.load(path) as data:
        texts = json.loads(bytes(data["texts"]).decode("utf-8"))
        return Index(data["vectors"].astype(np.float32), tuple(texts), data["labels"])


def save_index(path: Path, index: Index) -> None:
    """Write ``index`` for :func:`load_index` (vectors as float16)."""
    texts = np.frombuffer(json.dumps(list(index.texts)).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(path, vectors=index.vectors.astype(np.float16),
                        labels=index.labels.astype(np.uint8), texts=texts)


def read_provenance(folder: Path | None = None) -> dict[str, Any]:
    """Return the provenance record of the shipped ``hybrid-v2`` artefact."""
    path = (folder or model_dir()) / f"{NAME}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no trained {NAME} model at {path}: run 'parley analysis train'"
                         ) from None
    return data


@lru_cache(maxsize=2)
def _load(folder: str
          ) -> tuple[Model, Index, str, LexicalModel | None, float, KazakhRoute | None]:
    where = Path(folder)
    prov = read_provenance(where)
    model = load_model(where / f"{NAME}.npz")
    lexical_path = where / f"{NAME}-lexical.npz"
    lexical = LexicalModel.load(lexical_path) if lexical_path.exists() else None
    return (model, load_index(where / f"{NAME}-index.npz"), str(prov["embedding"]["name"]),
            lexical, float(prov.get("blend", BLEND)), load_route(where, NAME))


def load_hybrid(folder: Path | None = None) -> HybridAnalyzer:
    """Load the trained artefact (shipped in the package unless ``folder`` is given).

    Raises:
        InputError: No trained model, or the embedding package is not installed.
    """
    one_blas_thread()
    model, index, embedder, lexical, blend, kazakh = _load(str(folder or model_dir()))
    return HybridAnalyzer(model, index, _shared_embedder(embedder), lexical, blend, kazakh)


def one_blas_thread() -> None:
    """Limit BLAS (OpenBLAS) to one thread in this process.

    The analyzers multiply one row at a time; BLAS threads only contend, with each other
    and with the server's request threads or a second worker process (2 processes coded
    105 utterances/s with the default threads and 296/s with one: BENCHMARKS.md).
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=2)
def _shared_embedder(name: str) -> CachedEmbedder:
    return CachedEmbedder(get_embedder(name))


def load_lexical(folder: Path | None = None) -> LexicalAnalyzer:
    """Load the lexical model of the shipped ``hybrid-v2`` artefact as ``lexical-v1``.

    Raises:
        InputError: No trained model, or one trained without a lexical model.
    """
    where = folder or model_dir()
    prov = read_provenance(where)
    thresholds = prov.get("lexical", {}).get("thresholds")
    path = where / f"{NAME}-lexical.npz"
    if thresholds is None or not path.exists():
        raise InputError(f"the model at {where} has no lexical model: run 'parley analysis "
                         "train'")
    return LexicalAnalyzer(LexicalModel.load(path),
                           np.array([thresholds[t] for t in TECHNIQUES], dtype=np.float32))
