"""``parley analyze --evaluate GOLD --report PATH``: the evaluation as one HTML page.

The page is self-contained like the debrief (:mod:`parley.assessment._html`): inline CSS,
inline SVG charts drawn in the same palette (:data:`parley.assessment._svg.COLOURS`), no
script and no external URL. Every piece of text that came from the gold file or from the
analyzer is escaped with :func:`html.escape`.

Sections: headline numbers against the project's targets, precision and recall per
technique, the confusion of primary labels as a heatmap, stated confidence against how
often it was right, and the turns whose coded label set differs from the gold set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from parley.analysis._corpus import Example
from parley.analysis._evaluate import Report, predicted
from parley.analysis._training import ERROR_RECALL_TARGET
from parley.analysis._types import Analysis
from parley.assessment._html import GROUPS, group_of, page
from parley.assessment._svg import COLOURS, _n, _svg, _text
from parley.techniques import ERRORS, TECHNIQUES, Family

MACRO_F1_TARGET = 0.85
"""The project's issue: macro-F1 of at least 0.85."""
TECHNIQUE_TARGET = 0.7
"""Per technique: precision and recall above 0.7 (the reference line of the chart)."""
MAX_TURNS = 40
"""Turns listed in the disagreement section at most."""

_FAMILY_COLOUR = {Family.ACTIVE_LISTENING: "listening", Family.OTHER: "other",
                  Family.ERROR: "error"}


def _words(name: str) -> str:
    """A technique name as words (``emotional_labeling`` -> ``emotional labeling``)."""
    return name.replace("_", " ")


def _section(key: str, title: str, body: str) -> str:
    return f'<section id="{key}"><h2>{escape(title)}</h2>{body}</section>'


# -- calibration ------------------------------------------------------------------------

@dataclass(frozen=True)
class CalibrationBin:
    """Findings whose stated confidence fell in one bin ``[low, low + 0.1)``.

    Attributes:
        low: The bin's lower edge, 0.0 to 0.9 (the last bin includes 1.0).
        count: Findings in the bin.
        mean_confidence: Their mean stated confidence, 0-1 (0 when ``count`` is 0).
        hit_rate: Share of them whose technique is among the turn's gold labels, 0-1.
    """

    low: float
    count: int
    mean_confidence: float
    hit_rate: float


def calibration(examples: Sequence[Example], analyses: Sequence[Analysis], floor: float,
                bins: int = 10) -> list[CalibrationBin]:
    """Bin every reported finding by stated confidence and say how often it was right.

    A finding counts when its confidence is at or above ``floor`` (the floor used for
    scoring); it is right when its technique is among the turn's gold labels.

    Args:
        examples: The gold turns, ``n`` of them.
        analyses: The analyzer's analyses of the same turns, in the same order (``n``).
        floor: Confidence from which a finding counts as a prediction, 0-1.
        bins: Equal-width confidence bins over 0-1.

    Returns:
        ``bins`` bins, lowest confidence first; empty bins have ``count`` 0.
    """
    sums = [0.0] * bins
    hits = [0] * bins
    counts = [0] * bins
    for example, analysis in zip(examples, analyses, strict=True):
        gold = set(example.labels)
        for f in analysis.findings:
            if f.confidence < floor:
                continue
            b = min(max(math.floor(f.confidence * bins + 1e-9), 0), bins - 1)
            counts[b] += 1
            sums[b] += f.confidence
            hits[b] += f.technique in gold
    return [CalibrationBin(round(b / bins, 2), counts[b],
                           sums[b] / counts[b] if counts[b] else 0.0,
                           hits[b] / counts[b] if counts[b] else 0.0) for b in range(bins)]


# -- header -----------------------------------------------------------------------------

