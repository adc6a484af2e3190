"""Speakers written by name: finding them, refusing them with the fix, giving them roles.

A dialogue typed with names instead of roles (``DET. RUIZ: ...`` / ``HALE: ...``) is
found by :func:`unroled_speakers`. Without roles it is refused with the names and the
options that say who is who (:func:`refuse_unroled`); with them, the roles are written
in before the names (:func:`assign_roles`: ``NEGOTIATOR (DET. RUIZ): ...``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

from parley.analysis._corpus import lines
from parley.analysis._transcript_header import (
    _HEAD_WORDS,
    _SNIFF,
    _speech,
    file_header,
    quoted_headers,
)
from parley.analysis._transcript_labels import (
    _PREFIX,
    _refuse_typo,
    _shouted,
    _titled,
    speaker_of,
)
from parley.analysis._transcript_layout import furniture, unnumbered
from parley.analysis._types import Speaker
from parley.errors import InputError


def _label_of(line: str) -> str | None:
    """Return the speaker a line opens with, as written (a JSON line's ``speaker``)."""
    if line.startswith("{"):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            return None
        label = rec.get("speaker") if isinstance(rec, dict) else None
        return " ".join(label.split()) if isinstance(label, str) and label.strip() else None
    m = _PREFIX.match(line)
    return " ".join(m.group("label").split()) if m else None


def _a_name(label: str) -> bool:
    """True when ``label`` reads as a speaker's name (``DET. RUIZ``, ``Hale``), not a field."""
    words = label.lower().split()
    return not {words[0], words[-1]} & _HEAD_WORDS and (
        _shouted(label) or _titled(label) and not _speech(label))


def unroled_speakers(text: str, source: str) -> list[str]:
    """Return the speakers of a dialogue written with names instead of roles, if it is one.

    Such a file (``DET. RUIZ: ...`` / ``HALE: ...``) has no known speaker label
    (:data:`SPEAKERS`) after its header, and more than half of its other lines (page
    furniture aside, :func:`furniture`) open with a name in capitals, or a capitalised
    name that is not a word of speech, two of them at least taking turns (the speaker
    changes twice or more). The names are given as first written, in the order they first
    speak; for any other file the list is empty.

    Raises:
        InputError: A label that is a misspelt role (``NEGOTATOR``), with its line.
    """
    rows = [(number, line.strip())
            for number, line in enumerate(lines(unnumbered(text))[:_SNIFF], 1)
            if line.strip() and not furniture(line)]
    rows = rows[file_header(rows, quoted_headers(rows)):]
    said: list[str] = []
    for number, line in rows:
        label = _label_of(line)
        if label is None:
            continue
        if speaker_of(label):
            return []
        if _a_name(label):
            _refuse_typo(label, f"{source}:{number}")
            said.append(label)
    changes = sum(a.lower() != b.lower() for a, b in pairwise(said))
    if 2 * len(said) <= len(rows) or changes < 2:
        return []
    first: dict[str, str] = {}
    for label in said:
        first.setdefault(label.lower(), label)
    return list(first.values())


_RANKS = frozenset(
    "det detective sgt sergeant lt lieutenant cpl corporal ofc officer capt captain insp "
    "inspector agt agent sa ssa tpr trooper dep deputy const constable pc dc ds di dci "
    "negotiator".split())
"""Words that open a police officer's name (``DET. RUIZ``): the likely negotiator."""


def refuse_unroled(text: str, source: str) -> None:
    """Refuse a dialogue between named speakers (:func:`unroled_speakers`), saying the fix.

    The message names the speakers and the options that say who is who (``--negotiator
    "DET. RUIZ" --subject HALE``); the negotiator suggested is the one speaker whose name
    opens with a rank (``DET.``, ``Sgt``), else the first to speak.

    Raises:
        InputError: ``text`` is such a dialogue, or has a misspelt role label.
    """
    found = unroled_speakers(text, source)
    if not found:
        return
    ranked = [label for label in found if label.split()[0].rstrip(".").lower() in _RANKS]
    negotiator = ranked[0] if len(ranked) == 1 else found[0]
    subject = next(label for label in found if label != negotiator)
    raise InputError(
        f"{source}: speakers {', '.join(found)} are not roles; say who is who: "
        f"--negotiator {_shell(negotiator)} --subject {_shell(subject)} (or write "
        f"NEGOTIATOR ({_plain_name(negotiator)}): / SUBJECT ({_plain_name(subject)}):)")


def _shell(name: str) -> str:
    return name if re.fullmatch(r"[\w-]+", name) else f'"{name}"'


def _plain_name(label: str) -> str:
    """``DET. RUIZ`` -> ``Ruiz``: a label without its rank, capitalised as a name."""
    words = [w for w in label.split() if w.rstrip(".").lower() not in _RANKS] or label.split()
    name = " ".join(words)
    return name.title() if name.isupper() else name


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def roles_of(negotiators: Sequence[str], subjects: Sequence[str]) -> dict[str, Speaker]:
    """Map speakers' names, as a user gives them, to their roles (for :func:`assign_roles`).

    Names are matched in any case with spaces evened out; blank names are skipped.

    Raises:
        InputError: A name given as both the negotiator and the subject.
    """
    roles: dict[str, Speaker] = {}
    seen: dict[str, Speaker] = {}
    given: tuple[tuple[Sequence[str], Speaker], ...] = (
        (negotiators, "negotiator"), (subjects, "subject"))
    for names, role in given:
        for name in names:
            key = " ".join(name.lower().split())
            if not key:
                continue
            if seen.setdefault(key, role) != role:
                raise InputError(f"{name.strip()!r} is named as both the negotiator and the "
                                 "subject")
            roles[name.strip()] = role
    return roles


def assign_roles(text: str, source: str, roles: Mapping[str, Speaker]) -> str:
    """Return ``text`` with each named speaker's role written before the name.

    ``roles`` maps speakers' names as the file writes them (any case, dots and spaces as
    written: ``DET. RUIZ``, ``hale``) to ``"negotiator"`` or ``"subject"``. A line
    ``DET. RUIZ: ...`` becomes ``NEGOTIATOR (DET. RUIZ): ...``, as a transcriber could
    have typed it, and a JSON line's ``speaker`` likewise; a name with a number or a
    name of its own (``RUIZ 2``, ``RUIZ (primary)``) is matched by its name alone too.
    Other speakers are left as they are (:func:`read_transcript` lists them). The lines
    stay where they are; a court exhibit's line numbers are left out (:func:`unnumbered`).

    Raises:
        InputError: A name that no line of the file is spoken by (the speakers found are
            named).
    """
    wanted = {_key(name): who for name, who in roles.items()}
    rows = lines(unnumbered(text))
    used: set[str] = set()
    found: dict[str, str] = {}
    for k, line in enumerate(rows):
        label = _label_of(line.strip())
        if label is None or not (speaker_of(label) or _a_name(label) or _key(label) in wanted):
            continue
        found.setdefault(_key(label), label)
        rows[k] = _with_role(line, wanted, used)
    missing = [name for name in roles if _key(name) not in used]
    if missing:
        raise InputError(f"{source}: no line is spoken by {', '.join(map(repr, missing))}; "
                         f"the speakers are {', '.join(found.values()) or 'none'}")
    return "\n".join(rows)


def _with_role(line: str, wanted: Mapping[str, Speaker], used: set[str]) -> str:
    """Return ``line`` with the role of its speaker, if ``wanted`` names it, written in."""
    stripped = line.strip()
    if stripped.startswith("{"):
        rec = json.loads(stripped)
        who = " ".join(str(rec["speaker"]).split())
        if (role := wanted.get(_key(who))) is None:
            return line
        used.add(_key(who))
        return json.dumps({**rec, "speaker": f"{role.upper()} ({who})"}, ensure_ascii=False)
    m = _PREFIX.match(line)
    assert m is not None  # _label_of found a label
    for key in (_key(m.group("who")), _key(m.group("label"))):
        if (role := wanted.get(key)) is not None:
            used.add(key)
            name = " ".join(re.sub(r"[()]", " ", m.group("who")).split())
            return f"{line[:m.start('who')]}{role.upper()} ({name}){line[m.end('who'):]}"
    return line
