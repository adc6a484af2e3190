"""The one family of errors that the CLI prints and the web maps in one place.

Every failure a user can cause (a bad scenario file, an unknown id, an utterance that
cannot be analysed) raises a subclass of :class:`ParleyError` with a one-line message
that names what was wrong and where.
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base error: a one-line, user-facing message."""


class InputError(ParleyError):
    """Bad user input: an empty or oversized utterance, an unreadable file, bad JSON."""


class NotFound(ParleyError):
    """An id (scenario, session, trainee) that does not exist."""


class PermissionDenied(ParleyError):
    """A known user asking for what is not theirs: another's session, a cohort not theirs."""


class ScenarioError(ParleyError):
    """A scenario file that does not validate.

    Attributes:
        path: The file, or ``"<builtin:ID>"`` for an embedded scenario.
        line: 1-based line of the offending value, when known.
        field: Dotted path of the offending field, e.g. ``subject.baseline_arousal``.
        reason: What is wrong with it.
        others: Further errors of the same file (``parley scenarios validate`` lists all).
    """

    def __init__(
        self, message: str, *, path: str, line: int | None = None, field: str = ""
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.reason = message
        self.others: list[ScenarioError] = []
        super().__init__(message)

    def location(self) -> str:
        """``path:line: field: reason`` for this error alone."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"

    def __str__(self) -> str:
        more = len(self.others)
        return self.location() + (f" (and {more} more error{'s' if more > 1 else ''})"
                                  if more else "")