def _target_box(key: str, label: str, value: float, target: float | None,
                measured: bool = True, main: bool = False) -> str:
    if not measured:
        verdict = '<em class="target">not measured: no gold error labels</em>'
    elif target is None:
        verdict = '<em class="target">no target set</em>'
    else:
        met = value >= target
        verdict = (f'<em class="target {"met" if met else "not-met"}">target &ge; '
                   f'{target:.2f}: {"met" if met else "not met"}</em>')
    cls = "fact-box score" if main else "fact-box"
    shown = f"{value:.3f}" if measured else "n/a"
    return (f'<div class="{cls}" id="{key}"><span>{escape(label)}</span>'
            f"<b>{shown}</b>{verdict}</div>")


def _header(analyzer: str, source: str, report: Report, floor: float, when: date) -> str:
    floor_note = (f" · findings count from confidence {floor:.2f}" if floor else "")
    meta = (f"Gold file <code>{escape(source)}</code> · {when.isoformat()} · "
            f"{report.n} turns{floor_note}")
    boxes = (_target_box("macro-f1", "Macro-F1", report.macro_f1, MACRO_F1_TARGET, main=True)
             + _target_box("error-recall", "Error recall", report.error_recall,
                           ERROR_RECALL_TARGET, measured=report.measures_errors)
             + _target_box("primary-accuracy", "Primary accuracy", report.primary_accuracy,
                           None))
    return (f'<header class="top"><div><p class="kicker">Parley analyzer evaluation</p>'
            f"<h1>{escape(analyzer)}</h1><p class=\"meta\">{meta}</p></div>"
            f'<div class="boxes">{boxes}</div></header>')


# -- per-technique precision and recall -------------------------------------------------

def _families(report: Report) -> list[tuple[Family, list[str]]]:
    """The scored techniques grouped by family, in the taxonomy's order."""
    out = []
    for family in Family:
        names = [t for t in TECHNIQUES if t in report.scores and TECHNIQUES[t].family is family]
        if names:
            out.append((family, names))
    return out


def _family_label(family: Family) -> str:
    return family.value.replace("_", " ").capitalize()


