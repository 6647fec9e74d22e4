"""``components.v1``: Streamlit's custom component API (``import streamlit.components.v1 as
components`` works unchanged under the drop-in alias).

Example:
    >>> import tidal.components.v1 as components
    >>> components.html("<b>hello</b>", height=60)
"""

from __future__ import annotations

from tidal.api.components import declare_component as declare_component
from tidal.api.components import html as html
from tidal.api.components import iframe as iframe
from tidal.components.v1 import component_registry as component_registry
from tidal.components.v1 import components as components
from tidal.components.v1 import custom_component as custom_component

__all__ = [
    "component_registry",
    "components",
    "custom_component",
    "declare_component",
    "html",
    "iframe",
]
