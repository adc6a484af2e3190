"""Inline SVG charts for the HTML debrief: the timeline, the stairway, the technique profile.

Every chart is a self-contained ``<svg>`` string with a ``viewBox``, so it scales to the
page width, prints as vectors and needs nothing from outside the file. Colours come from
:data:`COLOURS`, shared with the report's stylesheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

COLOURS = {
    "ink": "#1f2933", "muted": "#616e7c", "rule": "#d9e2ec", "faint": "#f0f4f8",
    "arousal": "#c2410c", "trust": "#1d4ed8", "error": "#b91c1c", "listening": "#15803d",
    "event": "#7e22ce", "disclosure": "#b45309", "influence": "#0e7490", "other": "#52606d",
    "step": "#0f4c5c",
}
"""The report's palette: restrained neutrals, one colour per meaning."""

_FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


@dataclass(frozen=True)
class Marker:
    """A point of interest on the timeline.

    Attributes:
        turn: 1-based trainee turn (the x position and the link target ``#turn-N``).
        lane: ``errors``, ``listening``, ``events`` or ``disclosures``.
        label: Tooltip text, plain (escaped when drawn).
    """

    turn: int
    lane: str
    label: str


LANES = (("errors", "error", "Errors"), ("listening", "listening", "Active listening"),
         ("events", "event", "Events"), ("disclosures", "disclosure", "Disclosures"))
"""Timeline marker lanes: (lane, colour key, label), top to bottom."""


def _n(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 12,
          fill: str = COLOURS["muted"], extra: str = "") -> str:
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{fill}"{extra}>{escape(content)}</text>')


def _svg(width: int, height: int, label: str, body: Iterable[str]) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(label)}" {_FONT}>'
            f"<title>{escape(label)}</title>{''.join(body)}</svg>")


# -- timeline -------------------------------------------------------------------------

_W, _LEFT, _RIGHT, _TOP, _PLOT_H = 800, 118, 24, 40, 200
_BOTTOM = _TOP + _PLOT_H
_LANE_Y0, _LANE_STEP = _BOTTOM + 56, 20


def _x(turn: int, last: int) -> float:
    return _LEFT + (_W - _LEFT - _RIGHT) * turn / max(last, 1)


def _y(value: float) -> float:
    return _BOTTOM - _PLOT_H * max(0.0, min(100.0, value)) / 100


def _tick_step(last: int) -> int:
    for step in (1, 2, 5, 10, 20, 50):
        if last / step <= 20:
            return step
    return 100


def _axes(last: int) -> list[str]:
    out = []
    for v in (0, 25, 50, 75, 100):
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{_n(_y(v))}" y2="{_n(_y(v))}" '
                   f'stroke="{COLOURS["rule"]}" stroke-width="1"/>')
        out.append(_text(_LEFT - 8, _y(v) + 4, str(v), anchor="end", size=11))
    step = _tick_step(last)
    for turn in range(0, last + 1, step):
        label = "start" if turn == 0 else str(turn)
        out.append(_text(_x(turn, last), _BOTTOM + 16, label, anchor="middle", size=11))
    out.append(_text((_LEFT + _W - _RIGHT) / 2, _BOTTOM + 34, "trainee turn",
                     anchor="middle", size=12, fill=COLOURS["ink"]))
    out.append(_text(16, _TOP + _PLOT_H / 2, "level (0-100)", anchor="middle", size=12,
                     fill=COLOURS["ink"],
                     extra=f' transform="rotate(-90 16 {_n(_TOP + _PLOT_H / 2)})"'))
    return out


def _series(values: Sequence[float], colour: str, name: str, dash: str = "") -> list[str]:
    last = len(values) - 1
    points = " ".join(f"{_n(_x(i, last))},{_n(_y(v))}" for i, v in enumerate(values))
    style = f' stroke-dasharray="{dash}"' if dash else ""
    out = [f'<polyline class="series" points="{points}" fill="none" stroke="{colour}" '
           f'stroke-width="2.5" stroke-linejoin="round"{style}><title>{escape(name)}</title>'
           "</polyline>"]
    for i, v in enumerate(values[1:], 1):
        out.append(f'<circle cx="{_n(_x(i, last))}" cy="{_n(_y(v))}" r="3" fill="{colour}">'
                   f"<title>{escape(name)} after turn {i}: {v:.0f}</title></circle>")
    return out


