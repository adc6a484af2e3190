"""The labelled corpus: JSON lines of trainee utterances with context and gold labels."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.analysis._types import Utterance
from parley.errors import InputError
from parley.techniques import TECHNIQUES


@dataclass(frozen=True)
class Example:
    """One labelled trainee utterance.

    Attributes:
        id: Stable identifier (e.g. ``a-0001``); may be empty for ad-hoc files.
        text: The trainee's utterance.
        context: Preceding dialogue, oldest first.
        labels: Gold techniques, the primary one first.
        lang: Language code (``en``, ``ru``...).
    """

    id: str
    text: str
    context: tuple[Utterance, ...]
    labels: tuple[str, ...]
    lang: str = "en"

    @property
    def primary(self) -> str:
        """The primary gold technique."""
        return self.labels[0]

    @property
    def last_subject(self) -> str:
        """The subject's previous turn, or ``""`` when there is none."""
        return last_subject(self.context)


def last_subject(context: Sequence[Utterance]) -> str:
    """Return the text of the last subject turn in ``context`` (``""`` if none)."""
    for u in reversed(context):
        if u.speaker == "subject" and u.text.strip():
            return u.text
    return ""


def _context(value: Any) -> tuple[Utterance, ...]:
    if isinstance(value, str):
        return (Utterance("subject", value),) if value.strip() else ()
    return tuple(Utterance(u["speaker"], u["text"]) for u in value or ())


def example_from(record: dict[str, Any], where: str) -> Example:
    """Build an :class:`Example` from one JSON record (``label`` or ``labels`` is gold).

    Raises:
        InputError: No text, no gold label, or a label that is not a known technique.
    """
    gold = record.get("labels", record.get("label"))
    labels = (gold,) if isinstance(gold, str) else tuple(gold or ())
    if not isinstance(record.get("text"), str) or not labels:
        raise InputError(f"{where}: needs a 'text' and a gold 'label' or 'labels'")
    unknown = [name for name in labels if name not in TECHNIQUES]
    if unknown:
        raise InputError(f"{where}: unknown technique {unknown[0]!r}")
    try:
        context = _context(record.get("context"))
    except (KeyError, TypeError):
        raise InputError(f"{where}: 'context' must be a list of speaker/text turns") from None
    return Example(str(record.get("id", "")), record["text"], context, labels,
                   str(record.get("lang", "en")))


def parse_examples(text: str, source: str) -> list[Example]:
    """Parse JSON lines of labelled examples; ``source`` names the file in errors.

    Raises:
        InputError: A line that is not a JSON object with a text and gold labels.
    """
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"{source}:{number}: not a JSON object")
        out.append(example_from(record, f"{source}:{number}"))
    return out


def corpus_files(folder: Path) -> list[Path]:
    """Return the ``*.jsonl`` files under ``folder``, sorted by name."""
    return sorted(folder.glob("*.jsonl"))


def load_examples(files: Iterable[Path]) -> list[Example]:
    """Load and concatenate labelled examples from ``files``."""
    out: list[Example] = []
    for path in files:
        out.extend(parse_examples(path.read_text(encoding="utf-8"), str(path)))
    return out


def file_hashes(files: Iterable[Path], root: Path) -> dict[str, str]:
    """Return ``{path relative to root: sha256 hex}`` for provenance."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files}
