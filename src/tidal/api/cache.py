"""``st.cache_data`` and ``st.cache_resource``: function results shared by every session.

Owns the two decorators, the checks of their settings and :class:`CachedFunction`, which looks
each call up by its key (``cache_keys``) in its function's store (``cache_store``) and keeps
``cache_data`` values as pickled copies (``cache_values``). Knows nothing about sessions or the
wire: while a cached function computes inside a run it raises ``RunContext.cached``, which is how
a widget called inside it knows to warn (QP-3).
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, Generic, Literal, ParamSpec, TypeVar, cast, overload

from tidal.api.cache_disk import DISK, DiskCache
from tidal.api.cache_keys import (
    HashFuncs,
    arguments_key,
    bind_arguments,
    function_key,
    signature_of,
)
from tidal.api.cache_store import (
    TTL,
    Entry,
    Kind,
    Limits,
    Store,
    clear_all,
    max_size_bytes,
    session_scope,
    store_for,
)
from tidal.api.cache_store import ttl_seconds as ttl_seconds  # part of this module's surface
from tidal.api.cache_values import Pickled, pickle_return_value
from tidal.context import Recording, maybe_run
from tidal.errors import StreamlitValueError, TidalAPIError

P = ParamSpec("P")
R = TypeVar("R")
Persist = Literal["disk"] | bool | None
Scope = Literal["global", "session"]
RefreshMode = Literal["foreground", "background"]


# ---------------------------------------------------------------------------------- settings
def _check_settings(
    max_entries: int | None, scope: str, refresh_mode: str, ttl: float | None
) -> None:
    if max_entries is not None and (
        not isinstance(max_entries, int) or isinstance(max_entries, bool) or max_entries < 1
    ):
        raise StreamlitValueError(
            f"Invalid `max_entries` value: {max_entries!r}. Supported values: a positive int, "
            "or None for an unbounded cache."
        )
    if scope not in ("global", "session"):
        raise StreamlitValueError("Invalid `scope` value. Supported values: 'global', 'session'.")
    if refresh_mode not in ("foreground", "background"):
        raise StreamlitValueError(
            "Invalid `refresh_mode` value. Supported values: foreground, background."
        )
    if refresh_mode == "background" and (ttl is None or ttl <= 0):
        raise TidalAPIError(
            'The `ttl` parameter is required. Set a positive `ttl` (for example `ttl="1h"`) or '
            'use `refresh_mode="foreground"`.'
        )


# --------------------------------------------------------------------------- cached functions
@contextmanager
def _in_cached_call() -> Iterator[Recording | None]:
    """Count the calling run (if any) as inside a cached function while its body runs, and
    record the elements the body shows (to show them again on a hit, as Streamlit does)."""
    run = maybe_run()
    if run is None:
        yield None
        return
    recording = Recording(run.block.node)
    run.cached += 1
    run.recordings.append(recording)
    try:
        yield recording
    finally:
        run.cached -= 1
        run.recordings.remove(recording)


def _elements(recording: Recording | None) -> tuple[Any, ...]:
    return tuple(recording.elements) if recording is not None else ()


class CachedFunction(Generic[P, R]):
    """A function decorated with ``st.cache_data`` or ``st.cache_resource``.

    Call it like the function. ``clear()`` empties its cache; ``clear(*args, **kwargs)``
    drops only the entry that a call with those arguments would hit.
    """

    def __init__(
        self,
        func: Callable[P, R],
        kind: Kind,
        store: Store,
        hash_funcs: HashFuncs | None,
        validate: Callable[[Any], bool] | None,
        scope: Scope = "global",
        disk: DiskCache | None = None,
    ) -> None:
        self._scope = scope
        # session-scoped keys mean nothing to another process: those stay in memory
        self._disk = disk if scope == "global" else None
        self._function_key = function_key(func)
        self._func = func
        self._kind: Kind = kind
        self._store = store
        self._hash_funcs: HashFuncs = hash_funcs or {}
        self._validate = validate
        self._signature = signature_of(func)
        self._is_async = inspect.iscoroutinefunction(func)
        functools.update_wrapper(self, func)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        key = self._key(args, kwargs)
        if key is None:
            return self._func(*args, **kwargs)  # raises the TypeError these arguments deserve
        if self._is_async:
            return cast(R, self._call_async(key, args, kwargs))
        entry = self._lookup(key)
        if entry is not None:
            return cast(R, self._hit(entry))
        with self._store.computing(key):
            entry = self._lookup(key)  # computed by another thread while this one waited?
            if entry is not None:
                return cast(R, self._hit(entry))
            stored = self._from_disk(key)
            if stored is not None:
                return cast(R, stored.load())
            with _in_cached_call() as recording:
                value = self._func(*args, **kwargs)
            self._save(key, value, recording)
            return value

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        """A decorated method binds like a plain one (name it ``_self`` to leave it unhashed)."""
        return self if instance is None else types.MethodType(self, instance)

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Empty this function's cache; with arguments, drop only the entry they would hit.

        Example:
            >>> load.clear()              # everything load() cached
            >>> load.clear("sales.csv")   # only load("sales.csv")
        """
        if not args and not kwargs:
            self._store.clear()
            if self._disk is not None:
                self._disk.remove(self._function_key)
            return
        key = self._key(args, kwargs)
        if key is None:
            raise TypeError(f"{self._func.__name__}() takes no such arguments: {args}, {kwargs}")
        self._store.discard(key)
        if self._disk is not None:
            self._disk.remove(self._function_key, key)

    async def _call_async(self, key: str, args: Any, kwargs: Any) -> Any:
        # No per-key lock here: a thread lock cannot be held across an await.
        entry = self._lookup(key)
        if entry is not None:
            return self._hit(entry)
        stored = self._from_disk(key)
        if stored is not None:
            return stored.load()
        with _in_cached_call() as recording:
            value = await cast(Coroutine[Any, Any, Any], self._func(*args, **kwargs))
        self._save(key, value, recording)
        return value

    def _save(self, key: str, value: object, recording: Recording | None) -> None:
        stored, size = self._stored(value)
        self._store.put(key, stored, size, _elements(recording))
        if self._disk is not None and not stored.refs:  # script classes cannot leave the run
            self._disk.write(self._function_key, key, stored.data, self._store.limits.ttl)

    def _from_disk(self, key: str) -> Pickled | None:
        """A value a ``persist="disk"`` function stored, in this or an earlier process."""
        if self._disk is None:
            return None
        data = self._disk.read(self._function_key, key)
        if data is None:
            return None
        stored = Pickled(data)
        self._store.put(key, stored, len(data))
        return stored

    def _key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
        """The key of a call with these arguments; None when they do not fit the signature."""
        named = bind_arguments(self._signature, args, kwargs)
        if named is None:
            return None
        key = arguments_key(named, self._hash_funcs, self._func.__name__, self._kind)
        if self._scope == "global":
            return key
        run = maybe_run()
        if run is None:
            raise TidalAPIError(
                f'{self._func.__name__}() is cached with scope="session", so it can only be '
                "called while a session runs the app (not at import time or from another "
                'thread). Use scope="global" to share it outside sessions.'
            )
        return session_scope(run.state) + key

    def _lookup(self, key: str) -> Entry | None:
        entry = self._store.get(key)
        if entry is not None and self._validate is not None and not self._validate(entry.value):
            self._store.discard(key, entry)
            return None
        return entry

    def _hit(self, entry: Entry) -> Any:
        """The stored value; the elements the call showed are shown again in this run."""
        if entry.elements:
            run = maybe_run()
            if run is not None:
                run.replay(list(entry.elements))
        return self._read(entry)

    def _read(self, entry: Entry) -> Any:
        return entry.value.load() if self._kind == "cache_data" else entry.value

    def _stored(self, value: object) -> tuple[Any, int]:
        if self._kind == "cache_resource":
            return value, 0
        pickled = pickle_return_value(value, self._func.__name__)
        return pickled, len(pickled.data)


