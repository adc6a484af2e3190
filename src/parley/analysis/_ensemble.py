"""The ensemble analyzer (``ensemble-v2``): hybrid-v2's probabilities, corroborated by rules-v1.

hybrid-v2 is the better classifier (test macro-F1 0.78 against 0.58 for rules-v1, error
recall 0.92 against 0.39), but it reports errors from a calibrated probability of about
0.1, so that few are missed. The subject counts an error from confidence 0.4 and a skill
from 0.5 (``parley.techniques.ERROR_COUNTS`` and ``COUNTS``), and an error nobody made
("So you planned it so that nobody got touched..." -> threat at 0.41) would cost the
trainee trust and arousal.

ensemble-v2 decides, per technique, whether it counts, and reports each technique with a
confidence at or above the floor from which sessions count it (0.5, errors 0.4) when it
counts. With ``p`` the hybrid's calibrated probability and ``r`` rules-v1's confidence (0
when silent):

* **Every technique: rules-v1's counted findings the classifier does not rule out, plus
  the classifier's confident ones.** A technique counts when rules-v1 counts it (``r`` >=
  0.5, errors 0.4: its own floors) and the classifier gives it some chance (``p`` >= 0.1,
  errors 0.02: :attr:`Rule.skill_floor`, :attr:`Rule.error_floor`), or when ``p`` reaches
  the bar of its kind: 0.5 for listening skills, questions and the other moves, **0.85 for
  errors** (:attr:`Rule.error_bar`) and 0.8 for the influence moves problem solving and
  face saving (:attr:`Rule.influence_bar`). Confidence ``max(p, r)``. The
  error bar was 0.8 while hybrid-v2 averaged its two models; pooled in log-odds, one
  model's confidence weighs more, and an expert's emotional label reached threat 0.84
  (bank-hostages expert-1, seed 2), so the bar rose to 0.85: every calibration script
  passes again, and dev as a session counts moved 0.739 -> 0.733 macro-F1.
* **Seventh round** (a play-test found "Richard didn't do anything to you... That's on
  you, mate" at arguing 0.97 left uncounted, and "No, you won't go to prison" counted as
  arguing from a rule alone, classifier 0.00). A turn with a negation used to need 0.99
  for an error (embeddings once blurred "I'm not telling you to calm down" into "calm
  down"); with the lexical model pooled in, which reads the negation, that bar only hid
  arguing, which is mostly said with one. It is gone, and a rule's finding now needs the
  classifier's chance at the floors above. Dev as a session counts: macro-F1 0.736 ->
  0.781, error recall 0.485 -> 0.545, error precision 0.923 -> 0.939; every calibration
  script passes at seeds 0-3 (floors 0.05 and 0.1 for skills were within 0.004).
* **Possible errors.** An error under its bar but at or over the hybrid's own error
  threshold (chosen on dev for 0.9 error recall plus a margin) is still reported, as a *possible*
  error with its confidence capped just under the error floor (0.399; the evidence gives
  the probability): the subject does not react to it, but the feedback shows it, because
  missing an error in feedback is worse than a false alarm.
* **Why the high bars.** A false error costs the trainee trust and arousal, and
  influence counted before rapport makes the subject resist; a false listening skill
  costs little. The subject's dynamics and the calibration scripts were tuned on
  rules-v1, so little rules-v1 counts is taken away: only what the classifier all but
  rules out (a skill under 0.1, an error under 0.02). Asking more of it (hybrid
  probability >= 0.2) lost kidnapping-ransom expert-2 at three seeds of four in an
  earlier round (a paraphrase the classifier put at 0.11).
* Nothing counted: the most probable technique is also reported, its confidence capped
  just under its counting floor, so that it names the turn without counting as used.

Chosen on the dev split and the calibration scripts (every script in ``tests/scripts``
calibrated at seeds 0-3), never on test (BENCHMARKS.md, "Technique analysis").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parley.analysis._analyzer import check_context, check_text
from parley.analysis._embed import Matrix
from parley.analysis._hybrid import HybridAnalyzer, load_hybrid
from parley.analysis._types import Analysis, Finding, Utterance
from parley.techniques import COUNTS, ERROR_COUNTS, ERRORS, INFLUENCE, TECHNIQUES

NAME = "ensemble-v2"
_T = tuple(TECHNIQUES)


@dataclass(frozen=True)
class Rule:
    """Thresholds of the combination (defaults chosen on dev).

    Attributes:
        error_bar: Hybrid probability from which an error counts on its own.
        error_rule: rules-v1 confidence from which the rules corroborate an error.
        error_floor: Hybrid probability a rule-corroborated error still needs.
        influence_bar: Hybrid probability from which problem solving or face saving counts
            on its own (pushed too early, influence costs the trainee too).
        skill_bar: Hybrid probability from which any other technique counts on its own.
        skill_rule: rules-v1 confidence from which the rules corroborate a technique.
        skill_floor: Hybrid probability a rule-corroborated technique still needs.
        possible_errors: Report errors under their bar but over the hybrid's own error
            threshold as possible (uncounted) findings.
    """

    error_bar: float = 0.85
    error_rule: float = ERROR_COUNTS
    error_floor: float = 0.02
    influence_bar: float = 0.8
    skill_bar: float = COUNTS
    skill_rule: float = COUNTS
    skill_floor: float = 0.1
    possible_errors: bool = True

    def __post_init__(self) -> None:
        if (self.error_bar < ERROR_COUNTS or self.skill_bar < COUNTS
                or self.influence_bar < COUNTS):
            raise ValueError("a bar under the counting floor would report uncounted findings")
        if self.error_rule < ERROR_COUNTS or self.skill_rule < COUNTS:
            raise ValueError("a corroborating rule must itself be at a counted confidence")


RULE = Rule()


@dataclass(frozen=True)
class Vote:
    """The ensemble's verdict on one technique.

    Attributes:
        technique: The technique.
        confidence: Reported confidence.
        corroborated: True when rules-v1 agreed (its evidence is shown).
        counted: False only for the fallback primary (confidence under the floor).
    """

    technique: str
    confidence: float
    corroborated: bool
    counted: bool = True


def floor_of(technique: str) -> float:
    """Return the confidence from which a session counts ``technique``."""
    return ERROR_COUNTS if technique in ERRORS else COUNTS


def combine(proba: Mapping[str, float], rules: Mapping[str, float],
            rule: Rule = RULE, *,
            possible: Mapping[str, float] | None = None) -> list[Vote]:
    """Combine hybrid probabilities and rules-v1 confidences into counted techniques.

    Args:
        proba: Calibrated hybrid probability per technique (missing = 0).
        rules: rules-v1 confidence per technique it found (missing = silent).
        rule: The thresholds.
        possible: Per error, the hybrid probability from which an error that does not
            count is still reported as possible (uncounted, confidence capped under the
            error floor); None reports no possible errors.

    Returns:
        Votes sorted by confidence, highest first; at least one (see the module doc).
    """
    votes = []
    for name in _T:
        p, r = float(proba.get(name, 0.0)), float(rules.get(name, 0.0))
        if name in ERRORS:
            bar, rule_min, p_min = rule.error_bar, rule.error_rule, rule.error_floor
        else:
            bar = rule.influence_bar if name in INFLUENCE else rule.skill_bar
            rule_min, p_min = rule.skill_rule, rule.skill_floor
        if r >= rule_min and p >= p_min:
            votes.append(Vote(name, round(max(p, r), 3), True))
        elif p >= bar:
            votes.append(Vote(name, round(p, 3), False))
        elif possible is not None and name in possible and p >= possible[name]:
            votes.append(Vote(name, round(min(p, ERROR_COUNTS - 0.001), 3), False,
                              counted=False))
    if not any(v.counted for v in votes):
        shown = {v.technique for v in votes}
        name = max(_T, key=lambda t: (float(proba.get(t, 0.0)), -_T.index(t)))
        if name not in shown:
            capped = min(float(proba.get(name, 0.0)), floor_of(name) - 0.001)
            votes.append(Vote(name, round(max(capped, 0.0), 3), False, counted=False))
    votes.sort(key=lambda v: (-v.confidence, _T.index(v.technique)))
    return votes


class EnsembleAnalyzer:
    """hybrid-v2 probabilities corroborated by rules-v1 (``ensemble-v2``)."""

    name = NAME

    def __init__(self, hybrid: HybridAnalyzer, rule: Rule = RULE) -> None:
        """Wrap a loaded ``hybrid`` analyzer (its rules-v1 runs inside it)."""
        self.hybrid = hybrid
        self.rule = rule

    def prepare(self, subject_line: str) -> None:
        """Embed the subject's line ahead of the trainee's reply (fills the cache)."""
        self.hybrid.prepare(subject_line)

    def __call__(self, text: str, context: Sequence[Utterance] = ()) -> Analysis:
        """Code ``text`` given the preceding dialogue (oldest first).

        Returns:
            An :class:`Analysis` with at least one finding, highest confidence first.

        Raises:
            InputError: If ``text`` is not a string or is too long.
        """
        text = check_text(text)
        proba, vector, rules = self.hybrid.scores(text, context)
        return self.explain(text, proba, vector, rules)

    def analyze_many(self, items: Sequence[tuple[str, Sequence[Utterance]]]
                     ) -> list[Analysis]:
        """Code a batch of (text, context) pairs (faster than one by one)."""
        for text, context in items:
            check_text(text)
            check_context(context)
        rows, u, analyses = self.hybrid.rows(items)
        proba = self.hybrid.proba(rows, items)
        return [self.explain(t, p, v, a)
                for (t, _), p, v, a in zip(items, proba, u, analyses, strict=True)]

    def explain(self, text: str, proba: Matrix, vector: Matrix, rules: Analysis) -> Analysis:
        """Turn probabilities and rule findings into findings with evidence."""
        by_rule: dict[str, Finding] = {}
        for f in rules.findings:
            if f.confidence > by_rule.get(f.technique, _NIL).confidence:
                by_rule[f.technique] = f
        probs = {name: float(proba[j]) for j, name in enumerate(_T)}
        findings = []
        rule_conf = {k: f.confidence for k, f in by_rule.items()}
        thresholds = self.hybrid.thresholds(text)
        possible = ({name: float(thresholds[j]) for j, name in enumerate(_T) if name in ERRORS}
                    if self.rule.possible_errors else None)
        for vote in combine(probs, rule_conf, self.rule, possible=possible):
            p = probs[vote.technique]
            if vote.corroborated:
                rf = by_rule[vote.technique]
                evidence, span = f"rule: {rf.evidence}; classifier {p:.2f}", rf.span
            else:
                similar = self.hybrid.similar(text, vector, _T.index(vote.technique))
                evidence, span = f"classifier {p:.2f}, {similar}", ""
            if not vote.counted:
                kind = "possible error" if vote.technique in ERRORS else "named only"
                evidence = f"{kind}, not scored: " + evidence
            findings.append(Finding(vote.technique, vote.confidence, evidence, span))
        return Analysis(text, tuple(findings), dict(rules.features))


_NIL = Finding("information", -1.0, "")


def load_ensemble(rule: Rule = RULE) -> EnsembleAnalyzer:
    """Load hybrid-v2 (shipped artefact) and wrap it.

    Raises:
        InputError: No trained model, or the embedding package is not installed.
    """
    return EnsembleAnalyzer(load_hybrid(), rule)