def _legend() -> list[str]:
    items = [("Arousal", COLOURS["arousal"], "line"), ("Trust", COLOURS["trust"], "dash")]
    items += [(label, COLOURS[key], "dot") for _, key, label in LANES]
    out, x = [], float(_LEFT)
    for label, colour, kind in items:
        if kind == "dot":
            out.append(f'<circle cx="{_n(x + 6)}" cy="14" r="5" fill="{colour}"/>')
        else:
            dash = ' stroke-dasharray="6 4"' if kind == "dash" else ""
            out.append(f'<line x1="{_n(x)}" x2="{_n(x + 18)}" y1="14" y2="14" stroke="{colour}" '
                       f'stroke-width="3"{dash}/>')
        out.append(_text(x + 24, 18, label, fill=COLOURS["ink"]))
        x += 34 + 6.6 * len(label)
    return out


def _lanes(markers: Sequence[Marker], last: int) -> list[str]:
    out = []
    for row, (lane, key, label) in enumerate(LANES):
        y = _LANE_Y0 + row * _LANE_STEP
        out.append(_text(_LEFT - 12, y + 4, label, anchor="end", size=11))
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y}" y2="{y}" '
                   f'stroke="{COLOURS["faint"]}" stroke-width="8" stroke-linecap="round"/>')
        for m in (m for m in markers if m.lane == lane):
            out.append(f'<a href="#turn-{m.turn}"><circle cx="{_n(_x(m.turn, last))}" '
                       f'cy="{y}" r="5.5" fill="{COLOURS[key]}" stroke="#fff" '
                       f'stroke-width="1"><title>Turn {m.turn}: {escape(m.label)}</title>'
                       "</circle></a>")
    return out


def timeline_svg(arousal: Sequence[float], trust: Sequence[float],
                 markers: Sequence[Marker]) -> str:
    """Arousal and trust over the session, with marker lanes below the plot.

    Args:
        arousal: Arousal 0-100 at the start (index 0) and after each turn (index N).
        trust: Trust 0-100, same indexing as ``arousal``.
        markers: Errors, listening skills, events and disclosures, by turn; each marker
            links to the transcript anchor ``#turn-N``.

    Returns:
        One ``<svg>`` element, 800 units wide, scaled by CSS.
    """
    last = max(len(arousal) - 1, 0)
    height = _LANE_Y0 + _LANE_STEP * (len(LANES) - 1) + 14
    body = _legend() + _axes(last)
    body += _series(trust, COLOURS["trust"], "Trust", dash="6 4")
    body += _series(arousal, COLOURS["arousal"], "Arousal")
    body += _lanes(markers, last)
    return _svg(_W, height, "Arousal and trust, turn by turn", body)


# -- stairway -------------------------------------------------------------------------

def stairway_svg(steps: Sequence[str], reached: int) -> str:
    """The BCSM steps drawn as a stair; steps up to ``reached`` are filled.

    Args:
        steps: Step labels, lowest first (active listening ... behavioural change).
        reached: Index of the highest step reached (0-based).
    """
    width, rise, base = 800, 22, 150
    run = width / len(steps)
    body = []
    for i, label in enumerate(steps):
        top = base - rise * (i + 1)
        done = i <= reached
        fill = COLOURS["step"] if done else "#fff"
        body.append(f'<rect x="{_n(i * run + 2)}" y="{top}" width="{_n(run - 4)}" '
                    f'height="{base - top}" rx="3" fill="{fill}" stroke="{COLOURS["step"]}" '
                    f'stroke-width="1.5"><title>{escape(label)}'
                    f"{' (reached)' if done else ''}</title></rect>")
        body.append(_text(i * run + run / 2, base + 18, label, anchor="middle", size=13,
                          fill=COLOURS["ink"] if done else COLOURS["muted"],
                          extra=' font-weight="600"' if i == reached else ""))
        if i == reached:
            body.append(_text(i * run + run / 2, top - 8, "reached", anchor="middle",
                              size=12, fill=COLOURS["step"], extra=' font-weight="600"'))
    return _svg(width, base + 28, f"Stairway: reached {steps[reached]}", body)


# -- technique profile ----------------------------------------------------------------

@dataclass(frozen=True)
class ProfileRow:
    """One bar of the technique profile.

    Attributes:
        label: The group, e.g. ``Active listening``.
        colour: A key of :data:`COLOURS`.
        actual: Share of the trainee's technique uses, 0-1.
        target: Recommended share for an expert session, 0-1.
    """

    label: str
    colour: str
    actual: float
    target: float


