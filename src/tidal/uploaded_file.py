"""Uploaded files as a script sees them, and as a session document refers to them.

Owns ``UploadedFile`` (what ``st.file_uploader``, ``st.camera_input`` and ``st.audio_input``
return: a ``BytesIO`` with ``file_id``, ``name``, ``type`` and ``size``, as Streamlit's),
``FileInfo`` (the metadata kept beside the bytes), ``FileRef`` (what a session document stores
in place of an ``UploadedFile``: ids and metadata, never the bytes) and ``SessionFiles``, the
protocol through which a run reaches its own session's files. Knows nothing about where the
bytes are kept (``tidal.stores.files``) nor about HTTP.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any, Protocol

FILE_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
"""What a file id looks like: random URL-safe text (``secrets.token_urlsafe``)."""


@dataclass(frozen=True, slots=True)
class FileInfo:
    """One uploaded file's metadata: its id, the name and MIME type the browser gave, its size
    in bytes and the widget it was uploaded to. The name is only ever shown, never used as a
    path."""

    file_id: str
    name: str
    type: str
    size: int
    widget: str


@dataclass(frozen=True, slots=True)
class FileRef:
    """An ``UploadedFile`` as a session document stores it: no bytes (they stay in the file
    store, beside the document)."""

    file_id: str
    name: str
    type: str
    size: int


class UploadedFile(io.BytesIO):
    """A file a person uploaded: read it like any binary file.

    Example:
        >>> f = st.file_uploader("CSV", type="csv")
        >>> if f is not None:
        ...     st.write(f.name, f.size)
        ...     data = f.getvalue()
    """

    def __init__(self, info: FileInfo | FileRef, data: bytes) -> None:
        super().__init__(data)  # shares ``data`` until written to: no copy
        self._data = data
        self.file_id = info.file_id
        self.name = info.name
        self.type = info.type
        self.size = len(data)

    def __deepcopy__(self, memo: dict[int, Any]) -> UploadedFile:
        # a widget value is deep-copied on every run (W-20): share the immutable bytes
        # instead of copying a file that may be hundreds of megabytes
        return UploadedFile(FileRef(self.file_id, self.name, self.type, self.size), self._data)

    def ref(self) -> FileRef:
        """The reference a session document keeps in place of this file."""
        return FileRef(self.file_id, self.name, self.type, self.size)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UploadedFile):
            return NotImplemented
        return self.file_id == other.file_id

    def __hash__(self) -> int:
        return hash(self.file_id)

    def __repr__(self) -> str:
        return (
            f"UploadedFile(file_id={self.file_id!r}, name={self.name!r}, type={self.type!r}, "
            f"size={self.size})"
        )


class SessionFiles(Protocol):
    """The files uploaded in one session (what ``SessionState.files`` holds)."""

    def get(self, file_id: str) -> tuple[FileInfo, bytes] | None:
        """The file's metadata and bytes, or None when the session has no such file."""
        ...

    def add(self, name: str, type: str, data: bytes, widget: str) -> FileInfo:
        """Keep a new file for ``widget`` and return its metadata (a new random id)."""
        ...


def to_refs(value: Any) -> Any:
    """``value`` with uploaded files replaced by their references (a file, or a list or tuple
    of files); any other value unchanged."""
    if isinstance(value, UploadedFile):
        return value.ref()
    if (
        isinstance(value, list | tuple)
        and value
        and all(isinstance(v, UploadedFile) for v in value)
    ):
        return type(value)(v.ref() for v in value)
    return value


def has_refs(value: Any) -> bool:
    """Whether ``value`` is a reference or a list or tuple of them."""
    if isinstance(value, FileRef):
        return True
    return isinstance(value, list | tuple) and bool(value) and isinstance(value[0], FileRef)


