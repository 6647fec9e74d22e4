"""Serving an app: the listening socket, uvicorn, and the worker processes.

Owns ``serve`` (what ``tidal run`` calls): it binds the socket once (``IPPROTO_TCP``, so every
accepted connection gets TCP_NODELAY; the next free port when the asked one is taken), then
serves the app ``server.create_app`` builds with uvicorn in this process, or forks
``server.workers`` processes on the shared socket and replaces one that dies. Knows nothing
about routes or sessions.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import faulthandler
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tidal.config import Config
from tidal.http_protocol import uvicorn_settings
from tidal.server import create_app

log = logging.getLogger("tidal.server")  # the server's one logger, for the app and its processes


def bind_socket(address: str, port: int, *, search: int = 100) -> socket.socket:
    """A listening socket on ``address``, at ``port`` or the next free port after it.

    The socket is created with ``IPPROTO_TCP`` so that asyncio turns on TCP_NODELAY for every
    accepted connection: small websocket frames are not held back by Nagle's algorithm.
    """
    host = "127.0.0.1" if address in ("", "localhost") else address
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last_error: OSError | None = None
    for candidate in range(port, port + search):
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            if exc.errno != errno.EADDRINUSE:
                raise
            last_error = exc
            if port == 0:
                break
            continue
        sock.listen(2048)
        sock.setblocking(False)
        return sock
    raise OSError(f"no free port in {port}..{port + search - 1} on {host}: {last_error}")


def serve(
    config: Config,
    script_path: Path,
    *,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the app until Ctrl-C (or SIGTERM), then shut down cleanly.

    With ``server.workers`` > 1 the listening socket is bound once and shared by that many
    forked server processes; they share sessions through the configured (durable) store.
    """
    sock = bind_socket(config.server.address, config.server.port)
    host, port = sock.getsockname()[:2]
    if port != config.server.port and config.server.port != 0:
        print(
            f"  Port {config.server.port} is in use; serving on port {port} instead.",
            file=sys.stderr,
        )
    shown = "localhost" if host == "127.0.0.1" else host
    url = f"http://{shown}:{port}"
    if config.server.workers > 1:
        _serve_workers(config, script_path, sock, url, on_ready)
    else:
        _serve_one(config, script_path, sock, url, on_ready)


def _serve_one(
    config: Config,
    script_path: Path,
    sock: socket.socket,
    url: str,
    on_ready: Callable[[str], None] | None,
) -> None:
    import uvicorn  # heavy: imported only when serving

    # `kill -USR1 <pid>` prints every thread's stack to stderr: a stuck script, found fast
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    app = create_app(config, script_path)
    uv_config = uvicorn.Config(
        app,
        log_level=config.logger.level if config.logger.level != "info" else "warning",
        lifespan="on",
        timeout_graceful_shutdown=3,
        **uvicorn_settings(config),
    )
    server = uvicorn.Server(uv_config)

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.005)
        if server.started and on_ready is not None:
            on_ready(url)
        await task

    asyncio.run(main())


def _serve_workers(
    config: Config,
    script_path: Path,
    sock: socket.socket,
    url: str,
    on_ready: Callable[[str], None] | None,
) -> None:
    """Fork ``server.workers`` processes on the shared socket; forward Ctrl-C/SIGTERM to
    them and replace one that dies unexpectedly (at most once per worker per minute)."""
    count = config.server.workers
    children: dict[int, int] = {}  # pid -> worker number
    stopping = False

    def spawn(number: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGINT, signal.default_int_handler)
            code = 0
            try:
                _serve_one(config, script_path, sock, url, None)
            except KeyboardInterrupt:
                pass
            except BaseException:
                log.exception("worker %d failed", number)
                code = 1
            os._exit(code)
        children[pid] = number

    def forward(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    for n in range(count):
        spawn(n)
    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    if on_ready is not None:
        on_ready(url)
    respawned: dict[int, float] = {}
    try:
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            number = children.pop(pid, None)
            if number is None or stopping:
                continue
            now = time.monotonic()
            if now - respawned.get(number, -1e9) < 60:
                log.error("worker %d died again (status %d); not restarting it", number, status)
                continue
            log.warning("worker %d died (status %d); starting a new one", number, status)
            respawned[number] = now
            spawn(number)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