def profile_svg(rows: Sequence[ProfileRow]) -> str:
    """Horizontal bars: the trainee's share per group, with the recommended share marked.

    Returns:
        One ``<svg>``; the filled bar is the trainee, the dark tick the recommendation.
    """
    width, left, right, row_h = 800, 190, 150, 36
    track = width - left - right
    body = []
    for i, r in enumerate(rows):
        y = 10 + i * row_h
        body.append(_text(left - 12, y + 15, r.label, anchor="end", size=13,
                          fill=COLOURS["ink"]))
        body.append(f'<rect x="{left}" y="{y + 2}" width="{track}" height="18" rx="2" '
                    f'fill="{COLOURS["faint"]}" stroke="{COLOURS["rule"]}"/>')
        body.append(f'<rect x="{left}" y="{y + 2}" width="{_n(track * r.actual)}" height="18" '
                    f'rx="2" fill="{COLOURS[r.colour]}"><title>{escape(r.label)}: '
                    f"{r.actual:.0%} of your moves</title></rect>")
        tx = left + track * r.target
        body.append(f'<line x1="{_n(tx)}" x2="{_n(tx)}" y1="{y - 2}" y2="{y + 24}" '
                    f'stroke="{COLOURS["ink"]}" stroke-width="2.5"><title>recommended '
                    f"{r.target:.0%}</title></line>")
        body.append(_text(left + track + 12, y + 15, f"you {r.actual:.0%} · aim {r.target:.0%}",
                          size=12, fill=COLOURS["ink"]))
    return _svg(width, 10 + row_h * len(rows), "Technique profile against the recommended "
                "profile", body)


# -- progress: trends across sessions and the learning-gain forest plot ----------------

def trend_svg(values: Sequence[float], *, top: float, label: str, colour: str = "step",
              fmt: str = "{:.0f}", kinds: Sequence[str] = ()) -> str:
    """One metric across sessions, oldest first: a small line chart with its own axis.

    Args:
        values: The metric per session.
        top: The axis maximum (1.0 for a rate, 4 for the stairway, 100 for the score).
        label: The chart's name (also its accessible label).
        colour: A key of :data:`COLOURS`.
        fmt: Format of a value in the tooltips and the end label.
        kinds: Per session, ``practice``, ``pre_test`` or ``post_test``; tests are drawn
            as squares and labelled ``pre`` / ``post`` under the axis.
    """
    width, left, right, top_pad, plot_h = 380, 44, 54, 26, 96
    bottom = top_pad + plot_h
    n = len(values)

    def x(i: int) -> float:
        return left + (width - left - right) * (i / (n - 1) if n > 1 else 0.5)

    def y(v: float) -> float:
        return bottom - plot_h * max(0.0, min(top, v)) / (top or 1)

    body = [_text(0, 16, label, size=13, fill=COLOURS["ink"], extra=' font-weight="600"')]
    for frac in (0.0, 0.5, 1.0):
        yy = _n(y(top * frac))
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{yy}" y2="{yy}" '
                    f'stroke="{COLOURS["rule"]}" stroke-width="1"/>')
        body.append(_text(left - 6, y(top * frac) + 4, fmt.format(top * frac), anchor="end",
                          size=10))
    ink = COLOURS[colour]
    if n > 1:
        points = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(values))
        body.append(f'<polyline points="{points}" fill="none" stroke="{ink}" '
                    'stroke-width="2.5" stroke-linejoin="round"/>')
    for i, v in enumerate(values):
        kind = kinds[i] if i < len(kinds) else "practice"
        tip = f"<title>Session {i + 1} ({kind.replace('_', ' ')}): {fmt.format(v)}</title>"
        if kind in ("pre_test", "post_test"):
            body.append(f'<rect x="{_n(x(i) - 4.5)}" y="{_n(y(v) - 4.5)}" width="9" height="9" '
                        f'fill="#fff" stroke="{ink}" stroke-width="2">{tip}</rect>')
            body.append(_text(x(i), bottom + 28, kind.split("_")[0], anchor="middle", size=10))
        else:
            body.append(f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="3.5" fill="{ink}">'
                        f"{tip}</circle>")
        if n <= 12 or i in (0, n - 1):
            body.append(_text(x(i), bottom + 15, str(i + 1), anchor="middle", size=10))
    if values:
        body.append(_text(width - right + 8, y(values[-1]) + 4, fmt.format(values[-1]),
                          size=12, fill=COLOURS["ink"], extra=' font-weight="600"'))
    return _svg(width, bottom + 34, f"{label} across sessions", body)


