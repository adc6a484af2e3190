"""After-action review of a real transcript in the browser: upload or paste, code, read.

The page does what ``parley analyze TRANSCRIPT`` does (:mod:`parley.cli._transcript`):
the transcript is parsed by :func:`~parley.analysis._transcript.read_transcript`, every
negotiator turn is coded in context by the hybrid analyzer and the session summarised by
:func:`~parley.analysis._transcript.summarize`. Nothing is stored: real-incident
transcripts are sensitive, so the text lives only for the request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cache
from pathlib import PureWindowsPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from parley._textfile import decode_text
from parley.analysis import Analysis, Analyzer, Finding, get_analyzer
from parley.analysis._transcript import (
    ERROR_LIKELY,
    LIKELY,
    STAGES,
    Summary,
    Transcript,
    assign_roles,
    is_transcript,
    read_transcript,
    summarize,
    unroled_speakers,
)
from parley.analysis._transcript_roles import roles_of
from parley.analysis._types import Speaker
from parley.errors import InputError
from parley.techniques import ERRORS, TECHNIQUES
from parley.web._deps import FormInstructor, PageInstructor
from parley.web._errors import status_of
from parley.web._templates import page

router = APIRouter(include_in_schema=False)

MAX_BYTES = 1_000_000
"""Largest transcript coded, in bytes (about 7,000 negotiator turns, some 15 s of coding).