def scores_svg(report: Report) -> str:
    """Precision and recall per technique as two markers on a 0-1 axis, by family.

    Args:
        report: The evaluation; every technique of ``report.scores`` gets a row.

    Returns:
        One ``<svg>`` 800 units wide: a dot for precision, a diamond for recall, a dashed
        reference line at :data:`TECHNIQUE_TARGET`.
    """
    width, left, right, top, row_h, head_h = 800, 190, 130, 46, 22, 26
    track = width - left - right

    def x(v: float) -> float:
        return left + track * max(0.0, min(1.0, v))

    groups = _families(report)
    rows = sum(len(names) for _, names in groups)
    bottom = top + rows * row_h + len(groups) * head_h
    precision, recall = COLOURS["trust"], COLOURS["arousal"]
    body = [f'<circle cx="{left + 6}" cy="14" r="5" fill="{precision}"/>',
            _text(left + 16, 18, "precision", fill=COLOURS["ink"]),
            f'<path d="M {left + 106} 8 l 6 6 l -6 6 l -6 -6 z" fill="{recall}"/>',
            _text(left + 118, 18, "recall", fill=COLOURS["ink"]),
            f'<line x1="{left + 180}" x2="{left + 200}" y1="14" y2="14" '
            f'stroke="{COLOURS["ink"]}" stroke-width="1.5" stroke-dasharray="4 3"/>',
            _text(left + 206, 18, f"target {TECHNIQUE_TARGET:.1f}", fill=COLOURS["ink"])]
    grid: list[str] = []
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        grid.append(f'<line x1="{_n(x(v))}" x2="{_n(x(v))}" y1="{top - 8}" y2="{bottom}" '
                    f'stroke="{COLOURS["rule"]}" stroke-width="1"/>')
        grid.append(_text(x(v), top - 12, f"{v:g}", anchor="middle", size=11))
        grid.append(_text(x(v), bottom + 16, f"{v:g}", anchor="middle", size=11))
    bands: list[str] = []
    marks: list[str] = []
    y = float(top)
    for family, names in groups:
        colour = COLOURS[_FAMILY_COLOUR[family]]
        marks.append(_text(8, y + 17, _family_label(family), size=12, fill=colour,
                           extra=' font-weight="700"'))
        y += head_h
        for name in names:
            s = report.scores[name]
            mid = y + row_h / 2
            bands.append(f'<line x1="{left}" x2="{width - right}" y1="{_n(mid)}" '
                         f'y2="{_n(mid)}" stroke="{COLOURS["faint"]}" '
                         f'stroke-width="{row_h - 6}"/>')
            marks.append(_text(left - 10, mid + 4, _words(name), anchor="end", size=12,
                               fill=COLOURS["ink"]))
            lo, hi = sorted((x(s.precision), x(s.recall)))
            marks.append(f'<line x1="{_n(lo)}" x2="{_n(hi)}" y1="{_n(mid)}" y2="{_n(mid)}" '
                         f'stroke="{COLOURS["muted"]}" stroke-width="1.5"/>')
            tip = escape(f"{_words(name)}: precision {s.precision:.2f}, recall "
                         f"{s.recall:.2f}, F1 {s.f1:.2f}, support {s.support}")
            marks.append(f'<circle cx="{_n(x(s.precision))}" cy="{_n(mid)}" r="5" '
                         f'fill="{precision}"><title>{tip}</title></circle>')
            rx = x(s.recall)
            marks.append(f'<path d="M {_n(rx)} {_n(mid - 6)} l 6 6 l -6 6 l -6 -6 z" '
                         f'fill="{recall}" fill-opacity="0.9"><title>{tip}</title></path>')
            marks.append(_text(width - right + 12, mid + 4,
                               f"P {s.precision:.2f} · R {s.recall:.2f}", size=11,
                               fill=COLOURS["ink"]))
            y += row_h
    ref = _n(x(TECHNIQUE_TARGET))
    body += bands + grid
    body.append(f'<line x1="{ref}" x2="{ref}" y1="{top - 8}" y2="{bottom}" '
                f'stroke="{COLOURS["ink"]}" stroke-width="1.5" stroke-dasharray="4 3">'
                f"<title>target {TECHNIQUE_TARGET:.1f}</title></line>")
    body += marks
    return _svg(width, bottom + 24, "Precision and recall per technique, by family", body)


