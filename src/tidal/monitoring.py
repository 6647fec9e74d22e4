"""The monitoring endpoints: ``/healthz``, ``/readyz`` and ``/metrics``, and the gauges
``/metrics`` shows.

``/healthz`` answers while the process serves; ``/readyz`` answers 503 with the reasons while
the session store is down or every script thread is busy; ``/metrics`` renders the app's
``Metrics`` in Prometheus' text format, behind ``Authorization: Bearer <server.metricsToken>``
when that option is set. Knows nothing about widgets, runs or the page.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tidal.metrics import Metrics
from tidal.pool import STUCK_SECONDS, WorkerPool

if TYPE_CHECKING:
    from tidal.durability import Durability
    from tidal.sessions import Sessions


class MonitoringRoutes:
    """The health, readiness and metrics endpoints of one app."""

    def __init__(
        self,
        durability: Durability,
        executor: WorkerPool,
        metrics: Metrics,
        *,
        metrics_token: str = "",
    ) -> None:
        self.durability = durability
        self.executor = executor
        self.metrics = metrics
        self.metrics_token = metrics_token

    def routes(self) -> list[Route]:
        """The endpoints to mount.

        Example:
            >>> Starlette(routes=[*MonitoringRoutes(durability, pool, metrics).routes()])
        """
        return [
            Route("/healthz", self.healthz),
            Route("/readyz", self.readyz),
            Route("/metrics", self.metrics_endpoint),
        ]

    async def healthz(self, request: Request) -> Response:
        """``GET /healthz``: the process serves."""
        return PlainTextResponse("ok")

    async def readyz(self, request: Request) -> Response:
        """``GET /readyz``: the store answers and a script thread is free, or 503 and why."""
        problems = [p for p in (self.durability.health(),) if p]
        if not self.executor.can_start():
            problems.append(f"all {self.executor.busy} script threads are busy")
        if problems:
            return PlainTextResponse("not ready: " + "; ".join(problems), status_code=503)
        return PlainTextResponse("ready")

    async def metrics_endpoint(self, request: Request) -> Response:
        """``GET /metrics``: the app's metrics, in Prometheus' text format."""
        if self.metrics_token and not _bearer_matches(request, self.metrics_token):
            return PlainTextResponse(
                "The metrics need the header Authorization: Bearer <server.metricsToken>.",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="tidal metrics"'},
            )
        return PlainTextResponse(
            self.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8"
        )


def _bearer_matches(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode())


def register_session_gauges(metrics: Metrics, sessions: Sessions) -> None:
    """Add the store's and the sessions' gauges to ``metrics``.

    Example:
        >>> register_session_gauges(metrics, sessions)  # /metrics now shows tidal_sessions
    """
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


def register_run_gauges(metrics: Metrics, executor: WorkerPool) -> None:
    """Add the script runs' gauges (busy, stuck, waiting, threads) to ``metrics``.

    Example:
        >>> register_run_gauges(metrics, pool)  # /metrics now shows tidal_runs_busy
    """
    metrics.gauge("tidal_runs_busy", "Script runs in progress.", lambda: executor.busy)
    metrics.gauge(
        "tidal_runs_stuck",
        f"Script runs in progress for more than {STUCK_SECONDS:g} s.",
        executor.stuck,
    )
    metrics.gauge("tidal_runs_waiting", "Runs waiting for a free thread.", lambda: executor.queued)
    metrics.gauge("tidal_run_threads", "Threads that run scripts.", lambda: executor.threads)
