"""Uploaded files in Redis (the file store beside ``redis://``).

Owns the key names and scripts: ``tidal:f:<token>`` is a hash of file id -> metadata (JSON),
``tidal:fd:<token>:<file id>`` a file's bytes. Bytes are appended chunk by chunk to a pending
key that is renamed into place when complete, so an upload is never whole in this process's
memory and a half-written file is never visible. Every key of a session expires with it
(``touch``). Knows nothing about what the bytes mean.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tidal.stores.base import StoreError, check_ttl
from tidal.uploaded_file import FileInfo

if TYPE_CHECKING:
    import redis

__all__ = ["RedisFileStore"]

WRITE_WINDOW_MS = 3_600_000

# KEYS: meta hash. ARGV: ttl ms, data key prefix.
_TOUCH = """
local ids = redis.call('HKEYS', KEYS[1])
if #ids == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
for _, id in ipairs(ids) do redis.call('PEXPIRE', ARGV[2] .. id, ARGV[1]) end
return #ids
"""
# KEYS: meta hash, pending key, data key. ARGV: file id, metadata, ttl ms.
_COMMIT = """
redis.call('RENAME', KEYS[2], KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
"""


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


class RedisFileStore:
    """Files in the Redis that holds the session documents."""

    def __init__(self, client: redis.Redis, url: str) -> None:
        import redis as redis_module  # optional dependency, present with a Redis store

        self.url = url
        self._redis = client
        self._errors = redis_module.RedisError
        self._touch = client.register_script(_TOUCH)
        self._commit = client.register_script(_COMMIT)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except self._errors as exc:
            raise StoreError(f"The Redis file store {self.url} is unavailable: {exc}") from exc

    @staticmethod
    def _meta(token: str) -> str:
        return f"tidal:f:{token}"

    @staticmethod
    def _data(token: str, file_id: str = "") -> str:
        return f"tidal:fd:{token}:{file_id}"

    def put(self, token: str, info: FileInfo, chunks: Iterable[bytes], *, ttl: float) -> None:
        ms = _ms(check_ttl(ttl))
        pending = f"tidal:fp:{token}:{info.file_id}"
        meta = json.dumps(
            {"name": info.name, "type": info.type, "size": info.size, "widget": info.widget}
        )
        written = 0
        with self._guard():
            self._redis.delete(pending)
            try:
                for chunk in chunks:
                    written += len(chunk)
                    if written > info.size:
                        raise ValueError(f"file {info.file_id}: more than {info.size} bytes")
                    pipe = self._redis.pipeline(transaction=False)
                    pipe.append(pending, chunk)
                    pipe.pexpire(pending, WRITE_WINDOW_MS)
                    pipe.execute()
                if written != info.size:
                    raise ValueError(f"file {info.file_id}: got {written} bytes of {info.size}")
                if written == 0:
                    self._redis.set(pending, b"", px=WRITE_WINDOW_MS)
                keys = [self._meta(token), pending, self._data(token, info.file_id)]
                self._commit(keys=keys, args=[info.file_id, meta, ms])
            except BaseException:
                with contextlib.suppress(Exception):
                    self._redis.delete(pending)
                raise

    def get(self, token: str, file_id: str) -> tuple[FileInfo, bytes] | None:
        with self._guard():
            pipe = self._redis.pipeline(transaction=False)
            pipe.hget(self._meta(token), file_id)
            pipe.get(self._data(token, file_id))
            meta, data = pipe.execute()
        if meta is None or data is None:
            return None
        m: dict[str, Any] = json.loads(meta)
        info = FileInfo(file_id, str(m["name"]), str(m["type"]), int(m["size"]), str(m["widget"]))
        return info, bytes(data)

    def delete(self, token: str, file_id: str) -> bool:
        with self._guard():
            removed: Any = self._redis.hdel(self._meta(token), file_id)
            self._redis.delete(self._data(token, file_id))
        return int(removed) == 1

    def touch(self, token: str, *, ttl: float) -> None:
        ms = _ms(check_ttl(ttl))
        with self._guard():
            self._touch(keys=[self._meta(token)], args=[ms, self._data(token)])

    def drop(self, token: str) -> None:
        with self._guard():
            ids: Any = self._redis.hkeys(self._meta(token))
            keys = [self._data(token, i.decode() if isinstance(i, bytes) else i) for i in ids]
            self._redis.delete(self._meta(token), *keys)

    def usage(self) -> int:
        total = 0
        with self._guard():
            for key in self._redis.scan_iter(match="tidal:f:*", count=1000):
                values: Any = self._redis.hvals(key)
                total += sum(int(json.loads(v)["size"]) for v in values)
        return total

    def close(self) -> None:
        """The client belongs to the session store, which closes it."""
