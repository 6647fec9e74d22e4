"""Drop-in Streamlit apps: ``import streamlit as st`` served by tidal, unchanged.

Owns the import alias that ``tidal run`` installs in the app's own process when the app
imports ``streamlit``: ``streamlit`` is tidal, ``streamlit.errors`` is ``tidal.errors``,
``streamlit.testing.v1`` is ``tidal.testing``, and the modules apps reach past ``st.*`` for
(``runtime``, ``runtime.scriptrunner``, ``config``, ``connections``, ``components.v1``) are
tidal's equivalents. Streamlit internals that component packages import (``INTERNALS``:
``streamlit.elements.image.image_to_url``, ``streamlit.runtime.metrics_util``...) map to
tidal's stand-ins (``tidal.internals`` mostly), loaded only when imported.
``importlib.util.find_spec`` of any other ``streamlit.*`` module gives None; importing one
whose name is also a tidal module (``streamlit.server``) fails with a message that names it,
rather than loading a second copy of tidal's. Nothing is installed unless the app asks for
streamlit, and never on import of tidal.
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

from tidal.internals.areas import AREAS

ALIASES = {
    "streamlit": "tidal",
    "streamlit.components": "tidal.components",
    "streamlit.components.v1": "tidal.components.v1",
    "streamlit.components.v1.components": "tidal.components.v1.components",
    "streamlit.components.v1.component_registry": "tidal.components.v1.component_registry",
    "streamlit.components.v1.custom_component": "tidal.components.v1.custom_component",
    "streamlit.components.v2": "tidal.components.v2",
    "streamlit.errors": "tidal.errors",
    "streamlit.testing": "tidal.testing",
    "streamlit.testing.v1": "tidal.testing",
    "streamlit.testing.v1.errors": "tidal.testing.errors",
    "streamlit.runtime": "tidal.api.runtime",
    "streamlit.runtime.scriptrunner": "tidal.api.runtime",
    "streamlit.config": "tidal.api.options",
    "streamlit.connections": "tidal.api.connections",
}
INTERNALS: dict[str, str | None] = {
    "streamlit.delta_generator": "tidal.internals.delta_generator",
    "streamlit.deprecation_util": "tidal.internals.deprecation",
    "streamlit.elements": None,
    "streamlit.elements.image": "tidal.internals.image_urls",
    "streamlit.elements.lib": None,
    "streamlit.elements.lib.image_utils": "tidal.internals.image_urls",
    "streamlit.elements.lib.layout_utils": "tidal.internals.layout_config",
    "streamlit.runtime.metrics_util": "tidal.internals.metrics",
    "streamlit.runtime.scriptrunner.script_run_context": "tidal.api.runtime",
    "streamlit.runtime.scriptrunner_utils": None,
    "streamlit.runtime.scriptrunner_utils.script_run_context": "tidal.api.runtime",
    "streamlit.runtime.uploaded_file_manager": "tidal.uploaded_file",
    "streamlit.source_util": "tidal.internals.source_files",
}
"""Streamlit internal modules that component packages import -> the tidal module that stands
in for each, imported only when a package imports it (None: a package with nothing but these
submodules)."""
_PACKAGE_DIR = Path(__file__).resolve().parent
_IMPORTS_STREAMLIT = re.compile(r"^\s*(import\s+streamlit\b|from\s+streamlit(\.|\s))", re.M)
NOTICE = "This app imports streamlit; tidal serves it (import streamlit as st -> tidal)."


def imports_streamlit(source: str) -> bool:
    """Whether a script's source imports ``streamlit``."""
    return bool(_IMPORTS_STREAMLIT.search(source))


class _Internal(importlib.abc.Loader):
    """Loads a Streamlit internal module as the tidal module that stands in for it."""

    def __init__(self, target: str | None) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # a plain module; exec_module swaps in the tidal one

    def exec_module(self, module: ModuleType) -> None:
        if self.target is not None:  # the import system returns what sys.modules holds now
            sys.modules[module.__name__] = importlib.import_module(self.target)


class _Unsupported(importlib.abc.MetaPathFinder):
    """Finds the Streamlit internals tidal stands in for (``INTERNALS``), and keeps the other
    ``streamlit.*`` modules from loading tidal's own modules a second time (``streamlit`` is
    the tidal package, so Python would look in its folder)."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname in INTERNALS:
            stand_in = INTERNALS[fullname]
            loader = _Internal(stand_in)
            return importlib.machinery.ModuleSpec(fullname, loader, is_package=stand_in is None)
        if not fullname.startswith("streamlit.") or fullname in ALIASES:
            return None
        first = fullname.split(".")[1]
        if (_PACKAGE_DIR / f"{first}.py").exists() or (_PACKAGE_DIR / first).is_dir():
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
    # `streamlit.runtime.scriptrunner` is reached the same way
    runtime = sys.modules["tidal.api.runtime"]
    runtime.scriptrunner = runtime  # type: ignore[attr-defined]
    # a search path, so that `import streamlit.runtime.metrics_util` (INTERNALS) is looked for
    runtime.__path__ = []
    # `import streamlit.runtime` then `streamlit.runtime.exists()`, and `from streamlit import
    # config`: attributes of the package (under the alias only; tidal's own code imports
    # `from tidal.config import ...`, which this does not touch)
    package = sys.modules["tidal"]
    for name in ("runtime", "config", "connections", "components"):
        setattr(package, name, sys.modules[f"streamlit.{name}"])
    package._config = sys.modules["streamlit.config"]  # type: ignore[attr-defined]
    for name, area in AREAS.items():  # st._main, st._event...: the page's areas
        setattr(package, name, area)
    # `from streamlit import source_util` looks for the attribute, then for `tidal.source_util`
    source_util = importlib.import_module("tidal.internals.source_files")
    package.source_util = source_util  # type: ignore[attr-defined]
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
