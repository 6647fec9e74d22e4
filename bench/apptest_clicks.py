"""100 clicks of the counter app through AppTest (Streamlit's AppTest: 0.63 s)."""

from __future__ import annotations

import statistics
import time

from common import APPS

from tidal.testing import AppTest


def main() -> None:
    totals = []
    for _ in range(5):
        at = AppTest.from_file(APPS / "counter.py").run()
        t = time.perf_counter()
        for _ in range(100):
            at.button[0].click().run()
        totals.append(time.perf_counter() - t)
        assert at.session_state.count == 100
    print(
        f"apptest: 100 counter clicks: median {statistics.median(totals):.4f} s "
        f"(min {min(totals):.4f}, max {max(totals):.4f}, 5 runs)  [Streamlit 0.630 s]"
    )


if __name__ == "__main__":
    main()
