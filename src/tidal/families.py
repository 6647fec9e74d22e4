"""Families of ``st.*`` names loaded on first use: data, media, uploads, chat, components,
charts.

Owns ``LAZY`` (public name -> the module that defines it) and ``load``. ``import tidal`` stays
small: a family's modules (and what they import) are imported when an app first uses one of
its names (``st.dataframe``, ``col.image(...)``, ``st.write(df)``), once per process. The
public namespace (``tidal/__init__.py``), element handles and ``st.write`` ask here. Knows
nothing about what the functions do.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

LAZY: dict[str, str] = {
    # data
    "column_config": "tidal.api.column_config",
    "data_editor": "tidal.api.data_editor",
    "dataframe": "tidal.api.dataframe",
    "metric": "tidal.api.metric",
    "table": "tidal.api.dataframe",
    # media and files
    "audio": "tidal.api.media",
    "audio_input": "tidal.api.uploads",
    "camera_input": "tidal.api.uploads",
    "download_button": "tidal.api.download",
    "file_uploader": "tidal.api.uploads",
    "image": "tidal.api.media",
    "pdf": "tidal.api.media",
    "video": "tidal.api.media",
    # chat
    "chat_input": "tidal.api.chat_input",
    "chat_message": "tidal.api.chat",
    # custom components
    "components": "tidal.components",
    # charts
    "altair_chart": "tidal.api.vega_charts",
    "area_chart": "tidal.api.builtin_charts",
    "bar_chart": "tidal.api.builtin_charts",
    "echarts_chart": "tidal.api.echarts_chart",
    "graphviz_chart": "tidal.api.graphviz_chart",
    "line_chart": "tidal.api.builtin_charts",
    "map": "tidal.api.maps",
    "mermaid_chart": "tidal.api.mermaid_chart",
    "plotly_chart": "tidal.api.plotly_chart",
    "pydeck_chart": "tidal.api.pydeck_chart",
    "pyplot": "tidal.api.pyplot",
    "scatter_chart": "tidal.api.builtin_charts",
    "vega_lite_chart": "tidal.api.vega_charts",
}
"""Public name -> its module; the name is an attribute of that module, except for ``MODULES``."""

MODULES = frozenset({"column_config", "components"})
"""Public names that are modules themselves (``st.column_config``, ``st.components``)."""


def load(name: str) -> Any:
    """The public object ``name`` of a lazily loaded family (importing its module once).

    Raises:
        AttributeError: ``name`` is no lazily loaded public name.
    """
    path = LAZY.get(name)
    if path is None:
        raise AttributeError(f"module 'tidal' has no attribute {name!r}")
    module = importlib.import_module(path)
    return module if name in MODULES else getattr(module, name)


def public_getattr(name: str) -> Any:
    """``tidal.__getattr__`` (PEP 562): a family's name, loaded on first use and then kept as
    an attribute of the ``tidal`` module (later lookups cost nothing)."""
    value = load(name)
    sys.modules["tidal"].__dict__[name] = value
    return value


def public_dir() -> list[str]:
    """``dir(tidal)``: its attributes and the names still to load."""
    return sorted({*vars(sys.modules["tidal"]), *LAZY})
