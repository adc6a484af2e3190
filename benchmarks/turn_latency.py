"""Turn latency: analysis + state step + reply + database commit, per trainee turn."""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

from benchmarks._common import script_lines, summary_ms


def run(min_turns: int) -> dict[str, Any]:
    """Play every scenario's script lines on fresh sessions until ``min_turns`` are timed.

    Each timed turn is ``Session.say`` with a Recorder committing to an embedded SQLite
    database (the default deployment), so it includes the commit before the reply.
    """
    from parley.assessment import RUBRIC_VERSION
    from parley.scenario import load_scenario
    from parley.session import Session
    from parley.store import Recorder, engine_for

    with tempfile.TemporaryDirectory() as home:
        url = f"sqlite:///{home}/bench.db"
        os.environ["PARLEY_DATABASE_URL"] = url
        engine_for(url)
        samples: list[float] = []
        per_scenario: dict[str, list[float]] = {}
        scripts = script_lines()
        seed = 0
        while len(samples) < min_turns:
            for sid, lines in scripts.items():
                scenario = load_scenario(sid)
                rec = Recorder(scenario=scenario, trainee="bench", rubric=RUBRIC_VERSION)
                session = Session(scenario, seed=seed, on_event=rec)
                for line in lines:
                    if session.finished:
                        session = Session(scenario, seed=seed + 1000, on_event=Recorder(
                            scenario=scenario, trainee="bench", rubric=RUBRIC_VERSION))
                    start = time.perf_counter()
                    session.say(line)
                    elapsed = time.perf_counter() - start
                    samples.append(elapsed)
                    per_scenario.setdefault(sid, []).append(elapsed)
                seed += 1
        engine_for(url).dispose()
        del os.environ["PARLEY_DATABASE_URL"]
    result = summary_ms(samples)
    result["by_scenario"] = {k: summary_ms(v)["p95_ms"] for k, v in per_scenario.items()}
    return result


def run_engine_only(min_turns: int) -> dict[str, Any]:
    """The same turns without the database: analysis + step + reply only."""
    from parley.scenario import load_scenario
    from parley.session import Session

    samples: list[float] = []
    scripts = script_lines()
    while len(samples) < min_turns:
        for sid, lines in scripts.items():
            scenario = load_scenario(sid)
            session = Session(scenario)
            for line in lines:
                if session.finished:
                    session = Session(scenario, seed=len(samples))
                start = time.perf_counter()
                session.say(line)
                samples.append(time.perf_counter() - start)
    return summary_ms(samples)
