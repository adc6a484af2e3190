"""`parley analyze --evaluate GOLD --report PATH`: the evaluation as a self-contained HTML page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.analysis._corpus import Example
from parley.analysis._types import Analysis, Finding
from parley.cli import app
from parley.cli._evaluate_report import calibration

runner = CliRunner()

SCRIPT = "<script>alert(1)</script>"

GOLD = (
    {"text": "Sounds like you feel betrayed.", "context": "They fired me after 19 years.",
     "label": "emotional_labeling"},
    {"text": "What happened tonight?", "context": "You don't care.", "label": "open_question"},
    {"text": "Mm-hmm.", "context": "And then she left.", "label": "minimal_encourager"},
    {"text": "Calm down, it's not that bad.", "context": "My life is over.",
     "label": "minimizing"},
    {"text": "Put the gun down or we come in.", "context": "Stay back!", "label": "threat"},
    {"text": "Why would you do something like that?", "context": "I took the car.",
     "label": "why_question"},
    {"text": "Are you hurt?", "context": "I'm bleeding a bit.", "label": "closed_question"},
    {"text": f"Tell me {SCRIPT} what you need.", "context": "I need something.",
     "label": "open_question"},
    {"text": "Nineteen years?", "context": "Nineteen years I gave them.", "label": "mirroring"},
    {"text": "I'll get you a helicopter, I promise.", "context": "I want a helicopter.",
     "label": "false_promise"},
    {"text": "So they took the kids and the house.", "context": "She got the kids, the house, "
     "everything.", "labels": ["paraphrasing"]},
    {"text": "No. That's not happening.", "context": "Bring me my wife.",
     "label": "flat_refusal"},
)


def _gold(folder: Path) -> Path:
    path = folder / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    return path


def _evaluate(gold: Path, *extra: str, backend: str | None = "rules"):
    args = ["analyze", "--evaluate", str(gold)]
    if backend is not None:
        args += ["--analyzer", backend]
    return runner.invoke(app, args + list(extra))


def _shown_macro_f1(page: str) -> str:
    match = re.search(r'id="macro-f1"><span>Macro-F1</span><b>([0-9.]+)</b>', page)
    assert match, "no macro-F1 box"
    return match.group(1)


def _same_figure(shown: str, value: float) -> bool:
    """The page's three decimals are the exact value's; --json rounds it to four first."""
    return len(shown.split(".")[1]) == 3 and abs(float(shown) - value) <= 0.0005 + 1e-9


class _Refs(HTMLParser):
    """Every tag and every attribute that could load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "data") and value:
                self.refs.append(value)


def _check_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page
    assert "<script src" not in page.lower()
    parser = _Refs()
    parser.feed(page)
    assert "script" not in parser.tags
    assert all(ref.startswith("#") for ref in parser.refs), parser.refs
    assert parser.tags.count("svg") >= 3