Smaller than the CLI's 20 MB (``parley.cli._io``): the page codes while the instructor
waits."""
_FIELD_BYTES = 2 * MAX_BYTES
"""Largest form field parsed (Starlette's default is 1 MiB), so that pasted text a little
over :data:`MAX_BYTES` gets the form again with the reason, not a bare 400."""
KINDS = (".txt", ".jsonl")
"""File name endings accepted for an upload."""
PASTED = "pasted text"
"""The source name that errors in pasted text carry."""
@cache
def _hybrid() -> Analyzer:
    """The hybrid analyzer, loaded once per process (as the CLI codes transcripts)."""
    return get_analyzer("hybrid")


def _check_size(size: int, source: str) -> None:
    """Refuse input over :data:`MAX_BYTES` (``size`` in bytes), naming ``source``."""
    if size > MAX_BYTES:
        raise InputError(f"{source} is larger than {MAX_BYTES // 1_000_000} MB; code it in parts")


def decode(raw: bytes, source: str) -> str:
    """Return an uploaded file's text (UTF-8, or Windows-1252 where UTF-8 fails).

    Raises:
        InputError: Over :data:`MAX_BYTES`, a document file, or not text.
    """
    _check_size(len(raw), source)
    return decode_text(raw, source)[0]


def _names(value: object) -> list[str]:
    """The names typed into a role box, comma-separated (``DET. RUIZ, SGT. COLE``)."""
    return [n.strip() for n in (value if isinstance(value, str) else "").split(",")
            if n.strip()]


async def transcript_input(upload: object, pasted: object,
                           roles: dict[str, Speaker] | None = None) -> tuple[str, str]:
    """Return (text, source name) of the form's uploaded file or pasted text.

    ``roles`` maps speakers' names as the file writes them (``DET. RUIZ``) to roles, for
    a transcript written with names instead of NEGOTIATOR/SUBJECT.

    Raises:
        InputError: Neither or both given, a file not .txt or .jsonl, too large, not
            text, no text, or speakers by name with no roles given.
    """
    pasted = pasted if isinstance(pasted, str) else ""
    file = upload if isinstance(upload, UploadFile) and upload.filename else None
    if file is not None and pasted.strip():
        raise InputError("give a file or pasted text, not both (clear the text box)")
    if file is not None:
        source = PureWindowsPath(file.filename or "").name[:100]  # either kind of slash
        if not source.lower().endswith(KINDS):
            raise InputError(f"{source}: upload a .txt or .jsonl file (from Word: "
                             "File, Save as, Plain text)")
        text = decode(await file.read(MAX_BYTES + 1), source)
    else:
        source, text = PASTED, pasted
        _check_size(len(text.encode("utf-8")), source)
    if not text.strip():
        raise InputError(f"{source} is empty" if file is not None
                         else "no transcript: choose a file or paste the text")
    if roles:
        text = assign_roles(text, source, roles)
    elif named := unroled_speakers(text, source):
        raise InputError(f"{source}: speakers {', '.join(named)} are not roles; type who "
                         "is the negotiator and who the subject into the boxes below, or "
                         "write NEGOTIATOR (name): and SUBJECT (name): in the file")
    if not is_transcript(text):
        raise InputError(f"{source}: not a transcript: its first lines should start with "
                         "a speaker (NEGOTIATOR: or SUBJECT:), or be JSON lines with "
                         "'speaker' and 'text'")
    return text, source


@dataclass(frozen=True)
class CodedTurn:
    """One negotiator turn as the table shows it.

    Attributes:
        number: Turn number in the transcript (1-based, subject turns counted).
        line: File line on which the turn starts.
        context: The subject's last words before it ("" if none).
        analysis: Its findings, sorted by confidence (each in [0, 1]).
    """

    number: int
    line: int
    context: str
    analysis: Analysis

    def errors(self, likely: bool) -> list[Finding]:
        """The error findings at :data:`ERROR_LIKELY` or more (``likely``), or under it."""
        return [f for f in self.analysis.findings
                if f.technique in ERRORS and (f.confidence >= ERROR_LIKELY) == likely]


def coded_turns(transcript: Transcript, summary: Summary) -> list[CodedTurn]:
    """Pair every coded turn with its file line and the subject's previous words."""
    rows = []
    for number, a in summary.coded:
        before = [u.text for u in transcript.turns[:number - 1]
                  if u.speaker == "subject" and u.text]
        rows.append(CodedTurn(number, transcript.lines[number - 1],
                              before[-1] if before else "", a))
    return rows


def review(text: str, source: str) -> dict[str, Any]:
    """Parse, code and summarise a transcript: the results page's context.

    Raises:
        InputError: :func:`read_transcript` refuses it (one line, with file and line).
    """
    transcript = read_transcript(text, source)
    analyzer = _hybrid()
    summary = summarize(transcript.turns, analyzer)
    return {"source": source, "analyzer": analyzer.name, "summary": summary,
            "turns": coded_turns(transcript, summary), "not_coded": transcript.not_coded,
            "errors": summary.where(summary.errors),
            "possible": summary.where(summary.possible_errors),
            "error_count": sum(map(len, summary.errors.values())),
            "possible_count": sum(map(len, summary.possible_errors.values())),
            "stages": STAGES, "likely": LIKELY, "error_likely": ERROR_LIKELY,
            "techniques": TECHNIQUES}


async def transcript_form_data(request: Request, auth: PageInstructor
                               ) -> AsyncIterator[FormData]:
    """The posted form, parsed (for an instructor only) with room for :data:`MAX_BYTES`.

    Parsed here, before :data:`FormInstructor` checks the CSRF token on the same (cached)
    form; its uploaded file is closed (and so deleted) once the request is done.

    Raises:
        InputError: A field over :data:`_FIELD_BYTES`, or a form that is not one.
    """
    try:
        form = await request.form(max_part_size=_FIELD_BYTES)
    except HTTPException as exc:
        raise InputError(f"the form could not be read ({exc.detail}); paste at most "
                         f"{MAX_BYTES // 1_000_000} MB of text, or upload the file") from None
    try:
        yield form
    finally:
        await form.close()


TranscriptForm = Annotated[FormData, Depends(transcript_form_data)]


@router.get("/instructor/transcripts", response_class=HTMLResponse)
def transcript_form(request: Request, auth: PageInstructor) -> HTMLResponse:
    """The upload-or-paste form."""
    return page(request, "transcript.html", auth, limit_mb=MAX_BYTES // 1_000_000)


@router.post("/instructor/transcripts", response_class=HTMLResponse)
async def transcript_review(request: Request, form: TranscriptForm,
                            auth: FormInstructor) -> HTMLResponse:
    """Code the uploaded or pasted transcript and show it; bad input: the form again."""
    pasted = form.get("text")
    try:
        roles = roles_of(_names(form.get("negotiator")), _names(form.get("subject")))
        text, source = await transcript_input(form.get("transcript"), pasted, roles)
        result = await run_in_threadpool(review, text, source)
    except InputError as exc:
        kept = {k: v if isinstance(v := form.get(k), str) else ""
                for k in ("negotiator", "subject")}
        return page(request, "transcript.html", auth, status_code=status_of(exc),
                    error=str(exc), pasted=pasted if isinstance(pasted, str) else "",
                    limit_mb=MAX_BYTES // 1_000_000, **kept)
    return page(request, "transcript.html", auth, result=result,
                limit_mb=MAX_BYTES // 1_000_000)
