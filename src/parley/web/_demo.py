"""First start and demo mode: the admin account, and a populated sample cohort."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from parley.assessment import RUBRIC_VERSION, assess
from parley.scenario import load_scenario
from parley.session import Session
from parley.store import (
    Cohort,
    Recorder,
    User,
    add_cohort,
    add_member,
    add_user,
    db,
    finish_session,
)

DEMO_COHORT = "Demo cohort"

_BRIDGE_GOOD = (
    "Neil? I'm Sam. I'm going to stay right here, I won't come any closer. What's happened "
    "tonight?",
    "You sound exhausted, Neil. Like you've been carrying all of this on your own for a long "
    "time.",
    "So it's not one thing. It's the job, the house, the kids, all of it landing at once.",
    "Mm. Go on, I'm listening.",
    "What was it like when the plant shut?",
    "...",
    "Tell me about Chloe and Liam.",
    "Missing them. That's the part that hurts most, isn't it.",
)
_BRIDGE_POOR = (
    "Sir, this is the police. I need you to come back over that railing right now.",
    "Calm down, mate. It's not worth it.",
    "Why are you doing this?",
    "Come on, it's not that bad. Loads of people lose their jobs.",
    "Just climb back over and we can sort all this out.",
)
_BARRICADE = (
    "Dean, it's Sam. I'm one of the negotiators. I'm not here to tell you what to do. "
    "What's happened today?",
    "Sounds like this morning in that courtroom felt like the ground went from under you.",
    "Every other Saturday, with somebody watching.",
    "Mm. Go on, I'm listening.",
    "You sound humiliated, like they took the thing you're proudest of and used it "
    "against you.",
    "...",
    "Tell me about Alfie.",
)

DEMO_SESSIONS: tuple[tuple[str, str, str, tuple[str, ...], bool], ...] = (
    ("ana", "bridge-jumper", "pre_test", _BRIDGE_POOR, True),
    ("ana", "bridge-jumper", "practice", _BRIDGE_GOOD[:5], True),
    ("ana", "domestic-barricade", "post_test", _BARRICADE, True),
    ("ben", "bridge-jumper", "practice", _BRIDGE_POOR, True),
    ("ben", "domestic-barricade", "practice", _BARRICADE[:4], True),
    ("cara", "bridge-jumper", "practice", _BRIDGE_GOOD, True),
    ("cara", "domestic-barricade", "practice", _BARRICADE[:3], False),
)
"""(trainee, scenario, kind, lines, finished): sample sessions replayed through the engine."""


@dataclass(frozen=True)
class Account:
    """A login created here, to print once."""

    username: str
    role: str
    password: str


def _password() -> str:
    return secrets.token_urlsafe(12)


def ensure_admin(url: str) -> Account | None:
    """Create the ``admin`` account with a random password if no admin exists yet.

    Returns:
        The new account (its password is not stored anywhere in clear), or None.
    """
    with db(url) as s:
        if s.scalar(select(User).where(User.role == "admin").limit(1)) is not None:
            return None
        name = "admin"
        while s.scalar(select(User).where(User.username == name)) is not None:
            name = f"admin-{secrets.token_hex(2)}"
        account = Account(name, "admin", _password())
        add_user(db=s, username=name, role="admin", password=account.password)
    return account


def seed_demo(url: str, *, seed: int = 7) -> list[Account]:
    """Seed a demo cohort: an instructor, three trainees, finished and running sessions.

    Idempotent: nothing happens if the demo cohort exists.

    Returns:
        The accounts created (empty if the demo was seeded before).
    """
    with db(url) as s:
        if s.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT)) is not None:
            return []
        accounts = [Account("instructor", "instructor", _password())]
        accounts += [Account(n, "trainee", _password()) for n in ("ana", "ben", "cara")]
        for a in accounts:
            add_user(db=s, username=a.username, role=a.role, password=a.password)
        cohort = add_cohort(db=s, name=DEMO_COHORT, instructor="instructor")
        for a in accounts[1:]:
            add_member(db=s, cohort_id=cohort.id, username=a.username)
    for n, (trainee, scenario_id, kind, lines, finished) in enumerate(DEMO_SESSIONS):
        _replay(url, trainee, scenario_id, kind, lines, finished, seed + n)
    return accounts


def _replay(url: str, trainee: str, scenario_id: str, kind: str, lines: tuple[str, ...],
            finished: bool, seed: int) -> None:
    scenario = load_scenario(scenario_id)
    recorder = Recorder(scenario=scenario, trainee=trainee, rubric=RUBRIC_VERSION, kind=kind,
                        url=url)
    session = Session(scenario, seed=seed, on_event=recorder)
    for text in lines:
        if session.finished:
            break
        session.say(text)
    if not finished:
        return
    session.end()
    debrief = assess(session)
    with db(url) as s:
        finish_session(db=s, session_id=recorder.session_id, outcome=debrief.outcome,
                       score=debrief.score, breakdown=debrief.to_dict(), rubric=debrief.rubric)