def _decorate(
    kind: Kind,
    func: Callable[P, R],
    limits: Limits,
    hash_funcs: HashFuncs | None,
    validate: Callable[[Any], bool] | None = None,
    on_release: Callable[[Any], object] | None = None,
    scope: Scope = "global",
    disk: DiskCache | None = None,
) -> CachedFunction[P, R]:
    if not callable(func):
        raise TidalAPIError(
            f"st.{kind} decorates a function, but got {func!r}. Put `@st.{kind}` or "
            f"`@st.{kind}(ttl=...)` on the line above a `def`."
        )
    store = store_for(kind, function_key(func), limits)
    store.on_release = on_release
    return CachedFunction(func, kind, store, hash_funcs, validate, scope, disk)


# -------------------------------------------------------------------------------- decorators
class CacheDataAPI:
    """``st.cache_data``: cache what a function returns, by its arguments, for every session.

    The value is stored pickled and every call gets its own copy, so a caller may change
    what it got without changing the cache. An argument whose name starts with ``_`` is not
    hashed. ``f.clear()`` empties one function's cache, ``st.cache_data.clear()`` all of them.

    Example:
        >>> @st.cache_data(ttl="1h")
        ... def load(path):
        ...     return read_rows(path)
        >>> rows = load("sales.csv")   # computed once, then copied from the cache
    """

    @overload
    def __call__(
        self,
        func: Callable[P, R],
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: Persist = None,
        hash_funcs: HashFuncs | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> CachedFunction[P, R]: ...

    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: Persist = None,
        hash_funcs: HashFuncs | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunction[P, R]]: ...

    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: Persist = None,
        hash_funcs: HashFuncs | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> CachedFunction[P, R] | Callable[[Callable[P, R]], CachedFunction[P, R]]:
        """Decorate ``func`` (``@st.cache_data``), or make a decorator (``@st.cache_data(...)``).

        Args:
            func: the function to cache.
            ttl: how long an entry lives: seconds, a ``timedelta``, a string such as ``"1h"``
                or ``"30m"``, or None (forever).
            max_entries: keep at most this many entries (least recently used go first).
            max_size: keep at most this many pickled bytes (an int, or ``"500MB"``).
            show_spinner: accepted for compatibility; tidal shows no spinner.
            show_time: accepted for compatibility.
            persist: ``"disk"`` (or True) also keeps the values in ``.tidal/cache`` in the
                working directory, signed with the app's secret, so they outlive the server.
            hash_funcs: ``{type or "module.Type": function}`` to hash arguments of that type
                by what the function returns.
            scope: ``"global"`` (every session shares the entries) or ``"session"`` (each
                session has its own, dropped when the session ends).
            refresh_mode: ``"background"`` is accepted (it needs a ``ttl``); expired
                entries are recomputed in the foreground.

        Raises:
            TidalAPIError: a setting is invalid; when called, an argument cannot be hashed or
                the return value cannot be pickled.
        """
        seconds = ttl_seconds(ttl)
        _check_settings(max_entries, scope, refresh_mode, seconds)
        if persist not in ("disk", True, False, None):
            raise StreamlitValueError("Invalid `persist` value. Supported values: 'disk', None.")
        if refresh_mode == "background" and persist in ("disk", True):
            raise TidalAPIError(
                "`refresh_mode='background'` and `persist='disk'` cannot be used together. "
                'Use `persist=None` with `refresh_mode="background"`, or use '
                '`refresh_mode="foreground"`.'
            )
        limits = Limits(seconds, max_entries, max_size_bytes(max_size))

        def decorate(f: Callable[P, R]) -> CachedFunction[P, R]:
            disk = DISK if persist in ("disk", True) else None
            return _decorate("cache_data", f, limits, hash_funcs, scope=scope, disk=disk)

        return decorate if func is None else decorate(func)

    def clear(self) -> None:
        """Empty every ``st.cache_data`` cache, on disk too.

        Example:
            >>> st.cache_data.clear()
        """
        clear_all("cache_data")
        DISK.clear()  # and what persist="disk" kept


