"""The web app's settings: one frozen value, from arguments or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from parley.store import database_url


@dataclass(frozen=True)
class Settings:
    """How the app runs.

    Attributes:
        database_url: SQLAlchemy URL of the training records (default: ``database_url()``).
        secure_cookies: Always mark cookies ``Secure``. Otherwise they are ``Secure`` when
            the request came over TLS (directly, or per a trusted proxy's headers).
        session_minutes: Lifetime of a browser login or an API token, in minutes.
        max_failed_logins: Failed logins in a row after which a username is locked out.
        lockout_minutes: How long a lock-out lasts, in minutes.
        typing_ms_per_char: Simulated typing speed of the subject in the console, ms per
            character (the delay before a reply shows is capped at 4 s).
        poll_seconds: How often observers and the console poll for news, in seconds.
    """

    database_url: str = field(default_factory=database_url)
    secure_cookies: bool = False
    session_minutes: int = 8 * 60
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    typing_ms_per_char: int = 35
    poll_seconds: float = 2.0

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from ``PARLEY_DATABASE_URL`` and ``PARLEY_SECURE_COOKIES`` (1/true)."""
        secure = os.environ.get("PARLEY_SECURE_COOKIES", "").lower() in ("1", "true", "yes")
        return cls(secure_cookies=secure)
