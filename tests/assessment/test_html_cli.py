"""``parley replay --html`` and ``parley train --html``."""

from __future__ import annotations

import json
import os
import stat

import pytest
from typer.testing import CliRunner

from parley.cli import app
from tests.helpers import SCRIPTS

runner = CliRunner()
NOVICE = str(SCRIPTS / "bridge-jumper" / "novice-1.txt")


def test_replay_writes_the_report(tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["replay", "bridge-jumper", NOVICE, "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert f"HTML report written to {out}" in result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="turn-1"' in page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_replay_json_is_unchanged_by_html(tmp_path):
    out = tmp_path / "r.html"
    plain = runner.invoke(app, ["replay", "bridge-jumper", NOVICE, "--json"])
    both = runner.invoke(app, ["replay", "bridge-jumper", NOVICE, "--json", "--html", str(out)])
    assert both.exit_code == 0, both.output
    assert json.loads(both.output) == json.loads(plain.output)
    assert out.exists()


def test_replay_html_replaces_an_existing_file(tmp_path):
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["replay", "bridge-jumper", NOVICE, "--html", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_replay_html_missing_folder_is_one_line_error(tmp_path):
    out = tmp_path / "nowhere" / "r.html"
    result = runner.invoke(app, ["replay", "bridge-jumper", NOVICE, "--html", str(out)])
    assert result.exit_code == 1
    assert result.output == (f"Error: cannot write {out}: folder {out.parent} "
                             "does not exist\n")
    assert not out.parent.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_replay_html_unwritable_folder_is_one_line_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = runner.invoke(app, ["replay", "bridge-jumper", NOVICE, "--html",
                                     str(folder / "r.html")])
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 1
    assert "is not writable" in result.output and list(folder.iterdir()) == []


def test_replay_html_to_a_folder_is_refused(tmp_path):
    result = runner.invoke(app, ["replay", "bridge-jumper", NOVICE, "--html", str(tmp_path)])
    assert result.exit_code == 1
    assert "it is a folder" in result.output


def test_train_writes_the_report_after_the_debrief(tmp_path):
    out = tmp_path / "train.html"
    result = runner.invoke(app, ["train", "bridge-jumper", "--seed", "1", "--html", str(out)],
                           input="What's happening tonight?\n...\n/end\n")
    assert result.exit_code == 0, result.output
    assert result.output.index("Debrief") < result.output.index("HTML report written")
    page = out.read_text(encoding="utf-8")
    assert "What&#x27;s happening tonight?" in page and 'id="turn-2"' in page


def test_train_checks_the_folder_before_the_session(tmp_path):
    out = tmp_path / "missing" / "t.html"
    result = runner.invoke(app, ["train", "bridge-jumper", "--html", str(out)], input="/end\n")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write")


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    from parley.cli import _io
    from parley.errors import InputError

    out = tmp_path / "r.html"
    out.write_text("previous report", encoding="utf-8")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io.os, "replace", broken)
    with pytest.raises(InputError, match="No space left on device"):
        _io.write_atomic(out, "<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
    assert out.read_text(encoding="utf-8") == "previous report"


def test_written_reports_are_shareable_like_any_new_file(tmp_path) -> None:
    # mkstemp creates 0600; a report handed to a colleague should read as any new file.
    from parley.cli import _io

    mask = os.umask(0o022)
    os.umask(mask)
    out = tmp_path / "r.html"
    _io.write_atomic(out, "<!DOCTYPE html>")
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
