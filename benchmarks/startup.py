"""Start-up time of the CLI."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

from benchmarks._common import percentile


def run(repeats: int) -> dict[str, Any]:
    """Median wall time of ``parley scenarios list`` in a fresh interpreter."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "parley", "scenarios", "list"], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    return {"cli_scenarios_list_ms": round(percentile(times, 50) * 1000, 1)}
