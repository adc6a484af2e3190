"""Bytes from a user's file to text: UTF-8 first, Windows-1252 where UTF-8 fails.

Shared by the command line and the web app, so that a transcript typed up on a Windows
machine reads the same in both, and a Word file or a UTF-16 export is refused in both with
what to do about it.
"""

from __future__ import annotations

import codecs
import unicodedata

from parley.errors import InputError

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
DOCUMENTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"{\\rtf")
"""How Word, Excel, LibreOffice (zip or the older OLE format), PDF and RTF files begin."""
_TEXT_CONTROLS = frozenset("\t\n\r\f")


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: read the bytes UTF-8 refused as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252"), exc.end


codecs.register_error("parley-cp1252", _cp1252_bytes)


def windows_1252(raw: bytes) -> str | None:
    """Return ``raw`` read as Windows-1252 text, or None if it is not text in that encoding.

    What is valid UTF-8 stays UTF-8 and only the bytes UTF-8 refuses are read as
    Windows-1252, so a UTF-8 file with one pasted Windows line keeps its accents.
    Not text: a NUL byte or a UTF-16 byte-order mark (binary or UTF-16 data), a byte
    Windows-1252 leaves undefined, or a control character other than tab, newline,
    carriage return and form feed.
    """
    if b"\0" in raw or raw.startswith(UTF16_BOMS):
        return None
    try:
        text = raw.decode("utf-8-sig", errors="parley-cp1252")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS for ch in text):
        return None
    return text


def decode_text(raw: bytes, name: str) -> tuple[str, bool]:
    """Return ``(text, read_as_windows_1252)`` for the bytes of file ``name``.

    Raises:
        InputError: A document file (Word, Excel, LibreOffice, PDF, RTF), UTF-16 text, or
            bytes that are neither UTF-8 nor Windows-1252 text; one line that says what
            to save the file as.
    """
    if raw.startswith(DOCUMENTS):
        raise InputError(f"{name}: a Word, PDF or spreadsheet file, not text; save it as "
                         "plain text or 'CSV UTF-8' and use that file")
    try:
        return raw.decode("utf-8-sig"), False
    except UnicodeDecodeError as exc:
        text = windows_1252(raw)
        if text is not None:
            return text, True
        if raw.startswith(UTF16_BOMS):
            raise InputError(f"{name}: UTF-16 text, not UTF-8 text; save it as UTF-8 (or "
                             "'CSV UTF-8') and use that file") from None
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 text (byte {exc.start})") from None
