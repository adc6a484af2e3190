"""``/api/scenarios``: the library for everyone; validation and dry runs for instructors."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from parley.web import _scenarios as lib
from parley.web._deps import CurrentUser, InstructorUser
from parley.web._schemas import (
    DryRun,
    ScenarioPublic,
    ScenarioSource,
    ScenarioSummary,
    ValidationPublic,
)
from parley.web._services import builtin_scenario

router = APIRouter(prefix="/api/scenarios", tags=["scenarios"])


@router.get("")
def list_(auth: CurrentUser) -> list[ScenarioSummary]:
    """The scenario library: id, title, incident type, difficulty."""
    return lib.library()


@router.get("/{scenario_id}")
def show(scenario_id: str, auth: CurrentUser) -> ScenarioPublic:
    """A scenario's briefing; instructors also get the subject profile."""
    return lib.public(builtin_scenario(scenario_id), instructor=auth.instructs)


@router.post("/validate")
def validate(body: ScenarioSource, auth: InstructorUser) -> ValidationPublic:
    """Validate scenario YAML (the errors of ``parley scenarios validate``)."""
    return lib.validate(body.yaml)


@router.post("/dry-run")
def dry_run(body: DryRun, auth: InstructorUser) -> dict[str, Any]:
    """Replay a trainee script through scenario YAML; nothing is stored."""
    return lib.dry_run(body.yaml, body.script, body.seed)
