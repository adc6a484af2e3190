"""Loading and validating scenario YAML, with errors that name file, line and field."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from parley.errors import NotFound, ScenarioError
from parley.scenario._models import Scenario

_MAX_BYTES = 2_000_000
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


def _node_line(root: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """Follow a pydantic error location through the YAML node tree; return a 1-based line."""
    node = root
    line = None if node is None else node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if nxt is None:
                # an extra (forbidden) key: point at the key itself
                nxt = next((k for k, _ in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def parse_scenario(text: str, *, path: str) -> Scenario:
    """Parse and validate one scenario from YAML text.

    Args:
        text: The YAML document.
        path: Where it came from, used in error messages.

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: Malformed YAML or a field that does not validate; the message names
            the file, the line and the field.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
        data: Any = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = None if mark is None else mark.line + 1
        raise ScenarioError(f"malformed YAML: {exc.problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"malformed YAML: {exc}", path=path) from None
    if not isinstance(data, dict):
        raise ScenarioError("a scenario must be a YAML mapping (key: value)", path=path, line=1)
    _check_duplicate_keys(root, path)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        found = [_as_error(e, root, path) for e in errors]
        found[0].others = found[1:]
        raise found[0] from None


def _as_error(err: Any, root: yaml.Node | None, path: str) -> ScenarioError:
    loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    field = ".".join(str(p) for p in loc) or "(top level)"
    msg = str(err["msg"])
    if err["type"] == "extra_forbidden":
        msg = "unknown field (check the spelling against docs/scenarios.md)"
    elif err["type"] == "missing":
        msg = "required field is missing"
    return ScenarioError(msg, path=path, line=_node_line(root, loc), field=field)


def _check_duplicate_keys(node: yaml.Node | None, path: str, where: str = "") -> None:
    """YAML silently keeps the last of two equal keys; an author's copy-paste slip is an error."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(getattr(key, "value", ""))
            field = f"{where}.{name}" if where else name
            if name in seen:
                raise ScenarioError("this key appears twice in the same mapping", path=path,
                                    line=key.start_mark.line + 1, field=field)
            seen.add(name)
            _check_duplicate_keys(value, path, field)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_duplicate_keys(item, path, f"{where}.{i}")


def load_scenario_file(path: str | Path) -> Scenario:
    """Load a scenario from a YAML file.

    Raises:
        ScenarioError: The file is missing, unreadable, not UTF-8, too big, or invalid.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ScenarioError(f"cannot read file: {exc.strerror}", path=str(p)) from None
    if len(raw) > _MAX_BYTES:
        raise ScenarioError(f"file is larger than {_MAX_BYTES // 1_000_000} MB", path=str(p))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"not UTF-8 text (byte {exc.start})", path=str(p)) from None
    return parse_scenario(text, path=str(p))


def builtin_ids() -> list[str]:
    """Return the ids of the scenarios that ship with Parley, sorted."""
    folder = resources.files("parley.scenario") / "builtin"
    names = (f.name for f in folder.iterdir())
    return sorted(n.removesuffix(".yaml") for n in names if n.endswith(".yaml"))


@cache
def _builtin(scenario_id: str) -> Scenario:
    text = (resources.files("parley.scenario") / "builtin" / f"{scenario_id}.yaml").read_text(
        encoding="utf-8"
    )
    return parse_scenario(text, path=f"<builtin:{scenario_id}>")


def load_scenario(ref: str) -> Scenario:
    """Load a built-in scenario by id, or a scenario file by path.

    Args:
        ref: A built-in id (``bridge-jumper``) or a path ending in ``.yaml``/``.yml``.

    Raises:
        NotFound: ``ref`` is neither a built-in id nor an existing file.
        ScenarioError: The file does not validate.
    """
    if ref in builtin_ids():
        return _builtin(ref)
    if ref.endswith((".yaml", ".yml")) or Path(ref).is_file():
        if not Path(ref).exists():
            raise NotFound(f"scenario file not found: {ref}")
        return load_scenario_file(ref)
    known = ", ".join(builtin_ids())
    raise NotFound(f"unknown scenario '{ref}' (built-in: {known})")
