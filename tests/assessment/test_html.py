"""The HTML debrief: complete, self-contained, escaped, well-formed."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.analysis import Analysis, Finding
from parley.assessment import assess, render_html
from parley.assessment._html import RECOMMENDED_PROFILE, group_of
from parley.scenario import load_scenario
from parley.session import Session, parse_script, run_script
from parley.techniques import TECHNIQUES
from tests.helpers import ScriptedAnalyzer, script

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source"}


class Balance(HTMLParser):
    """Fails on any tag that is closed out of order or left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._attrs(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._attrs(attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def _attrs(self, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            if name == "href":
                self.hrefs.append(value)


def parsed(page: str) -> Balance:
    checker = Balance()
    checker.feed(page)
    checker.close()
    return checker


def replayed(scenario: str, name: str) -> tuple[Session, str]:
    session = Session(load_scenario(scenario), seed=0)
    run_script(session, parse_script(script(scenario, name), source=name))
    return session, render_html(assess(session), session)


@pytest.fixture(scope="module")
def novice() -> tuple[Session, str]:
    return replayed("bridge-jumper", "novice-1")


@pytest.fixture(scope="module")
def expert() -> tuple[Session, str]:
    return replayed("bridge-jumper", "expert-1")


def test_contains_score_outcome_and_rubric(expert):
    session, page = expert
    debrief = assess(session)
    assert f"{debrief.score:.1f}" in page
    assert debrief.rubric in page
    assert "peaceful resolution" in page.lower()
    assert "<h1>Kelham Road Bridge" in page


def test_every_turn_has_an_anchor_and_every_link_lands(expert):
    session, page = expert
    checker = parsed(page)
    for t in session.turns:
        assert f"turn-{t.index}" in checker.ids
    internal = [h[1:] for h in checker.hrefs if h.startswith("#")]
    assert internal and set(internal) <= set(checker.ids)


def test_every_error_is_explained_with_a_better_alternative(novice):
    session, page = novice
    debrief = assess(session)
    assert debrief.errors
    for e in debrief.errors:
        assert e.better and escape(e.better) in page
        assert escape(e.why) in page


def test_blockers_are_shown_in_the_alert_box(novice):
    session, page = novice
    assert assess(session).blockers
    assert 'class="blockers"' in page and "Score capped at 35" in page


def test_charts_are_inline_svg(expert):
    _, page = expert
    assert page.count("<svg") == 3
    assert "<polyline" in page and "Arousal" in page and "Trust" in page
    assert 'href="#turn-3"' in page


def test_no_external_reference_of_any_kind(expert, novice):
    for _, page in (expert, novice):
        assert not re.search(r"https?://", page)
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*//""", page)
        assert "@import" not in page
        for target in re.findall(r"url\(([^)]*)\)", page):
            assert target.strip("'\" ").startswith("#")
        assert "<script" not in page and "<link" not in page and "<img" not in page


def test_well_formed(expert, novice):
    for _, page in (expert, novice):
        checker = parsed(page)
        assert checker.problems == []
        assert checker.stack == []


def test_trainee_text_is_escaped():
    hostile = '<script>alert("x")</script> & <b onclick=1>'
    session = Session(load_scenario("bridge-jumper"),
                      analyzer=ScriptedAnalyzer([["emotional_labeling"], ["threat"]]))
    session.say(hostile)
    session.say("Stop it </article> now")
    page = render_html(assess(session), session)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=1&gt;" in page
    assert parsed(page).problems == []


def test_an_empty_session_still_renders():
    session = Session(load_scenario("bridge-jumper"))
    page = render_html(assess(session), session)
    assert parsed(page).problems == [] and "<svg" in page


def test_profile_is_a_documented_distribution():
    assert sum(RECOMMENDED_PROFILE.values()) == pytest.approx(1.0)
    assert RECOMMENDED_PROFILE["error"] == 0.0
    assert max(RECOMMENDED_PROFILE, key=RECOMMENDED_PROFILE.__getitem__) == "active_listening"
    assert {group_of(t) for t in TECHNIQUES} == set(RECOMMENDED_PROFILE)


def test_print_rules_keep_turns_whole(expert):
    _, page = expert
    assert "@media print" in page and "break-inside:avoid" in page


LINE = st.text(alphabet=st.sampled_from("abc XYZ<>&\"'/;=é…"), min_size=1, max_size=40).filter(
    lambda s: s.strip() not in ("", "...", "…") and any(c.isalnum() for c in s))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(LINE, st.lists(st.sampled_from(sorted(TECHNIQUES)), min_size=1,
                                         max_size=3, unique=True)), max_size=8))
def test_any_session_renders_well_formed_and_escaped(turns):
    session = Session(load_scenario("bridge-jumper"),
                      analyzer=ScriptedAnalyzer([t for _, t in turns]))
    for text, _ in turns:
        if session.finished:
            break
        session.say(text)
    checker = parsed(render_html(assess(session), session))
    assert checker.problems == [] and checker.stack == []
    assert {f"turn-{t.index}" for t in session.turns} <= set(checker.ids)


def test_missed_moments_appear_in_the_transcript():
    from parley.assessment import assess, render_html
    from parley.scenario import load_scenario
    from parley.session import Session
    from tests.helpers import ScriptedAnalyzer

    session = Session(load_scenario("bridge-jumper"), seed=2,
                      analyzer=ScriptedAnalyzer([["problem_solving"]] * 3))
    for line in ("Climb back over the railing for me.", "Just step back over now.",
                 "Take my hand and come back over."):
        session.say(line)
    page = render_html(assess(session), session)
    assert 'class="error-note missed"' in page
    assert "Too early" in page or "too early" in page


class _AtConfidence:
    """Finds a judging error and a paraphrase at 45%, whatever is said."""

    name = "fixed"

    def __call__(self, text, context=()):
        return Analysis(text, (Finding("judging", 0.45, "test"),
                               Finding("paraphrasing", 0.45, "test")))


def test_an_error_at_45_percent_is_shown_as_scored_and_a_skill_is_not():
    """The debrief marks as unsure what it does not score: a skill under 50%, an error
    only under 40% (missing an error costs more), and its legend says both."""
    session = Session(load_scenario("bridge-jumper"), seed=0, analyzer=_AtConfidence())
    session.say("You're doing this for attention.")
    page = render_html(assess(session), session)
    tags = re.findall(r'<li class="tag ([a-z ]+)" title="confidence 0\.45[^"]*">(\w+)', page)
    shown = {word: "unsure" in classes for classes, word in tags}
    assert shown == {"judging": False, "paraphrasing": True}
    assert "below 50% confidence (40% for an error): not scored" in page
