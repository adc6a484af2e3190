from __future__ import annotations

from pathlib import Path

import pytest

from parley._docs import DOCS
from parley.scenario import Scenario
from parley.techniques import TECHNIQUES

DOCS_DIR = Path(__file__).parent.parent / "docs"


@pytest.mark.parametrize("name", sorted(DOCS))
def test_generated_docs_are_up_to_date(name):
    assert (DOCS_DIR / name).read_text(encoding="utf-8") == DOCS[name](), (
        f"docs/{name} is stale: run python -m parley._docs")


def test_every_technique_is_documented():
    text = (DOCS_DIR / "techniques.md").read_text(encoding="utf-8")
    for name in TECHNIQUES:
        assert f"### `{name}`" in text


def test_every_scenario_field_has_a_docstring():
    from parley._docs import _models

    for model in _models(Scenario, []):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no docstring"
