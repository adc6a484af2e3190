"""Assessment: the scoring rubric, coaching, the debrief and its renderings."""

from parley.assessment._coaching import better_alternative, why_wrong
from parley.assessment._debrief import Debrief, ErrorNote, assess
from parley.assessment._html import render_html
from parley.assessment._live import CoachNote, coach_turn
from parley.assessment._progress_html import render_progress_html
from parley.assessment._rubric import RUBRIC_VERSION, Blocker, Component, blockers, counted, score
from parley.assessment._terminal import render_debrief, sparkline

__all__ = [
    "RUBRIC_VERSION",
    "Blocker",
    "CoachNote",
    "Component",
    "Debrief",
    "ErrorNote",
    "assess",
    "better_alternative",
    "blockers",
    "coach_turn",
    "counted",
    "render_debrief",
    "render_html",
    "render_progress_html",
    "score",
    "sparkline",
    "why_wrong",
]
