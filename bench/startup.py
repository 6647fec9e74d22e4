"""Launch `tidal run counter.py` -> first healthy /healthz (Streamlit: 0.870 s)."""

from __future__ import annotations

import statistics

from common import APPS, Server


def main() -> None:
    times = []
    for _ in range(10):
        server = Server(APPS / "counter.py")
        times.append(server.healthy_after)
        server.stop()
    print(
        f"startup: launch -> healthy {statistics.median(times):.3f} s median "
        f"({min(times):.3f}-{max(times):.3f}, n=10)  [Streamlit 0.870 s]"
    )


if __name__ == "__main__":
    main()
