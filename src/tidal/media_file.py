"""Media files: the bytes behind an image, audio, video, PDF or download element.

Owns ``MediaFile`` (bytes, or a function that makes them on request, with a MIME type and an
optional download name) and ``media_id`` (the content-hash id the browser asks for). An element
keeps its media in ``Node.extra`` as ``{id: MediaFile}``: the media endpoint serves a session
only the media of the elements its page shows, and an element that goes away takes its bytes
with it. Knows nothing about HTTP or how elements are drawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MEDIA_PATH = "/_tidal/media"
"""Where the media endpoint serves a session's media: ``MEDIA_PATH/<media key>/<media id>``."""

EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/svg+xml": ".svg",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "video/mp4": ".mp4",
    "video/webm": ".webm",
    "text/vtt": ".vtt",
    "text/plain": ".txt",
    "application/octet-stream": ".bin",
}


@dataclass(frozen=True, slots=True, eq=False)
class MediaFile:
    """One media file: ``data`` (bytes, or a callable that returns them when the browser
    asks), its MIME type, and a file name when it is offered as a download."""

    data: bytes | Callable[[], Any]
    mime: str
    file_name: str | None = None


def extension(mime: str) -> str:
    """A file extension for a MIME type (``.bin`` when unknown)."""
    import mimetypes  # stdlib, imported on first use to keep `import tidal` fast

    base = mime.split(";")[0].strip().lower()
    return EXTENSIONS.get(base) or mimetypes.guess_extension(base) or ".bin"


def media_id(data: bytes, mime: str, file_name: str | None = None) -> str:
    """The id of some bytes: a hash of the content, type and name, plus an extension.

    The same bytes always get the same id, so an unchanged element on a rerun has unchanged
    props (no delta at all) and the browser's cache keeps serving it.
    """
    h = hashlib.blake2b(data, digest_size=16)
    h.update(b"\0" + mime.encode() + b"\0" + (file_name or "").encode())
    return h.hexdigest() + extension(mime)


def deferred_id(widget_id: str) -> str:
    """The id of media made on request (``st.download_button(data=callable)``)."""
    h = hashlib.blake2b(widget_id.encode(), digest_size=16, person=b"tidal-deferred")
    return "d" + h.hexdigest()


def media_key(token: str) -> str:
    """The name of a session in media URLs: derived from its token, never revealing it."""
    return hashlib.blake2b(token.encode(), digest_size=16, person=b"tidal-media").hexdigest()


def media_url(key: str, mid: str) -> str:
    """The path the media endpoint serves media ``mid`` of the session named ``key`` at.

    Example:
        >>> media_url("5f0c...", "9a1b...png")
        '/_tidal/media/5f0c.../9a1b...png'
    """
    return f"{MEDIA_PATH}/{key}/{mid}"