def _scores_table(report: Report) -> str:
    rows = []
    for family, names in _families(report):
        rows.append(f'<tr class="family"><th colspan="5" scope="rowgroup">'
                    f"{escape(_family_label(family))}</th></tr>")
        for name in names:
            s = report.scores[name]
            rows.append(f'<tr><th scope="row">{escape(_words(name))}</th>'
                        f'<td class="num">{s.precision:.3f}</td>'
                        f'<td class="num">{s.recall:.3f}</td><td class="num">{s.f1:.3f}</td>'
                        f'<td class="num">{s.support}</td></tr>')
    rows.append(f'<tr class="total"><th scope="row">macro</th><td></td><td></td>'
                f'<td class="num">{report.macro_f1:.3f}</td><td class="num">{report.n}</td>'
                "</tr>")
    return ('<table class="scores"><thead><tr><th>Technique</th><th>Precision</th>'
            "<th>Recall</th><th>F1</th><th>Support</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def _techniques(report: Report) -> str:
    if not report.scores:
        return _section("techniques", "Precision and recall per technique",
                        '<p class="muted">No technique scored.</p>')
    above = [n for n, s in report.scores.items()
             if s.precision > TECHNIQUE_TARGET and s.recall > TECHNIQUE_TARGET]
    note = (f'<p class="note">Precision: of the turns coded with the technique, the share '
            f"whose gold labels have it. Recall: of the turns whose gold labels have it, the "
            f"share coded with it. Support: gold turns. {len(above)} of "
            f"{len(report.scores)} techniques are above {TECHNIQUE_TARGET:.1f} in both.</p>")
    return _section("techniques", "Precision and recall per technique",
                    scores_svg(report) + note + _scores_table(report))


# -- confusion heatmap ------------------------------------------------------------------

def confusion_svg(report: Report) -> str:
    """The confusion of primary labels as a heatmap: rows gold, columns predicted.

    Args:
        report: The evaluation; only techniques that occur in ``report.confusion`` (as gold
            or predicted primary) get a row and a column, in the taxonomy's order.

    Returns:
        One ``<svg>`` 800 units wide; each cell is shaded by its share of its gold row
        (0-1) and shows its count when non-empty; the diagonal (agreement) is outlined.
    """
    names = [t for t in TECHNIQUES if any(t in pair for pair in report.confusion)]
    k = max(len(names), 1)
    width, left, right, top = 800, 160, 110, 120
    cell = max(16.0, min(40.0, (width - left - right) / k))
    bottom = top + cell * len(names)
    totals = {g: sum(report.confusion.get((g, p), 0) for p in names) for g in names}
    body = [_text(left, 14, "predicted primary (columns)", size=12, fill=COLOURS["ink"],
                  extra=' font-weight="600"'),
            _text(14, top + (bottom - top) / 2, "gold primary (rows)", anchor="middle",
                  size=12, fill=COLOURS["ink"],
                  extra=f' font-weight="600" transform="rotate(-90 14 '
                        f'{_n(top + (bottom - top) / 2)})"')]
    for j, name in enumerate(names):
        cx = left + cell * j + cell / 2
        colour = COLOURS[_FAMILY_COLOUR[TECHNIQUES[name].family]]
        body.append(_text(cx + 3, top - 6, _words(name), size=11, fill=colour,
                          extra=f' transform="rotate(-50 {_n(cx + 3)} {top - 6})"'))
    body.append(_text(left + cell * len(names) + 10, top - 6, "gold n", size=11,
                      fill=COLOURS["ink"]))
    for i, gold in enumerate(names):
        y = top + cell * i
        colour = COLOURS[_FAMILY_COLOUR[TECHNIQUES[gold].family]]
        body.append(_text(left - 8, y + cell / 2 + 4, _words(gold), anchor="end", size=11,
                          fill=colour))
        for j, pred in enumerate(names):
            count = report.confusion.get((gold, pred), 0)
            share = count / totals[gold] if totals[gold] else 0.0
            x = left + cell * j
            fill = (f'fill="{COLOURS["step"]}" fill-opacity="{0.12 + 0.88 * share:.2f}"'
                    if count else 'fill="#fff"')
            stroke = (f'stroke="{COLOURS["ink"]}" stroke-width="1.5"' if i == j
                      else f'stroke="{COLOURS["rule"]}" stroke-width="1"')
            tip = escape(f"gold {_words(gold)}, coded {_words(pred)}: {count} "
                         f"({share:.0%} of gold {_words(gold)})")
            body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell)}" height="{_n(cell)}" '
                        f"{fill} {stroke}><title>{tip}</title></rect>")
            if count:
                ink = "#fff" if share >= 0.55 else COLOURS["ink"]
                body.append(_text(x + cell / 2, y + cell / 2 + 4, str(count),
                                  anchor="middle", size=11 if cell >= 22 else 9, fill=ink))
        body.append(_text(left + cell * len(names) + 10, y + cell / 2 + 4,
                          str(totals[gold]), size=11, fill=COLOURS["ink"]))
    return _svg(width, int(bottom) + 16, "Confusion of primary labels: rows gold, columns "
                "predicted", body)