class CacheResourceAPI:
    """``st.cache_resource``: one shared object per set of arguments, for every session.

    Unlike ``st.cache_data`` nothing is copied: every caller gets the same object (a model, a
    connection pool), so it must be safe to use from several threads at once.

    Example:
        >>> @st.cache_resource
        ... def connect(url):
        ...     return make_pool(url)
        >>> pool = connect("postgres://db")   # the same pool on every run and session
    """

    @overload
    def __call__(
        self,
        func: Callable[P, R],
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], object] | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> CachedFunction[P, R]: ...

    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], object] | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunction[P, R]]: ...

    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], object] | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> CachedFunction[P, R] | Callable[[Callable[P, R]], CachedFunction[P, R]]:
        """Decorate ``func`` (``@st.cache_resource``), or make a decorator.

        Args:
            func: the function that creates the resource.
            ttl: how long an entry lives: seconds, a ``timedelta``, a string such as ``"1h"``
                or ``"30m"``, or None (forever).
            max_entries: keep at most this many entries (least recently used go first).
            show_spinner: accepted for compatibility; tidal shows no spinner.
            show_time: accepted for compatibility.
            validate: called with the cached object on every hit; False discards it and the
                function runs again (for example to replace a closed connection).
            hash_funcs: ``{type or "module.Type": function}`` to hash arguments of that type
                by what the function returns.
            on_release: called with an object when it leaves the cache (evicted, expired,
                invalid or cleared).
            scope: ``"global"`` (every session shares the entries) or ``"session"`` (each
                session has its own, dropped when the session ends).
            refresh_mode: ``"background"`` is accepted (it needs a ``ttl``); expired
                entries are recomputed in the foreground.

        Raises:
            TidalAPIError: a setting is invalid; when called, an argument cannot be hashed.
        """
        seconds = ttl_seconds(ttl)
        _check_settings(max_entries, scope, refresh_mode, seconds)
        limits = Limits(seconds, max_entries, None)

        def decorate(f: Callable[P, R]) -> CachedFunction[P, R]:
            return _decorate("cache_resource", f, limits, hash_funcs, validate, on_release, scope)

        return decorate if func is None else decorate(func)

    def clear(self) -> None:
        """Empty every ``st.cache_resource`` cache (``on_release`` sees each object).

        Example:
            >>> st.cache_resource.clear()
        """
        clear_all("cache_resource")


cache_data = CacheDataAPI()
cache_resource = CacheResourceAPI()
