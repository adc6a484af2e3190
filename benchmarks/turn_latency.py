"""Turn latency: analysis + state step + reply + database commit, per trainee turn."""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager
from typing import Any

from benchmarks._common import script_lines, summary_ms


@contextmanager
def _sqlite_url():
    with tempfile.TemporaryDirectory() as home:
        yield f"sqlite:///{home}/bench.db"


def run(min_turns: int, *, url: str | None = None, analyzer: str = "rules") -> dict[str, Any]:
    """Play every scenario's script lines on fresh sessions until ``min_turns`` are timed.

    Each timed turn is ``Session.say`` with a Recorder committing to the database at
    ``url`` (default: a fresh embedded SQLite file, the default deployment), so it
    includes the commit before the reply. ``analyzer`` names the analysis backend.
    """
    if url is None:
        with _sqlite_url() as sqlite:
            return run(min_turns, url=sqlite, analyzer=analyzer)
    from parley.assessment import RUBRIC_VERSION
    from parley.scenario import load_scenario
    from parley.session import Session
    from parley.store import Recorder, engine_for

    old = os.environ.get("PARLEY_DATABASE_URL")
    os.environ["PARLEY_DATABASE_URL"] = url
    try:
        engine_for(url)
        samples: list[float] = []
        per_scenario: dict[str, list[float]] = {}
        scripts = script_lines()
        seed = 0

        def fresh(scenario: Any, seed: int) -> Session:
            return Session(scenario, seed=seed, analyzer=analyzer, on_event=Recorder(
                scenario=scenario, trainee="bench", rubric=RUBRIC_VERSION))

        fresh(load_scenario("bridge-jumper"), 0).say("warm up: what happened tonight?")
        while len(samples) < min_turns:
            for sid, lines in scripts.items():
                scenario = load_scenario(sid)
                session = fresh(scenario, seed)
                for line in lines:
                    if session.finished:
                        session = fresh(scenario, seed + 1000)
                    start = time.perf_counter()
                    session.say(line)
                    elapsed = time.perf_counter() - start
                    samples.append(elapsed)
                    per_scenario.setdefault(sid, []).append(elapsed)
                seed += 1
        engine_for(url).dispose()
    finally:
        if old is None:
            os.environ.pop("PARLEY_DATABASE_URL", None)
        else:
            os.environ["PARLEY_DATABASE_URL"] = old
    result = summary_ms(samples)
    result["by_scenario"] = {k: summary_ms(v)["p95_ms"] for k, v in per_scenario.items()}
    return result


def run_engine_only(min_turns: int, *, analyzer: str = "rules") -> dict[str, Any]:
    """The same turns without the database: analysis + step + reply only."""
    from parley.scenario import load_scenario
    from parley.session import Session

    samples: list[float] = []
    scripts = script_lines()
    while len(samples) < min_turns:
        for sid, lines in scripts.items():
            scenario = load_scenario(sid)
            session = Session(scenario, analyzer=analyzer)
            for line in lines:
                if session.finished:
                    session = Session(scenario, seed=len(samples), analyzer=analyzer)
                start = time.perf_counter()
                session.say(line)
                samples.append(time.perf_counter() - start)
    return summary_ms(samples)


def replay_cost(lengths: tuple[int, ...] = (1, 10, 20, 40), repeats: int = 20) -> dict[str, Any]:
    """Median ms to rebuild a session of k turns from its events (``Session.from_events``).

    The web app keeps no session in memory: every request replays the stored events,
    so a web turn at turn k pays this on top of the turn itself.
    """
    from parley.scenario import load_scenario
    from parley.session import Session

    scenario = load_scenario("bank-hostages")
    lines = [ln for v in script_lines().values() for ln in v]
    out: dict[str, float] = {}
    for k in lengths:
        session = Session(scenario, seed=3)
        i = 0
        while len(session.turns) < k and not session.finished:
            session.say(lines[i % len(lines)])
            i += 1
        events = list(session.events)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            Session.from_events(scenario, events)
            times.append(time.perf_counter() - t0)
        out[str(len(session.turns))] = round(sorted(times)[len(times) // 2] * 1000, 2)
    return {"turns_to_ms": out}
