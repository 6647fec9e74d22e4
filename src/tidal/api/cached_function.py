"""``CachedFunction``: one function decorated with ``st.cache_data`` or ``st.cache_resource``.

Owns what a call does: look its key up (``cache_keys``) in the function's store
(``cache_store``), on disk for ``persist="disk"`` (``cache_disk``), or compute it, keep
``cache_data`` values as pickled copies (``cache_values``) and record the elements the call
shows, to show them again on a hit. While it computes inside a run it raises
``RunContext.cached``, which is how a widget called inside it knows to warn (QP-3). Knows
nothing about the decorators' settings or the wire.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, Generic, Literal, ParamSpec, TypeVar, cast

from tidal.api.cache_disk import DiskCache
from tidal.api.cache_keys import (
    HashFuncs,
    arguments_key,
    bind_arguments,
    function_key,
    signature_of,
)
from tidal.api.cache_store import Entry, Kind, Limits, Store, session_scope, store_for
from tidal.api.cache_values import Pickled, pickle_return_value
from tidal.context import Recording, maybe_run
from tidal.errors import TidalAPIError

P = ParamSpec("P")
R = TypeVar("R")
Scope = Literal["global", "session"]


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


def make_cached(
    kind: Kind,
    func: Callable[P, R],
    limits: Limits,
    hash_funcs: HashFuncs | None,
    validate: Callable[[Any], bool] | None = None,
    on_release: Callable[[Any], object] | None = None,
    scope: Scope = "global",
    disk: DiskCache | None = None,
) -> CachedFunction[P, R]:
    """The ``CachedFunction`` for ``func``, sharing the store of every earlier definition of
    the same function with the same limits (a script defines its functions on every run)."""
    if not callable(func):
        raise TidalAPIError(
            f"st.{kind} decorates a function, but got {func!r}. Put `@st.{kind}` or "
            f"`@st.{kind}(ttl=...)` on the line above a `def`."
        )
    store = store_for(kind, function_key(func), limits)
    store.on_release = on_release
    return CachedFunction(func, kind, store, hash_funcs, validate, scope, disk)
