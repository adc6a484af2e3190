from __future__ import annotations

import pytest

from parley.errors import NotFound, ScenarioError
from parley.scenario import builtin_ids, load_scenario, load_scenario_file, parse_scenario

GOOD = load_scenario("bridge-jumper")


def _yaml_of_bridge() -> str:
    import yaml

    return yaml.safe_dump(GOOD.model_dump(mode="json"), sort_keys=False, allow_unicode=True)


def test_builtins_load_and_cover_the_foundation():
    ids = builtin_ids()
    assert {"bridge-jumper", "domestic-barricade", "kidnapping-ransom"} <= set(ids)
    for sid in ids:
        s = load_scenario(sid)
        assert s.id == sid
        assert {"opening", "vent", "surrender", "violence"} <= set(s.replies)
        thresholds = [f.trust_threshold for f in s.facts]
        assert thresholds and max(thresholds) > min(thresholds)


def test_round_trip_through_yaml():
    assert parse_scenario(_yaml_of_bridge(), path="x.yaml") == GOOD


def test_unknown_field_names_file_line_and_field(tmp_path):
    text = _yaml_of_bridge().replace("  age:", "  agee:", 1)
    path = tmp_path / "typo.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario_file(path)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("  agee:"))
    assert err.value.line == line
    assert err.value.field == "subject.agee"
    assert str(err.value).startswith(f"{path}:{line}: subject.agee: unknown field")


def test_out_of_range_value_points_at_its_line():
    text = _yaml_of_bridge()
    old = f"  baseline_arousal: {GOOD.subject.baseline_arousal}"
    bad = text.replace(old, "  baseline_arousal: 140")
    with pytest.raises(ScenarioError) as err:
        parse_scenario(bad, path="s.yaml")
    assert err.value.field == "subject.baseline_arousal"
    assert err.value.line == bad.splitlines().index("  baseline_arousal: 140") + 1


def test_malformed_yaml_gives_line():
    with pytest.raises(ScenarioError) as err:
        parse_scenario("id: x\ntitle: [unclosed\nbriefing: y\n", path="m.yaml")
    assert err.value.line is not None
    assert "malformed YAML" in str(err.value)


def test_not_a_mapping():
    with pytest.raises(ScenarioError, match="mapping"):
        parse_scenario("- a\n- b\n", path="l.yaml")


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario_file(path)


def test_unknown_id_lists_the_builtins():
    with pytest.raises(NotFound, match="bridge-jumper"):
        load_scenario("no-such-scenario")


def test_missing_required_situation():
    import yaml

    data = GOOD.model_dump(mode="json")
    del data["replies"]["surrender"]
    with pytest.raises(ScenarioError, match="surrender"):
        parse_scenario(yaml.safe_dump(data), path="s.yaml")


def test_duplicate_keys_are_errors():
    text = _yaml_of_bridge().replace("id: bridge-jumper\n", "id: bridge-jumper\nid: other\n", 1)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, path="d.yaml")
    assert err.value.field == "id" and err.value.line == 2
    assert "appears twice" in str(err.value)


def test_every_error_is_reported():
    import yaml

    data = GOOD.model_dump(mode="json")
    data["subject"]["age"] = 500
    data["title"] = 5
    data["bogus"] = 1
    with pytest.raises(ScenarioError) as err:
        parse_scenario(yaml.safe_dump(data, sort_keys=False), path="m.yaml")
    fields = [e.field for e in (err.value, *err.value.others)]
    assert fields[0] == "bogus" and set(fields) == {"bogus", "title", "subject.age"}
    assert str(err.value).endswith("(and 2 more errors)")
