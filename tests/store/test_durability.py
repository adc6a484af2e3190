"""Kill a real `parley train` process mid-session, then resume it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from parley.store import db, list_sessions, load_session

PARLEY = [sys.executable, "-m", "parley"]


def _wait_for_turns(n: int, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db() as s:
            rows = list_sessions(db=s)
            if rows:
                _, _, events = load_session(db=s, session_id=rows[0].id)
                if sum(e["type"] == "turn" for e in events) >= n:
                    return rows[0].id
        time.sleep(0.1)
    raise AssertionError(f"no session with {n} committed turns after {timeout}s")


def test_sigkill_loses_no_committed_turn_and_resume_continues(database):
    env = {**os.environ, "COLUMNS": "100"}
    proc = subprocess.Popen(PARLEY + ["train", "bridge-jumper", "--seed", "4", "--no-coach"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    try:
        assert proc.stdin is not None
        proc.stdin.write(b"What's going on tonight?\n")
        proc.stdin.write(b"You sound completely worn out.\n")
        proc.stdin.flush()
        session_id = _wait_for_turns(2)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        for stream in (proc.stdin, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL
    with db() as s:
        row, _, events = load_session(db=s, session_id=session_id)
    assert row.status == "running"
    assert [e["text"] for e in events if e["type"] == "turn"] == [
        "What's going on tonight?", "You sound completely worn out."]

    done = subprocess.run(PARLEY + ["train", "--resume", session_id, "--no-coach"],
                          input=b"Tell me about the kids.\n/end\n", capture_output=True,
                          env=env, timeout=60)
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "What's going on tonight?" in out and "Debrief" in out
    with db() as s:
        row, _, events = load_session(db=s, session_id=session_id)
    assert row.status == "finished"
    assert [e["text"] for e in events if e["type"] == "turn"] == [
        "What's going on tonight?", "You sound completely worn out.", "Tell me about the kids."]