def _mixups(report: Report, top: int = 8) -> str:
    wrong = sorted(((n, g, p) for (g, p), n in report.confusion.items() if g != p),
                   reverse=True)[:top]
    if not wrong:
        return '<p class="note">Every primary label agreed with the gold primary.</p>'
    rows = "".join(f'<tr><td>{escape(_words(g))}</td><td>{escape(_words(p))}</td>'
                   f'<td class="num">{n}</td></tr>' for n, g, p in wrong)
    return ('<h3>Most frequent confusions</h3><table class="mixups"><thead><tr>'
            "<th>Gold</th><th>Coded as</th><th>Turns</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _confusion(report: Report) -> str:
    note = ('<p class="note">Each row is a gold primary label; each cell is shaded by its '
            "share of that row, with the number of turns printed. The outlined diagonal is "
            "agreement; anything off it is a turn whose primary label was coded as another "
            "technique.</p>")
    return _section("confusion", "Confusion of primary labels",
                    confusion_svg(report) + note + _mixups(report))


# -- calibration chart ------------------------------------------------------------------

def calibration_svg(bins: Sequence[CalibrationBin]) -> str:
    """Stated confidence (x) against the share of findings that were right (y).

    Args:
        bins: From :func:`calibration`; empty bins are not drawn.

    Returns:
        One ``<svg>`` 560 units wide: the diagonal (perfect calibration) dashed, one point
        per non-empty bin at (mean stated confidence, hit rate), sized by its count and
        labelled with it.
    """
    width, left, top, size = 560, 64, 20, 380
    bottom = top + size

    def x(v: float) -> float:
        return left + size * max(0.0, min(1.0, v))

    def y(v: float) -> float:
        return bottom - size * max(0.0, min(1.0, v))

    body = []
    for v in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        body.append(f'<line x1="{left}" x2="{left + size}" y1="{_n(y(v))}" y2="{_n(y(v))}" '
                    f'stroke="{COLOURS["rule"]}" stroke-width="1"/>')
        body.append(f'<line x1="{_n(x(v))}" x2="{_n(x(v))}" y1="{top}" y2="{bottom}" '
                    f'stroke="{COLOURS["rule"]}" stroke-width="1"/>')
        body.append(_text(left - 8, y(v) + 4, f"{v:.1f}", anchor="end", size=11))
        body.append(_text(x(v), bottom + 16, f"{v:.1f}", anchor="middle", size=11))
    body.append(f'<line x1="{left}" y1="{bottom}" x2="{left + size}" y2="{top}" '
                f'stroke="{COLOURS["muted"]}" stroke-width="1.5" stroke-dasharray="5 4">'
                "<title>perfect calibration: right as often as stated</title></line>")
    body.append(_text(left + size / 2, bottom + 36, "stated confidence", anchor="middle",
                      size=12, fill=COLOURS["ink"]))
    mid = top + size / 2
    body.append(_text(16, mid, "share right (technique in gold)", anchor="middle", size=12,
                      fill=COLOURS["ink"], extra=f' transform="rotate(-90 16 {_n(mid)})"'))
    shown = [b for b in bins if b.count]
    most = max((b.count for b in shown), default=1)
    colour = COLOURS["step"]
    if len(shown) > 1:
        points = " ".join(f"{_n(x(b.mean_confidence))},{_n(y(b.hit_rate))}" for b in shown)
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                    'stroke-width="2" stroke-linejoin="round"/>')
    for b in shown:
        r = 3.5 + 6.5 * math.sqrt(b.count / most)
        cx, cy = x(b.mean_confidence), y(b.hit_rate)
        body.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{colour}" '
                    f'fill-opacity="0.85" stroke="#fff" stroke-width="1"><title>'
                    f"confidence {b.low:.1f}-{b.low + 0.1:.1f}: {b.count} findings, mean "
                    f"stated {b.mean_confidence:.2f}, right {b.hit_rate:.0%}</title></circle>")
        label_y = cy - r - 4 if cy - r - 4 > top + 8 else cy + r + 12
        body.append(_text(cx, label_y, f"n={b.count}", anchor="middle", size=10,
                          fill=COLOURS["ink"]))
    return _svg(width, bottom + 46, "Stated confidence against how often it was right",
                body).replace('class="chart"', 'class="chart narrow"', 1)


