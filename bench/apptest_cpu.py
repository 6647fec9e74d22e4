"""CPU cost of one AppTest click (a whole rerun), in figures that hold on a loaded machine.

Two apps: the counter (bench/apps/counter.py) and a form of 30 widgets plus a button
(bench/apps/thirty_widgets.py). Two measures:

- CPU µs per click (``time.process_time``, which a busy neighbour barely moves): median of
  7 rounds of 500 counter clicks (100 for the 30 widgets);
- with ``--callgrind``: machine instructions per click of the main thread, counted by
  ``valgrind --tool=callgrind`` (repeatable to a few hundred instructions under any load).
  Two runs of N1 and N2 clicks; their difference over N2 - N1 leaves out start-up. The AppTest
  watchdog thread ticks on wall time, so only the main thread is counted.

    python bench/apptest_cpu.py                 # CPU µs per click
    python bench/apptest_cpu.py --callgrind     # instructions per click (a few minutes)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import APPS, PYTHON

from tidal.testing import AppTest

APPS_CLICKS = {"counter.py": (500, 50, 250), "thirty_widgets.py": (100, 20, 120)}
"""App -> (clicks per CPU round, N1, N2 clicks under callgrind)."""


def clicks(app: str, n: int, warm: int = 20) -> float:
    """CPU seconds for ``n`` clicks of the app's first button, after ``warm`` clicks."""
    at = AppTest.from_file(APPS / app).run()
    for _ in range(warm):
        at.button[0].click().run()
    t = time.process_time()
    for _ in range(n):
        at.button[0].click().run()
    return time.process_time() - t


def cpu() -> None:
    for app, (n, _, _) in APPS_CLICKS.items():
        rounds = [clicks(app, n) / n * 1e6 for _ in range(7)]
        print(
            f"apptest cpu: {app}: {statistics.median(rounds):.1f} µs per click "
            f"(min {min(rounds):.1f}, max {max(rounds):.1f}; 7 rounds of {n})"
        )


def instructions(app: str, n: int) -> int:
    """Instructions of the main thread for a process that clicks ``n`` times."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--separate-threads=yes",
                f"--callgrind-out-file={out}",
                PYTHON,
                __file__,
                "--clicks",
                app,
                str(n),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        for line in Path(f"{out}-01").read_text().splitlines():
            if line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError("callgrind wrote no totals")


def callgrind() -> None:
    for app, (_, n1, n2) in APPS_CLICKS.items():
        a, b = instructions(app, n1), instructions(app, n2)
        print(f"apptest instructions: {app}: {(b - a) / (n2 - n1):,.0f} per click")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--clicks"]:  # the process callgrind watches
        clicks(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["--callgrind"]:
        callgrind()
    else:
        cpu()
