from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _parley_home(tmp_path, monkeypatch):
    """No test touches the user's files: data goes to a temporary PARLEY_HOME."""
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path / "parley-home"))
    monkeypatch.delenv("PARLEY_DATABASE_URL", raising=False)