def _calibration(bins: Sequence[CalibrationBin], floor: float) -> str:
    total = sum(b.count for b in bins)
    if not total:
        return _section("calibration", "Stated confidence against how often it was right",
                        '<p class="muted">No finding at or above the floor.</p>')
    gap = sum(b.count * abs(b.mean_confidence - b.hit_rate) for b in bins) / total
    right = sum(b.count * b.hit_rate for b in bins) / total
    floor_words = (f"at or above the scoring floor of {floor:.2f}" if floor
                   else "at any confidence")
    note = (f'<p class="note">A well-calibrated analyzer\'s points lie on the diagonal: of '
            f"the findings it states with 70% confidence, 70% are right. Counted: every "
            f"finding reported {floor_words} ({total} in all, {right:.0%} of them right); a "
            f"finding is right when its technique is among the turn's gold labels. Mean gap "
            f"between stated confidence and share right, weighted by findings: "
            f"{gap:.3f}.</p>")
    rows = "".join(
        f'<tr><th scope="row">{b.low:.1f}&ndash;{b.low + 0.1:.1f}</th>'
        f'<td class="num">{b.count}</td>'
        + (f'<td class="num">{b.mean_confidence:.2f}</td><td class="num">{b.hit_rate:.0%}</td>'
           if b.count else '<td class="num muted">&ndash;</td><td class="num muted">&ndash;'
           "</td>")
        + "</tr>" for b in bins)
    table = ('<table class="calibration"><thead><tr><th>Stated confidence</th><th>Findings'
             "</th><th>Mean stated</th><th>Share right</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>")
    return _section("calibration", "Stated confidence against how often it was right",
                    f'<div class="side">{calibration_svg(bins)}{table}</div>{note}')


# -- turns where coding and gold differ -------------------------------------------------

def _tag(name: str, extra: str = "", suffix: str = "") -> str:
    colour = GROUPS[group_of(name)][1]
    return f'<li class="tag {colour}{extra}">{escape(_words(name))}{suffix}</li>'


def _line_no(where: str) -> str:
    tail = where.rsplit(":", 1)[-1]
    return tail if tail.isdigit() else ""


def _turn(index: int, example: Example, analysis: Analysis, floor: float) -> str:
    gold = list(example.labels)
    coded = predicted(analysis, floor)
    conf: dict[str, float] = {}
    for f in analysis.findings:
        conf[f.technique] = max(conf.get(f.technique, 0.0), f.confidence)
    missed = [g for g in gold if g not in coded]
    false = [c for c in coded if c not in gold]
    gold_tags = "".join(_tag(g, " missing" if g in missed else "") for g in gold)
    coded_tags = "".join(
        _tag(c, " false" if c in false else "",
             f' <span class="conf">{conf[c]:.2f}</span>' if c in conf else "")
        for c in coded)
    marks = "".join(f'<li class="no">Missed: {escape(_words(m))} (in gold, not coded)</li>'
                    for m in missed)
    marks += "".join(f'<li class="no">False: {escape(_words(f))} (coded, not in gold)</li>'
                     for f in false)
    context = example.last_subject
    them = (f'<p class="line them"><span class="who">Subject</span>'
            f"<span>{escape(context)}</span></p>" if context else "")
    line = _line_no(example.where)
    where = f"line {line}" if line else ""
    if example.id:
        where = f"{where} · {example.id}" if where else example.id
    ref = f'<p class="state">{escape(where)}</p>' if where else ""
    return (f'<article class="turn{" has-error" if any(m in ERRORS for m in missed) else ""}"'
            f' id="turn-{index}"><span class="turn-no">{index}</span><div>{them}'
            f'<p class="line you"><span class="who">Negotiator</span>'
            f"<span>{escape(example.text)}</span></p>"
            f'<div class="notes"><p class="labels"><span>Gold</span></p>'
            f'<ul class="tags">{gold_tags}</ul><p class="labels"><span>Coded</span></p>'
            f'<ul class="tags">{coded_tags}</ul><ul class="marks">{marks}</ul>{ref}</div>'
            "</div></article>")


