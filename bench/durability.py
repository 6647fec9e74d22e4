"""Durable sessions: save cost per run, resume time, and memory with 10,000 hibernated tabs.

Prints figures; asserts nothing. Starts its own redis-server on a free loopback port.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import websockets
from common import APPS, Server, free_port, summary

from tidal.codec import make_codec
from tidal.durability import Durability
from tidal.state import SessionState
from tidal.stores import open_store


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(port),
         "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    import redis

    client = redis.Redis(port=port)
    deadline = time.monotonic() + 5
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    return proc, f"redis://127.0.0.1:{port}/0"


def save_cost(url: str, label: str) -> None:
    durability = Durability(open_store(url), make_codec("safe"), ttl=600)
    small = SessionState()
    for i in range(10):
        small[f"key{i}"] = [i, f"value {i}", {"n": i * 1.5}]
    epoch = durability.acquire("small")
    times = []
    for seq in range(500):
        t = time.perf_counter()
        assert durability.save("small", small, page="", seq=seq, epoch=epoch).outcome == "saved"
        times.append(time.perf_counter() - t)
    print(f"save {label}: 10-key state per run {summary(times)}")
    import numpy as np
    import pandas as pd

    big = SessionState()
    big["df"] = pd.DataFrame({"a": np.arange(65536.0), "b": np.arange(65536.0)})  # 1 MiB
    epoch = durability.acquire("big")
    times = []
    size = 0
    for seq in range(30):
        t = time.perf_counter()
        result = durability.save("big", big, page="", seq=seq, epoch=epoch)
        times.append(time.perf_counter() - t)
        assert result.outcome == "saved"
    size = int(durability.metrics.snapshot_bytes.total / durability.metrics.snapshot_bytes.count)
    print(
        f"save {label}: 1 MiB DataFrame per run {summary(times)} (mean snapshot {size} B "
        "over both sizes)"
    )
    durability.store.close()


async def hello(ws_url: str, token: str | None, nonce: str) -> tuple[str, float, dict]:
    t = time.perf_counter()
    async with websockets.connect(ws_url) as ws:
        await ws.send(json.dumps({"t": "hello", "v": 1, "nonce": nonce, "token": token}))
        ids: dict[str, str] = {}
        tok = ""
        while True:
            msg = json.loads(await ws.recv())
            if msg["t"] == "welcome":
                tok = msg["token"]
            if msg["t"] == "delta":
                for op in msg["ops"]:
                    if op["o"] == "set" and "id" in op["e"]["p"]:
                        ids[op["e"]["p"]["label"]] = op["e"]["p"]["id"]
            if msg["t"] == "end":
                return tok, time.perf_counter() - t, ids


async def resume_time(store_url: str, label: str, n: int = 50) -> None:
    server = Server(APPS / "counter.py", "--session.store", store_url)
    tokens = []
    for i in range(n):
        tok, _, _ = await hello(server.ws_url, None, f"a{i}")
        tokens.append(tok)
    warm = [(await hello(server.ws_url, tok, f"b{i}"))[1] for i, tok in enumerate(tokens)]
    server.stop()
    server = Server(APPS / "counter.py", "--session.store", store_url)  # nothing in memory
    cold = [(await hello(server.ws_url, tok, f"c{i}"))[1] for i, tok in enumerate(tokens)]
    fresh = [(await hello(server.ws_url, None, f"d{i}"))[1] for i in range(n)]
    server.stop()
    print(
        f"resume {label}: page load -> first run done: new session {summary(fresh)}; "
        f"resumed from memory {summary(warm)}; from the store after a restart "
        f"{summary(cold)}"
    )


async def hibernated_memory(store_url: str, folder: Path, n: int = 10_000) -> None:
    server = Server(APPS / "counter.py", "--session.store", store_url,
                    "--session.idleTimeout", "1", "--session.ttl", "3600")  # fmt: skip
    await hello(server.ws_url, None, "warm")
    await asyncio.sleep(2)
    before = server.rss()
    started = time.perf_counter()
    for i in range(n):
        await hello(server.ws_url, None, f"h{i}")
    opened = time.perf_counter() - started
    await asyncio.sleep(6)  # > idleTimeout + a housekeeping tick
    after = server.rss()
    server.stop()
    db = folder / "h.db"
    size = sum(p.stat().st_size for p in folder.glob("h.db*"))
    print(
        f"hibernate: {n} tabs opened in {opened:.1f} s, then idle: server RSS "
        f"{before / 2**20:.1f} -> {after / 2**20:.1f} MB ({(after - before) / n:.0f} B per "
        f"hibernated tab); SQLite store {size / 2**20:.1f} MB ({db.name})"
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="tidal-bench-"))
    redis_proc, redis_url = start_redis(folder)
    try:
        save_cost(f"sqlite:///{folder / 'save.db'}", "SQLite")
        save_cost(redis_url, "Redis")
        asyncio.run(resume_time(f"sqlite:///{folder / 'resume.db'}", "SQLite"))
        asyncio.run(resume_time(redis_url, "Redis"))
        asyncio.run(hibernated_memory(f"sqlite:///{folder / 'h.db'}", folder))
    finally:
        redis_proc.terminate()
        redis_proc.wait(5)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
