"""Reading user files: size and encoding checked, errors in one line."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from parley._textfile import decode_text
from parley.errors import InputError

MAX_FILE_BYTES = 20_000_000
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once, at import: os.umask can only be read by setting it
PROGRESS_FROM = 100
"""Items of work from which a progress bar is shown (on a terminal, on standard error)."""


@contextmanager
def progress_bar(total: int, what: str, console: Console | None = None
                 ) -> Iterator[Callable[[int], None]]:
    """Yield a callback ``advance(n)`` that moves a progress bar of ``total`` items.

    The bar is drawn on standard error (or ``console``), so ``--json`` output stays clean,
    and only for ``PROGRESS_FROM`` items or more on a terminal; elsewhere the callback
    does nothing.
    """
    console = console or Console(stderr=True)
    if total < PROGRESS_FROM or not console.is_terminal:
        yield lambda n: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n: bar.advance(task, n)


def read_text(path: str, *, what: str = "file") -> str:
    """Read a text file, or standard input for ``-``.

    UTF-8 (with or without a byte-order mark) first; a file that is not UTF-8 but reads
    as Windows-1252 text (typed transcripts often are: curly quotes, accents) is read as
    that, with a one-line note on standard error.

    Raises:
        InputError: Missing, unreadable, larger than 20 MB, or neither UTF-8 nor
            Windows-1252 text (a binary file, UTF-16).
    """
    if not path.strip():
        raise InputError(f"no {what} named (give a file name, or - for standard input)")
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} not found: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{what} {path} is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    text, windows = decode_text(raw, path)
    if windows:
        name = "standard input" if path == "-" else path
        print(f"note: {name} is not all UTF-8; the rest read as Windows-1252",
              file=sys.stderr)
    return text


def writable_path(path: str) -> Path:
    """Check, before any work, that a report can be written at ``path``.

    A symbolic link is followed: the report replaces the file it points to and the link
    stays.

    Returns:
        The path to write (the link's target for a link).

    Raises:
        InputError: The folder does not exist or is not writable, ``path`` is a folder, a
            device, a pipe or a socket (``/dev/null`` included: the report would replace
            it), or a read-only file, or the name is too long for the file system.
    """
    try:
        target = Path(path)
        if target.is_symlink():
            target = target.resolve()
        folder = target.parent
        if not folder.is_dir():
            raise InputError(f"cannot write {path}: folder {folder} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise InputError(f"cannot write {path}: folder {folder} is not writable")
        if target.is_dir():
            raise InputError(f"cannot write {path}: it is a folder")
        if target.exists() and not target.is_file():
            raise InputError(f"cannot write {path}: it is not a regular file (a device, "
                             "a pipe or a socket); give a file name")
        if target.exists() and not os.access(target, os.W_OK):
            raise InputError(f"cannot write {path}: the file is read-only")
    except RuntimeError:  # a loop of symbolic links
        raise InputError(f"cannot write {path}: a loop of symbolic links") from None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    return target


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary file in the same folder, then rename it over ``path``.

    A failure leaves no half-written file behind; an existing file is replaced only once
    the new one is complete, and keeps its permissions. A new file gets the permissions
    any new file would (0666 less the umask, usually 0644), not the owner-only 0600 of a
    temporary file, so a report can be shared like any other document.

    Raises:
        InputError: The file cannot be written (one line, with the system's reason).
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else 0o666 & ~_UMASK
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".parley-", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        os.unlink(tmp)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
