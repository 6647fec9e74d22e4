"""The headers tidal adds to every HTTP response: security policy and caching.

Owns :class:`ResponseHeaders`, a pure ASGI middleware that adds a fixed set of headers to
each HTTP response (a header the route set itself wins) and a ``Cache-Control`` by path:
``/static/`` assets are revalidated on each use (``no-cache``: the browser keeps them and asks
with their ETag, the server answers 304 while they are unchanged, so a new tidal version is
picked up at once), every other response (the page, health, metrics) is never stored.
Knows nothing about routes, sessions or what the policy says (``server.py`` composes it).
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["STATIC_CACHE", "UNCACHED", "ResponseHeaders"]

STATIC_CACHE = "no-cache"
"""``Cache-Control`` of ``/static/`` files: kept by the browser, revalidated by ETag."""
UNCACHED = "no-store"
"""``Cache-Control`` of everything else (the page, /healthz, /readyz, /metrics)."""


class ResponseHeaders:
    """Adds ``headers`` and a ``Cache-Control`` to every HTTP response of ``app``.

    Example:
        >>> app = ResponseHeaders(app, [("X-Content-Type-Options", "nosniff")])
    """

    def __init__(self, app: ASGIApp, headers: Sequence[tuple[str, str]]) -> None:
        self.app = app
        self._headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")
        cache = (STATIC_CACHE if static else UNCACHED).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in self._headers if k not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", cache))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
