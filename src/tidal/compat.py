"""Drop-in Streamlit apps: ``import streamlit as st`` served by tidal, unchanged.

Owns the import alias that ``tidal run`` installs in the app's own process when the app
imports ``streamlit``: ``streamlit`` is tidal, ``streamlit.errors`` is ``tidal.errors`` and
``streamlit.testing.v1`` is ``tidal.testing``; any other ``streamlit.*`` module fails with a
message that names it. Nothing is installed unless the app asks for streamlit, and never on
import of tidal.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ALIASES = {
    "streamlit": "tidal",
    "streamlit.components": "tidal.components",
    "streamlit.components.v1": "tidal.components.v1",
    "streamlit.components.v1.components": "tidal.components.v1.components",
    "streamlit.components.v1.component_registry": "tidal.components.v1.component_registry",
    "streamlit.components.v1.custom_component": "tidal.components.v1.custom_component",
    "streamlit.errors": "tidal.errors",
    "streamlit.testing": "tidal.testing",
    "streamlit.testing.v1": "tidal.testing",
}
_IMPORTS_STREAMLIT = re.compile(r"^\s*(import\s+streamlit\b|from\s+streamlit(\.|\s))", re.M)
NOTICE = "This app imports streamlit; tidal serves it (import streamlit as st -> tidal)."


def imports_streamlit(source: str) -> bool:
    """Whether a script's source imports ``streamlit``."""
    return bool(_IMPORTS_STREAMLIT.search(source))


class _Unsupported(importlib.abc.MetaPathFinder):
    """Refuses ``streamlit.*`` modules tidal does not provide, with a clear message."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.startswith("streamlit.") and fullname not in ALIASES:
            raise ImportError(
                f"{fullname} is a Streamlit internal module that tidal does not provide. "
                "tidal serves `import streamlit as st` and `streamlit.errors`; use the public "
                "st.* API instead.",
                name=fullname,
            )
        return None


def install() -> None:
    """Make ``import streamlit`` give tidal in this process (idempotent)."""
    for alias, target in ALIASES.items():
        sys.modules[alias] = importlib.import_module(target)
    # `import streamlit.testing.v1 as v1` reaches v1 as an attribute of streamlit.testing
    testing = sys.modules["tidal.testing"]
    testing.v1 = testing  # type: ignore[attr-defined]
    if not any(isinstance(f, _Unsupported) for f in sys.meta_path):
        sys.meta_path.insert(0, _Unsupported())


def install_if_needed(app: Path) -> bool:
    """Install the alias when ``app`` (or a page next to it) imports streamlit."""
    candidates = [app, *sorted((app.parent / "pages").glob("*.py"))]
    for path in candidates:
        try:
            source = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if imports_streamlit(source):
            install()
            return True
    return False
