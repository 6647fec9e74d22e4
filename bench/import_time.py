"""Wall time of `python -c "import tidal"` minus `python -c pass` (Streamlit: 0.548 s)."""

from __future__ import annotations

import os
import statistics
import subprocess
import time

from common import PYTHON

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(code: str) -> float:
    t = time.perf_counter()
    subprocess.run([PYTHON, "-c", code], check=True, env=ENV)  # with bytecode caches
    return time.perf_counter() - t


def main() -> None:
    wall("import tidal")
    base = statistics.median(wall("pass") for _ in range(10))
    imp = statistics.median(wall("import tidal") for _ in range(10))
    print(
        f"import: `import tidal` {imp * 1000:.0f} ms wall, {(imp - base) * 1000:.0f} ms over "
        f"`python -c pass` (median of 10)  [Streamlit 548 ms]"
    )


if __name__ == "__main__":
    main()
