"""``redis://host:port/db``: sessions in Redis, shared by servers on several hosts.

Owns the Redis back end of the store contract: key names, the Lua scripts that make acquire,
save and touch atomic, and short timeouts so that a dead Redis is reported quickly as a
:class:`StoreError`. ``redis`` (the optional ``tidal[redis]`` extra) is imported only when a
Redis store is opened. Knows nothing about what the bytes mean.

Keys: ``tidal:s:<token>`` holds the data, ``tidal:e:<token>`` the current lease epoch (never
expiring before the data), ``tidal:c:<token>`` the nonce of the page connected to the session
(expiring unless renewed), ``tidal:epoch`` the store-wide epoch counter (never expires). One
Redis server (or a Sentinel-managed primary); Redis Cluster is not supported, since a script
touches the counter and a session's keys together.
"""

from __future__ import annotations

import contextlib
import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tidal.stores.base import LEASE_TTL, URL_FORMS, Stored, StoreError, check_ttl

if TYPE_CHECKING:
    import redis

__all__ = ["RedisStore", "open_redis"]

SOCKET_TIMEOUT = 2.0
"""Seconds to connect or to wait for a reply before the store reports Redis unavailable."""

_COUNTER = "tidal:epoch"

# KEYS: counter, epoch key. ARGV: lease ms. A held lease keeps its longer expiry, so the
# epoch key never expires before the data (whose expiry is at most the lease's).
_ACQUIRE = """
local epoch = redis.call('INCR', KEYS[1])
local ttl = tonumber(ARGV[1])
local held = redis.call('PTTL', KEYS[2])
if held > ttl then ttl = held end
redis.call('SET', KEYS[2], epoch, 'PX', ttl)
return epoch
"""
# KEYS: data key, epoch key. ARGV: epoch, data, ttl ms.
_SAVE = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
"""
# KEYS: data key, epoch key. ARGV: ttl ms.
_TOUCH = """
local ttl = tonumber(ARGV[1])
local held = redis.call('PTTL', KEYS[2])
if held < 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ttl)
if held < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
"""

# KEYS: presence key. ARGV: nonce, ttl ms. Returns the other holder's nonce, or nil.
_CLAIM = """
local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
"""
# KEYS: presence key. ARGV: nonce.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
"""


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def redact(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" in the host
        return "<unparseable URL>" if "@" in url else url
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    netloc = f"{userinfo.partition(':')[0]}:***@{hostport}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def open_redis(url: str) -> RedisStore:
    """Open a Redis store; no command is sent until the store is used.

    Raises:
        StoreError: the URL is malformed, or the ``redis`` package is not installed.
    """
    shown = redact(url)
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise StoreError(f"Bad session store URL {shown!r}: {exc}. Use {URL_FORMS}.") from exc
    db = parts.path.lstrip("/")
    if not parts.hostname or (db and not db.isdigit()) or port == 0:
        raise StoreError(
            f"Bad session store URL {shown!r}: a Redis URL needs a host and an optional "
            f"numeric database, as in redis://localhost:6379/0. Use {URL_FORMS}."
        )
    try:
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry
    except ImportError as exc:
        raise StoreError(
            f"The session store {shown} needs the redis package: pip install 'tidal[redis]'."
        ) from exc
    try:
        client = redis.Redis.from_url(
            url,
            socket_timeout=SOCKET_TIMEOUT,
            socket_connect_timeout=SOCKET_TIMEOUT,
            # One immediate retry replaces a pooled connection that a Redis restart broke;
            # more would only delay the StoreError when Redis is down.
            retry=Retry(NoBackoff(), 1),
        )
    except ValueError as exc:
        raise StoreError(f"Bad session store URL {shown!r}: {exc}. Use {URL_FORMS}.") from exc
    return RedisStore(client, shown)


class RedisStore:
    """The ``redis://`` store over one redis-py client (a thread-safe connection pool)."""

    def __init__(self, client: redis.Redis, url: str) -> None:
        import redis as redis_module

        self.url = url
        self._redis = client
        self.client = client
        """The redis-py client (uploaded files share it: ``files_redis.py``)."""
        self._errors = redis_module.RedisError
        self._acquire = client.register_script(_ACQUIRE)
        self._save = client.register_script(_SAVE)
        self._touch = client.register_script(_TOUCH)
        self._claim = client.register_script(_CLAIM)
        self._release = client.register_script(_RELEASE)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except self._errors as exc:
            raise StoreError(
                f"The Redis session store {self.url} is unavailable: {exc}. Check that "
                "redis-server is running and reachable from this host."
            ) from exc

    @staticmethod
    def _keys(token: str) -> list[str]:
        return [f"tidal:s:{token}", f"tidal:e:{token}"]

    def load(self, token: str) -> Stored | None:
        with self._guard():
            values: list[Any] = self._redis.mget(self._keys(token))
        data, epoch = values
        if data is None or epoch is None:
            return None
        return Stored(bytes(data), int(epoch))

    def save(self, token: str, data: bytes, *, epoch: int, ttl: float) -> bool:
        ms = _ms(check_ttl(ttl))
        with self._guard():
            written: Any = self._save(keys=self._keys(token), args=[epoch, bytes(data), ms])
        return int(written) == 1

    def acquire(self, token: str) -> int:
        keys = [_COUNTER, self._keys(token)[1]]
        with self._guard():
            epoch: Any = self._acquire(keys=keys, args=[_ms(LEASE_TTL)])
        return int(epoch)

    def delete(self, token: str) -> None:
        with self._guard():
            self._redis.delete(*self._keys(token))

    def touch(self, token: str, *, ttl: float) -> None:
        ms = _ms(check_ttl(ttl))
        with self._guard():
            self._touch(keys=self._keys(token), args=[ms])

    def claim(self, token: str, nonce: str, *, ttl: float) -> str | None:
        ms = _ms(check_ttl(ttl))
        with self._guard():
            held: Any = self._claim(keys=[f"tidal:c:{token}"], args=[nonce, ms])
        if held is None:
            return None
        return held.decode() if isinstance(held, bytes) else str(held)

    def release(self, token: str, nonce: str) -> None:
        with self._guard():
            self._release(keys=[f"tidal:c:{token}"], args=[nonce])

    def purge_expired(self) -> int:
        return 0  # Redis expires keys by itself

    def count(self) -> int:
        # SCAN walks the whole keyspace: fine for metrics and tests, not for a hot path.
        with self._guard():
            return sum(1 for _ in self._redis.scan_iter(match="tidal:s:*", count=1000))

    def close(self) -> None:
        with self._guard():
            self._redis.close()