def from_refs(value: Any, files: SessionFiles) -> Any:
    """``value`` with references replaced by the files they name; a reference whose file is
    gone (expired, deleted) is dropped (a single one becomes None)."""
    if isinstance(value, FileRef):
        found = files.get(value.file_id)
        return None if found is None else UploadedFile(value, found[1])
    if has_refs(value):
        out = []
        for ref in value:
            found = files.get(ref.file_id) if isinstance(ref, FileRef) else None
            if found is not None:
                out.append(UploadedFile(ref, found[1]))
        return type(value)(out)
    return value


MB = 1024 * 1024
CATEGORIES = ("image", "audio", "video", "text")
"""``type`` shortcuts for a whole family of MIME types (``"image"`` is ``"image/*"``)."""
EXTENSION_PAIRS = (
    (".jpg", ".jpeg"),
    (".mpg", ".mpeg"),
    (".mp4", ".mpeg4"),
    (".tif", ".tiff"),
    (".htm", ".html"),
)
"""Extensions that accept each other."""


@dataclass(frozen=True, slots=True)
class Accept:
    """What one file input accepts: extensions (``".csv"``), MIME types or patterns
    (``"image/png"``, ``"image/*"``; empty: any file) and a size limit in bytes.

    The same rules run in the browser (a friendly message at once) and on the server (the
    upload endpoint and the widget's value check), so a page that skips the browser's check
    gains nothing.
    """

    types: tuple[str, ...]
    max_bytes: int

    @classmethod
    def of(cls, type: str | list[str] | tuple[str, ...] | None, max_mb: float) -> Accept:
        """Normalise ``st.file_uploader(type=...)`` as Streamlit does: ``"image"``, ``"audio"``,
        ``"video"`` and ``"text"`` mean ``"image/*"``...; MIME types are lowercased and come
        first; ``"CSV"`` and ``".csv"`` are ``".csv"``; ``.jpg``/``.jpeg``, ``.mpg``/``.mpeg``,
        ``.mp4``/``.mpeg4``, ``.tif``/``.tiff`` and ``.htm``/``.html`` accept each other."""
        given = [type] if isinstance(type, str) else list(type or [])
        mimes: list[str] = []
        extensions: list[str] = []
        for raw in given:
            t = str(raw).strip()
            if not t:
                continue
            if t.lower() in CATEGORIES:
                mimes.append(t.lower() + "/*")
            elif "/" in t:
                mimes.append(t.lower())
            else:
                t = t.lower()
                extensions.append(t if t.startswith(".") else "." + t)
        for a, b in EXTENSION_PAIRS:
            if a in extensions and b not in extensions:
                extensions.append(b)
            if b in extensions and a not in extensions:
                extensions.append(a)
        return cls(tuple(dict.fromkeys(mimes + extensions)), int(max_mb * MB))

    def allows_type(self, name: str, mime: str) -> bool:
        """Whether a file named ``name`` of MIME type ``mime`` is of an accepted type."""
        if not self.types:
            return True
        lower, mime = name.lower(), mime.lower().split(";")[0].strip()
        for t in self.types:
            if t.startswith("."):
                if lower.endswith(t):
                    return True
            elif t.endswith("/*"):
                if mime.startswith(t[:-1]):
                    return True
            elif mime == t:
                return True
        return False

    def refusal(self, name: str, mime: str, size: int) -> str | None:
        """Streamlit's message for a file this input refuses, or None when it fits."""
        if "\0" in name:
            return "Filename cannot contain null bytes."
        if size > self.max_bytes:
            return f"File must be {size_text(self.max_bytes)} or smaller."
        if not self.allows_type(name, mime):
            return f"{mime.split(';')[0].strip() or 'This type of'} files are not allowed."
        return None


def size_text(n: float, digits: int = 1) -> str:
    """A size as Streamlit's file uploader shows it: ``"200.0MB"``, ``"512.0KB"``, ``"1.0GB"``
    (the next unit once a value passes half of it)."""
    units = ("B", "KB", "MB", "GB", "TB")
    i = 0
    while i < len(units) - 1 and n > 512:
        n /= 1024
        i += 1
    return f"{n:.{digits}f}{units[i]}"
