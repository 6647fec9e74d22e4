"""``tidal.components``: custom components, as ``st.components`` (``components.v1`` and
``components.v2``)."""

from __future__ import annotations

from tidal.components import v1 as v1
from tidal.components import v2 as v2

__all__ = ["v1", "v2"]
