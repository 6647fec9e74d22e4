"""``st.get_option`` / ``st.set_option``: the configuration as a script sees it.

``get_option`` reads the value the app runs with (``tidal config show`` lists them), under
Streamlit's names; options tidal does not use read as None. ``set_option`` changes, for this
process, only the options Streamlit lets a script change while it runs; any other raises
Streamlit's error. Also importable as ``streamlit.config`` under the drop-in alias.
"""

from __future__ import annotations

import threading
from typing import Any

from tidal.config import Config, default_config
from tidal.config_options import OPTIONS_BY_NAME, STREAMLIT_ONLY_OPTIONS
from tidal.config_tables import TABLE_KEYS
from tidal.context import maybe_run
from tidal.errors import TidalAPIError

SCRIPTABLE = frozenset(
    {
        "client.showErrorDetails",
        "client.toolbarMode",
        "client.showSidebarNavigation",
        "client.displayEnabled",
        "client.caching",
        "logger.level",
        "deprecation.showfileUploaderEncoding",
        "deprecation.showImageFormat",
        "deprecation.showPyplotGlobalUse",
    }
)
"""Options a script may change while it runs (Streamlit's ``scriptable`` options)."""

_overrides: dict[str, Any] = {}
_lock = threading.Lock()
_defaults: Config | None = None


def _config() -> Config:
    global _defaults
    ctx = maybe_run()
    if ctx is not None and ctx.options.config is not None:
        return ctx.options.config
    if _defaults is None:
        _defaults = default_config()
    return _defaults


_TABLE_KEYS = frozenset(TABLE_KEYS)
_STREAMLIT_DEFAULTS: dict[str, Any] = {"server.baseUrlPath": ""}
"""Streamlit's defaults of options tidal does not use that packages compute with
(streamlit-drawable-canvas prefixes its image URLs with the base path); the others are None."""


def get_option(key: str) -> Any:
    """The value of a configuration option, e.g. ``"theme.primaryColor"``; a key of a theme
    table too (``"theme.sidebar.primaryColor"``, None when the table does not set it).

    Raises:
        RuntimeError: no such option (Streamlit's error).

    Example:
        >>> st.get_option("server.port")
        8501
    """
    with _lock:
        if key in _overrides:
            return _overrides[key]
    if key in OPTIONS_BY_NAME or key in _TABLE_KEYS:  # theme.sidebar.primaryColor too
        return _config().get(key)
    if key in STREAMLIT_ONLY_OPTIONS:
        return _STREAMLIT_DEFAULTS.get(key)
    raise RuntimeError(f'Config key "{key}" not defined.')


def set_option(key: str, value: Any) -> None:
    """Change a configuration option while the app runs (only the options Streamlit allows
    at runtime, such as ``client.showErrorDetails``; the change is for this process).

    Raises:
        TidalAPIError: the option cannot be changed while the app runs.
        RuntimeError: no such option.

    Example:
        >>> st.set_option("client.showErrorDetails", False)
    """
    known = key in OPTIONS_BY_NAME or key in STREAMLIT_ONLY_OPTIONS or key in _TABLE_KEYS
    if not known:
        raise RuntimeError(f'Config key "{key}" not defined.')
    if key not in SCRIPTABLE:
        raise TidalAPIError(
            f"{key} cannot be set on the fly. Set as command line option, e.g. "
            f"tidal run script.py --{key}, or in config.toml instead."
        )
    if key in OPTIONS_BY_NAME:
        _config().with_values({key: value})  # checks the value, with the option's message
    with _lock:
        _overrides[key] = value
