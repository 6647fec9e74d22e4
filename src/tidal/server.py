"""The HTTP/websocket server: one Starlette app per script, served by uvicorn.

Owns the routes (``/`` and page paths -> the front end, ``/static``, ``/ws``, ``/healthz``,
``/readyz``, ``/metrics``), the worker pool that runs scripts, session expiry, the listening
socket (with TCP_NODELAY on every connection) and start-up/shutdown. The headers of every
response are ``headers.py``'s. Knows nothing about widgets.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import faulthandler
import gc
import hmac
import logging
import os
import secrets
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket

from tidal.app_static import AppStaticFiles
from tidal.codec import load_or_create_secret, make_codec
from tidal.component_assets_route import component_asset, component_inline_js
from tidal.component_files import component_file, frame_shell
from tidal.config import Config, inspector_enabled
from tidal.connection import Connection
from tidal.context import RunOptions
from tidal.durability import Durability
from tidal.headers import ResponseHeaders, content_security_policy, security_headers
from tidal.http_protocol import uvicorn_settings
from tidal.media import MediaRoutes
from tidal.metrics import Metrics
from tidal.pool import STUCK_SECONDS, WorkerPool
from tidal.runner import Script, add_app_folder_to_path
from tidal.session import Session
from tidal.sessions import Sessions
from tidal.stores import open_store
from tidal.tags import ClassFinder
from tidal.theme import theme_css
from tidal.uploads import UploadRoutes
from tidal.watcher import watch

log = logging.getLogger("tidal.server")

STATIC_DIR = Path(__file__).resolve().parent / "static"
EXPIRY_INTERVAL = 5.0
PURGE_INTERVAL = 60.0
"""Seconds between deletions of expired sessions from the store (SQLite; Redis expires them)."""


@dataclass(slots=True)
class Runtime:
    """What the app's routes share: the sessions and the pool that runs scripts."""

    config: Config
    script: Script
    sessions: Sessions
    executor: WorkerPool
    durability: Durability
    metrics: Metrics


