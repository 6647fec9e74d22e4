"""Session stores: where session snapshots live, and :func:`open_store` to pick one by URL.

Owns the mapping from a store URL to a back end. Knows nothing about what the stored bytes
mean (that is ``tidal.codec``) nor about sessions, scripts or the server.

URLs:

* ``memory://``: this process only; survives refresh and reconnect.
* ``sqlite:///relative/path.db`` (relative to the working folder) or
  ``sqlite:////absolute/path.db`` (four slashes), as in SQLAlchemy: one host, several processes,
  survives restarts. The folder is created if needed.
* ``redis://[[user]:password@]host[:port][/db]`` or ``rediss://...`` (TLS): several hosts.
"""

from __future__ import annotations

from pathlib import Path

from tidal.stores.base import (
    LEASE_TTL,
    PRESENCE_TTL,
    URL_FORMS,
    SessionStore,
    Stored,
    StoreError,
)
from tidal.stores.files import FileStore, MemoryFileStore, StoreFiles
from tidal.stores.files_redis import RedisFileStore
from tidal.stores.files_sqlite import SqliteFileStore
from tidal.stores.memory import MemoryStore
from tidal.stores.redis import RedisStore, open_redis, redact
from tidal.stores.sqlite import SqliteStore

__all__ = [
    "LEASE_TTL",
    "PRESENCE_TTL",
    "FileStore",
    "MemoryFileStore",
    "MemoryStore",
    "RedisStore",
    "SessionStore",
    "SqliteStore",
    "StoreError",
    "StoreFiles",
    "Stored",
    "files_beside",
    "open_store",
]


def open_store(url: str) -> SessionStore:
    """Open the session store named by ``url``.

    Args:
        url: ``memory://``, ``sqlite:///relative.db``, ``sqlite:////abs/path.db``,
            ``redis://host:port/db`` or ``rediss://host:port/db``.

    Raises:
        StoreError: the URL is malformed or its scheme unknown (the message lists the accepted
            forms), or the store cannot be opened.

    Example:
        >>> store = open_store("memory://")
        >>> store.acquire("tok")
        1
    """
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if sep and scheme == "memory" and not rest:
        return MemoryStore(url)
    if sep and scheme == "sqlite" and rest.startswith("/") and len(rest) > 1:
        path = rest[1:]
        if "?" not in path and "#" not in path and not path.endswith("/"):
            return SqliteStore(Path(path).expanduser(), url)
        raise StoreError(
            f"Bad session store URL {url!r}: a SQLite URL is a file path, without a query or "
            f"fragment. Use {URL_FORMS}."
        )
    if sep and scheme in ("redis", "rediss"):
        return open_redis(url)
    raise StoreError(f"Unknown session store URL {redact(url)!r}. Use {URL_FORMS}.")


def files_beside(store: SessionStore) -> FileStore:
    """The store for uploaded files that keeps them where ``store`` keeps session documents:
    in memory for ``memory://``, in the same SQLite file, or in the same Redis.

    Example:
        >>> files = files_beside(open_store("memory://"))
        >>> files.usage()
        0
    """
    if isinstance(store, SqliteStore):
        return SqliteFileStore(store.path, store.url)
    if isinstance(store, RedisStore):
        return RedisFileStore(store.client, store.url)
    return MemoryFileStore()
