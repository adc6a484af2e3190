"""Speakers written by name: finding them, refusing them with the fix, giving them roles.

A dialogue typed with names instead of roles (``DET. RUIZ: ...`` / ``HALE: ...``,
``Speaker 1:`` / ``Speaker 2:``) is found by :func:`unroled_speakers`. Without roles it
is refused with the names and the options that say who is who (:func:`refuse_unroled`);
with them, the roles are written in before the names (:func:`assign_roles`:
``NEGOTIATOR (DET. RUIZ): ...``). A file that is no transcript at all, yet has many lines
opening like a speaker's turn, is refused too rather than coded line by line as the
negotiator's (:func:`refuse_labelled`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import pairwise

from parley.analysis._corpus import lines, shown
from parley.analysis._transcript_header import (
    _HEAD_WORDS,
    _SNIFF,
    _speech,
    file_header,
    quoted_headers,
)
from parley.analysis._transcript_labels import (
    _NAME,
    JSON_SPEAKER,
    _refuse_typo,
    _shouted,
    _titled,
    discourse,
    named_turn,
    openings,
    speaker_of,
)
from parley.analysis._transcript_layout import furniture, table_lines, unnumbered
from parley.analysis._types import Speaker
from parley.errors import InputError


def _spoken(line: str) -> tuple[str, str, bool, bool] | None:
    """Return (label, speaker as written, is it a role, is it alone) if ``line`` opens a turn.

    The speaker as written keeps a number (``Speaker 2``, ``CNT-1``) but not a name in
    brackets (``TANYA (SISTER)`` is ``TANYA``). A JSON line's speaker is its ``speaker``,
    ``role`` or ``speaker_role`` field. None for a line that opens no turn.
    """
    if line.startswith("{"):
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError):  # not JSON, or nested too deeply to read
            return None
        named = [v for k in JSON_SPEAKER
                 if isinstance(rec, dict) and isinstance(v := rec.get(k), str) and v.strip()]
        who = " ".join(named[0].split()) if named else ""
        return (who, who, any(map(speaker_of, named)), False) if named else None
    for o in openings(line):
        if o.speaker is not None or o.form == "colon" or named_turn(o):
            return (o.label, _NAME.sub("", o.who) or o.who, o.speaker is not None,
                    o.form == "alone")
    return None


def _a_name(label: str) -> bool:
    """True when ``label`` reads as a speaker's name (``DET. RUIZ``, ``Hale``).

    Not a header field (``Date``), nor a word of speech (``Listen``, :func:`discourse`).
    """
    words = label.lower().split()
    return not {words[0], words[-1]} & _HEAD_WORDS and not discourse(label) and (
        _shouted(label) or _titled(label) and not _speech(label))


def _dialogue(text: str, source: str
              ) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Return the header rows and the other rows of ``text``: ``(line, text)`` pairs.

    Blank lines and page furniture (:func:`furniture`) are left out; a court exhibit's line
    numbers are read past and a call log's table is read as its turns
    (:func:`table_lines`, whose errors name ``source``).
    """
    text = table_lines(text, source)
    rows = [(number, line.strip())
            for number, line in enumerate(lines(unnumbered(text))[:_SNIFF], 1)
            if line.strip() and not furniture(line)]
    cut = file_header(rows, quoted_headers(rows))
    return rows[:cut], rows[cut:]


def unroled_speakers(text: str, source: str) -> list[str]:
    """Return the speakers of a dialogue written with names instead of roles, if it is one.

    Such a file (``DET. RUIZ: ...`` / ``HALE: ...``; ``Speaker 1:`` / ``Speaker 2:``;
    ``MORALES — ...``; ``14:02:11 Michael`` with the words below) has no known speaker
    label (:data:`SPEAKERS`) after its header, and more than half of its other lines
    (page furniture aside, :func:`furniture`; a name alone on its line counts with the
    line after it) open with a name in capitals, or a capitalised name that is not a
    word of speech, two of them at least taking turns (the speaker changes twice or
    more) and the names coming back (:func:`_recurring`: ``Question:``, ``Promise:``,
    ``Dale:`` once each are words of a list, not speakers). The names are given as first
    written (with a number, without a name in brackets), in the order they first speak;
    for any other file the list is empty.

    Raises:
        InputError: A label that is a misspelt role (``NEGOTATOR``), with its line.
    """
    return _unroled(text, source)[0]


