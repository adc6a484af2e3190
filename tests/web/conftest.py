"""Fixtures for the web tests: the real app on a fresh database, users, logins."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from parley.store import add_cohort, add_member, add_user, db
from parley.web import Settings, create_app
from tests.web.util import PASSWORD


@dataclass
class People:
    """The cast: two trainees in two cohorts, their instructors, an admin."""

    cohort_a: int
    cohort_b: int


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch):
    """Argon2 with minimal cost, so that each test's logins take milliseconds."""
    from argon2 import PasswordHasher

    from parley.store import _repo

    monkeypatch.setattr(_repo, "HASHER", PasswordHasher(time_cost=1, memory_cost=8,
                                                         parallelism=1))


@pytest.fixture
def settings(database):
    return Settings(database_url=database)


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def people(settings):
    """ann (trainee, cohort A of ivy), bob (trainee, cohort B of jon), admin."""
    with db(settings.database_url) as s:
        for name, role in (("ann", "trainee"), ("bob", "trainee"), ("ivy", "instructor"),
                           ("jon", "instructor"), ("root", "admin")):
            add_user(db=s, username=name, role=role, password=PASSWORD)
        a = add_cohort(db=s, name="Course A", instructor="ivy")
        b = add_cohort(db=s, name="Course B", instructor="jon")
        add_member(db=s, cohort_id=a.id, username="ann")
        add_member(db=s, cohort_id=b.id, username="bob")
        return People(a.id, b.id)
