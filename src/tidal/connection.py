"""One websocket, one session.

Decodes and validates what the browser sends (shape, size, rate), hands events to the
session in order, and sends what the session emits, merging consecutive deltas of a run into
one frame per loop tick. Knows nothing about scripts, widgets or stores.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from tidal.context import Visitor
from tidal.eventqueue import QueueFull
from tidal.media_file import media_key
from tidal.protocol import (
    MAX_INBOUND_BYTES,
    PROTOCOL_VERSION,
    Change,
    Hello,
    Inspect,
    LoadState,
    Navigate,
    Ping,
    ProtocolError,
    Rerun,
    Rewind,
    RowsRequest,
    Submit,
    Sync,
    decode_inbound,
)
from tidal.refusals import clip
from tidal.rowserver import serve_rows
from tidal.server_messages import Delta, Error, Outbound, Pong, Welcome, encode, encode_json

if TYPE_CHECKING:
    from tidal.session import Session
    from tidal.sessions import Sessions

log = logging.getLogger("tidal.connection")

HELLO_TIMEOUT = 10.0
MAX_BAD_MESSAGES = 20
MAX_OUTBOX_BYTES = 8 << 20
"""Most bytes of messages waiting to go to one browser; past it the browser is not reading
and the connection is dropped (its session stays: a reconnect redraws the page from it)."""
READ_PAUSE_BYTES = 1 << 20
"""While this many bytes wait to go out, the connection reads nothing from the browser
(backpressure: a client that does not read cannot make its session produce more)."""
SEND_TIMEOUT = 30.0
"""Seconds one frame may take to go out before the browser counts as gone."""
_CLOSE = object()


class _DeltaFrame:
    """Consecutive deltas of one run waiting to go out, merged into one frame: their ops
    already encoded (each message is encoded once, when it is queued). ``size`` is what it
    counts for in ``Connection.outbox_bytes``."""

    __slots__ = ("at", "ops", "run", "size")

    def __init__(self, run: int, ops: bytes, at: list[int]) -> None:
        self.run = run
        self.ops = [ops] if ops else []
        self.at = at
        self.size = 0

    def frame(self) -> bytes:
        at = encode_json(self.at)
        return b'{"t":"delta","run":%d,"ops":[%s],"at":%s}' % (self.run, b",".join(self.ops), at)


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
        inspector: bool = False,
    ) -> None:
        self.ws = websocket
        self.inspector = inspector
        """Whether this page may use the state inspector (``client.inspector``)."""
        self.sessions = sessions
        self.title = title
        self.theme = theme
        self.max_rate = max_events_per_second
        self.loop = asyncio.get_running_loop()
        # a deque and one future, not an asyncio.Queue: a queue is four deques per socket
        self.outbox: deque[bytes | _DeltaFrame | object] = deque()
        self.outbox_bytes = 0
        """Bytes of the messages in ``outbox`` and of the frame being sent."""
        self._wakeup: asyncio.Future[None] | None = None
        self._drained: asyncio.Future[None] | None = None
        self._reader: asyncio.Task[None] | None = None
        self._writing = True
        self.dropped: str | None = None
        """Why the connection was dropped (the browser stopped reading), or None."""
        self.session: Session | None = None
        self.bad = 0
        self._window_start = time.monotonic()
        self._window_count = 0

    # ------------------------------------------------------------------ outbound
    def send(self, msg: Outbound) -> None:
        """Queue a message from any thread (sessions emit from worker threads)."""
        self.loop.call_soon_threadsafe(self._put, msg)

    def _put(self, msg: Outbound | object) -> None:
        if self.dropped is not None:
            return
        if msg is _CLOSE:
            self.outbox.append(msg)
        elif isinstance(msg, Delta):
            ops = encode_json(msg.ops)[1:-1]
            last = self.outbox[-1] if self.outbox else None
            if isinstance(last, _DeltaFrame) and last.run == msg.run:
                if ops:
                    last.ops.append(ops)
                last.at = msg.at
            else:
                last = _DeltaFrame(msg.run, ops, msg.at)
                self.outbox.append(last)
            last.size += len(ops) + 40
            self.outbox_bytes += len(ops) + 40
        else:
            frame = encode(msg)  # type: ignore[arg-type]
            self.outbox.append(frame)
            self.outbox_bytes += len(frame)
        if self.outbox_bytes > MAX_OUTBOX_BYTES:
            self._drop(f"more than {MAX_OUTBOX_BYTES} bytes waiting to be sent")
            return
        if self._wakeup is not None and not self._wakeup.done():
            self._wakeup.set_result(None)

    def _drop(self, why: str) -> None:
        """Give up on a browser that does not read: stop reading from it and let the session
        go (a reconnect resumes it and redraws the page from its state)."""
        if self.dropped is not None:
            return
        self.dropped = why
        token = self.session.token[:8] if self.session else "-"
        log.warning("session %s: dropped the connection: %s", token, why)
        self.outbox.clear()
        self.outbox_bytes = 0
        if self._reader is not None:
            self._reader.cancel()

    def schedule(self, delay: float, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the event loop after ``delay`` seconds (from any thread)."""
        self.loop.call_soon_threadsafe(self.loop.call_later, delay, fn)

    async def _writer(self) -> None:
        try:
            await self._write()
        finally:
            self._writing = False
            self._wake_reader()  # a reader held back by backpressure must see the close

    async def _write(self) -> None:
        while self.dropped is None:
            if not self.outbox:
                self._wakeup = self.loop.create_future()
                await self._wakeup
                self._wakeup = None
            while self.outbox and self.dropped is None:
                nxt = self.outbox.popleft()
                if nxt is _CLOSE:
                    return
                frame = nxt.frame() if isinstance(nxt, _DeltaFrame) else nxt
                assert isinstance(frame, bytes)
                if not await self._send_frame(frame):
                    return
                # exactly what it counted for when queued: the count never drifts
                self.outbox_bytes -= nxt.size if isinstance(nxt, _DeltaFrame) else len(frame)
                if self.outbox_bytes <= READ_PAUSE_BYTES // 2:
                    self._wake_reader()

    async def _send_frame(self, frame: bytes) -> bool:
        """Send one frame; False once the socket is closed or the browser stopped reading."""
        if self.ws.client_state != WebSocketState.CONNECTED:
            return False
        try:
            await asyncio.wait_for(self.ws.send_text(frame.decode()), SEND_TIMEOUT)
        except TimeoutError:
            self._drop(f"a message took more than {SEND_TIMEOUT:g} s to send")
            return False
        except (WebSocketDisconnect, RuntimeError, OSError):
            return False  # the browser went away mid-send: nothing to report
        return True

    def _wake_reader(self) -> None:
        if self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    async def _backpressure(self) -> None:
        """Wait, reading nothing, while too much waits to go out to the browser."""
        while self.outbox_bytes > READ_PAUSE_BYTES and self.dropped is None and self._writing:
            self._drained = self.loop.create_future()
            await self._drained
            self._drained = None

    # ------------------------------------------------------------------ inbound
    async def serve(self) -> None:
        """Accept, greet, then pump messages until the socket closes (or the browser stops
        reading what it is sent)."""
        await self.ws.accept()
        self._reader = asyncio.current_task()
        writer = asyncio.create_task(self._writer())
        try:
            await self._serve()
        except (WebSocketDisconnect, OSError):
            pass  # the browser went away mid-receive or mid-close: nothing to report
        except RuntimeError as exc:  # starlette: a receive or send after the close
            log.debug("connection ended: %s", exc)
        except asyncio.CancelledError:
            if self.dropped is None or self._reader is None:
                raise  # not ours: the server is shutting down
            self._reader.uncancel()
        finally:
            if self.session is not None:
                self.sessions.disconnect(self.session, self)
            if self.dropped is None:
                self._put(_CLOSE)
                await writer
            else:
                writer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await writer

    async def _serve(self) -> None:
        hello = await self._hello()
        if hello is None:
            return
        session, resumed = await asyncio.to_thread(
            self.sessions.connect, hello.token, hello.nonce, self.send, self, self.schedule
        )
        self.session = session
        session.page = hello.page.strip("/")
        session.visitor = visitor_of(self.ws, hello, session.visitor)
        welcome = Welcome(
            v=PROTOCOL_VERSION,
            token=session.token,
            resumed=resumed,
            title=self.title,
            theme=self.theme,
            media=media_key(session.token),
            inspector=self.inspector,
        )
        self.send(welcome)
        session.redraw(query=hello.query)  # the address, not the store, has the params
        log.debug("session %s %s", session.token[:8], "resumed" if resumed else "created")
        while True:
            await self._backpressure()
            frame = await self.ws.receive()
            if frame["type"] == "websocket.disconnect":
                return
            data = frame.get("text") or frame.get("bytes") or b""
            if not await self._handle(session, data):
                return

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
        if isinstance(msg, RowsRequest):  # not an event: answered off the run's thread
            serve_rows(session, msg, self.send)
            return True
        if isinstance(msg, Inspect | Rewind | LoadState) and not self.inspector:
            return await self._bad("an inspector message: the state inspector is off")
        if isinstance(msg, Inspect):  # not an event: answered with this session's data only
            session.inspect(msg.open, export=msg.export)
            return True
        if isinstance(msg, Change | Submit | Sync | Rerun | Navigate | Rewind | LoadState):
            try:
                session.enqueue(msg, size=len(data))
            except QueueFull as exc:
                log.warning("session %s: closed: %s", session.token[:8], exc)
                await self._fatal(f"Connection closed: {exc}. Reload the page.")
                return False
        if self.bad + session.refusals.recent() > MAX_BAD_MESSAGES:  # refused values count too
            await self._close(1008, "too many bad messages")
            return False
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
        what = clip(what)  # a decode error may quote the whole offending value
        token = self.session.token[:8] if self.session else "-"
        log.warning("session %s: refused %s", token, what)
        self.send(Error(message=f"Refused {what}."))
        if size > MAX_INBOUND_BYTES or self.bad > MAX_BAD_MESSAGES:
            await self._close(1008, "too many bad messages")
            return False
        return True

    async def _fatal(self, message: str) -> None:
        if self.ws.client_state == WebSocketState.CONNECTED:
            frame = encode(Error(message=message, fatal=True)).decode()
            with contextlib.suppress(TimeoutError, WebSocketDisconnect, RuntimeError, OSError):
                await asyncio.wait_for(self.ws.send_text(frame), SEND_TIMEOUT)
        await self._close(1008, message)

    async def _close(self, code: int, reason: str) -> None:
        # a close reason is at most 123 bytes of UTF-8
        reason = reason.encode()[:120].decode(errors="ignore")
        if self.ws.client_state == WebSocketState.CONNECTED:
            with contextlib.suppress(TimeoutError, WebSocketDisconnect, RuntimeError, OSError):
                await asyncio.wait_for(self.ws.close(code, reason), SEND_TIMEOUT)


_LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def visitor_of(ws: WebSocket, hello: Hello, previous: Visitor) -> Visitor:
    """What ``st.context`` tells about this tab: the handshake's headers, cookies and address,
    and what the browser said in its hello. Keeps the session's id and test secrets."""
    host = ws.client.host if ws.client is not None else None
    return Visitor(
        headers=[(k, v) for k, v in ws.headers.items()],
        cookies=dict(ws.cookies),
        url=hello.url or None,
        ip_address=None if host is None or host in _LOCAL_HOSTS else host,
        timezone=hello.timezone or None,
        timezone_offset=hello.tz_offset,
        locale=hello.locale or None,
        theme=hello.theme or None,
        is_embedded=hello.embedded,
        secrets=previous.secrets,
        session_id=previous.session_id,
        media=previous.media,
    )
