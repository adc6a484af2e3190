"""Scenario models, loading and validation; the built-in scenarios."""

from parley.scenario._load import builtin_ids, load_scenario, load_scenario_file, parse_scenario
from parley.scenario._models import (
    Deadline,
    Demand,
    Effect,
    Fact,
    Frame,
    Gain,
    Hostages,
    IncidentType,
    Intermediary,
    Lines,
    Motivation,
    Outcomes,
    Scenario,
    ScheduledEvent,
    Situation,
    Subject,
)

__all__ = [
    "Deadline",
    "Demand",
    "Effect",
    "Fact",
    "Frame",
    "Gain",
    "Hostages",
    "IncidentType",
    "Intermediary",
    "Lines",
    "Motivation",
    "Outcomes",
    "Scenario",
    "ScheduledEvent",
    "Situation",
    "Subject",
    "builtin_ids",
    "load_scenario",
    "load_scenario_file",
    "parse_scenario",
]
