"""``parley analysis train``: split the corpus, fit ``hybrid-v2``, evaluate, write artefacts.

Reproducible: the same corpus files, seed and package versions give the same split and
model. Everything needed to audit the run goes into the provenance JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from parley.analysis._analyzer import RulesAnalyzer
from parley.analysis._classifier import choose_thresholds, fit, fit_mlp
from parley.analysis._corpus import Example, corpus_files, file_hashes, load_examples
from parley.analysis._embed import CachedEmbedder, Matrix, get_embedder, package_version
from parley.analysis._evaluate import evaluate, reliability, score_analyses
from parley.analysis._hybrid import (
    BLEND,
    COVERAGE,
    NAME,
    POOL,
    HybridAnalyzer,
    Index,
    model_dir,
    save_index,
)
from parley.analysis._lexical import LexicalAnalyzer, fit_lexical
from parley.analysis._linear import LinearModel
from parley.analysis._mlp import Model
from parley.analysis._split import EXCLUDED, SEED, SPLITS, THRESHOLD, extend, split_examples
from parley.analysis._transfer import EMBEDDER as KAZAKH_EMBEDDER
from parley.analysis._transfer import (
    KazakhRoute,
    describe,
    file_name,
    fit_route,
    transfer_rows,
)
from parley.errors import InputError
from parley.techniques import ERRORS, TECHNIQUES

EMBEDDER = "use"
"""The embedding backend chosen (see BENCHMARKS.md, "Technique analysis: model choice")."""
C = 0.05
LEXICAL_C = 3.0
"""Inverse regularisation strength of the lexical model (dev: 3 and 10 within 0.01)."""
HIDDEN = 256
ALPHA = 1.0
"""Width and L2 penalty of the network. Dev macro-F1 (blend 0.5, one fit each): with 5,037
training turns, 256 units 0.819, 512 units 0.829, alpha 0.5 and 2.0 at 256 units 0.823
and 0.819; with 6,315, 256 units 0.830 and 512 units 0.822. Within the noise of one fit,
so the width stays at 256."""
KIND = "mlp"
"""Classifier kind: ``mlp`` (averaged network, the default) or ``logistic`` (see BENCHMARKS.md)."""
KINDS = {
    "mlp": f"multi-label network (one hidden ReLU layer of {HIDDEN}, alpha {ALPHA}, 3 seeds "
           "averaged), "
           "Platt scaling of the averaged logit on 5-fold out-of-fold scores",
    "logistic": "one-vs-rest logistic regression, class_weight=balanced, Platt scaling on "
                "5-fold out-of-fold scores",
}
ERROR_RECALL_TARGET = 0.9
"""Recall of error labels that the analysis must reach on unseen turns (issue 3)."""


def error_dev_recall(dev: Sequence[Example]) -> float:
    """Return the dev recall of error labels that the shared error threshold must keep.

    The target (:data:`ERROR_RECALL_TARGET`) plus one binomial standard error of a recall
    of that size measured on the dev split's error labels: a threshold that just reaches
    0.9 on dev reaches less on unseen turns about half the time (0.904 on dev, 0.894 on
    test in one retrain), so the margin keeps the target on unseen turns more often than
    not. About 0.921 with the 198 error labels of the dev split.
    """
    n = sum(t in ERRORS for e in dev for t in e.labels)
    p = ERROR_RECALL_TARGET
    return round(p + float(np.sqrt(p * (1 - p) / max(n, 1))), 3)


ADAPTED = "adapted"
"""Folder (under the corpus root) of turns adapted into Russian or Kazakh from English
training turns, context and labels with them. They are training data only: never split,
never scored, and left out (:data:`EXCLUDED`) when adapted from an English dev or test
turn (``from``), or near one or a turn of the Russian or Kazakh test sets."""


@dataclass(frozen=True)
class Corpus:
    """The English corpus with its split, the Russian transfer set and the adapted turns."""

    english: list[Example]
    russian: list[Example]
    assignment: dict[str, str]
    record: dict[str, Any]
    adapted: list[Example] = field(default_factory=list)

    def part(self, name: str) -> list[Example]:
        """Return the examples of split ``name``.

        ``ru`` is the Russian test set; ``train`` is the English training split with the
        adapted Russian turns; ``train-kk`` the adapted Kazakh turns (read by the Kazakh
        network only: USE, under hybrid-v2's own network, does not read Kazakh).
        """
        if name == "ru":
            return self.russian
        if name == "train-kk":
            return [e for e in self.adapted
                    if e.lang == "kk" and self.assignment[e.id] == "train"]
        english = [e for e in self.english if self.assignment[e.id] == name]
        if name != "train":
            return english
        return english + [e for e in self.adapted
                          if e.lang == "ru" and self.assignment[e.id] == "train"]


def targets(examples: Sequence[Example]) -> Matrix:
    """Return the 0/1 label matrix, shape ``(n, T)``, in TECHNIQUES order."""
    return np.array([[t in e.labels for t in TECHNIQUES] for e in examples], dtype=np.float32)


def make_split(root: Path, embedder: CachedEmbedder, *, seed: int = SEED,
               threshold: float = THRESHOLD, fresh: bool = False) -> Corpus:
    """Load ``root/en`` and ``root/ru``, split English, and describe it for ``splits.json``.

    The split published in ``root/splits.json`` is kept (frozen) unless ``fresh``: new
    examples are added to train, or excluded when near a held-out one
    (:func:`parley.analysis._split.extend`). Without a published split, or with
    ``fresh``, the whole English corpus is split anew.
    """
    en_files, ru_files = corpus_files(root / "en"), corpus_files(root / "ru")
    if (root / ADAPTED).exists() and not (root / ADAPTED).is_dir():
        raise InputError(f"{root / ADAPTED} is not a folder (it holds the adapted turns)")
    adapted_files, kk_files = corpus_files(root / ADAPTED), corpus_files(root / "kk")
    english, russian = load_examples(en_files), load_examples(ru_files)
    adapted = _adapted(adapted_files)
    if not english:
        raise InputError(f"no English examples in {root / 'en'} (*.jsonl)")
    vectors = embedder.many([e.text for e in english])
    published = root / "splits.json"
    previous = None if fresh or not published.exists() else read_split(published)
    if previous is None:
        split = split_examples(english, vectors, threshold, seed)
        assignment = dict(split.assignment)
        n_clusters, largest = split.n_clusters, split.largest
    else:
        frozen = {k: v for k, v in previous["splits"].items() if v in SPLITS}
        assignment = extend(frozen, english, vectors, previous["threshold"])
        seed, threshold = previous["seed"], previous["threshold"]
        n_clusters, largest = previous["clusters"], previous["largest_cluster"]
    if adapted:
        assignment |= _place_adapted(adapted, english, vectors,
                                     russian + load_examples(kk_files), assignment, embedder,
                                     threshold)
    counts = {s: dict(sorted(Counter(e.primary for e in english if assignment[e.id] == s)
                             .items())) for s in SPLITS}
    totals = {s: sum(v.values()) for s, v in counts.items()}
    record = {
        "seed": seed, "threshold": threshold, "embedder": embedder.inner.name,
        "clusters": n_clusters, "largest_cluster": largest,
        "published_counts": totals if previous is None
        else previous.get("published_counts", previous["counts"]),
        "counts": totals | {EXCLUDED: sum(assignment[e.id] == EXCLUDED for e in english),
                            "ru": len(russian)},
        "counts_by_label": counts,
        "adapted": {lang: {s: sum(assignment[e.id] == s for e in adapted if e.lang == lang)
                           for s in ("train", EXCLUDED)}
                    for lang in sorted({e.lang for e in adapted})},
        "files": file_hashes(en_files + ru_files + adapted_files
                             + (kk_files if adapted else []), root.parent),
        "splits": assignment | {e.id: "ru" for e in russian},
    }
    return Corpus(english, russian, assignment, record, adapted)


ADAPTED_LANGS = ("ru", "kk")
"""The languages an adapted turn may be in (its ``lang``)."""


def _adapted(files: Sequence[Path]) -> list[Example]:
    """Load the adapted turns: each with an id, a ``lang`` of :data:`ADAPTED_LANGS`, words.

    One adapted from an English turn names it in ``from`` (:attr:`Example.source`).

    Raises:
        InputError: A bad file or line (see :func:`load_examples`), a turn without an id or
            words, or one whose ``lang`` is not ``ru`` or ``kk``.
    """
    examples = load_examples(files)
    for e in examples:
        if not e.id:
            raise InputError(f"{e.where}: an adapted turn needs an 'id' (the split records "
                             "each by its id)")
        if e.lang not in ADAPTED_LANGS:
            raise InputError(f"{e.where}: 'lang' is {e.lang!r}; an adapted turn is 'ru' or "
                             "'kk'")
        if not e.text.strip():
            raise InputError(f"{e.where}: an adapted turn needs words ('text' is empty)")
    return examples


def _place_adapted(adapted: Sequence[Example], english: Sequence[Example], vectors: Matrix,
                   held_out: Sequence[Example], assignment: dict[str, str],
                   embedder: CachedEmbedder, threshold: float) -> dict[str, str]:
    """Assign each adapted turn to ``train``, or :data:`EXCLUDED` near a held-out turn.

    Held out: the English dev and test turns and every turn of ``held_out`` (the Russian
    and Kazakh test sets). USE is multilingual, so a Russian adaptation of a turn close to
    an English test turn is caught too; Kazakh, which USE does not read, is caught only
    when its wording is near (the same pieces of words).

    Raises:
        InputError: An adapted turn's id is used by an English, Russian or Kazakh turn.
    """
    taken = {e.id for e in (*english, *held_out)}
    clash = next((e for e in adapted if e.id in taken), None)
    if clash is not None:
        raise InputError(f"{clash.where}: id {clash.id!r} is already used in the corpus")
    extra = embedder.many([e.text for e in (*held_out, *adapted)])
    frozen = {e.id: assignment[e.id] for e in english} | {e.id: "test" for e in held_out}
    placed = extend(frozen, [*english, *held_out, *adapted], np.vstack([vectors, extra]),
                    threshold)
    held = {e.id for e in english if assignment[e.id] in ("dev", "test")}
    # Adapted from a held-out turn: left out whatever the embedding says (a translation
    # can fall under the cosine threshold).
    return {e.id: EXCLUDED if e.source in held else placed[e.id] for e in adapted}


def read_split(path: Path) -> dict[str, Any]:
    """Read a published ``splits.json``.

    Raises:
        InputError: The file is not a split record.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("splits"), dict):
            raise ValueError
    except (ValueError, AttributeError):
        raise InputError(f"{path}: not a split record (expected JSON with 'splits')") from None
    return dict(data)


