"""Live load: N concurrent trainees against a real ``parley serve`` on loopback.

The benchmark starts ``python -m parley serve`` as a subprocess on 127.0.0.1 (a free
port) with a fresh ``PARLEY_HOME`` and database: a SQLite file by default, or with
``postgres=True`` a fresh database on the PostgreSQL server at 127.0.0.1:5432 (user
``postgres``), created here and dropped afterwards. The server runs exactly as
``parley serve`` runs it (one uvicorn process, its default thread pool, access log on).

Then, for each N, N trainee accounts log in (OAuth2 password flow) and negotiate at once
with ``httpx`` and ``asyncio``: each starts a session on a scenario (round robin), then
takes a bounded number of turns, lines drawn from ``tests/scripts/*/expert-*.txt``, with
a seeded random think time between turns. A finished session is replaced by a new one.
Every request goes to 127.0.0.1 only; the whole run is bounded in count (N x turns) and
in time (a global timeout, after which the remaining trainees are cancelled and counted
as errors).

Reported: client-side turn latency (p50/p95/p99), throughput (turns/s), the error count
(non-2xx answers and exceptions), the server's start-up time (spawn to the first 200 on
``/login``) and its resident memory (``/proc/PID/status``: ``VmRSS`` now, ``VmHWM`` the
peak) after start-up, after the first turn (models loaded) and after each load.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # the HTTP client the test extras install (starlette's TestClient uses it too)
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef]

from benchmarks._common import ROOT, SCRIPTS, percentile, summary_ms

HOST = "127.0.0.1"
PASSWORD = "bench-password-correct-horse"
PG_ADMIN = os.environ.get("PARLEY_BENCH_POSTGRES",
                          "host=127.0.0.1 port=5432 user=postgres dbname=postgres")


def expert_lines() -> dict[str, list[str]]:
    """The trainee lines of the expert scripts, by scenario."""
    out: dict[str, list[str]] = {}
    for folder in sorted(SCRIPTS.iterdir()):
        lines: list[str] = []
        for path in sorted(folder.glob("expert-*.txt")):
            lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                      if ln.strip() and not ln.startswith("#")]
        if lines:
            out[folder.name] = lines
    return out


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's workers), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def proc_memory_mb(pid: int) -> dict[str, float]:
    """``VmRSS`` (now) and ``VmHWM`` (peak) in MB, summed over the process and its
    children (Linux /proc); with several workers the summed peak is an upper bound."""
    out = {"rss_mb": 0.0, "peak_rss_mb": 0.0}
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out["rss_mb" if key == "VmRSS" else "peak_rss_mb"] += int(
                        value.split()[0]) / 1024
        except OSError:
            pass
    return {k: round(v, 1) for k, v in out.items()}


def proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of the process and its children so far."""
    total = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def postgres_database():
    """A fresh PostgreSQL database on 127.0.0.1:5432; yields its URL, drops it after."""
    import psycopg

    name = f"parley_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = dict(p.split("=", 1) for p in PG_ADMIN.split())
    url = (f"postgresql+psycopg://{params.get('user', 'postgres')}@{params.get('host', HOST)}:"
           f"{params.get('port', '5432')}/{name}")
    try:
        yield url
    finally:
        from parley.store import engine_for

        engine_for(url).dispose()
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_available() -> bool:
    """Whether the benchmark's PostgreSQL server answers."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=2):
            return True
    except Exception:
        return False


@dataclass
class Server:
    """A running ``parley serve`` subprocess."""

    proc: subprocess.Popen[bytes]
    port: int
    startup_ms: float
    log: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def memory(self) -> dict[str, float]:
        return proc_memory_mb(self.proc.pid)

    def cpu_s(self) -> float:
        return proc_cpu_s(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def start_server(env: dict[str, str], log: Path, timeout_s: float = 60.0,
                 workers: int = 1) -> Server:
    """Spawn ``parley serve`` and wait for the first 200 on ``/login``.

    With ``workers`` > 1, uvicorn's own command line runs the same app
    (``parley.web:create_app``, settings from the environment, same options as
    ``parley serve``) in that many processes; ``parley serve`` itself runs one.

    Raises:
        RuntimeError: The server exited or did not answer within ``timeout_s``.
    """
    port = free_port()
    cmd = [sys.executable, "-m", "parley", "serve", "--host", HOST, "--port", str(port)]
    if workers > 1:
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "parley.web:create_app",
               "--host", HOST, "--port", str(port), "--workers", str(workers),
               "--proxy-headers", "--no-server-header", "--log-level", "info"]
    with log.open("ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                cwd=ROOT)
    url = f"http://{HOST}:{port}/login"
    with httpx.Client(timeout=2.0) as client:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"parley serve exited ({proc.returncode}); see {log}:\n"
                                   + log.read_text(errors="replace")[-2000:])
            if time.perf_counter() - start > timeout_s:
                proc.kill()
                raise RuntimeError(f"parley serve did not answer in {timeout_s} s")
            try:
                if client.get(url).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.01)
    elapsed = (time.perf_counter() - start) * 1000
    return Server(proc, port, round(elapsed, 1), log)


def create_trainees(url: str, count: int) -> list[str]:
    """Trainee accounts ``trainee000``... that log in with ``PASSWORD`` (created once).

    The argon2 hash (library defaults, as ``parley users add`` stores it) is computed
    once and shared, which only saves the benchmark's own time: every login still
    verifies it at full cost on the server.
    """
    from sqlalchemy import select

    from parley.store import User, add_user, db
    from parley.store._repo import HASHER

    hashed = HASHER.hash(PASSWORD)
    names = [f"trainee{i:03d}" for i in range(count)]
    with db(url) as s:
        have = set(s.scalars(select(User.username).where(User.username.in_(names))))
        for name in names:
            if name not in have:
                add_user(db=s, username=name, role="trainee", password=None).password_hash \
                    = hashed
    return names


@dataclass
class Tally:
    """What the trainees measured."""

    turns: list[float] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def error(self, kind: str, detail: str = "") -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1
        if detail and len(self.error_samples) < 5:
            self.error_samples.append(f"{kind}: {detail[:200]}")


async def _login(client: httpx.AsyncClient, name: str, tally: Tally,
                 gate: asyncio.Semaphore) -> dict[str, str] | None:
    async with gate:
        try:
            r = await client.post("/api/auth/token",
                                  data={"username": name, "password": PASSWORD})
        except Exception as exc:  # noqa: BLE001 - every failure is an error to count
            tally.error(f"login {type(exc).__name__}")
            return None
    if r.status_code != 200:
        tally.error(f"login HTTP {r.status_code}")
        return None
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def _start(client: httpx.AsyncClient, headers: dict[str, str], scenario: str,
                 tally: Tally) -> str | None:
    t0 = time.perf_counter()
    try:
        r = await client.post("/api/sessions", json={"scenario": scenario}, headers=headers)
    except Exception as exc:  # noqa: BLE001
        tally.error(f"start {type(exc).__name__}")
        return None
    tally.starts.append(time.perf_counter() - t0)
    if r.status_code != 201:
        tally.error(f"start HTTP {r.status_code}", r.text)
        return None
    return str(r.json()["id"])


async def _trainee(client: httpx.AsyncClient, headers: dict[str, str], scenario: str,
                   lines: list[str], turns: int, think: tuple[float, float],
                   rng: random.Random, tally: Tally) -> None:
    await asyncio.sleep(rng.uniform(0, think[1]))  # trainees do not all start in step
    session = await _start(client, headers, scenario, tally)
    if session is None:
        return
    offset = rng.randrange(len(lines))
    for i in range(turns):
        await asyncio.sleep(rng.uniform(*think))
        text = lines[(offset + i) % len(lines)]
        t0 = time.perf_counter()
        try:
            r = await client.post(f"/api/sessions/{session}/turns", json={"text": text},
                                  headers=headers)
        except Exception as exc:  # noqa: BLE001
            tally.error(f"turn {type(exc).__name__}")
            continue
        tally.turns.append(time.perf_counter() - t0)
        if not 200 <= r.status_code < 300:
            tally.error(f"turn HTTP {r.status_code}", r.text)
            continue
        if r.json().get("finished"):
            session = await _start(client, headers, scenario, tally)
            if session is None:
                return


async def _login_all(base: str, names: list[str]) -> tuple[list[dict[str, str] | None],
                                                         float, Tally]:
    """Log every trainee in (eight at a time: logins are argon2-bound, not measured)."""
    tally = Tally()
    async with httpx.AsyncClient(base_url=base, timeout=httpx.Timeout(60.0)) as client:
        gate = asyncio.Semaphore(8)
        t0 = time.perf_counter()
        headers = await asyncio.gather(*(_login(client, n, tally, gate) for n in names))
    return list(headers), time.perf_counter() - t0, tally


async def _load(base: str, headers: list[dict[str, str] | None], turns: int,
                think: tuple[float, float], seed: int, timeout_s: float) -> dict[str, Any]:
    scripts = expert_lines()
    scenarios = sorted(scripts)
    tally = Tally()
    limits = httpx.Limits(max_connections=len(headers) + 8,
                          max_keepalive_connections=len(headers) + 8)
    async with httpx.AsyncClient(base_url=base, limits=limits,
                                 timeout=httpx.Timeout(30.0)) as client:
        tasks = []
        for i, h in enumerate(headers):
            if h is None:
                tally.error("not logged in")
                continue
            sid = scenarios[i % len(scenarios)]
            tasks.append(asyncio.ensure_future(_trainee(
                client, h, sid, scripts[sid], turns, think, random.Random(seed * 100_003 + i),
                tally)))
        t0, c0 = time.perf_counter(), time.process_time()
        done, pending = await asyncio.wait(tasks, timeout=timeout_s)
        wall, client_cpu = time.perf_counter() - t0, time.process_time() - c0
        for task in pending:
            task.cancel()
            tally.error("global timeout")
        for task in done:
            if task.exception() is not None:
                tally.error(f"trainee {type(task.exception()).__name__}")
    result: dict[str, Any] = {"trainees": len(headers), "turns_per_trainee": turns,
                              "think_s": list(think), "wall_s": round(wall, 2),
                              "timed_out": bool(pending)}
    result["turn"] = summary_ms(tally.turns) if tally.turns else {"n": 0}
    result["session_start"] = summary_ms(tally.starts) if tally.starts else {"n": 0}
    result["throughput_turns_per_s"] = round(len(tally.turns) / wall, 1) if wall else 0.0
    result["requests"] = len(tally.turns) + len(tally.starts)
    result["client_cpu_s"] = round(client_cpu, 2)
    result["errors"] = tally.errors
    result["error_kinds"] = tally.error_kinds
    if tally.error_samples:
        result["error_samples"] = tally.error_samples
    result["max_ms"] = round(max(tally.turns) * 1000, 1) if tally.turns else None
    return result


def _first_turn(base: str, name: str) -> float:
    """One session and one turn (loads whatever the analysis loads lazily); its ms."""
    with httpx.Client(base_url=base, timeout=30.0) as client:
        token = client.post("/api/auth/token", data={"username": name, "password": PASSWORD})
        token.raise_for_status()
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        r = client.post("/api/sessions", json={"scenario": "bridge-jumper"}, headers=headers)
        r.raise_for_status()
        t0 = time.perf_counter()
        client.post(f"/api/sessions/{r.json()['id']}/turns", json={"text": "I'm Sam. "
                    "What's happened tonight?"}, headers=headers).raise_for_status()
        return round((time.perf_counter() - t0) * 1000, 1)


def run(ns: list[int], turns: int = 10, think: tuple[float, float] = (0.5, 2.0),
        seed: int = 8, postgres: bool = False, timeout_s: float = 300.0,
        workers: int = 1) -> dict[str, Any]:
    """Start a server on a fresh database and load it with each N of ``ns`` in turn.

    The trainees of the largest N log in once (their tokens serve every N); ``timeout_s``
    bounds all the loads together.
    """
    with tempfile.TemporaryDirectory(prefix="parley-load-") as tmp:
        home = Path(tmp)
        if postgres:
            with postgres_database() as url:
                return _run(home, url, ns, turns, think, seed, timeout_s, workers)
        return _run(home, f"sqlite:///{home / 'parley.db'}", ns, turns, think, seed,
                    timeout_s, workers)


def _run(home: Path, url: str, ns: list[int], turns: int, think: tuple[float, float],
         seed: int, timeout_s: float, workers: int) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env.update(PARLEY_HOME=str(home), PARLEY_DATABASE_URL=url, NO_COLOR="1")
    log = home / "serve.log"
    result: dict[str, Any] = {
        "database": url.split(":", 1)[0].split("+")[0], "workers": workers,
        "server": "parley serve (uvicorn, 1 process, 40 threads)" if workers == 1 else
        f"uvicorn --workers {workers} --factory parley.web:create_app"}
    server = start_server(env, log)
    try:
        result["startup_first_ms"] = server.startup_ms  # migrates the empty database
        server.stop()
        server = start_server(env, log, workers=workers)
        result["startup_ms"] = server.startup_ms
        result["memory_after_startup"] = server.memory()
        names = create_trainees(url, max(ns))
        result["first_turn_ms"] = _first_turn(server.base, names[0])
        result["memory_models_loaded"] = server.memory()
        headers, login_s, logins = asyncio.run(_login_all(server.base, names))
        result["login_s"] = round(login_s, 2)
        result["login_errors"] = logins.errors
        result["memory_after_logins"] = server.memory()
        deadline = time.perf_counter() + timeout_s
        runs = {}
        for n in ns:
            left = max(5.0, deadline - time.perf_counter())
            cpu = server.cpu_s()
            one = asyncio.run(_load(server.base, headers[:n], turns, think, seed + n, left))
            cpu = server.cpu_s() - cpu
            one["server_cpu_s"] = round(cpu, 2)
            one["server_cpu_ms_per_request"] = round(
                cpu * 1000 / one["requests"], 2) if one["requests"] else None
            one["memory_after"] = server.memory()
            runs[str(n)] = one
        result["runs"] = runs
        result["memory_after_load"] = server.memory()
    finally:
        server.stop()
        noted = [ln for ln in log.read_text(errors="replace").splitlines()
                 if "Error" in ln or "Traceback" in ln]
        if noted:
            result["server_log_errors"] = noted[-10:]
    return result


def p95_of(runs: dict[str, Any], n: int) -> float:
    """The client-side turn p95 (ms) of the run with ``n`` trainees, or NaN."""
    turn = runs.get(str(n), {}).get("turn", {})
    return float(turn.get("p95_ms", float("nan")))


__all__ = ["percentile", "postgres_available", "run"]


if __name__ == "__main__":  # python -m benchmarks.live_load [N ...] [--postgres]
    import argparse
    import json

    parser = argparse.ArgumentParser(description="Live load against parley serve.")
    parser.add_argument("n", type=int, nargs="*", default=[50, 100, 200])
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.n, turns=args.turns, postgres=args.postgres,
                         workers=args.workers), indent=2))
