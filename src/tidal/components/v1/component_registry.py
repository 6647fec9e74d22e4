"""``components.v1.component_registry``: ``declare_component`` and the process's registry of
components (``get_component_registry()``), as packages look them up in Streamlit."""

from __future__ import annotations

from tidal.api.components import REGISTRY, ComponentRegistry
from tidal.api.components import declare_component as declare_component


def get_component_registry() -> ComponentRegistry:
    """The registry of every component declared in this process."""
    return REGISTRY


__all__ = ["ComponentRegistry", "declare_component", "get_component_registry"]
