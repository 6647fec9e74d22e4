"""The HTTP/websocket server: one Starlette app per script, served by uvicorn.

Owns the app factory: the worker pool that runs scripts, the sessions, the ``/ws`` endpoint,
session expiry, start-up/shutdown, and the one list that mounts every route family (uploads,
media, monitoring, components, the front end: each in a module of its own). The headers of
every response are ``headers.py``'s; the socket and the processes that serve the app are
``serving.py``'s. Knows nothing about widgets.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.routing import Mount, WebSocketRoute
from starlette.websockets import WebSocket

from tidal.app_static import AppStaticFiles
from tidal.auth_routes import AuthRoutes
from tidal.codec import load_or_create_secret, make_codec
from tidal.component_assets_route import component_asset_routes
from tidal.component_files import component_file_routes
from tidal.config import Config, inspector_enabled
from tidal.connection import Connection
from tidal.context import RunOptions
from tidal.durability import Durability
from tidal.front_end import FrontEndRoutes
from tidal.headers import ResponseHeaders, security_headers
from tidal.media import MediaRoutes
from tidal.metrics import Metrics
from tidal.monitoring import MonitoringRoutes, register_run_gauges, register_session_gauges
from tidal.pool import WorkerPool
from tidal.runner import Script, add_app_folder_to_path
from tidal.session import Session
from tidal.sessions import Sessions
from tidal.stores import open_store
from tidal.tags import ClassFinder
from tidal.uploads import UploadRoutes
from tidal.watcher import watch

log = logging.getLogger("tidal.server")

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
    register_session_gauges(metrics, sessions)
    register_run_gauges(metrics, executor)
    title = script_path.stem.replace("_", " ").title()
    inspector = inspector_enabled(config)

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
    monitoring = MonitoringRoutes(
        durability, executor, metrics, metrics_token=config.server.metrics_token
    )

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
        # every route family, one line each (a new family adds its line above the front end)
        routes=[
            *uploads.routes(),
            *media.routes(),
            *monitoring.routes(),
            *AuthRoutes(script_path.parent).routes(),  # st.login / st.logout
            WebSocketRoute("/ws", ws_endpoint),
            *app_static,
            *component_file_routes(),
            *component_asset_routes(),
            # last: the front end's "/{page:path}" matches every path not mounted above
            *FrontEndRoutes(config).routes(),
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.add_middleware(ResponseHeaders, headers=security_headers(config))
    return app


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