def test_report_is_self_contained_and_agrees_with_json(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    out = tmp_path / "report.html"
    result = _evaluate(gold, "--report", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    _check_self_contained(page)
    data = json.loads(_evaluate(gold, "--json").stdout)
    assert _same_figure(_shown_macro_f1(page), data["macro_f1"])
    assert "rules-v1" in page and "gold.jsonl" in page and f"{len(GOLD)} turns" in page
    verdict = {True: "met", False: "not met"}
    assert f"target &ge; 0.85: {verdict[data['macro_f1'] >= 0.85]}</em>" in page
    assert f"target &ge; 0.90: {verdict[data['error_recall'] >= 0.9]}</em>" in page
    for section in ("techniques", "confusion", "calibration", "turns"):
        assert f'<section id="{section}">' in page
    assert "well-calibrated" in page
    # the taxonomy's families, in its order
    assert page.index("Active listening") < page.index("Other move") < page.index(">Error<")


def test_script_in_a_gold_turn_is_shown_as_text(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": f"Tell me {SCRIPT} what you need.",
                                "context": f"I {SCRIPT} need", "label": "threat"}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "report.html"
    result = _evaluate(gold, "--report", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert SCRIPT not in page
    assert "Tell me &lt;script&gt;alert(1)&lt;/script&gt; what you need." in page
    assert "I &lt;script&gt;alert(1)&lt;/script&gt; need" in page
    assert "Missed: threat" in page


def test_stdout_is_unchanged_and_the_report_is_announced_on_stderr(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    out = tmp_path / "report.html"
    plain = _evaluate(gold)
    with_report = _evaluate(gold, "--report", str(out))
    assert plain.exit_code == with_report.exit_code == 0
    assert with_report.stdout == plain.stdout
    assert f"report written to {out}" in with_report.stderr
    assert "report written" not in with_report.stdout


def test_json_stdout_stays_one_json_object(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    out = tmp_path / "report.html"
    result = _evaluate(gold, "--json", "--report", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n"] == len(GOLD) and data["analyzer"] == "rules-v1"
    assert result.stdout.strip().count("\n") == 0
    assert "report written to" in result.stderr and out.is_file()


def test_report_with_the_default_hybrid_backend(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    out = tmp_path / "hybrid.html"
    result = _evaluate(gold, "--json", "--report", str(out), backend=None)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["analyzer"].startswith("hybrid")
    page = out.read_text(encoding="utf-8")
    _check_self_contained(page)
    assert _same_figure(_shown_macro_f1(page), data["macro_f1"])
    assert f"<h1>{data['analyzer']}</h1>" in page
    assert SCRIPT not in page


@pytest.mark.parametrize("backend", ["lexical", "ensemble"])
def test_report_works_for_the_other_backends(tmp_path: Path, backend: str) -> None:
    gold = _gold(tmp_path)
    out = tmp_path / f"{backend}.html"
    result = _evaluate(gold, "--json", "--report", str(out), backend=backend)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    _check_self_contained(page)
    assert _same_figure(_shown_macro_f1(page), json.loads(result.stdout)["macro_f1"])


def test_report_without_evaluate_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["analyze", "--analyzer", "rules", "--report", str(out), "-"],
                           input="What happened?\n")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert "--report" in message and "--evaluate" in message and "\n" not in message
    assert not out.exists()


@pytest.mark.parametrize("where", ["folder", "missing-parent"])
def test_unwritable_report_path_fails_before_coding(tmp_path: Path, where: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import parley.cli._evaluate as evaluate_cli

    coded: list[int] = []

    def spy(analyzer, items, progress=None, chunk=64):
        coded.append(len(items))
        raise AssertionError("coded before the report path was checked")

    monkeypatch.setattr(evaluate_cli, "code_many", spy)
    gold = _gold(tmp_path)
    target = tmp_path / "reports"
    if where == "folder":
        target.mkdir()
        path = target
    else:
        path = target / "report.html"
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = _evaluate(gold, "--report", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert str(path) in message and "\n" not in message
    assert coded == []
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_an_existing_report_is_replaced_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    result = _evaluate(gold, "--report", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl", "report.html"]


def _refused(result, *words: str) -> None:
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert "\n" not in message and all(w in message for w in words), message


def test_the_gold_file_is_never_overwritten_by_its_report(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    before = gold.read_bytes()
    _refused(_evaluate(gold, "--report", str(gold)), "gold file")
    assert gold.read_bytes() == before
    link = tmp_path / "report.html"
    link.symlink_to(gold)
    _refused(_evaluate(gold, "--report", str(link)), "gold file")
    assert gold.read_bytes() == before and link.is_symlink()


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_a_device_is_refused_not_replaced(tmp_path: Path) -> None:
    # Renaming a finished report over /dev/null would replace the device itself.
    _refused(_evaluate(_gold(tmp_path), "--report", "/dev/null"), "/dev/null",
             "not a regular file")
    assert Path("/dev/null").is_char_device()


def test_a_link_is_written_through_and_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    real = tmp_path / "shared" / "eval.html"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    result = _evaluate(gold, "--report", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_name_too_long_for_the_file_system_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / ("a" * 300 + ".html")
    _refused(_evaluate(_gold(tmp_path), "--report", str(path)), "cannot write")
    long_ok = tmp_path / ("b" * 245 + ".html")  # legal: 250 characters
    result = _evaluate(_gold(tmp_path), "--report", str(long_ok))
    assert result.exit_code == 0, result.output
    assert long_ok.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_calibration_bins_count_findings_at_or_above_the_floor() -> None:
    examples = [Example("", "a", (), ("open_question",)),
                Example("", "b", (), ("threat", "arguing"))]
    analyses = [
        Analysis("a", (Finding("open_question", 0.95, ""), Finding("closed_question", 0.35, ""),
                       Finding("information", 0.05, ""))),
        Analysis("b", (Finding("threat", 1.0, ""), Finding("judging", 0.91, ""),
                       Finding("arguing", 0.3, ""))),
    ]
    bins = calibration(examples, analyses, floor=0.3)
    assert len(bins) == 10 and [b.low for b in bins][:3] == [0.0, 0.1, 0.2]
    assert sum(b.count for b in bins) == 5  # 0.05 is under the floor
    top = bins[9]
    assert top.count == 3 and top.hit_rate == pytest.approx(2 / 3)
    assert top.mean_confidence == pytest.approx((0.95 + 1.0 + 0.91) / 3)
    low = bins[3]
    assert low.count == 2 and low.hit_rate == pytest.approx(0.5)  # arguing right, closed not
    assert bins[0].count == 0 and bins[0].hit_rate == 0.0


def test_error_recall_without_gold_errors_is_not_a_perfect_score(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GOLD[:3]), encoding="utf-8")
    out = tmp_path / "report.html"
    result = _evaluate(gold, "--report", str(out))
    assert result.exit_code == 0, result.output
    assert "error recall n/a (no gold error labels)" in " ".join(result.stdout.split())
    page = out.read_text(encoding="utf-8")
    assert re.search(r'id="error-recall"><span>Error recall</span><b>n/a</b>', page)


def test_a_loop_of_links_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.html").symlink_to(tmp_path / "b.html")
    (tmp_path / "b.html").symlink_to(tmp_path / "a.html")
    _refused(_evaluate(_gold(tmp_path), "--report", str(tmp_path / "a.html")),
             "loop of symbolic links")
