"""The media endpoint: ``GET /_tidal/media/{key}/{id}`` serves the bytes behind media elements.

``key`` names a session without revealing its token (``media_key``, sent in the welcome). A
session is served only media that an element of its page holds right now (``Node.extra``), by
content-hash id: cacheable for good, with ``Range`` requests (audio and video seek), ``nosniff``
and a sandboxing Content-Security-Policy so that no served file (an uploaded SVG or HTML shown
back, say) can run as a page of the app. Downloads come with ``Content-Disposition:
attachment``; data made on request (a callable) is made in a worker thread. Knows nothing about
how elements are drawn.
"""

from __future__ import annotations

import asyncio
import logging
import re
import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tidal.media_file import MEDIA_PATH, MediaFile, media_key
from tidal.stores import StoreError

if TYPE_CHECKING:
    from tidal.durability import Durability
    from tidal.sessions import Sessions
    from tidal.tree import Node

log = logging.getLogger("tidal.media")

MEDIA_PREFIX = MEDIA_PATH
SANDBOX = (
    "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'"
)
"""Served files never run as a page of the app: no scripts, no forms, an opaque origin."""
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_INLINE_UNSAFE = ("text/html", "application/xhtml+xml", "text/xml", "application/xml")
DEFERRED_TIMEOUT = 60.0
STORED_WAIT = 1.5
"""Seconds to wait for media another replica is about to publish before answering 404."""


def find_media(roots: list[Node], media_id: str) -> MediaFile | None:
    """The media file an element of the page holds under ``media_id``, or None."""
    for node in walk(roots):
        extra = node.extra
        if isinstance(extra, dict):
            found = extra.get(media_id)
            if isinstance(found, MediaFile):
                return found
    return None


def content_disposition(kind: str, file_name: str) -> str:
    """``attachment``/``inline`` with the name in plain ASCII and in UTF-8 (RFC 6266)."""
    ascii_name = re.sub(r"[^A-Za-z0-9 ._()-]", "_", file_name) or "download"
    quoted = urllib.parse.quote(file_name, safe="")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quoted}"


def as_bytes(data: Any) -> bytes:
    """Download data as bytes: str as UTF-8, bytes-likes and file objects as they are."""
    if isinstance(data, str):
        return data.encode()
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    if hasattr(data, "getvalue"):
        return as_bytes(data.getvalue())
    if hasattr(data, "read"):
        if hasattr(data, "seek"):
            data.seek(0)
        return as_bytes(data.read())
    raise TypeError(f"download data of type {type(data).__name__} is not str, bytes or a file")


class MediaRoutes:
    """The media endpoint of one app."""

    def __init__(self, sessions: Sessions, durability: Durability | None = None) -> None:
        self.sessions = sessions
        self.durability = durability
        self._keys: dict[str, str] = {}

    def routes(self) -> list[Route]:
        """The Starlette routes to add to the app."""
        return [Route(MEDIA_PREFIX + "/{key}/{media_id}", self.get, methods=["GET", "HEAD"])]

    def _roots(self, key: str) -> list[Node] | None:
        token = self._keys.get(key)
        session = self.sessions.get(token) if token is not None else None
        if session is None:
            self._keys = {media_key(s.token): s.token for s in self.sessions.all()}
            token = self._keys.get(key)
            session = self.sessions.get(token) if token is not None else None
        return None if session is None else session.writer.client

    async def _find(self, key: str, media_id: str) -> MediaFile | None:
        roots = self._roots(key)
        if roots is None:
            return await self._stored(key, media_id)
        for _ in range(3):  # the run's thread may be changing the tree: look again
            try:
                return find_media(roots, media_id)
            except (IndexError, RuntimeError):
                continue
        return None

    async def _stored(self, key: str, media_id: str) -> MediaFile | None:
        """Media of a session another replica holds: what it published to the store."""
        durability = self.durability
        if durability is None or not durability.durable:
            return None
        # the holder publishes a run's media right after the run: wait a moment for them
        deadline = asyncio.get_running_loop().time() + STORED_WAIT
        while True:
            try:
                found = await asyncio.to_thread(durability.files.get, key, media_id)
            except StoreError:
                return None
            if found is not None or asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.05)
        if found is None:
            return None
        info, data = found
        return MediaFile(data, info.type, info.name or None)

    async def get(self, request: Request) -> Response:
        """Serve one media file (or a byte range of it)."""
        media_id = request.path_params["media_id"]
        media = await self._find(request.path_params["key"], media_id)
        if media is None:
            return PlainTextResponse("No such media on this page.", status_code=404)
        data: Any = media.data
        if callable(data):
            try:
                made = await asyncio.wait_for(asyncio.to_thread(data), DEFERRED_TIMEOUT)
                body = as_bytes(made)
            except Exception as exc:  # the app's function failed: report, keep serving
                log.warning("download data function failed: %s", exc)
                return PlainTextResponse("The download could not be made.", status_code=500)
            etag = None
        else:
            body = data
            etag = f'"{media_id}"'
        headers = {
            "X-Content-Type-Options": "nosniff",
            "Accept-Ranges": "bytes",
            "Cache-Control": "private, max-age=31536000, immutable" if etag else "no-store",
        }
        mime = media.mime
        if mime.split(";")[0].strip().lower() != "application/pdf":
            headers["Content-Security-Policy"] = SANDBOX
        if media.file_name is not None:
            headers["Content-Disposition"] = content_disposition("attachment", media.file_name)
        elif mime.split(";")[0].strip().lower() in _INLINE_UNSAFE:
            mime = "text/plain; charset=utf-8"  # shown as text, never as a document
        if etag is not None:
            headers["ETag"] = etag
            if request.headers.get("if-none-match") == etag:
                return Response(status_code=304, headers=headers)
        return _ranged(request, body, mime, headers)


def _ranged(request: Request, body: bytes, mime: str, headers: dict[str, str]) -> Response:
    """The whole body, or the one byte range the request asks for (206/416)."""
    size = len(body)
    asked = request.headers.get("range")
    match = _RANGE.fullmatch(asked.strip()) if asked else None
    if match is None:
        return Response(body, media_type=mime, headers=headers)
    first, last = match.groups()
    if first == "" and last == "":
        return Response(body, media_type=mime, headers=headers)
    if first == "":  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        headers["Content-Range"] = f"bytes */{size}"
        return Response(status_code=416, headers=headers)
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return Response(body[start : end + 1], status_code=206, media_type=mime, headers=headers)


def walk(roots: list[Node]) -> Iterator[Node]:
    """Every node under ``roots``, depth first."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(node.children)