def write_split(corpus: Corpus, path: Path) -> None:
    """Write the split record (id -> split, counts, threshold, seed, file hashes).

    Written to a temporary file and renamed, so a failure leaves the old record whole.
    """
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(corpus.record, indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)


def _items(examples: Sequence[Example]) -> list[tuple[str, tuple[Any, ...]]]:
    return [(e.text, e.context) for e in examples]


def _rules_hash() -> str:
    folder = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(folder.glob("_*.py")):
        if path.name.startswith(("_rules", "_lex", "_turn_rules", "_text", "_features",
                                 "_analyzer")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def kazakh_step(root: Path, train_set: Sequence[Example], dev: Sequence[Example],
                analyzer: HybridAnalyzer, seed: int
                ) -> tuple[Model, HybridAnalyzer, dict[str, Any]]:
    """Fit the Kazakh network on ``train_set`` and score it on ``root/kk``.

    ``train_set`` is the English training split with the adapted Russian and Kazakh turns
    (:data:`ADAPTED`).

    Its thresholds are chosen on the English dev split by the rule of hybrid-v2's own
    (:func:`choose_thresholds`: best dev macro-F1, errors at :func:`error_dev_recall`).
    It is fitted with one BLAS thread: the network's weights depend a little on the thread count
    (Kazakh macro-F1 0.640 with one thread, 0.627 with two), and one thread gives the same
    network on any machine.

    Returns:
        The network, ``analyzer`` with it as its Kazakh route, and the provenance entry
        (Kazakh metrics of hybrid-v2 with the route, and of rules-v1).
    """
    from threadpoolctl import threadpool_limits

    embedder = CachedEmbedder(get_embedder(KAZAKH_EMBEDDER))
    with threadpool_limits(limits=1, user_api="blas"):
        model = fit_route(embedder, _items(train_set), targets(train_set), seed=seed)
    errors = np.array([t in ERRORS for t in TECHNIQUES])
    dev_proba = model.proba(transfer_rows(embedder, _items(dev)))
    model = model.with_thresholds(choose_thresholds(dev_proba, targets(dev), errors,
                                                    error_dev_recall(dev)))
    routed = HybridAnalyzer(analyzer.model, analyzer.index, analyzer.embedder,
                            analyzer.lexical, analyzer.blend, KazakhRoute(model, embedder))
    record = describe(model) | {"package": embedder.inner.package,
                                "version": package_version(embedder.inner.package),
                                "thresholds": dict(zip(TECHNIQUES, map(float, model.thresholds),
                                                       strict=True))}
    kazakh = load_examples(corpus_files(root / "kk"))
    if kazakh:
        record["metrics"] = score_analyses(
            kazakh, routed.analyze_many(_items(kazakh))).as_dict()
        record["rules_v1_metrics"] = evaluate(RulesAnalyzer(), kazakh, 0.4).as_dict()
        record["without_route"] = score_analyses(
            kazakh, analyzer.analyze_many(_items(kazakh))).as_dict()["macro_f1"]
    return model, routed, record


def train(root: Path, out: Path | None = None, *, seed: int = SEED, c: float = C,
          kind: str = KIND) -> dict[str, Any]:
    """Split, fit, choose thresholds on dev, evaluate and write the ``hybrid-v2`` artefact.

    Args:
        root: The corpus folder (with ``en/`` and ``ru/``); ``splits.json`` is written there.
        out: Folder for the artefact; the package's ``models/`` folder by default.
        seed: Seed of the split and the cross-validation folds.
        c: Inverse regularisation strength of the logistic regressions.
        kind: ``mlp`` or ``logistic`` (see :data:`KINDS`).

    Returns:
        The provenance record that was written (metrics included).
    """
    if kind not in KINDS:
        raise InputError(f"unknown classifier kind {kind!r}; known: {', '.join(KINDS)}")
    out = out or model_dir()
    embedder = CachedEmbedder(get_embedder(EMBEDDER))
    corpus = make_split(root, embedder, seed=seed)
    train_set, dev = corpus.part("train"), corpus.part("dev")
    blank = LinearModel(*(np.zeros(1, dtype=np.float32) for _ in range(7)))
    probe = HybridAnalyzer(blank, Index(np.zeros((0, 1), np.float32), (), blank.bias),
                           embedder)
    rows, vectors, _ = probe.rows(_items(train_set))
    model: Model = (fit_mlp(rows, targets(train_set), hidden=HIDDEN, alpha=ALPHA, seed=seed)
                    if kind == "mlp"
                    else fit(rows, targets(train_set), c=c, seed=seed))
    lexical = fit_lexical(_items(train_set), targets(train_set), c=LEXICAL_C, seed=seed)
    index = Index(vectors, tuple(e.text for e in train_set), targets(train_set))
    analyzer = HybridAnalyzer(model, index, embedder, lexical, BLEND)
    dev_rows, _, _ = probe.rows(_items(dev))
    dev_proba = analyzer.proba(dev_rows, _items(dev))
    errors = np.array([t in ERRORS for t in TECHNIQUES])
    min_recall = error_dev_recall(dev)
    thresholds = choose_thresholds(dev_proba, targets(dev), errors, min_recall)
    model = model.with_thresholds(thresholds)
    analyzer = HybridAnalyzer(model, index, embedder, lexical, BLEND)
    lexical_thresholds = choose_thresholds(lexical.proba(_items(dev)), targets(dev), errors,
                                           min_recall)
    alone = LexicalAnalyzer(lexical, lexical_thresholds)
    kazakh_model, analyzer, kazakh = kazakh_step(
        root, train_set + corpus.part("train-kk"), dev, analyzer, seed)
    ece, table = reliability(dev_proba, targets(dev))
    metrics = {}
    for part in ("dev", "test", "ru"):
        examples = corpus.part(part)
        metrics[part] = score_analyses(examples, analyzer.analyze_many(_items(examples)))
    rules = {p: evaluate(RulesAnalyzer(), corpus.part(p), 0.4).as_dict()
             for p in ("dev", "test", "ru")}
    lexical_metrics = {p: evaluate(alone, corpus.part(p)).as_dict() for p in ("dev", "test")}
    record = {
        "name": NAME, "trained": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "embedding": {"name": EMBEDDER, "package": embedder.inner.package,
                      "version": package_version(embedder.inner.package)},
        "sklearn": package_version("scikit-learn"), "numpy": package_version("numpy"),
        "classifier": {"kind": KINDS[kind], "C": c if kind == "logistic" else None,
                       "seed": seed, "error_dev_recall": min_recall,
                       "thresholds": dict(zip(TECHNIQUES, map(float, thresholds),
                                              strict=True))},
        "lexical": {"kind": "TF-IDF (word 1-3-grams, char 2-5-grams, subject words, context "
                               "tokens) + one-vs-rest logistic regression (liblinear, "
                               "class_weight=balanced), Platt scaling on 5-fold out-of-fold "
                               "scores", "C": LEXICAL_C, "features": int(lexical.weights.shape[1]),
                    "thresholds": dict(zip(TECHNIQUES, map(float, lexical_thresholds),
                                           strict=True)),
                    "metrics": lexical_metrics},
        "blend": BLEND, "pool": POOL, "coverage": COVERAGE,
        "rules_source_sha256": _rules_hash(),
        "corpus": {k: v for k, v in corpus.record.items() if k != "splits"},
        "calibration_dev": {"ece": ece, "table": table},
        "metrics": {p: r.as_dict() for p, r in metrics.items()},
        "rules_v1_metrics": rules,
        "kazakh": kazakh,
    }
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as tmp:  # all or nothing: rename at the end
        staged = Path(tmp)
        model.save(staged / f"{NAME}.npz")
        lexical.save(staged / f"{NAME}-lexical.npz")
        save_index(staged / f"{NAME}-index.npz", index)
        kazakh_model.save(staged / file_name(NAME))
        (staged / f"{NAME}.json").write_text(json.dumps(record, indent=1) + "\n",
                                             encoding="utf-8")
        write_split(corpus, staged / "splits.json")
        for name in (f"{NAME}.npz", f"{NAME}-lexical.npz", f"{NAME}-index.npz",
                     file_name(NAME)):
            os.replace(staged / name, out / name)
        os.replace(staged / f"{NAME}.json", out / f"{NAME}.json")
        shutil.move(str(staged / "splits.json"), root / "splits.json")
    return record
