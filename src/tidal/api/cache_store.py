"""The in-memory stores behind ``st.cache_data`` and ``st.cache_resource``, and their limits.

Owns the store of each decorated function and set of limits (kept for the life of the process,
safe to use from many threads, least recently used entries evicted first), the limits it
enforces (``ttl``, ``max_entries``, ``max_size``) and how ``ttl`` and ``max_size`` are read from
what the user wrote. Knows nothing about keys or how values are copied: a key is an opaque
string and a value an object with a size in bytes. Knows nothing about sessions or runs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import math
import re
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, NamedTuple

from tidal.errors import StreamlitValueError, TidalAPIError

log = logging.getLogger("tidal.cache")

Kind = Literal["cache_data", "cache_resource"]
"""Which decorator a store belongs to: ``st.cache_data.clear()`` empties only its own."""
TTL = float | dt.timedelta | str | None
"""How long an entry lives, as the user may write it (see :func:`ttl_seconds`)."""

_UNIT_SECONDS = {
    name: seconds
    for seconds, names in (
        (604800.0, "w week weeks"),
        (86400.0, "d day days"),
        (3600.0, "h hr hrs hour hours"),
        (60.0, "m min mins minute minutes"),
        (1.0, "s sec secs second seconds"),
        (1e-3, "ms milli millis millisecond milliseconds"),
        (1e-6, "us micro micros microsecond microseconds"),
        (1e-9, "ns nano nanos nanosecond nanoseconds"),
    )
    for name in names.split()
}
# Patterns as strings, compiled by `re` on first use and cached there: compiling the three of
# them when the module executed was 0.7 ms of `import tidal` (best of 30 compiles after
# `re.purge()`), paid by every app whether or not it ever passes a ttl or max_size string.
_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_DURATION = rf"\s*([+-]?)\s*((?:{_NUMBER}\s*[a-zA-Z]+[\s,]*)+)"
_DURATION_PART = rf"({_NUMBER})\s*([a-zA-Z]+)"
_SIZE = rf"\s*({_NUMBER})\s*([kmgt]i?b|b)\s*"


def ttl_seconds(ttl: TTL) -> float | None:
    """``ttl`` in seconds; None means entries never expire.

    Accepts seconds (``90``), a ``datetime.timedelta`` or a string such as ``"1h"``,
    ``"30m"``, ``"10s"``, ``"1d"``, ``"1h23s"`` or ``"2 days"`` (a bare number string counts
    nanoseconds, as in Streamlit).

    Raises:
        TidalAPIError: ``ttl`` is not a duration.
    """
    if ttl is None:
        return None
    if isinstance(ttl, dt.timedelta):
        return ttl.total_seconds()
    if isinstance(ttl, int | float) and not isinstance(ttl, bool):
        return float(ttl)
    if isinstance(ttl, str):
        return _parse_duration(ttl)
    raise TidalAPIError(
        f"ttl={ttl!r} is not a duration. Pass seconds (`ttl=60`), a `datetime.timedelta`, a "
        'string such as `"1h"` or `"30m"`, or None for entries that never expire.'
    )


def _parse_duration(text: str) -> float:
    if re.fullmatch(rf"\s*[+-]?{_NUMBER}\s*", text):
        return float(text) * 1e-9
    match = re.fullmatch(_DURATION, text)
    parts = re.findall(_DURATION_PART, match.group(2)) if match else []
    # "M" alone is refused like pandas does: months or minutes?
    if match is None or any(u == "M" or u.lower() not in _UNIT_SECONDS for _, u in parts):
        raise TidalAPIError(
            "Time string doesn't look right. It should be formatted as `'1d2h34m'` or "
            f"`2 days`, for example. Got: {text}"
        )
    total = sum(float(number) * _UNIT_SECONDS[unit.lower()] for number, unit in parts)
    return -total if match.group(1) == "-" else total


def max_size_bytes(max_size: int | str | None) -> int | None:
    """``max_size`` in bytes (an int, or a string such as ``"500MB"``); None means no limit.

    Raises:
        StreamlitValueError: ``max_size`` is not a positive byte size.
    """
    if max_size is None:
        return None
    size = 0
    if isinstance(max_size, int) and not isinstance(max_size, bool):
        size = max_size
    elif isinstance(max_size, str) and (match := re.fullmatch(_SIZE, max_size, re.IGNORECASE)):
        power = "bkmgt".index(match.group(2)[0].lower())
        size = int(float(match.group(1)) * 1024**power)
    if size <= 0:
        raise StreamlitValueError(
            "Invalid `max_size` value. Supported values: a positive byte size. Use an integer "
            'number of bytes or a positive value with an explicit unit, such as "500MB", '
            '"1.5GB", or "200KiB".'
        )
    return size


# NamedTuples and plain slotted classes in this module, not dataclasses: executing the cache
# module took 2.7 ms with three dataclasses, 0.8 ms without (best of 30 `importlib.reload`s).
class Limits(NamedTuple):
    """What a store keeps: entries younger than ``ttl`` seconds, at most ``max_entries`` of
    them and ``max_size`` bytes; None means no limit."""

    ttl: float | None
    max_entries: int | None
    max_size: int | None


class Entry:
    """One stored value, with its expiry deadline, its size and the elements its call showed
    (``(parent, template)`` pairs, see ``context.Recording``), shown again on every hit."""

    __slots__ = ("elements", "expires", "size", "value")

    def __init__(
        self, value: Any, expires: float, size: int, elements: tuple[Any, ...] = ()
    ) -> None:
        self.value = value
        self.expires = expires  # time.monotonic() deadline
        self.size = size  # pickled bytes (cache_data), 0 for resources
        self.elements = elements


class _KeyLock:
    """The lock of one key being computed, and how many threads hold or wait for it."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        # Re-entrant: a function that calls itself with the same arguments ends in a
        # RecursionError, like the uncached function would, instead of a deadlock.
        self.lock = threading.RLock()
        self.users = 0