def _disagreements(examples: Sequence[Example], analyses: Sequence[Analysis],
                   floor: float) -> str:
    differ = [(i, e, a) for i, (e, a) in enumerate(zip(examples, analyses, strict=True), 1)
              if set(e.labels) != set(predicted(a, floor))]
    title = "Turns where coding and gold differ"
    if not differ:
        return _section("turns", title, '<p class="muted">The coded label set equals the '
                        "gold set on every turn.</p>")
    shown = differ[:MAX_TURNS]
    count = (f"{len(differ)} of {len(examples)} turns differ"
             + (f"; the first {MAX_TURNS} in file order are listed" if len(differ) > MAX_TURNS
                else ""))
    note = (f'<p class="note">{count}. Each shows the subject\'s previous line (if any), the '
            "negotiator's line, the gold labels and the coded labels with their stated "
            "confidence. Missed: a gold label the analyzer did not code. False: a coded "
            "label that is not in gold. A red edge marks a missed error.</p>")
    return _section("turns", title, note + "".join(_turn(i, e, a, floor)
                                                    for i, e, a in shown))


_EXTRA_CSS = """
.fact-box .target{display:block;font-size:12px;font-style:normal;color:var(--muted)}
.fact-box .target.met{color:var(--listening);font-weight:600}
.fact-box .target.not-met{color:var(--error);font-weight:600}
svg.chart.narrow{max-width:560px}
.side{display:flex;flex-wrap:wrap;gap:12px 28px;align-items:flex-start}
.side svg.chart.narrow{flex:1 1 360px}
.side table{flex:1 1 260px;width:auto}
tr.family th{padding-top:14px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;
  color:var(--muted)}
tr.total th,tr.total td{border-top:2px solid var(--ink);font-weight:700}
td.num{width:auto}
.labels{margin:6px 0 0;font-size:11px;font-weight:700;text-transform:uppercase;
  letter-spacing:.05em;color:var(--muted)}
.tag.missing{border-style:dashed}
.tag.false{text-decoration:line-through}
"""

_NAV = (("techniques", "Per technique"), ("confusion", "Confusion"),
        ("calibration", "Confidence"), ("turns", "Differing turns"))


def render_evaluation_html(*, analyzer: str, source: str, examples: Sequence[Example],
                           analyses: Sequence[Analysis], report: Report, floor: float,
                           when: date | None = None) -> str:
    """The evaluation as a complete, self-contained HTML document.

    Args:
        analyzer: The analyzer's name, e.g. ``hybrid-v2``.
        source: The gold file's name as shown (e.g. ``gold.jsonl``).
        examples: The gold turns, ``n`` of them, in file order.
        analyses: The analyzer's analyses of the same turns (``n``, same order).
        report: Their scores (:func:`parley.analysis._evaluate.score_analyses` with
            ``floor``).
        floor: Confidence from which a finding counts as a prediction, 0-1.
        when: The date shown; today when None.

    Returns:
        A UTF-8 HTML5 document with inline CSS and three inline SVG charts (per
        technique, confusion, confidence), no script and no external URL.
    """
    when = when or date.today()
    nav = "".join(f'<a href="#{k}">{escape(v)}</a>' for k, v in _NAV)
    body = (_header(analyzer, source, report, floor, when)
            + f'<nav aria-label="Sections">{nav}</nav>'
            + _techniques(report) + _confusion(report)
            + _calibration(calibration(examples, analyses, floor), floor)
            + _disagreements(examples, analyses, floor))
    return page(f"Evaluation: {analyzer} on {source}", body,
                f"Parley · {analyzer} · macro-F1 is the mean F1 over the techniques that "
                "occur in gold or in the coding; the confusion compares primary labels only.",
                _EXTRA_CSS)
