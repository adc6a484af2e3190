"""`parley progress --html`: trends and the learning-gain forest plot, self-contained."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from typer.testing import CliRunner

from parley.cli import app
from tests.helpers import SCRIPTS

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args))


def _save(trainee: str, script: str, kind: str, scenario: str = "bridge-jumper") -> None:
    path = str(SCRIPTS / scenario / f"{script}.txt")
    result = run("replay", scenario, path, "--save", "--trainee", trainee, "--kind", kind,
                 "--json")
    assert result.exit_code == 0, result.output


class _Refs(HTMLParser):
    """Every attribute that could load something, and every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "data") and value:
                self.refs.append(value)


def _self_contained(page: str) -> _Refs:
    parser = _Refs()
    parser.feed(page)
    assert not [r for r in parser.refs if not r.startswith("#")], parser.refs
    assert "script" not in parser.tags and "link" not in parser.tags
    assert not re.search(r"https?://|//[a-z]|url\(|@import", page, re.IGNORECASE)
    return parser


def test_progress_html_draws_the_trends(database, tmp_path):
    _save("dee", "novice-1", "pre_test")
    _save("dee", "expert-1", "practice")
    _save("dee", "expert-2", "post_test")
    target = tmp_path / "progress.html"
    result = run("progress", "dee", "--html", str(target))
    assert result.exit_code == 0, result.output
    assert "Progress report written" in result.output
    page = target.read_text(encoding="utf-8")
    parser = _self_contained(page)
    assert page.startswith("<!DOCTYPE html>") and "svg" in parser.tags
    assert "Progress of dee" in page and "3 assessed session(s)" in page
    for label in ("Score", "Emotional labeling", "Open question", "Errors per turn",
                  "Stairway step reached"):
        assert f"{label}" in page, label
    assert page.count('<svg class="chart"') == 11  # score, 8 skills, errors, stairway
    assert ">pre<" in page and ">post<" in page  # tests are marked on the trend
    assert "Learning gain" not in page  # only with --gain
    assert not list(tmp_path.glob(".progress.html.*"))  # atomic: no temporary left


def test_progress_html_with_gain_draws_a_forest_plot(database, tmp_path):
    for who, pre, post in (("ann", "novice-1", "expert-1"), ("bob", "novice-2", "expert-2"),
                           ("cat", "novice-1", "expert-2")):
        _save(who, pre, "pre_test")
        _save(who, post, "post_test")
    target = tmp_path / "gain.html"
    result = run("progress", "--gain", "--html", str(target))
    assert result.exit_code == 0, result.output
    assert "Learning gain" in result.output  # the terminal table is still printed
    page = target.read_text(encoding="utf-8")
    _self_contained(page)
    assert "Learning gain (n = 3 trainees)" in page
    assert "Skill rates and errors: change, post minus pre" in page
    assert "Stairway: change in the step reached" in page and "Score: change" in page
    assert "95% CI" in page and "cohort mean" in page
    cis = re.findall(r"\[([+-]\d+\.\d{3}), ([+-]\d+\.\d{3})\]", page)
    assert len(cis) >= 10 and all(float(lo) <= float(hi) for lo, hi in cis)
    score_row = re.search(r"<td>Score</td><td class=\"num\">([+-]\d+\.\d{3})</td>", page)
    assert score_row and float(score_row.group(1)) > 0  # experts after novices: a gain


def test_progress_html_with_one_trainee_says_no_interval(database, tmp_path):
    _save("dee", "novice-1", "pre_test")
    _save("dee", "expert-1", "post_test")
    target = tmp_path / "one.html"
    assert run("progress", "dee", "--gain", "--html", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    _self_contained(page)
    assert "n = 1 trainee)" in page and "not computable (n = 1)" in page
    assert not re.search(r"[+-]?\binf\b|\bnan\b", page, re.IGNORECASE)


def test_progress_html_without_sessions_and_bad_paths(database, tmp_path):
    target = tmp_path / "empty.html"
    assert run("progress", "--html", str(target)).exit_code == 0
    _self_contained(target.read_text(encoding="utf-8"))
    missing = run("progress", "--html", str(tmp_path / "no" / "such" / "p.html"))
    assert missing.exit_code == 1 and "does not exist" in missing.output