@dataclass(frozen=True)
class ForestRow:
    """One line of a forest plot: a mean change with its 95% confidence interval.

    Attributes:
        label: The metric, as shown.
        mean: Mean change (post minus pre).
        low: Lower CI bound (``-inf`` when it cannot be computed, e.g. one trainee).
        high: Upper CI bound (``inf`` likewise).
        lower_is_better: True for a metric that should fall (errors): a CI wholly below
            zero is then drawn as an improvement.
    """

    label: str
    mean: float
    low: float
    high: float
    lower_is_better: bool = False


def forest_svg(rows: Sequence[ForestRow], *, unit: str, label: str, fmt: str = "{:+.2f}"
               ) -> str:
    """A forest plot: each row's mean change as a dot, its 95% CI as a bar, zero marked.

    The axis is symmetric around zero and covers every finite bound; an unbounded
    interval is drawn to the edge with an arrow and said so in its tooltip.

    Args:
        rows: The metrics.
        unit: The unit of the axis ("share of turns", "steps", "points").
        label: The chart's name.
        fmt: Format of a value in the labels.
    """
    width, left, right, row_h, head = 800, 200, 170, 28, 30
    finite = [abs(v) for r in rows for v in (r.mean, r.low, r.high) if abs(v) != float("inf")]
    span = max(finite, default=1.0) * 1.1 or 1.0
    track = width - left - right

    def x(v: float) -> float:
        return left + track * (max(-span, min(span, v)) + span) / (2 * span)

    height = head + row_h * len(rows) + 30
    body = [_text(left, 16, label, size=13, fill=COLOURS["ink"], extra=' font-weight="600"')]
    zero = _n(x(0))
    body.append(f'<line x1="{zero}" x2="{zero}" y1="{head - 6}" y2="{height - 26}" '
                f'stroke="{COLOURS["muted"]}" stroke-width="1.5" stroke-dasharray="4 3"/>')
    for v in (-span, -span / 2, span / 2, span):
        body.append(_text(x(v), height - 10, fmt.format(v), anchor="middle", size=10))
    body.append(_text(x(0), height - 10, f"0 ({unit})", anchor="middle", size=10,
                      fill=COLOURS["ink"]))
    for i, r in enumerate(rows):
        y = head + i * row_h + row_h / 2
        better, worse = (r.high < 0, r.low > 0) if r.lower_is_better else (r.low > 0,
                                                                             r.high < 0)
        colour = COLOURS["listening"] if better else COLOURS["error"] if worse \
            else COLOURS["step"]
        open_ci = abs(r.low) == float("inf") or abs(r.high) == float("inf")
        ci = "no interval (one trainee)" if open_ci else \
            f"95% CI {fmt.format(r.low)} to {fmt.format(r.high)}"
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{_n(y)}" y2="{_n(y)}" '
                    f'stroke="{COLOURS["faint"]}" stroke-width="{row_h - 6}"/>')
        body.append(_text(left - 12, y + 4, r.label, anchor="end", size=12,
                          fill=COLOURS["ink"]))
        lo, hi = _n(x(r.low)), _n(x(r.high))
        dash = ' stroke-dasharray="3 3"' if open_ci else ""
        body.append(f'<line x1="{lo}" x2="{hi}" y1="{_n(y)}" y2="{_n(y)}" stroke="{colour}" '
                    f'stroke-width="2.5"{dash}><title>{escape(r.label)}: {escape(ci)}</title>'
                    "</line>")
        if not open_ci:
            for end in (lo, hi):
                body.append(f'<line x1="{end}" x2="{end}" y1="{_n(y - 6)}" y2="{_n(y + 6)}" '
                            f'stroke="{colour}" stroke-width="2"/>')
        body.append(f'<rect x="{_n(x(r.mean) - 5)}" y="{_n(y - 5)}" width="10" height="10" '
                    f'fill="{colour}"><title>{escape(r.label)}: mean change '
                    f"{fmt.format(r.mean)}, {escape(ci)}</title></rect>")
        body.append(_text(width - right + 12, y + 4, f"{fmt.format(r.mean)}  "
                          + ("(n=1)" if open_ci else
                             f"[{fmt.format(r.low)}, {fmt.format(r.high)}]"),
                          size=11, fill=COLOURS["ink"]))
    return _svg(width, height, label, body)