class Store:
    """The entries of one cached function (with one set of limits), least recently used
    first. User callbacks (``on_release``) run outside the lock."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.on_release: Callable[[Any], object] | None = None
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._computing: dict[str, _KeyLock] = {}
        self._size = 0

    def get(self, key: str) -> Entry | None:
        """The live entry for ``key``, now the most recently used; None on a miss."""
        released: list[Any] = []
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.expires <= time.monotonic():
                self._pop(key, released)
                entry = None
            elif entry is not None:
                self._entries.move_to_end(key)
        self._release(released)
        return entry

    @contextmanager
    def computing(self, key: str) -> Iterator[None]:
        """Hold ``key``'s lock: one thread computes a missing value while the others wait."""
        with self._lock:
            key_lock = self._computing.setdefault(key, _KeyLock())
            key_lock.users += 1
        try:
            with key_lock.lock:
                yield
        finally:
            with self._lock:
                key_lock.users -= 1
                if not key_lock.users:
                    del self._computing[key]

    def put(self, key: str, value: Any, size: int, elements: tuple[Any, ...] = ()) -> None:
        """Store ``value``, then evict the least recently used entries past the limits."""
        limits = self.limits
        released: list[Any] = []
        expires = math.inf if limits.ttl is None else time.monotonic() + limits.ttl
        with self._lock:
            self._pop(key, released)
            self._entries[key] = Entry(value, expires, size, elements)
            self._size += size
            while limits.max_entries is not None and len(self._entries) > limits.max_entries:
                self._pop(next(iter(self._entries)), released)
            while limits.max_size is not None and self._size > limits.max_size:
                if len(self._entries) == 1:
                    log.warning(
                        "A cached value of %d bytes is larger than max_size=%d bytes; it is "
                        "kept until the next value replaces it.",
                        size,
                        limits.max_size,
                    )
                    break
                self._pop(next(iter(self._entries)), released)
        self._release(released)

    def discard(self, key: str, entry: Entry | None = None) -> None:
        """Drop ``key`` (only if it still holds ``entry``, when given)."""
        released: list[Any] = []
        with self._lock:
            if entry is None or self._entries.get(key) is entry:
                self._pop(key, released)
        self._release(released)

    def discard_prefix(self, prefix: str) -> None:
        """Drop every entry whose key starts with ``prefix``."""
        released: list[Any] = []
        with self._lock:
            for key in [k for k in self._entries if k.startswith(prefix)]:
                self._pop(key, released)
        self._release(released)

    def clear(self) -> None:
        """Drop every entry."""
        released: list[Any] = []
        with self._lock:
            for key in list(self._entries):
                self._pop(key, released)
        self._release(released)

    def _pop(self, key: str, released: list[Any]) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._size -= entry.size
            released.append(entry.value)

    def _release(self, values: list[Any]) -> None:
        if self.on_release is not None:
            for value in values:
                self.on_release(value)


_STORES: dict[tuple[Kind, str, Limits], Store] = {}
_STORES_LOCK = threading.Lock()


def store_for(kind: Kind, function_key: str, limits: Limits) -> Store:
    """The store of the function with this key and these limits, made on first use."""
    # Scripts define their functions anew on every run: the store outlives the function object.
    with _STORES_LOCK:
        return _STORES.setdefault((kind, function_key, limits), Store(limits))


_SCOPES: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()
_SCOPE_IDS = itertools.count(1)


def session_scope(owner: object) -> str:
    """The key prefix of one session's entries (``scope="session"``); ``owner`` is the
    session's state. When the state goes (the session ended), so do the entries."""
    with _STORES_LOCK:
        prefix = _SCOPES.get(owner)
        if prefix is None:
            prefix = _SCOPES[owner] = f"session-{next(_SCOPE_IDS)}:"
            weakref.finalize(owner, clear_prefix, prefix)
    return prefix


def clear_prefix(prefix: str) -> None:
    """Empty the entries whose key starts with ``prefix`` (one session's), in every store."""
    with _STORES_LOCK:
        stores = list(_STORES.values())
    for store in stores:
        store.discard_prefix(prefix)


def clear_all(kind: Kind) -> None:
    """Empty every store of one decorator (``st.cache_data.clear()``)."""
    with _STORES_LOCK:
        stores = [store for (k, _, _), store in _STORES.items() if k == kind]
    for store in stores:
        store.clear()