def _unroled(text: str, source: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Return :func:`unroled_speakers` and the file's header rows."""
    header, rows = _dialogue(text, source)
    said: list[str] = []
    weight = 0
    for number, line in rows:
        found = _spoken(line)
        if found is None:
            continue
        label, who, known, alone = found
        if known:
            return [], header
        if _a_name(label):
            _refuse_typo(label, f"{source}:{number}")
            said.append(who)
            weight += 2 if alone else 1  # a name alone: its words are on the next line
    changes = sum(a.lower() != b.lower() for a, b in pairwise(said))
    if 2 * weight <= len(rows) or changes < 2 or not _recurring(said):
        return [], header
    first: dict[str, str] = {}
    for label in said:
        first.setdefault(label.lower(), label)
    return list(first.values()), header


def _recurring(said: Sequence[str]) -> bool:
    """True when the names of ``said`` (one per line) come back as speakers' names do.

    Half the lines at least are by a name written on two lines or more (any case):
    ``HOSTAGE`` three times, or ``WHITFIELD`` twice and ``TOLAN`` once, but not
    ``Question``, ``Promise``, ``Fact`` once each.
    """
    counts = Counter(" ".join(who.lower().split()) for who in said)
    return 2 * sum(n for n in counts.values() if n >= 2) >= len(said)


def refuse_labelled(text: str, source: str) -> None:
    """Refuse a file not read as a transcript whose lines open like speakers' turns.

    Three lines or more, and more than half of them (header and page furniture aside),
    open with a name as a speaker does (``HOSTAGE: ...``, ``DALE: ...``, ``14:02:11
    Michael``), names that come back as speakers' do (:func:`_recurring`): coding every
    line as the negotiator's would code the other speakers too. Plain lines of
    utterances, some with a word before a colon (``Listen: ...``, ``Question: ...``) or
    a dash (``WAIT - ...``), pass.

    Raises:
        InputError: Such a file: the lines and names found, and the fix.
    """
    _, rows = _dialogue(text, source)
    found = [(number, who) for number, line in rows
             if (spoken := _spoken(line)) and _a_name(spoken[0])
             for who in [spoken[1]]]
    if (len(found) < 3 or 2 * len(found) <= len(rows)
            or not _recurring([who for _, who in found])):
        return
    names = list(dict.fromkeys(shown(who) for _, who in found))
    where = ", ".join(str(number) for number, _ in found[:3])
    raise InputError(
        f"{source}: not read as a transcript (no NEGOTIATOR: or SUBJECT: in its first "
        f"lines), yet lines "
        f"{where}{'...' if len(found) > 3 else ''} open with a speaker "
        f"({', '.join(names[:4])}{', ...' if len(names) > 4 else ''}): write the turns as "
        "NEGOTIATOR: and SUBJECT:, or say who is who with --negotiator NAME (and "
        "--subject NAME) as the file writes them")


_RANKS = frozenset(
    "det detective sgt sergeant lt lieutenant cpl corporal ofc officer capt captain insp "
    "inspector agt agent sa ssa tpr trooper dep deputy const constable pc dc ds di dci "
    "negotiator".split())
"""Words that open a police officer's name (``DET. RUIZ``): the likely negotiator."""


def refuse_unroled(text: str, source: str) -> None:
    """Refuse a dialogue between named speakers (:func:`unroled_speakers`), saying the fix.

    The message names the speakers and the options that say who is who (``--negotiator
    "DET. RUIZ" --subject HALE``); the negotiator suggested is the speaker the file's
    header names as the negotiator (``Primary: Sgt. R. Morales``), else the one speaker
    whose name opens with a rank (``DET.``, ``Sgt``), else the first to speak.

    Raises:
        InputError: ``text`` is such a dialogue, or has a misspelt role label.
    """
    found, header = _unroled(text, source)
    if not found:
        return
    ranked = [label for label in found if label.split()[0].rstrip(".").lower() in _RANKS]
    negotiator = (_named_in(header, found, "negotiator")
                  or (ranked[0] if len(ranked) == 1 else found[0]))
    subject = _named_in(header, found, "subject")
    subject = subject if subject and subject != negotiator else next(
        label for label in found if label != negotiator)
    raise InputError(
        f"{source}: speakers {', '.join(map(shown, found))} are not roles; say who is who: "
        f"--negotiator {_shell(negotiator)} --subject {_shell(subject)} (or write "
        f"NEGOTIATOR ({shown(_plain_name(negotiator))}): / "
        f"SUBJECT ({shown(_plain_name(subject))}):)")


def _named_in(header: Sequence[tuple[int, str]], found: Sequence[str], role: Speaker
              ) -> str | None:
    """Return the speaker of ``found`` a header field for ``role`` names, if one does.

    ``Primary: Sgt. R. Morales`` names ``MORALES`` the negotiator: a field whose label is
    that role (:data:`SPEAKERS`) and whose value holds the speaker's name as a word.
    """
    for _, line in header:
        o = next(openings(line), None)
        if o is None or o.speaker != role:
            continue
        words = {w.strip(".,;()").lower() for w in o.text.split()}
        for label in found:
            if _plain_name(label).lower() in words:
                return label
    return None


def _shell(name: str) -> str:
    """``name`` as a shell argument in a message (control characters escaped)."""
    return name if re.fullmatch(r"[\w-]+", name) else f'"{shown(name)}"'


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
    rows = lines(unnumbered(table_lines(text, source)))
    used: set[str] = set()
    found: dict[str, str] = {}
    for k, line in enumerate(rows):
        spoken = _spoken(line.strip())
        if spoken is None:
            continue
        label, who, known, _ = spoken
        if not (known or _a_name(label) or _key(label) in wanted or _key(who) in wanted):
            continue
        found.setdefault(_key(who), who)
        rows[k] = _with_role(line, wanted, used)
    missing = [name for name in roles if _key(name) not in used]
    if missing:
        raise InputError(f"{source}: no line is spoken by {', '.join(map(repr, missing))}; "
                         f"the speakers are {', '.join(map(shown, found.values())) or 'none'}")
    return "\n".join(rows)


def _with_role(line: str, wanted: Mapping[str, Speaker], used: set[str]) -> str:
    """Return ``line`` with the role of its speaker, if ``wanted`` names it, written in."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            rec = json.loads(stripped)
        except (ValueError, RecursionError):  # _spoken read it: never, but not JSON then
            return line
        field = next(k for k in JSON_SPEAKER if isinstance(rec.get(k), str) and rec[k].strip())
        who = " ".join(rec[field].split())
        if (role := wanted.get(_key(who))) is None:
            return line
        used.add(_key(who))
        return json.dumps({**rec, field: f"{role.upper()} ({who})"}, ensure_ascii=False)
    o = next(o for o in openings(line)
             if o.speaker is not None or o.form == "colon" or named_turn(o))
    for key in (_key(o.who), _key(_NAME.sub("", o.who)), _key(o.label)):
        if (role := wanted.get(key)) is not None:
            used.add(key)
            name = " ".join(re.sub(r"[()]", " ", o.who).split())
            return f"{line[:o.start]}{role.upper()} ({name}){line[o.end:]}"
    return line
