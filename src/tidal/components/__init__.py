"""``tidal.components``: custom components, as ``st.components`` (``components.v1``)."""

from __future__ import annotations

from tidal.components import v1 as v1

__all__ = ["v1"]
