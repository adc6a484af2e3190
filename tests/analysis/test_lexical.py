"""The lexical model: context tokens, fitting, and a save/load round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from parley.analysis import Utterance
from parley.analysis._lexical import LexicalModel, Vocabulary, context_document, fit_lexical

S = "subject"


def test_echoed_words_are_marked_by_where_the_subject_said_them() -> None:
    ctx = [Utterance(S, "They took the car."), Utterance("negotiator", "Mm."),
           Utterance(S, "Nineteen years I gave them.")]
    doc = context_document("Nineteen years, and the car too?", ctx).split()
    assert {"E_nineteen", "E_years", "P_car", "N_too"} <= set(doc)
    assert "__Qlast__" in doc and "__Qfirst_nineteen__" in doc and "__turns2__" in doc


def test_negation_of_the_subjects_claim_is_visible() -> None:
    doc = context_document("You're not worthless.", [Utterance(S, "I'm worthless.")])
    assert "__negU1_negS0__" in doc and "E_worthless" in doc


def test_no_context_and_bare_pause() -> None:
    assert "__noctx__" in context_document("Go on.", ()).split()
    assert "__pause__" in context_document("…", ()).split()
    assert "__pause__" in context_document("(pause)", ()).split()


def _toy() -> tuple[list[tuple[str, tuple[Utterance, ...]]], np.ndarray]:
    items, labels = [], []
    for i in range(40):
        ctx = (Utterance(S, f"I lost the job at the depot after {i} years."),)
        items.append((f"You lost the job after {i} years.", ctx))
        labels.append([1, 0])
        items.append((f"What happened at the depot, day {i}?", ctx))
        labels.append([0, 1])
    return items, np.array(labels, dtype=np.float32)


def test_fit_separates_and_round_trips(tmp_path: Path) -> None:
    items, y = _toy()
    model = fit_lexical(items, y, folds=3)
    proba = model.proba(items)
    assert proba.shape == (80, 2) and np.all((proba >= 0) & (proba <= 1))
    assert np.mean((proba[:, 1] > 0.5) == (y[:, 1] > 0)) == 1.0
    model.save(tmp_path / "lex.npz")
    again = LexicalModel.load(tmp_path / "lex.npz")
    assert np.allclose(again.proba(items), proba, atol=2e-3)  # weights stored as float16


def test_lexical_backend_on_the_test_split() -> None:
    import json

    from parley.analysis import get_analyzer
    from parley.analysis._corpus import corpus_files, load_examples
    from parley.analysis._evaluate import evaluate
    from parley.analysis._hybrid import read_provenance

    corpus = Path(__file__).parents[2] / "data" / "corpus"
    assignment = json.loads((corpus / "splits.json").read_text())["splits"]
    test = [e for e in load_examples(corpus_files(corpus / "en"))
            if assignment.get(e.id) == "test"]
    lexical = get_analyzer("lexical")
    report = evaluate(lexical, test)
    measured = read_provenance()["lexical"]["metrics"]["test"]
    assert lexical.name == "lexical-v1"
    assert report.macro_f1 >= measured["macro_f1"] - 0.02 and report.error_recall >= 0.9
    a = lexical("You're not worthless.", [Utterance(S, "I'm worthless.")])
    assert a.primary == "arguing"
    assert all(f.evidence.startswith("words: ") for f in a.findings)
    assert "'not'" in a.findings[0].evidence, a.findings[0].evidence


def test_numpy_blocks_match_scikit_learn() -> None:
    """Inference reimplements TfidfVectorizer's analysis: it must give the same numbers."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from parley.analysis._lexical import _SETTINGS, LexicalFeatures, _documents

    items = [(t, (Utterance(S, c),)) for t, c in (
        ("Nineteen years — and they walked you out?", "Nineteen years I gave them."),
        ("u dont have 2 do this m8, its not worth it", "im done. its over"),
        ("Mm-hmm… go on.", "She took the kids. Took the dog."),
        ("Come out with your hands where we can see them, NOW.", "I'm not coming out."),
        ("Похоже, ты очень устал.", "Я не спал три дня."),
    )] * 2
    features = LexicalFeatures.fit(items)
    ours = features.matrix(items).toarray()
    docs = _documents(items)
    theirs = []
    for block in features.blocks:
        v = TfidfVectorizer(**_SETTINGS[block.name]).fit(docs[block.name])
        theirs.append(v.transform(docs[block.name]).toarray() * block.weight)
    assert np.allclose(ours, np.hstack(theirs), atol=1e-6)


def test_lexical_backend_says_when_the_words_are_not_english() -> None:
    from parley.analysis import get_analyzer

    a = get_analyzer("lexical")("Сіз қатты шаршадыңыз, солай ма?",
                                [Utterance(S, "Мен ұйықтамадым.")])
    assert "use the hybrid analyzer" in a.findings[0].evidence


def test_vocabulary_finds_each_term_by_its_column_and_nothing_else() -> None:
    terms = ["you feel", "feel", "боитесь", "", "a", "ab", "you"]
    vocab = Vocabulary(terms)
    assert len(vocab) == len(terms) and vocab.in_order() == terms
    assert [vocab.term(i) for i in range(len(terms))] == terms
    looked = ["feel", "you", "you fe", "боитесь", "nothing", "a", "ab", "feel"]
    assert vocab.columns(looked).tolist() == [1, 6, -1, 2, -1, 4, 5, 1]
    assert "боитесь" in vocab and "боит" not in vocab and 3 not in vocab
    assert vocab.columns([]).tolist() == [] and Vocabulary([]).columns(["a"]).tolist() == [-1]


def test_a_hash_match_of_another_length_is_not_a_term() -> None:
    vocab = Vocabulary(["alpha", "beta"])
    vocab._hashes[:] = hash("gam")  # force a collision: the length must still match
    assert vocab.columns(["gam"]).tolist() == [-1]
