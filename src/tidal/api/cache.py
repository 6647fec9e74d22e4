"""``st.cache_data`` and ``st.cache_resource``: function results shared by every session.

Owns the two decorators and the checks of their settings; what a decorated function does when
called is ``cached_function.py``'s. Knows nothing about sessions or the wire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, ParamSpec, TypeVar, overload

from tidal.api.cache_disk import DISK
from tidal.api.cache_keys import (
    HashFuncs,
)
from tidal.api.cache_store import (
    TTL,
    Limits,
    clear_all,
    max_size_bytes,
)
from tidal.api.cache_store import ttl_seconds as ttl_seconds  # part of this module's surface
from tidal.api.cached_function import CachedFunction, Scope, make_cached
from tidal.errors import StreamlitValueError, TidalAPIError

P = ParamSpec("P")
R = TypeVar("R")
Persist = Literal["disk"] | bool | None
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
            return make_cached("cache_data", f, limits, hash_funcs, scope=scope, disk=disk)

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
            return make_cached("cache_resource", f, limits, hash_funcs, validate, on_release, scope)

        return decorate if func is None else decorate(func)

    def clear(self) -> None:
        """Empty every ``st.cache_resource`` cache (``on_release`` sees each object).

        Example:
            >>> st.cache_resource.clear()
        """
        clear_all("cache_resource")


cache_data = CacheDataAPI()
cache_resource = CacheResourceAPI()
