"""Generate the reference docs from the code: ``python -m parley._docs`` rewrites docs/.

The scenario reference comes from the pydantic field docstrings; the technique reference
from the taxonomy. ``tests/test_docs.py`` fails when the committed docs are out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel

from parley.scenario import Scenario
from parley.techniques import TECHNIQUES, Family


def _models(model: type[BaseModel], seen: list[type[BaseModel]]) -> list[type[BaseModel]]:
    if model in seen:
        return seen
    seen.append(model)
    for field in model.model_fields.values():
        for arg in _types(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                _models(arg, seen)
    return seen


def _types(annotation: object) -> list[object]:
    args = getattr(annotation, "__args__", ())
    return [annotation, *[t for a in args for t in _types(a)]]


def scenario_reference() -> str:
    """Markdown reference of every scenario field."""
    out = ["# Scenario format reference", "",
           "Generated from `parley.scenario` by `python -m parley._docs`; do not edit.",
           "Unknown keys are errors. Validate with `parley scenarios validate FILE`.", ""]
    for model in _models(Scenario, []):
        out += [f"## {model.__name__}", "", (model.__doc__ or "").strip(), "",
                "| field | required | description |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            desc = " ".join((field.description or "").split())
            out.append(f"| `{name}` | {'yes' if field.is_required() else 'no'} | {desc} |")
        out.append("")
    return "\n".join(out)


def technique_reference() -> str:
    """Markdown reference of every technique."""
    out = ["# Techniques", "", "Generated from `parley.techniques` by "
           "`python -m parley._docs`; do not edit.", ""]
    for family in Family:
        out += [f"## {family.value.replace('_', ' ')}", ""]
        for t in TECHNIQUES.values():
            if t.family is family:
                examples = " ".join(f"\"{e}\"" for e in t.examples)
                out += [f"### `{t.name}`", "", t.definition, "", f"Examples: {examples}", "",
                        f"Source: {t.source}", ""]
    return "\n".join(out)


DOCS = {"scenarios.md": scenario_reference, "techniques.md": technique_reference}


def main(root: Path) -> None:
    """Write the generated docs under ``root/docs``."""
    for name, make in DOCS.items():
        (root / "docs" / name).write_text(make(), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
