"""Reading user files: size and encoding checked, errors in one line."""

from __future__ import annotations

import sys
from pathlib import Path

from parley.errors import InputError

MAX_FILE_BYTES = 20_000_000


def read_text(path: str, *, what: str = "file") -> str:
    """Read a UTF-8 text file, or standard input for ``-``.

    Raises:
        InputError: Missing, unreadable, larger than 20 MB, or not UTF-8.
    """
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} not found: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{what} {path} is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
