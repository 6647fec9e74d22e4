"""The ``tidal`` package object: public ``st.*`` names win over internal module names.

Two public names are also names of internal modules: ``st.context`` (``tidal/context.py``,
the run context) and ``st.connection`` (``tidal/connection.py``, one websocket). Python sets
a package attribute when it first imports a submodule, which would make ``st.connection``
the websocket module as soon as the server is imported. ``PublicNamespace``, the class of the
``tidal`` module, keeps the public object: the internal modules stay importable with
``from tidal.connection import ...``, but never pose as ``st.*``. Knows nothing else.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

SHADOWED = frozenset({"context", "connection"})
"""Public ``st.*`` names that are also the names of internal modules."""


class PublicNamespace(ModuleType):
    """A module whose public names in ``SHADOWED`` are not replaced by submodules."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in SHADOWED and isinstance(value, ModuleType) and name in self.__dict__:
            return  # the import system announcing tidal.<name>: keep the public object
        super().__setattr__(name, value)
