"""Cached values on disk: ``st.cache_data(persist="disk")``, kept across server restarts.

Owns the files under ``.tidal/cache/`` in the working directory (where Streamlit keeps
``.streamlit/cache``): one per entry, named by hashes of the function's key and the call's
key. A file holds a signature, the entry's expiry and the pickled value; the signature is an
HMAC-SHA256 made with the app's secret (``secret.py``), checked before anything is unpickled,
so a file this app did not write is removed, never loaded. Writes are atomic (a temporary
file, then a rename). Knows nothing about what keys mean, memory stores, sessions or runs.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os
import struct
import threading
import time
from pathlib import Path

from tidal.secret import load_or_create_secret

log = logging.getLogger("tidal.cache")

_MAC = hashlib.sha256().digest_size
_EXPIRY = struct.Struct(">d")  # wall-clock deadline (time.time()); inf: never


class DiskCache:
    """The ``.tidal/cache`` folder of ``folder`` (default: the working directory, read on
    first use)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._secrets: dict[Path, bytes] = {}  # by folder: the working directory may change
        self._lock = threading.Lock()

    def read(self, function_key: str, key: str) -> bytes | None:
        """The pickled value stored for this call, or None (missing, expired or not ours)."""
        path, secret = self._path(function_key, key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        mac, body = blob[:_MAC], blob[_MAC:]
        if len(body) < _EXPIRY.size or not hmac.compare_digest(mac, _sign(secret, body)):
            log.warning("%s is not a value this app cached; it was removed unread.", path)
            path.unlink(missing_ok=True)
            return None
        (deadline,) = _EXPIRY.unpack_from(body)
        if time.time() >= deadline:
            path.unlink(missing_ok=True)
            return None
        return body[_EXPIRY.size :]

    def write(self, function_key: str, key: str, data: bytes, ttl: float | None) -> None:
        """Store a call's pickled value (for ``ttl`` seconds, or forever); a failure to write
        is logged, not raised: the value is still cached in memory."""
        path, secret = self._path(function_key, key)
        body = _EXPIRY.pack(math.inf if ttl is None else time.time() + ttl) + data
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(_sign(secret, body) + body)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("Could not write the cached value %s: %s", path, exc)

    def remove(self, function_key: str, key: str | None = None) -> None:
        """Delete one call's file, or every file of the function (``key`` None)."""
        folder = self._folder_path()
        if key is not None:
            self._path(function_key, key)[0].unlink(missing_ok=True)
            return
        for path in folder.glob(f"{_digest(function_key, 8)}-*.pickle"):
            path.unlink(missing_ok=True)

    def clear(self) -> None:
        """Delete every cached value on disk (``st.cache_data.clear()``)."""
        for path in self._folder_path().glob("*.pickle"):
            path.unlink(missing_ok=True)

    def _folder_path(self) -> Path:
        return (self._folder or Path.cwd()) / ".tidal" / "cache"

    def _path(self, function_key: str, key: str) -> tuple[Path, bytes]:
        folder = self._folder or Path.cwd()
        with self._lock:
            secret = self._secrets.get(folder)
            if secret is None:
                secret = self._secrets[folder] = load_or_create_secret(folder)
        name = f"{_digest(function_key, 8)}-{_digest(key, 16)}.pickle"
        return folder / ".tidal" / "cache" / name, secret


DISK = DiskCache()
"""The cache folder of this process's working directory."""


def _sign(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).digest()


def _digest(text: str, size: int) -> str:
    return hashlib.blake2b(text.encode(), digest_size=size).hexdigest()
