"""The debrief as one self-contained HTML page: no scripts, no fonts, no external URL.

The page is built from the :class:`Debrief` (the scores, the errors and the advice) and
the :class:`Session` it came from (the transcript and the per-turn evidence). Every piece
of text that came from a person or a scenario is escaped with :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from parley.assessment._debrief import Debrief, ErrorNote
from parley.assessment._html_css import CSS
from parley.assessment._live import CoachNote, coach_turn
from parley.assessment._rubric import CONFIDENT, ERROR_CONFIDENT, used
from parley.assessment._svg import (
    COLOURS,
    Marker,
    ProfileRow,
    profile_svg,
    stairway_svg,
    timeline_svg,
)
from parley.session import Session, Turn
from parley.subject import Stairway
from parley.techniques import ACTIVE_LISTENING, ERRORS, INFLUENCE

RECOMMENDED_PROFILE: dict[str, float] = {
    "active_listening": 0.65, "other_move": 0.25, "influence": 0.10, "error": 0.0,
}
"""Share of technique uses an expert session aims at, per group (sums to 1).

Rationale: on the Behavioral Change Stairway (Vecchi, Van Hasselt & Romano 2005) active
listening carries every step and most of the talk, so it dominates. Influence (problem
solving, face saving) only works once rapport exists, so it is a small, late share; real
negotiations also contain less bargaining than simulated ones, and emotion and relationship
are the main work. Other moves (closed questions, reassurance, information, brief
self-disclosure) support the listening. Errors should be zero. These are Parley's teaching
targets, not measured norms.
"""

GROUPS = {"active_listening": ("Active listening", "listening"),
          "other_move": ("Other moves", "other"),
          "influence": ("Influence", "influence"),
          "error": ("Errors", "error")}
"""Technique group -> (label, colour key); the order of the profile chart."""

_COMPONENTS = {"listening": "Active listening", "errors": "Errors avoided",
               "stairway": "Stairway progress", "frame": "Matching the subject",
               "information": "Intelligence earned", "outcome": "Outcome"}

_BLOCKERS = {
    "threat": "A threat or ultimatum was made.",
    "false_promise": "A promise was made that the negotiator cannot authorise.",
    "unvetted_intermediary": "An untrained third party was allowed to negotiate.",
    "violent_escalation": "The incident ended in violence.",
}


def group_of(technique: str) -> str:
    """The profile group of a technique: a key of :data:`RECOMMENDED_PROFILE`."""
    if technique in ERRORS:
        return "error"
    if technique in ACTIVE_LISTENING:
        return "active_listening"
    return "influence" if technique in INFLUENCE else "other_move"


def _words(name: str) -> str:
    return escape(name.replace("_", " "))


def _links(turns: Iterable[int]) -> str:
    shown = [f'<a href="#turn-{t}">{t}</a>' for t in dict.fromkeys(turns)]
    return ", ".join(shown) or '<span class="muted">none</span>'


def _section(key: str, title: str, body: str) -> str:
    return f'<section id="{key}"><h2>{escape(title)}</h2>{body}</section>'


def _list(items: Iterable[str], cls: str, empty: str) -> str:
    rows = "".join(f'<li class="{cls}">{escape(i)}</li>' for i in items)
    return f"<ul class=\"marks\">{rows}</ul>" if rows else f'<p class="muted">{empty}</p>'


# -- header and score -----------------------------------------------------------------

def _header(d: Debrief, session: Session) -> str:
    meta = (f"Scenario <code>{escape(d.scenario)}</code> · seed {session.seed} · "
            f"{len(session.turns)} turns · rubric <code>{escape(d.rubric)}</code>")
    released = (f'<div class="fact-box"><span>Released</span><b>{d.hostages_released}</b></div>'
                if d.hostages_released else "")
    return (f'<header class="top"><div><p class="kicker">Parley debrief</p>'
            f"<h1>{escape(d.title)}</h1><p class=\"meta\">{meta}</p></div>"
            f'<div class="boxes"><div class="fact-box"><span>Outcome</span>'
            f'<b class="outcome {escape(d.outcome)}">{_words(d.outcome)}</b></div>'
            f'<div class="fact-box"><span>Stairway</span><b>{escape(d.stairway)}</b></div>'
            f"{released}"
            f'<div class="fact-box score"><span>Score</span><b>{d.score:.1f}'
            f"<small>/100</small></b></div></div></header>")


def _blockers(d: Debrief) -> str:
    if not d.blockers:
        return ""
    rows = "".join(f"<li><b>{_words(b.name)}</b>: {escape(_BLOCKERS.get(b.name, ''))} "
                   f"Score capped at {b.cap}. Turns: {_links(b.turns)}</li>"
                   for b in d.blockers)
    return (f'<div class="blockers" role="alert"><h3>Critical errors: the score is capped'
            f"</h3><ul>{rows}</ul></div>")


def _breakdown(d: Debrief) -> str:
    rows = []
    for c in d.components:
        share = c.points / c.max_points if c.max_points else 0.0
        rows.append(
            f"<tr><th scope=\"row\">{escape(_COMPONENTS.get(c.name, c.name))}</th>"
            f'<td class="num">{c.points:.1f}<span class="muted">/{c.max_points}</span>'
            f'<span class="meter"><span style="width:{share:.0%}"></span></span></td>'
            f'<td class="turns">{_links(c.turns)}</td><td>{escape(c.reason)}</td></tr>')
    table = ('<table class="breakdown"><thead><tr><th>Component</th><th>Points</th>'
             "<th>Turns</th><th>Why</th></tr></thead><tbody>" + "".join(rows) + "</tbody>"
             "</table>")
    return _section("score", "Score breakdown", _blockers(d) + table)


# -- charts ---------------------------------------------------------------------------

def _stairway(d: Debrief) -> str:
    steps = [s.label for s in Stairway]
    reached = steps.index(d.stairway) if d.stairway in steps else 0
    note = ('<p class="note">Behavioral Change Stairway (Vecchi, Van Hasselt &amp; Romano '
            "2005): listening, then empathy and rapport, before influence can change "
            "behaviour.</p>")
    return _section("stairway", "Stairway progress", stairway_svg(steps, reached) + note)


def _markers(turn: Turn) -> list[Marker]:
    """At most one marker per lane and turn; the tooltip lists what happened."""
    found, d = used(turn), turn.decision
    lanes = {
        "errors": [e.replace("_", " ") for e in sorted(found & ERRORS)],
        "listening": [s.replace("_", " ") for s in sorted(found & ACTIVE_LISTENING)],
        "events": [e.text for e in d.events] + ([d.deadline] if d.deadline else []),
        "disclosures": [f"fact disclosed: {f}" for f in d.facts]
        + ([f"{d.released} released"] if d.released else [])
        + ([f"gain won: {d.gain}"] if d.gain else []),
    }
    return [Marker(turn.index, lane, "; ".join(items)) for lane, items in lanes.items() if items]


def _timeline(d: Debrief, session: Session) -> str:
    start = session.turns[0].before if session.turns else session.state
    arousal = [start.arousal] + [a for _, a, _ in d.timeline]
    trust = [start.trust] + [t for _, _, t in d.timeline]
    markers = [m for t in session.turns for m in _markers(t)]
    note = ('<p class="note">Arousal should rise at first contact and fall as the '
            "relationship builds; trust should climb. Markers link to the turn in the "
            "transcript.</p>")
    return _section("timeline", "Timeline", timeline_svg(arousal, trust, markers) + note)


def _profile(d: Debrief) -> str:
    totals = dict.fromkeys(GROUPS, 0)
    for name, n in d.techniques.items():
        totals[group_of(name)] += n
    all_uses = sum(totals.values()) or 1
    rows = [ProfileRow(label, colour, totals[g] / all_uses, RECOMMENDED_PROFILE[g])
            for g, (label, colour) in GROUPS.items()]
    chips = "".join(f'<li><span class="tag {GROUPS[group_of(name)][1]}">{_words(name)}</span>'
                    f" <b>{n}</b></li>" for name, n in d.techniques.items())
    counts = (f'<ul class="counts">{chips}</ul>' if chips
              else '<p class="muted">No technique detected.</p>')
    note = ('<p class="note">Filled bar: your share of all technique uses. Dark tick: the '
            "recommended share for an expert session (listening dominant, influence late "
            "and brief, no errors). Counts are turns that used each technique.</p>")
    return _section("techniques", "Technique profile", profile_svg(rows) + note + counts)


# -- transcript -----------------------------------------------------------------------

def _tags(turn: Turn) -> str:
    counted = used(turn)
    out = []
    for f in turn.analysis.findings:
        sure = "" if f.technique in counted else " unsure"
        title = escape(f"confidence {f.confidence:.2f}: {f.evidence}", quote=True)
        out.append(f'<li class="tag {GROUPS[group_of(f.technique)][1]}{sure}" '
                   f'title="{title}">{_words(f.technique)} '
                   f'<span class="conf">{f.confidence:.0%}</span></li>')
    return f'<ul class="tags">{"".join(out)}</ul>'


def _error_notes(notes: Iterable[ErrorNote]) -> str:
    return "".join(
        f'<div class="error-note"><p><b>{_words(e.technique)}</b>: {escape(e.why)}</p>'
        f'<p class="better"><span>Try instead</span> “{escape(e.better)}”</p></div>'
        for e in notes)


def _missed_notes(notes: Iterable[CoachNote]) -> str:
    return "".join(
        f'<div class="error-note missed"><p><b>{escape(n.title.capitalize())}</b>: '
        f'{escape(n.text)}</p>'
        f'<p class="better"><span>Try</span> “{escape(n.better)}”</p></div>'
        for n in notes if n.kind == "missed")


def _flags(turn: Turn, missed: bool = False) -> str:
    d = turn.decision
    out = [f'<p class="event">» {escape(e.text)}</p>' for e in d.events]
    if d.deadline:
        out.append(f'<p class="event">» {escape(d.deadline)}</p>')
    if not missed and d.situation == "resist_influence":
        out.append('<p class="warn">Too early for solutions: he does not trust you yet. '
                   "Listen first.</p>")
    if not missed and d.situation == "robotic":
        out.append('<p class="warn">That sounds like a formula: tie what you say to his '
                   "words.</p>")
    if d.intermediary:
        out.append(f'<p class="warn error">Unvetted intermediary allowed to negotiate '
                   f"({escape(d.intermediary)}).</p>")
    return "".join(out)


def _outcomes(turn: Turn, facts: dict[str, str], gains: dict[str, str]) -> str:
    d = turn.decision
    out = [f'<li class="disclosure">Disclosed: {escape(facts.get(f, f))}</li>' for f in d.facts]
    if d.released:
        out.append(f'<li class="release">{d.released} hostage(s) released</li>')
    if d.gain:
        out.append(f'<li class="release">Gain won: {escape(gains.get(d.gain, d.gain))}</li>')
    out += [f'<li class="hook">Hook landed: {escape(h)}</li>' for h in d.hooks]
    out += [f'<li class="trigger">Trigger hit: {escape(t)}</li>' for t in d.triggers]
    return f'<ul class="marks">{"".join(out)}</ul>' if out else ""


def _state(turn: Turn) -> str:
    a, b = turn.before, turn.after
    return (f'<p class="state">arousal {b.arousal:.0f} ({b.arousal - a.arousal:+.0f}) · '
            f"trust {b.trust:.0f} ({b.trust - a.trust:+.0f}) · stairway "
            f"{escape(b.stairway.label)} · risk {b.risk}</p>")


def _turn(turn: Turn, d: Debrief, session: Session) -> str:
    s = session.scenario
    facts = {f.id: f.summary for f in s.facts}
    gains = {g.id: g.summary for g in s.gains}
    said = ('<em class="muted">(effective pause)</em>' if turn.pause
            else escape(turn.trainee))
    notes = [e for e in d.errors if e.turn == turn.index]
    subject_line = session.turns[turn.index - 2].reply if turn.index > 1 else session.opening
    missed = [n for n in coach_turn(turn, subject_line, session) if n.kind == "missed"]
    cls = " has-error" if notes else ""
    return (f'<article class="turn{cls}" id="turn-{turn.index}">'
            f'<a class="turn-no" href="#turn-{turn.index}">{turn.index}</a><div>'
            f'<p class="line you"><span class="who">You</span><span>{said}</span></p>'
            f'<div class="notes">{_tags(turn)}{_error_notes(notes)}{_missed_notes(missed)}'
            f"{_flags(turn, bool(missed))}</div>"
            f'<p class="line them"><span class="who">{escape(s.subject.name)}</span>'
            f"<span>{escape(turn.reply)}</span></p>"
            f'<div class="notes">{_outcomes(turn, facts, gains)}{_state(turn)}</div>'
            "</div></article>")


def _transcript(d: Debrief, session: Session) -> str:
    name = escape(session.scenario.subject.name)
    opening = (f'<article class="turn" id="turn-0"><span class="turn-no">0</span><div>'
               f'<p class="line them"><span class="who">{name}</span>'
               f"<span>{escape(session.opening)}</span></p></div></article>")
    legend = "".join(f'<li class="tag {colour}">{escape(label)}</li>'
                     for label, colour in GROUPS.values())
    key = (f'<ul class="tags legend">{legend}<li class="tag other unsure">below '
           f"{CONFIDENT:.0%} confidence ({ERROR_CONFIDENT:.0%} for an error): not scored"
           "</li></ul>")
    turns = "".join(_turn(t, d, session) for t in session.turns)
    return _section("transcript", "Annotated transcript", key + opening + turns)


# -- what was earned, and what next ---------------------------------------------------

def _pair(title: str, good: tuple[str, ...], bad: tuple[str, ...], words: tuple[str, str]
          ) -> str:
    won, lost = words
    return (f'<div class="columns"><div><h3>{title} {won} ({len(good)})</h3>'
            f"{_list(good, 'yes', f'None {won}.')}</div>"
            f"<div><h3>{title} {lost} ({len(bad)})</h3>"
            f"{_list(bad, 'no', f'None {lost}.')}</div></div>")


def _earned(d: Debrief) -> str:
    body = _pair("Facts", d.facts_earned, d.facts_missed, ("earned", "missed"))
    if d.gains_won or d.gains_missed:
        body += _pair("Gains", d.gains_won, d.gains_missed, ("won", "missed"))
    return _section("intelligence", "Intelligence and gains", body)


def _practise(d: Debrief) -> str:
    items = "".join(f"<li>{escape(tip)}</li>" for tip in d.practise_next)
    body = f"<ol class=\"practise\">{items}</ol>" if items else "<p>Keep practising.</p>"
    return _section("practise", "Practise next", body)


_NAV = (("score", "Score"), ("stairway", "Stairway"), ("timeline", "Timeline"),
        ("techniques", "Techniques"), ("practise", "Practise next"),
        ("intelligence", "Intelligence"), ("transcript", "Transcript"))


def render_html(debrief: Debrief, session: Session) -> str:
    """The debrief as a complete, self-contained HTML document.

    Args:
        debrief: The session's debrief (:func:`parley.assessment.assess`).
        session: The session it was built from: the transcript and per-turn evidence.

    Returns:
        A UTF-8 HTML5 document with inline CSS and inline SVG charts, no scripts and no
        external URL; each trainee turn has the anchor ``turn-N`` (N from 1).
    """
    nav = "".join(f'<a href="#{k}">{escape(v)}</a>' for k, v in _NAV)
    body = (_header(debrief, session) + f'<nav aria-label="Sections">{nav}</nav>'
            + _breakdown(debrief) + _practise(debrief) + _stairway(debrief)
            + _timeline(debrief, session) + _profile(debrief) + _earned(debrief)
            + _transcript(debrief, session))
    return page(f"Debrief: {debrief.title}", body,
                f"Parley · {debrief.rubric} · scores are probabilistic: each technique "
                "label carries its confidence.")


def page(title: str, body: str, footer: str, css: str = "") -> str:
    """Wrap ``body`` (HTML) in the reports' self-contained page: palette, stylesheet, footer.

    Args:
        title: The page title (plain text; escaped here).
        body: The report's sections, already HTML.
        footer: One line of plain text for the footer (escaped here).
        css: Extra CSS after the shared stylesheet.

    Returns:
        A UTF-8 HTML5 document with inline CSS, no scripts and no external URL.
    """
    colours = "".join(f"--{k}:{v};" for k, v in COLOURS.items())
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f"<style>:root{{{colours}}}{CSS}{css}</style></head>"
            f'<body><main class="report">{body}</main>'
            f'<footer class="report">{escape(footer)}</footer></body></html>\n')
