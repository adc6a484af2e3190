"""Scenario library views and the editor's validation and dry run (shared by API and pages)."""

from __future__ import annotations

from parley.assessment import assess, counted
from parley.errors import InputError, ScenarioError
from parley.scenario import Scenario, builtin_ids, load_scenario, parse_scenario
from parley.session import Session, parse_script, run_script
from parley.web._schemas import ScenarioPublic, ScenarioSummary, ValidationPublic

EDITOR_PATH = "<editor>"
"""The file name that editor errors carry (as ``parley scenarios validate`` names files)."""


MAX_DRY_RUN_LINES = 300
"""Longest script a dry run replays."""


def summary(s: Scenario) -> ScenarioSummary:
    """A scenario for the library list."""
    return ScenarioSummary(id=s.id, title=s.title, incident_type=s.incident_type.value,
                           difficulty=s.difficulty, subject=s.subject.name,
                           hostages=s.hostages.count)


def library() -> list[ScenarioSummary]:
    """Every built-in scenario, by id."""
    return [summary(load_scenario(sid)) for sid in builtin_ids()]


def public(s: Scenario, *, instructor: bool) -> ScenarioPublic:
    """The briefing (what the negotiator is told); instructors also see the profile."""
    profile = None
    if instructor:
        profile = {
            "history": s.subject.history.strip(), "motivation": s.subject.motivation.value,
            "dominant_frame": s.subject.dominant_frame.value,
            "baseline_arousal": s.subject.baseline_arousal,
            "baseline_trust": s.subject.baseline_trust,
            "volatility": list(s.subject.volatility),
            "hooks": [h.topic for h in s.hooks], "triggers": [t.topic for t in s.triggers],
            "facts": [{"summary": f.summary, "trust_threshold": f.trust_threshold}
                      for f in s.facts],
        }
    return ScenarioPublic(**summary(s).model_dump(), briefing=s.briefing.strip(),
                          demands=[d.text for d in s.demands], profile=profile)


def validate(text: str) -> ValidationPublic:
    """Validate scenario YAML: the first error with its line and field, as the CLI shows it."""
    try:
        s = parse_scenario(text, path=EDITOR_PATH)
    except ScenarioError as exc:
        return ValidationPublic(ok=False, message=str(exc), line=exc.line, field=exc.field)
    return ValidationPublic(ok=True, id=s.id, message=f"ok ({s.id})")


def dry_run(text: str, script: str, seed: int) -> dict[str, object]:
    """Replay a trainee script through a scenario (nothing stored), like ``parley replay``.

    Raises:
        ScenarioError: The scenario does not validate.
        InputError: The script has a bad line or no utterance.
    """
    scenario = parse_scenario(text, path=EDITOR_PATH)
    lines = parse_script(script, source="script")
    if len(lines) > MAX_DRY_RUN_LINES:
        raise InputError(f"a dry run takes at most {MAX_DRY_RUN_LINES} lines")
    session = Session(scenario, seed=seed)
    unused = run_script(session, lines)
    if not session.turns:
        raise InputError("the script produced no turn")
    debrief = assess(session)
    return {
        "scenario": scenario.id, "seed": seed, "outcome": session.outcome,
        "score": debrief.score, "hostages_released": session.state.hostages_released,
        "unused": [line.line for line in unused],
        "turns": [{"trainee": t.trainee, "techniques": counted(t),
                   "subject": t.reply, "state": t.after.summary()} for t in session.turns],
    }
