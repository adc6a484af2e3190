"""Values the analysis produces and consumes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

Speaker = Literal["subject", "negotiator"]


@dataclass(frozen=True)
class Utterance:
    """One line of dialogue context.

    Attributes:
        speaker: ``"subject"`` or ``"negotiator"``.
        text: What was said.
    """

    speaker: Speaker
    text: str


@dataclass(frozen=True)
class Finding:
    """One technique detected in a trainee utterance.

    Attributes:
        technique: A name from :data:`parley.techniques.TECHNIQUES`.
        confidence: Probability-like score in [0, 1].
        evidence: Why: the rule that fired and the span it matched, in plain words.
        span: The matched part of the utterance, if any.
    """

    technique: str
    confidence: float
    evidence: str
    span: str = ""

    def to_dict(self) -> dict[str, object]:
        """Return ``{"name", "confidence", "evidence", "span"}`` for JSON output."""
        return {"name": self.technique, "confidence": round(self.confidence, 3),
                "evidence": self.evidence, "span": self.span}


@dataclass(frozen=True)
class Analysis:
    """All findings for one utterance, sorted by confidence (highest first).

    Attributes:
        text: The utterance analysed.
        findings: At least one finding.
        features: Named context features (e.g. ``overlap_last``), for audit.
    """

    text: str
    findings: tuple[Finding, ...]
    features: dict[str, float] = field(default_factory=dict)

    @property
    def primary(self) -> str:
        """The most confident technique."""
        return self.findings[0].technique

    @property
    def techniques(self) -> tuple[str, ...]:
        """Technique names, most confident first."""
        return tuple(f.technique for f in self.findings)


class Analyzer(Protocol):
    """Anything that codes a trainee utterance in its dialogue context."""

    name: str
    """Identifier recorded in sessions, e.g. ``rules-v1``."""

    def __call__(self, text: str, context: Sequence[Utterance] = ()) -> Analysis:
        """Code ``text`` given the preceding dialogue (oldest first)."""
        ...
