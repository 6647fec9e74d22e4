"""Protocol-level figures, no browser: click round trip, bytes per click, memory per session.

Streamlit 1.67 on this machine: counter 83.8 ms (tuned 5.9 ms) round trip; bytes in per click
693 (counter), 73,958 (big_text), 37,754 (big_widgets); 91 KB RSS per idle session (N=50).
"""

from __future__ import annotations

import asyncio
import json
import time

import websockets
from common import APPS, Server, summary


async def open_session(ws_url: str) -> tuple[websockets.ClientConnection, dict[str, str]]:
    ws = await websockets.connect(ws_url, max_size=1 << 24)
    await ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "bench", "token": None}))
    labels: dict[str, str] = {}
    while True:
        msg = json.loads(await ws.recv())
        if msg["t"] == "delta":
            for op in msg["ops"]:
                if op["o"] == "set" and "id" in op["e"]["p"]:
                    labels[op["e"]["p"]["label"]] = op["e"]["p"]["id"]
        if msg["t"] == "end":
            return ws, labels


async def clicks(app: str, n: int) -> None:
    server = Server(APPS / app)
    try:
        ws, labels = await open_session(server.ws_url)
        button = labels["Increment"]
        lat, bytes_in, bytes_out = [], 0, 0
        for seq in range(1, n + 1):
            frame = json.dumps({"t": "change", "seq": seq, "id": button, "v": True})
            t = time.perf_counter()
            await ws.send(frame)
            bytes_out += len(frame)
            while True:
                raw = await ws.recv()
                bytes_in += len(raw)
                msg = json.loads(raw)
                if msg["t"] == "end" and msg["ack"] >= seq:
                    break
            lat.append(time.perf_counter() - t)
        await ws.close()
        print(
            f"protocol {app}: click -> run finished {summary(lat)}; "
            f"bytes per click in {bytes_in / n:.0f} B, out {bytes_out / n:.0f} B"
        )
    finally:
        server.stop()


async def memory(n: int = 100) -> None:
    server = Server(APPS / "counter.py")
    try:
        warm, _ = await open_session(server.ws_url)
        await asyncio.sleep(1.0)
        before = server.rss()
        conns = []
        for _ in range(n):
            ws, _ = await open_session(server.ws_url)
            conns.append(ws)
        await asyncio.sleep(2.0)
        after = server.rss()
        print(
            f"memory: {n} idle counter sessions: {(after - before) / n / 1024:.1f} KB per "
            f"session (RSS {before / 2**20:.1f} -> {after / 2**20:.1f} MB)  [Streamlit 91 KB]"
        )
        for ws in [warm, *conns]:
            await ws.close()
    finally:
        server.stop()


async def main() -> None:
    await clicks("counter.py", 500)
    await clicks("big_text.py", 100)
    await clicks("big_widgets.py", 100)
    await memory(100)


if __name__ == "__main__":
    asyncio.run(main())
