"""The upload endpoint: file bytes arrive over HTTP, never over the websocket.

``POST /_tidal/upload/{widget id}`` with the tab's session token in ``X-Tidal-Session`` (a
header a cross-site form cannot send), the file name in ``X-Tidal-Filename`` (percent-encoded)
and the file's MIME type as ``Content-Type``; the body is the file. The body is streamed to an
anonymous spool file and refused (413, Streamlit's message) as soon as it passes the widget's
size limit; a type the widget does not accept is refused (415); then the file goes to the
session's file store under a new random id, returned as JSON. ``DELETE
/_tidal/upload/{widget id}/{file id}`` forgets one. An unknown session gets 403, a widget
that is not a file input of that session 404. Names are metadata only: nothing is created on
disk under a name a browser sent. Knows nothing about what the files hold.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
import urllib.parse
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tidal.media import walk
from tidal.stores import StoreError
from tidal.stores.files import new_file_id
from tidal.uploaded_file import FILE_ID, MB, Accept, FileInfo, size_text

if TYPE_CHECKING:
    from tidal.durability import Durability
    from tidal.sessions import Sessions

log = logging.getLogger("tidal.uploads")

UPLOAD_PREFIX = "/_tidal/upload"
FILE_KINDS = ("file_uploader", "camera_input", "audio_input")
CHUNK = 1 << 16
MAX_NAME = 1024


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(CHUNK):
        yield chunk


def chat_accept(props: dict[str, Any], server_limit: Accept) -> Accept | None:
    """What a chat input (its props) takes as uploads: its files (``file_type``) and, with
    ``accept_audio``, WAV recordings, up to ``max_upload_size`` MB (else ``server_limit``'s
    size); None when it takes neither.

    Example:
        >>> chat_accept({"accept_file": "single", "file_type": [".csv"]}, Accept((), MB)).types
        ('.csv',)
    """
    files = props.get("accept_file") not in (None, "none", False)
    audio = bool(props.get("accept_audio"))
    if not files and not audio:
        return None
    types: tuple[str, ...] = tuple(props.get("file_type") or ()) if files else ()
    if audio and (types or not files):
        types = (*types, ".wav", "audio/wav")
    mb = props.get("max_upload_size")
    limit = int(float(mb) * MB) if mb else server_limit.max_bytes
    return Accept(types, limit)


class UploadRoutes:
    """The upload endpoint of one app."""

    def __init__(
        self,
        sessions: Sessions,
        durability: Durability,
        *,
        max_upload_mb: float,
        allowed_origins: tuple[str, ...] = (),
    ) -> None:
        self.sessions = sessions
        self.durability = durability
        self.server_limit = Accept((), int(max_upload_mb * MB))
        self.allowed_origins = allowed_origins

    def routes(self) -> list[Route]:
        """The Starlette routes to add to the app."""
        return [
            Route(UPLOAD_PREFIX + "/{widget}", self.upload, methods=["POST", "PUT"]),
            Route(UPLOAD_PREFIX + "/{widget}/{file_id}", self.delete, methods=["DELETE"]),
        ]

    def _origin_ok(self, request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is None or "*" in self.allowed_origins or origin in self.allowed_origins:
            return True
        return urllib.parse.urlsplit(origin).netloc == request.headers.get("host")

    async def _accept_for(self, request: Request) -> tuple[str, Accept] | Response:
        """The session token and the rules of the widget the request names, or the refusal."""
        token = request.headers.get("x-tidal-session", "")
        if not token or not self._origin_ok(request):
            return _error(403, "Not allowed: this upload is not from a page of this app.")
        widget = request.path_params["widget"]
        session = self.sessions.get(token)
        if session is None:
            # another replica holds the tab: the store knows whether the session exists; the
            # widget's own rules are checked again when its value arrives (api/uploads.py)
            stored = await asyncio.to_thread(self.durability.fetch, token)
            if stored is None:
                return _error(403, "Not allowed: unknown or expired session. Reload the page.")
            return token, self.server_limit
        for node in walk(session.writer.client):
            if node.props.get("id") != widget:
                continue
            if node.type in FILE_KINDS:
                return token, Accept(tuple(node.props["types"]), int(node.props["max_bytes"]))
            if node.type == "chat_input":
                accept = chat_accept(node.props, self.server_limit)
                if accept is not None:
                    return token, accept
        return _error(404, "No such file input on this page.")

    async def upload(self, request: Request) -> Response:
        """Stream one file into the session's file store."""
        found = await self._accept_for(request)
        if isinstance(found, Response):
            return found
        token, accept = found
        name = urllib.parse.unquote(request.headers.get("x-tidal-filename", ""))[:MAX_NAME]
        mime = request.headers.get("content-type", "application/octet-stream")[:200]
        if not name:
            return _error(400, "Name the file in the X-Tidal-Filename header.")
        too_big = f"File must be {size_text(accept.max_bytes)} or smaller."
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > accept.max_bytes:
            return _error(413, too_big)
        refusal = accept.refusal(name, mime, 0)
        if refusal is not None:
            return _error(415, refusal)
        with tempfile.TemporaryFile(prefix="tidal-upload-") as spool:
            size = 0
            try:
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > accept.max_bytes:
                        return _error(413, too_big)
                    spool.write(chunk)
            except ClientDisconnect:
                return Response(status_code=400)
            info = FileInfo(new_file_id(), name, mime, size, request.path_params["widget"])
            try:
                await asyncio.to_thread(
                    self.durability.files.put,
                    token,
                    info,
                    _chunks(spool),
                    ttl=self.durability.files_ttl,
                )
            except StoreError as exc:
                log.error("could not keep an upload of session %s: %s", token[:8], exc)
                return _error(503, "The file could not be stored. Try again.")
        body = {"file_id": info.file_id, "name": name, "size": size, "type": mime}
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def delete(self, request: Request) -> Response:
        """Forget one file of the session (a person removed it from the list)."""
        found = await self._accept_for(request)
        if isinstance(found, Response):
            return found
        token = found[0]
        file_id = request.path_params["file_id"]
        if not FILE_ID.fullmatch(file_id):
            return _error(404, "No such file.")
        with contextlib.suppress(StoreError):
            if await asyncio.to_thread(self.durability.files.delete, token, file_id):
                return Response(status_code=204)
        return _error(404, "No such file.")
