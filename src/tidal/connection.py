"""One websocket, one session.

Decodes and validates what the browser sends (shape, size, rate), hands events to the
session in order, and sends what the session emits, merging consecutive deltas of a run into
one frame per loop tick. Knows nothing about scripts, widgets or stores.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from tidal.api.media_file import media_key
from tidal.protocol import (
    MAX_INBOUND_BYTES,
    PROTOCOL_VERSION,
    Change,
    Delta,
    Error,
    Hello,
    Navigate,
    Outbound,
    Ping,
    Pong,
    ProtocolError,
    Rerun,
    Submit,
    Sync,
    Welcome,
    decode_inbound,
    encode,
)

if TYPE_CHECKING:
    from tidal.session import Session
    from tidal.sessions import Sessions

log = logging.getLogger("tidal.connection")

HELLO_TIMEOUT = 10.0
MAX_BAD_MESSAGES = 20
_CLOSE = object()


class Connection:
    """Serves one websocket for as long as it is open."""

    def __init__(
        self,
        websocket: WebSocket,
        sessions: Sessions,
        *,
        title: str,
        max_events_per_second: int,
        theme: str | None = None,
    ) -> None:
        self.ws = websocket
        self.sessions = sessions
        self.title = title
        self.theme = theme
        self.max_rate = max_events_per_second
        self.loop = asyncio.get_running_loop()
        # a deque and one future, not an asyncio.Queue: a queue is four deques per socket
        self.outbox: deque[Outbound | object] = deque()
        self._wakeup: asyncio.Future[None] | None = None
        self.session: Session | None = None
        self.bad = 0
        self._window_start = time.monotonic()
        self._window_count = 0

    # ------------------------------------------------------------------ outbound
    def send(self, msg: Outbound) -> None:
        """Queue a message from any thread (sessions emit from worker threads)."""
        self.loop.call_soon_threadsafe(self._put, msg)

    def _put(self, msg: Outbound | object) -> None:
        self.outbox.append(msg)
        if self._wakeup is not None and not self._wakeup.done():
            self._wakeup.set_result(None)

    def schedule(self, delay: float, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the event loop after ``delay`` seconds (from any thread)."""
        self.loop.call_soon_threadsafe(self.loop.call_later, delay, fn)

    async def _writer(self) -> None:
        while True:
            if not self.outbox:
                self._wakeup = self.loop.create_future()
                await self._wakeup
                self._wakeup = None
            batch: list[Outbound] = []
            closing = False
            while self.outbox:
                nxt = self.outbox.popleft()
                if nxt is _CLOSE:
                    closing = True
                    break
                batch.append(nxt)  # type: ignore[arg-type]
            if batch:
                await self._send_all(batch)
            if closing:
                return

    async def _send_all(self, batch: list[Outbound]) -> None:
        merged: list[Outbound] = []
        for msg in batch:
            last = merged[-1] if merged else None
            if isinstance(msg, Delta) and isinstance(last, Delta) and last.run == msg.run:
                merged[-1] = Delta(run=msg.run, ops=last.ops + msg.ops, at=msg.at)
            else:
                merged.append(msg)
        for msg in merged:
            if self.ws.client_state != WebSocketState.CONNECTED:
                return
            await self.ws.send_text(encode(msg).decode())

    # ------------------------------------------------------------------ inbound
    async def serve(self) -> None:
        """Accept, greet, then pump messages until the socket closes."""
        await self.ws.accept()
        writer = asyncio.create_task(self._writer())
        try:
            hello = await self._hello()
            if hello is None:
                return
            session, resumed = await asyncio.to_thread(
                self.sessions.connect, hello.token, hello.nonce, self.send, self, self.schedule
            )
            self.session = session
            session.page = hello.page.strip("/")
            welcome = Welcome(
                v=PROTOCOL_VERSION,
                token=session.token,
                resumed=resumed,
                title=self.title,
                theme=self.theme,
                media=media_key(session.token),
            )
            self.send(welcome)
            session.redraw(query=hello.query)  # the address, not the store, has the params
            log.debug("session %s %s", session.token[:8], "resumed" if resumed else "created")
            while True:
                frame = await self.ws.receive()
                if frame["type"] == "websocket.disconnect":
                    return
                data = frame.get("text") or frame.get("bytes") or b""
                if not await self._handle(session, data):
                    return
        except WebSocketDisconnect:
            return
        finally:
            if self.session is not None:
                self.sessions.disconnect(self.session, self)
            self._put(_CLOSE)
            await writer

    async def _hello(self) -> Hello | None:
        try:
            frame = await asyncio.wait_for(self.ws.receive(), HELLO_TIMEOUT)
        except TimeoutError:
            await self._close(4408, "no hello")
            return None
        if frame["type"] == "websocket.disconnect":
            return None
        try:
            msg = decode_inbound(frame.get("text") or frame.get("bytes") or b"")
        except ProtocolError as exc:
            await self._fatal(f"Expected a hello message: {exc}")
            return None
        if not isinstance(msg, Hello):
            await self._fatal("The first message must be a hello.")
            return None
        if msg.v != PROTOCOL_VERSION:
            await self._fatal(
                f"This page speaks protocol {msg.v}, the server speaks {PROTOCOL_VERSION}. "
                "Reload the page."
            )
            return None
        return msg

    async def _handle(self, session: Session, data: str | bytes) -> bool:
        try:
            msg = decode_inbound(data)
        except ProtocolError as exc:
            return await self._bad(f"malformed message ({exc})", size=len(data))
        if isinstance(msg, Ping):
            self.send(Pong())
            return True
        if isinstance(msg, Hello):
            return await self._bad("a second hello on one connection")
        await self._throttle()
        if isinstance(msg, Change | Submit | Sync | Rerun | Navigate):
            session.enqueue(msg)
        return True

    async def _throttle(self) -> None:
        """Bound the event rate by reading more slowly, never by dropping events: the
        browser's socket buffers what we do not read yet (backpressure)."""
        now = time.monotonic()
        if now - self._window_start >= 1.0:
            self._window_start, self._window_count = now, 0
        self._window_count += 1
        if self._window_count > self.max_rate:
            await asyncio.sleep(self._window_start + 1.0 - now)
            self._window_start, self._window_count = time.monotonic(), 1

    async def _bad(self, what: str, size: int = 0) -> bool:
        self.bad += 1
        token = self.session.token[:8] if self.session else "-"
        log.warning("session %s: refused %s", token, what)
        self.send(Error(message=f"Refused {what}."))
        if size > MAX_INBOUND_BYTES or self.bad > MAX_BAD_MESSAGES:
            await self._close(1008, "too many bad messages")
            return False
        return True

    async def _fatal(self, message: str) -> None:
        await self.ws.send_text(encode(Error(message=message, fatal=True)).decode())
        await self._close(1008, message[:100])

    async def _close(self, code: int, reason: str) -> None:
        if self.ws.client_state == WebSocketState.CONNECTED:
            await self.ws.close(code, reason)
