"""``components.v1.components``: where packages that reach past ``components.v1`` find the
component classes (as in Streamlit)."""

from __future__ import annotations

from tidal.api.components import CustomComponent as CustomComponent
from tidal.api.components import MarshallComponentException as MarshallComponentException
from tidal.api.components import declare_component as declare_component

__all__ = ["CustomComponent", "MarshallComponentException", "declare_component"]
