"""``components.v1.custom_component``: the component class and its error (as in Streamlit)."""

from __future__ import annotations

from tidal.api.components import CustomComponent as CustomComponent
from tidal.api.components import MarshallComponentException as MarshallComponentException

__all__ = ["CustomComponent", "MarshallComponentException"]
