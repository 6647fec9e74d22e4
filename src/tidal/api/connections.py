"""``st.connection`` and ``BaseConnection``: named connections to data sources.

``st.connection(name, type=...)`` makes (once per process, like ``st.cache_resource``) a
connection of a ``BaseConnection`` subclass; its settings come from the keyword arguments and
from ``[connections.<name>]`` in the secrets. tidal ships no drivers: ``"sql"`` and
``"snowflake"`` explain how to proceed; a class, or a ``"package.module.Class"`` path, works.
Also importable as ``streamlit.connections`` under the drop-in alias.
"""

from __future__ import annotations

import builtins
import importlib
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

from tidal.api.cache_store import ttl_seconds
from tidal.api.secrets import AttrDict, StreamlitSecretNotFoundError, secrets
from tidal.errors import TidalAPIError

RawConnection = TypeVar("RawConnection")
_UNSET: Any = type("Unset", (), {"__repr__": lambda self: "<unset>"})()
_BUILT_IN = {
    "sql": "SQLAlchemy",
    "snowflake": "snowflake-connector-python",
    "snowpark": "snowflake-snowpark-python",
}


class BaseConnection(ABC, Generic[RawConnection]):
    """The base of every connection: subclass it and implement ``_connect``.

    Example:
        >>> class Dict(st.connections.BaseConnection[dict]):
        ...     def _connect(self, **kwargs):
        ...         return dict(kwargs)
        >>> conn = st.connection("mem", type=Dict, answer=42)
    """

    def __init__(self, connection_name: str, **kwargs: Any) -> None:
        self._connection_name = connection_name
        self._kwargs = kwargs
        self._raw_instance: RawConnection | None = self._connect(**kwargs)

    @abstractmethod
    def _connect(self, **kwargs: Any) -> RawConnection:
        """Open the underlying connection."""

    @property
    def _instance(self) -> RawConnection:
        if self._raw_instance is None:
            self._raw_instance = self._connect(**self._kwargs)
        return self._raw_instance

    @property
    def _secrets(self) -> AttrDict:
        """``[connections.<name>]`` of the secrets (empty when there is none)."""
        try:
            table = secrets.to_dict().get("connections", {}).get(self._connection_name, {})
        except StreamlitSecretNotFoundError:
            table = {}
        return AttrDict(table)

    def reset(self) -> None:
        """Drop the underlying connection; the next use opens a new one."""
        self._raw_instance = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self._connection_name!r})"


ExperimentalBaseConnection = BaseConnection

_made: dict[tuple[Any, ...], BaseConnection[Any]] = {}
"""Connections made, by name, class name and arguments."""
_expires: dict[tuple[Any, ...], float] = {}
"""When a connection made with a ``ttl`` is to be made again (``time.monotonic()``)."""
_lock = threading.Lock()


def _connection_class(name: str, type: Any) -> type[BaseConnection[Any]]:
    if type is None:
        try:
            table = secrets.to_dict().get("connections", {}).get(name, {})
        except StreamlitSecretNotFoundError:
            table = {}
        type = table.get("type") if isinstance(table, Mapping) else None
        if type is None:
            raise TidalAPIError(
                f"Missing connection type for connection `{name}`. Pass type= to "
                f"st.connection, or set `type` in [connections.{name}] of secrets.toml."
            )
    if isinstance(type, str):
        if type in _BUILT_IN:
            raise TidalAPIError(
                f'st.connection(type="{type}") needs {_BUILT_IN[type]}, and tidal has no '
                f"built-in {type} connection yet. Subclass "
                "`streamlit.connections.BaseConnection` and pass the class as type=."
            )
        path = type
        module, _, cls_name = path.rpartition(".")
        try:
            type = getattr(importlib.import_module(module), cls_name) if module else None
        except (ImportError, AttributeError):
            type = None
        if type is None:
            raise TidalAPIError(
                f"Invalid connection type {path!r} for `{name}`: pass a BaseConnection "
                'subclass or its path, e.g. "package.module.MyConnection".'
            )
    if not (isinstance(type, builtins.type) and issubclass(type, BaseConnection)):
        raise TidalAPIError(
            f"st.connection(type={type!r}): the type must be a subclass of "
            "streamlit.connections.BaseConnection."
        )
    return type


def connection(
    name: str,
    type: Any = None,
    max_entries: int | None = None,
    ttl: Any = _UNSET,
    **kwargs: Any,
) -> Any:
    """A connection named ``name``, made once per process and shared by every session.

    Args:
        name: the connection's name; its settings may sit in ``[connections.<name>]`` of the
            secrets.
        type: a ``BaseConnection`` subclass, its ``"package.module.Class"`` path, or None to
            read ``type`` from the secrets.
        max_entries: kept for Streamlit's signature (one entry per name and arguments).
        ttl: seconds (or a timedelta, or ``"1h"``) after which a new connection is made.
        **kwargs: passed to the connection's ``_connect``.

    Example:
        >>> conn = st.connection("mem", type=MyConnection)
    """
    cls = _connection_class(name, type)
    # by the class's name, not the class: a class defined in the script is a new object on
    # every run, and the connection must outlive the run
    kind = f"{cls.__module__}.{cls.__qualname__}"
    key = (name, kind, tuple(sorted((k, repr(v)) for k, v in kwargs.items())))
    seconds = None if ttl is _UNSET else ttl_seconds(ttl)
    with _lock:
        made = _made.get(key)
        if made is not None and _expires.get(key, float("inf")) <= time.monotonic():
            made = None
        if made is None:
            made = cls(name, **kwargs)
            _made[key] = made
            if seconds is not None:
                _expires[key] = time.monotonic() + seconds
        return made
