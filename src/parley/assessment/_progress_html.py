"""Progress across sessions as one self-contained HTML page: trends and learning gains.

Like the debrief, the page has inline CSS and inline SVG charts, no script and no external
URL, so it opens offline and prints. Its inputs are the store's figures
(:func:`parley.store.trainee_metrics`, :func:`parley.store.learning_gains`), read through
the small protocols below so that this module does not depend on the database.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Protocol

from parley.assessment._html_css import CSS
from parley.assessment._svg import COLOURS, ForestRow, forest_svg, trend_svg
from parley.techniques import ACTIVE_LISTENING


class SessionFigures(Protocol):
    """One assessed session (``parley.store.SessionMetrics``)."""

    @property
    def session_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def scenario(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def rates(self) -> Mapping[str, float]: ...


class GainFigures(Protocol):
    """A learning gain on one metric (``parley.store.Gain``)."""

    @property
    def metric(self) -> str: ...
    @property
    def mean(self) -> float: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...
    @property
    def n(self) -> int: ...


_PAGE_CSS = """
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px 22px}
.trends figure{margin:0;border:1px solid var(--rule);border-radius:6px;padding:8px 10px}
svg.chart{width:100%;height:auto;display:block}
table.sessions{border-collapse:collapse;width:100%;font-size:13px}
table.sessions th,table.sessions td{text-align:left;padding:4px 8px;
  border-bottom:1px solid var(--rule)}
table.sessions td.num{text-align:right;font-variant-numeric:tabular-nums}
@media print{.trends{grid-template-columns:repeat(2,1fr)}figure{break-inside:avoid}}
"""


def _name(metric: str) -> str:
    return {"errors": "Errors per turn", "stairway": "Stairway step reached",
            "score": "Score"}.get(metric, metric.replace("_", " ").capitalize())


def _trends(sessions: Sequence[SessionFigures]) -> str:
    kinds = [s.kind for s in sessions]
    charts = [trend_svg([s.score for s in sessions], top=100, label="Score", kinds=kinds)]
    for skill in sorted(ACTIVE_LISTENING):
        charts.append(trend_svg([s.rates.get(skill, 0.0) for s in sessions], top=1.0,
                                label=_name(skill) + " (share of turns)", colour="listening",
                                fmt="{:.0%}", kinds=kinds))
    top_errors = max([1.0] + [s.rates.get("errors", 0.0) for s in sessions])
    charts.append(trend_svg([s.rates.get("errors", 0.0) for s in sessions], top=top_errors,
                            label="Errors per turn", colour="error", fmt="{:.2f}", kinds=kinds))
    charts.append(trend_svg([s.rates.get("stairway", 0.0) for s in sessions], top=4.0,
                            label="Stairway step reached (0-4)", colour="influence",
                            fmt="{:.0f}", kinds=kinds))
    figures = "".join(f"<figure>{c}</figure>" for c in charts)
    return ('<section id="trends"><h2>Skill trends, oldest session first</h2>'
            f'<div class="trends">{figures}</div><p class="note">Each point is one assessed '
            "session; squares are pre- and post-course tests. A skill's rate is the share of "
            "turns that used it (a turn can use several).</p></section>")


def _table(sessions: Sequence[SessionFigures]) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td><code>{escape(s.session_id)}</code></td>"
        f"<td>{escape(s.scenario)}</td><td>{escape(s.kind.replace('_', ' '))}</td>"
        f'<td class="num">{s.score:.0f}</td>'
        f'<td class="num">{s.rates.get("errors", 0.0):.2f}</td>'
        f'<td class="num">{s.rates.get("stairway", 0.0):.0f}</td></tr>'
        for i, s in enumerate(sessions, 1))
    return ('<section id="sessions"><h2>Sessions</h2><table class="sessions"><thead><tr>'
            "<th>#</th><th>session</th><th>scenario</th><th>kind</th><th>score</th>"
            f"<th>errors/turn</th><th>stairway</th></tr></thead><tbody>{rows}</tbody></table>"
            "</section>")


def _gains(gains: Sequence[GainFigures]) -> str:
    if not gains:
        return ('<section id="gains"><h2>Learning gain</h2><p>No trainee has both a '
                "pre_test and a post_test session yet.</p></section>")
    n = gains[0].n

    def rows(metrics: Sequence[GainFigures], scale: float = 1.0) -> list[ForestRow]:
        return [ForestRow(_name(g.metric), g.mean * scale, g.low * scale, g.high * scale,
                          lower_is_better=g.metric == "errors") for g in metrics]

    rates = [g for g in gains if g.metric not in ("stairway", "score")]
    others = {g.metric: g for g in gains if g.metric in ("stairway", "score")}
    charts = [forest_svg(rows(rates, 100), unit="percentage points of turns",
                         label="Skill rates and errors: change, post minus pre",
                         fmt="{:+.0f}")]
    if "stairway" in others:
        charts.append(forest_svg(rows([others["stairway"]]), unit="steps",
                                 label="Stairway: change in the step reached"))
    if "score" in others:
        charts.append(forest_svg(rows([others["score"]]), unit="points",
                                 label="Score: change", fmt="{:+.1f}"))
    table = "".join(
        f"<tr><td>{escape(_name(g.metric))}</td><td class=\"num\">{g.mean:+.3f}</td>"
        f'<td class="num">{_ci(g)}</td></tr>' for g in gains)
    note = ("With one trainee no interval can be computed; it is drawn open." if n < 2 else
            "Intervals use Student's t with n - 1 degrees of freedom.")
    return (f'<section id="gains"><h2>Learning gain (n = {n} trainee{"s" if n != 1 else ""})'
            "</h2><p class=\"note\">Each trainee's last post-course test minus their last "
            "pre-course test; the square is the cohort mean, the bar its 95% confidence "
            "interval, the dashed line no change. Green: a clear improvement (fewer errors "
            f"count as one); red: a clear decline. {escape(note)}</p>"
            + "".join(f"<figure>{c}</figure>" for c in charts)
            + '<table class="sessions"><thead><tr><th>metric</th><th>mean change</th>'
            f"<th>95% CI</th></tr></thead><tbody>{table}</tbody></table></section>")


def _ci(g: GainFigures) -> str:
    if math.isinf(g.low) or math.isinf(g.high):
        return "not computable (n = 1)"
    return f"[{g.low:+.3f}, {g.high:+.3f}]"


def render_progress_html(who: str, sessions: Sequence[SessionFigures],
                         gains: Sequence[GainFigures] | None = None) -> str:
    """Progress as a complete, self-contained HTML document.

    Args:
        who: The trainee's name, or a phrase for everyone ("all trainees").
        sessions: Assessed sessions, oldest first.
        gains: The learning-gain report, if asked for (``None`` leaves the section out).
    """
    colours = "".join(f"--{k}:{v};" for k, v in COLOURS.items())
    body = (f'<div class="top"><div><p class="kicker">Parley · progress</p>'
            f"<h1>Progress of {escape(who)}</h1><p class=\"meta\">{len(sessions)} assessed "
            "session(s)</p></div></div>")
    if sessions:
        body += _trends(sessions) + _table(sessions)
    else:
        body += "<section><p>No finished sessions yet.</p></section>"
    if gains is not None:
        body += _gains(gains)
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Progress: {escape(who)}</title>"
            f"<style>:root{{{colours}}}{CSS}{_PAGE_CSS}</style></head>"
            f'<body><main class="report">{body}</main><footer class="report">Parley · '
            "rates come from probabilistic technique labels; read trends, not single points."
            "</footer></body></html>\n")
