"""Soak: waves of sessions connecting, clicking and leaving; memory and lost clicks.

Each wave opens ``--sessions`` tabs on the counter app at once (loopback only), clicks each
``--clicks`` times (every click waits for its run), checks the count each tab shows, and
closes them all; the server then expires them (``session.ttl`` 2 s here). Waves repeat for
``--duration`` seconds (default 600, at most 3600). Prints the server's RSS at the start and
at the end (each time after a wave's sessions expired and the idle script threads ended) and
its peak, the sessions and clicks served, the click round trip and the clicks lost (a tab
whose count is not its number of clicks).

    python bench/soak.py --duration 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import urllib.request

import websockets
from common import APPS, Server, summary

MAX_DURATION = 3600.0
TTL = 2.0
SETTLE = TTL + 36.0
"""Seconds for a wave's sessions to expire and the idle script threads to end (30 s)."""


async def tab(ws_url: str, clicks: int, latencies: list[float]) -> int:
    """One tab: hello, ``clicks`` clicks, close. Returns the clicks it lost."""
    async with websockets.connect(ws_url, max_size=1 << 24, open_timeout=30) as ws:
        await ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "soak", "token": None}))
        button, count = "", -1

        async def until_end(ack: int) -> None:
            nonlocal button, count
            while True:
                msg = json.loads(await asyncio.wait_for(ws.recv(), 60))
                if msg["t"] == "delta":
                    for op in msg["ops"]:
                        props = op.get("e", {}).get("p", {})
                        if props.get("label") == "Increment":
                            button = props["id"]
                        body = props.get("body", "")
                        if body.startswith("Count = "):
                            count = int(body.split("`")[1])
                elif msg["t"] == "end" and msg["status"] != "rerun" and msg["ack"] >= ack:
                    return

        await until_end(0)
        for seq in range(1, clicks + 1):
            started = time.perf_counter()
            await ws.send(json.dumps({"t": "change", "seq": seq, "id": button, "v": True}))
            await until_end(seq)
            latencies.append(time.perf_counter() - started)
        return clicks - count


async def wave(ws_url: str, sessions: int, clicks: int, latencies: list[float]) -> int:
    lost = await asyncio.gather(*(tab(ws_url, clicks, latencies) for _ in range(sessions)))
    return sum(lost)


async def soak(duration: float, sessions: int, clicks: int) -> None:
    server = Server(APPS / "counter.py", "--session.ttl", str(TTL))
    try:
        latencies: list[float] = []
        await wave(server.ws_url, sessions, clicks, [])  # warm-up: imports, caches, arenas
        await asyncio.sleep(SETTLE)  # its sessions expire, the idle script threads end
        start = peak = server.rss()
        waves = lost = 0
        ends = time.monotonic() + duration
        while time.monotonic() < ends:
            task = asyncio.ensure_future(wave(server.ws_url, sessions, clicks, latencies))
            while not task.done():
                peak = max(peak, server.rss())
                await asyncio.sleep(0.2)
            lost += task.result()
            waves += 1
            peak = max(peak, server.rss())
        await asyncio.sleep(SETTLE)
        end = server.rss()
        left = {m: _metric(server, m) for m in ("tidal_sessions", "tidal_run_threads")}
        mib = 1 << 20
        print(
            f"soak: {waves} waves x {sessions} sessions x {clicks} clicks in {duration:.0f} s; "
            f"RSS start {start / mib:.1f} MiB, peak {peak / mib:.1f} MiB, end {end / mib:.1f} "
            f"MiB ({(end - start) / start * 100:+.1f}%); click round trip {summary(latencies)}; "
            f"lost clicks {lost} of {waves * sessions * clicks}; at the end "
            f"{left['tidal_sessions']:g} sessions, {left['tidal_run_threads']:g} script threads"
        )
    finally:
        server.stop()


def _metric(server: Server, name: str) -> float:
    with urllib.request.urlopen(server.url + "/metrics", timeout=5) as r:
        for line in r.read().decode().splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=600.0, help="seconds (max 3600)")
    parser.add_argument("--sessions", type=int, default=500, help="tabs per wave")
    parser.add_argument("--clicks", type=int, default=3, help="clicks per tab")
    args = parser.parse_args()
    asyncio.run(soak(min(args.duration, MAX_DURATION), args.sessions, args.clicks))


if __name__ == "__main__":
    main()
