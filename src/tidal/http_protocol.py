"""How uvicorn serves tidal's connections: its limits, from the configuration.

Owns the uvicorn settings tidal derives from ``Config`` (keep-alive timeout, concurrency
limit, websocket frame size, no compression) and :func:`header_timeout_protocol`, uvicorn's
HTTP protocol with a deadline for a request's headers: uvicorn has none, so a client that
opens a connection and sends a partial request (or nothing) would hold it open forever.
Knows nothing about routes, sessions or scripts.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tidal.config import Config

__all__ = ["header_timeout_protocol", "uvicorn_settings"]


def header_timeout_protocol(seconds: float) -> type[asyncio.Protocol]:
    """uvicorn's HTTP protocol class, closing a connection that has not sent a whole
    request head within ``seconds`` of connecting (or of its previous response, on a
    kept-alive connection). The deadline is not extended by each byte (slow senders too).

    Example:
        >>> protocol = header_timeout_protocol(10.0)  # uvicorn.Config(app, http=protocol)
    """
    from uvicorn.protocols.http.auto import AutoHTTPProtocol  # heavy: only when serving

    base: Any = AutoHTTPProtocol

    class HeaderTimeoutProtocol(base):  # type: ignore[misc]
        """uvicorn's protocol (httptools or h11) with a deadline for request heads."""

        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            before = self.cycle
            super().data_received(data)
            cycle = self.cycle
            head_complete = cycle is not None and (
                cycle is not before or not cycle.response_complete
            )
            if head_complete or self.transport.get_protocol() is not self:  # or a websocket
                self._disarm()
            else:
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()  # the next request's head has the same deadline

        def _arm(self) -> None:
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(seconds, self._expired)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _expired(self) -> None:
            self._head_timer = None
            cycle = self.cycle
            if cycle is None or cycle.response_complete:
                self.transport.close()

    return HeaderTimeoutProtocol


def uvicorn_settings(config: Config) -> dict[str, Any]:
    """The keyword arguments of ``uvicorn.Config`` that ``config`` sets (besides the app).

    Example:
        >>> uvicorn.Config(app, **uvicorn_settings(load_config()))
    """
    server = config.server
    return {
        "http": header_timeout_protocol(server.header_timeout),
        "timeout_keep_alive": server.keep_alive_timeout,
        "limit_concurrency": server.max_connections,
        "ws_max_size": server.max_incoming_message_size * 1024,
        # permessage-deflate costs ~300 KB of zlib state per connection and CPU per frame;
        # tidal's deltas are small, so memory per session wins.
        "ws_per_message_deflate": False,
    }
