"""A session journal: one JSON event per line, flushed and fsynced before the reply shows.

Killing the process loses no committed turn: ``parley train --resume ID`` replays the
journal through the engine and continues.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

import platformdirs

from parley.errors import InputError, NotFound


def data_dir() -> Path:
    """Parley's data directory: ``$PARLEY_HOME`` or the user data dir (platformdirs)."""
    home = os.environ.get("PARLEY_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("parley"))


def _sessions() -> Path:
    return data_dir() / "sessions"


class Journal:
    """Append-only event log of one session."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.id = path.stem

    @classmethod
    def create(cls) -> Journal:
        """A new, empty journal with a fresh id (``YYYYMMDD-HHMMSS-xxxx``).

        Raises:
            InputError: If the data directory cannot be written.
        """
        folder = _sessions()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create {folder}: {exc.strerror}") from None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return cls(folder / f"{stamp}-{secrets.token_hex(2)}.jsonl")

    def append(self, event: dict[str, Any]) -> None:
        """Write one event durably (flush + fsync) before returning.

        Raises:
            InputError: If the disk is full or the file cannot be written.
        """
        line = json.dumps(event, ensure_ascii=False) + "\n"
        try:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise InputError(f"cannot save the session to {self.path}: {exc.strerror}") from None

    def events(self) -> list[dict[str, Any]]:
        """All complete events; a torn last line (from a crash mid-write) is ignored."""
        out = []
        for raw in self.path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(raw))
            except json.JSONDecodeError:
                break
        return out


def open_journal(session_id: str) -> Journal:
    """Open an existing journal by id.

    Raises:
        NotFound: No session with that id.
    """
    if not session_id or "/" in session_id or session_id.startswith("."):
        raise NotFound(f"no session '{session_id}'")
    path = _sessions() / f"{session_id}.jsonl"
    if not path.is_file():
        raise NotFound(f"no session '{session_id}' in {_sessions()}")
    return Journal(path)


def list_journals() -> list[Journal]:
    """All journals, oldest first."""
    folder = _sessions()
    return [Journal(p) for p in sorted(folder.glob("*.jsonl"))] if folder.is_dir() else []
