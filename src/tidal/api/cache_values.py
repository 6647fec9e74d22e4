"""Cached values: the pickled copies ``st.cache_data`` stores.

Owns how a return value becomes bytes and back, so that every caller gets a fresh copy and no
caller can change what is cached, including values made of classes and functions a script
defines, which pickle cannot find by name. Knows nothing about keys, stores, limits, sessions or
runs.
"""

from __future__ import annotations

import io
import pickle
import sys
import types
from typing import Any, NamedTuple

from tidal.api.cache_keys import type_name
from tidal.errors import TidalAPIError


def _findable(obj: type | types.FunctionType) -> bool:
    found: Any = sys.modules.get(obj.__module__)
    for part in obj.__qualname__.split("."):
        found = getattr(found, part, None)
    return found is obj


class _ScriptPickler(pickle.Pickler):
    """Pickles by reference the classes and functions pickle cannot find by name: those a
    script defines (its ``__main__`` is not ``sys.modules["__main__"]``)."""

    def __init__(self, file: io.BytesIO, refs: list[Any]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._refs = refs

    def persistent_id(self, obj: Any) -> int | None:
        if isinstance(obj, type | types.FunctionType) and not _findable(obj):
            self._refs.append(obj)
            return len(self._refs) - 1
        return None


class _ScriptUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, refs: tuple[Any, ...]) -> None:
        super().__init__(io.BytesIO(data))
        self._refs = refs

    def persistent_load(self, pid: Any) -> Any:
        return self._refs[pid]


class Pickled(NamedTuple):
    """A ``cache_data`` value: pickled bytes, plus the script classes they refer to."""

    data: bytes
    refs: tuple[Any, ...] = ()

    def load(self) -> Any:
        """A fresh copy of the value."""
        if not self.refs:
            return pickle.loads(self.data)
        return _ScriptUnpickler(self.data, self.refs).load()


def pickle_return_value(value: object, func_name: str) -> Pickled:
    """``value``, returned by ``func_name``, as the bytes ``st.cache_data`` stores.

    Raises:
        TidalAPIError: pickle cannot serialize ``value``; the message suggests
            ``st.cache_resource``.
    """
    try:
        return Pickled(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        refs: list[Any] = []
        buffer = io.BytesIO()
        try:
            _ScriptPickler(buffer, refs).dump(value)
        except Exception as exc:
            raise TidalAPIError(
                f"Cannot serialize the return value (of type `{type_name(value)}`) in "
                f"`{func_name}()`: {exc}. `st.cache_data` stores a pickled copy so that no "
                "caller can change the cached value. Return something pickle can serialize, "
                "or cache the object with `st.cache_resource`, which shares it instead of "
                "copying it."
            ) from exc
        return Pickled(buffer.getvalue(), tuple(refs))
