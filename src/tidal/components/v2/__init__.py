"""``components.v2``: Streamlit's custom components v2 (``st.components.v2.component``;
``import streamlit.components.v2`` works unchanged under the drop-in alias).

Example:
    >>> import tidal as st
    >>> hello = st.components.v2.component("hello", html="<p>hello</p>")
    >>> result = hello()
"""

from __future__ import annotations

from tidal.api.component_state import ComponentResult as ComponentResult
from tidal.api.components_v2 import ComponentRenderer as ComponentRenderer
from tidal.api.components_v2 import component as component

__all__ = ["ComponentRenderer", "ComponentResult", "component"]
