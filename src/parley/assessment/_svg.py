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
