"""Parallel fragments (issue 13): what a rerun costs with and without them, through AppTest.

CPU time (``time.process_time``), best of 10 batches of 20 reruns: the machine is shared, and
CPU time is what the lock and the worker threads add. Wall time for a page of three cards that
each wait 0.2 s: in sequence 0.6 s, side by side about 0.2 s.
"""

from __future__ import annotations

import time

from tidal.testing import AppTest

CARDS = """
import time
import tidal as st

@st.fragment(parallel=PARALLEL)
def card(n):
    time.sleep(SLEEP)
    for i in range(200):
        st.write(f"card {n} line {i}")
    st.checkbox(f"box {n}", key=f"box{n}")

for n in range(3):
    card(n)
st.write("end")
"""


def cpu_per_rerun(source: str) -> float:
    at = AppTest.from_string(source).run()
    for _ in range(10):
        at.run()
    best = float("inf")
    for _ in range(10):
        started = time.process_time()
        for _ in range(20):
            at.run()
        best = min(best, (time.process_time() - started) / 20)
    return best


def wall_of_one_run(source: str) -> float:
    at = AppTest.from_string(source)
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def main() -> None:
    for parallel in (False, True):
        source = CARDS.replace("PARALLEL", str(parallel))
        cpu = cpu_per_rerun(source.replace("SLEEP", "0"))
        wall = wall_of_one_run(source.replace("SLEEP", "0.2"))
        print(
            f"parallel={parallel}: 3 cards of 200 elements: {cpu * 1000:.2f} ms CPU per rerun; "
            f"with 0.2 s of waiting per card: {wall:.2f} s per run"
        )


if __name__ == "__main__":
    main()
