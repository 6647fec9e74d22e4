"""Run every benchmark and print its figures (`make bench`). Not a test: nothing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "import_time.py",
    "apptest_clicks.py",
    "startup.py",
    "protocol.py",
    "browser.py",
    "durability.py",
    "streaming.py",
    "uploads.py",
    "parallel_fragments.py",
]


def main() -> int:
    failed = 0
    for name in SCRIPTS:
        if not (HERE / name).exists():
            continue
        print(f"== {name}", flush=True)
        rc = subprocess.run([sys.executable, str(HERE / name)], cwd=HERE).returncode
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
