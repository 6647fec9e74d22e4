"""``DeltaGenerator``: Streamlit's name for what element functions return and containers are.

``streamlit.delta_generator`` under the drop-in alias: packages annotate with it or check
``isinstance(x, DeltaGenerator)``. In tidal that is the element handle.
"""

from __future__ import annotations

from tidal.api.handle import ElementHandle as DeltaGenerator

__all__ = ["DeltaGenerator"]