def create_app(config: Config, script_path: Path) -> Starlette:
    """The ASGI app serving ``script_path`` with ``config``.

    Example:
        >>> app = create_app(load_config(), Path("app.py"))  # then serve it with uvicorn
    """
    script_path = script_path.resolve()
    add_app_folder_to_path(script_path)
    options = RunOptions.from_config(config)
    script = Script(script_path, magic=options.magic)
    executor = WorkerPool()  # a thread per busy session: a stuck script starves no one
    metrics = Metrics()
    durability = open_durability(config, script_path, metrics)

    def factory(token: str | None) -> Session:
        return Session(script, options, token=token, executor=executor, durability=durability)

    sessions = Sessions(
        factory,
        ttl=config.session.ttl,
        durability=durability,
        idle_timeout=config.session.idle_timeout,
    )
    runtime = Runtime(config, script, sessions, executor, durability, metrics)
    _register_gauges(metrics, sessions)
    _register_run_gauges(metrics, executor)
    title = script_path.stem.replace("_", " ").title()
    inspector = inspector_enabled(config)
    index = STATIC_DIR / "index.html"
    theme = theme_css(config.theme)

    async def theme_stylesheet(request: Request) -> Response:
        return PlainTextResponse(
            theme, media_type="text/css", headers={"Cache-Control": "no-cache"}
        )

    page_html = index.read_text("utf-8")

    async def page(request: Request) -> Response:
        # a fresh nonce per page load: the scripts an app shows on purpose (st.html with
        # unsafe_allow_javascript) run with it; no other inline script does
        nonce = secrets.token_urlsafe(16)
        html = page_html.replace("<script ", f'<script nonce="{nonce}" ')
        csp = content_security_policy(config, nonce)
        return HTMLResponse(html, headers={"Content-Security-Policy": csp})

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def readyz(request: Request) -> Response:
        problems = [p for p in (durability.health(),) if p]
        if not executor.can_start():
            problems.append(f"all {executor.busy} script threads are busy")
        if problems:
            return PlainTextResponse("not ready: " + "; ".join(problems), status_code=503)
        return PlainTextResponse("ready")

    metrics_token = config.server.metrics_token

    async def metrics_endpoint(request: Request) -> Response:
        if metrics_token and not _bearer_matches(request, metrics_token):
            return PlainTextResponse(
                "The metrics need the header Authorization: Bearer <server.metricsToken>.",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="tidal metrics"'},
            )
        return PlainTextResponse(
            metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8"
        )

    async def ws_endpoint(websocket: WebSocket) -> None:
        if not _origin_allowed(websocket, config.server.allowed_origins):
            await websocket.close(code=1008, reason="origin not allowed")
            log.warning("refused a websocket from origin %s", websocket.headers.get("origin"))
            return
        conn = Connection(
            websocket,
            runtime.sessions,
            title=title,
            max_events_per_second=config.session.max_events_per_second,
            theme=config.theme.base,
            inspector=inspector,
        )
        await conn.serve()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        gc.freeze()  # start-up objects never need collecting: keeps later collections short
        expiry = asyncio.create_task(_housekeeping(runtime.sessions))
        stop_watching = asyncio.Event()
        watcher = asyncio.create_task(
            watch(
                script_path.parent,
                runtime.sessions,
                run_on_save=lambda: config.server.run_on_save,
                stop=stop_watching,
            )
        )
        try:
            yield
        finally:
            expiry.cancel()
            stop_watching.set()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(watcher, 2)
            await asyncio.to_thread(_shutdown, runtime)

    # uploads in (HTTP, never the websocket) and media out (by content hash, per session)
    uploads = UploadRoutes(
        sessions,
        durability,
        max_upload_mb=config.server.max_upload_size,
        allowed_origins=config.server.allowed_origins,
    )
    media = MediaRoutes(sessions, durability)

    # server.enableStaticServing: the app's static folder (fonts of [[theme.fontFaces]]...)
    app_static = (
        [
            Mount(
                "/app/static",
                AppStaticFiles(directory=script_path.parent / "static", check_dir=False),
            )
        ]
        if config.server.enable_static_serving
        else []
    )
    app = Starlette(
        routes=[
            *uploads.routes(),
            *media.routes(),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route("/_tidal/theme.css", theme_stylesheet),
            WebSocketRoute("/ws", ws_endpoint),
            # compressed: the page's modules and the vendored libraries are text (a page of
            # charts fetches megabytes of JavaScript); media and uploads are not
            Mount(
                "/static",
                GZipMiddleware(StaticFiles(directory=STATIC_DIR), minimum_size=1024),
                name="static",
            ),
            *app_static,
            Route("/component/{name}/{path:path}", component_file),
            Route("/_tidal/frame", frame_shell),
            Route("/_tidal/components/{name}/{path:path}", component_asset),
            Route("/_tidal/component-js/{name}/{digest}.js", component_inline_js),
            Route("/", page),
            Route("/{page:path}", page),
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.add_middleware(ResponseHeaders, headers=security_headers(config))
    return app


def _bearer_matches(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode())


def open_durability(config: Config, script_path: Path, metrics: Metrics) -> Durability:
    """The configured store and codec (the pickle codec's key: ``server.secret`` or the one
    kept in ``<app folder>/.tidal/secret``; the safe codec restores classes only from modules
    already imported and from the app's own modules)."""
    app_dir = script_path.parent
    secret: bytes | None = None
    if config.session.codec == "pickle":
        secret = config.server.secret.encode() or load_or_create_secret(app_dir)
    codec = make_codec(config.session.codec, secret, finder=ClassFinder(app_dir, script_path))
    return Durability(
        open_store(config.session.store), codec, ttl=config.session.ttl, metrics=metrics
    )


def _register_gauges(metrics: Metrics, sessions: Sessions) -> None:
    durability = sessions.durability
    if durability is not None:
        metrics.gauge(
            "tidal_store_up",
            "1 while the session store answers, 0 while it is known to be down.",
            lambda: int(durability.breaker.closed),
        )
        metrics.gauge(
            "tidal_store_pending_saves",
            "Session documents waiting to be written to the store.",
            durability.saver.pending,
        )
    metrics.gauge("tidal_sessions", "Sessions held in memory.", lambda: len(sessions))
    metrics.gauge(
        "tidal_sessions_connected", "Sessions with a live connection.", sessions.connected_count
    )
    metrics.gauge("tidal_sessions_created_total", "Sessions created.", lambda: sessions.created)
    metrics.gauge(
        "tidal_sessions_resumed_total",
        "Sessions resumed (refresh, reconnect, restart, another replica).",
        lambda: sessions.resumed,
    )
    metrics.gauge(
        "tidal_sessions_restored_total",
        "Sessions resumed from the store rather than from memory.",
        lambda: sessions.restored,
    )
    metrics.gauge(
        "tidal_sessions_hibernated_total",
        "Sessions written to the store and dropped from memory while idle.",
        lambda: sessions.hibernated,
    )


def _register_run_gauges(metrics: Metrics, executor: WorkerPool) -> None:
    metrics.gauge("tidal_runs_busy", "Script runs in progress.", lambda: executor.busy)
    metrics.gauge(
        "tidal_runs_stuck",
        f"Script runs in progress for more than {STUCK_SECONDS:g} s.",
        executor.stuck,
    )
    metrics.gauge("tidal_runs_waiting", "Runs waiting for a free thread.", lambda: executor.queued)
    metrics.gauge("tidal_run_threads", "Threads that run scripts.", lambda: executor.threads)


async def _housekeeping(sessions: Sessions) -> None:
    """Expire and hibernate idle sessions; keep live ones from expiring in the store."""
    shortest = min(sessions.ttl, sessions.idle_timeout or sessions.ttl)
    interval = min(EXPIRY_INTERVAL, max(0.05, shortest / 4))
    next_purge = time.monotonic() + PURGE_INTERVAL
    while True:
        await asyncio.sleep(interval)
        # no loop variable: it would keep the last expired session alive until the next pass
        log.debug("%d session(s) left memory", len(sessions.expire()))
        await asyncio.to_thread(sessions.touch_live)
        if sessions.durability is not None:
            await asyncio.to_thread(sessions.durability.probe)
        if time.monotonic() >= next_purge:
            next_purge = time.monotonic() + PURGE_INTERVAL
            await asyncio.to_thread(sessions.purge_store)


def _shutdown(runtime: Runtime) -> None:
    """Stop runs, write every session to the store, release the store."""
    for s in runtime.sessions.all():
        s.force_stop()
    for s in runtime.sessions.all():
        if s.wait_idle(2.0):
            s.save_now()
    runtime.executor.shutdown()
    runtime.durability.close(timeout=2.0)


def _origin_allowed(websocket: WebSocket, allowed: tuple[str, ...]) -> bool:
    origin = websocket.headers.get("origin")
    if origin is None:
        return True  # not a browser: protocol clients, tests
    if "*" in allowed or origin in allowed:
        return True
    return urlsplit(origin).netloc == websocket.headers.get("host")


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
