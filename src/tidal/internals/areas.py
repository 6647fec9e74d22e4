"""The page's areas by Streamlit's private names: ``st._main``, ``st._sidebar``, ``st._bottom``
and ``st._event``.

Packages reach for them past ``st.*``: streamlit-extras mounts its script-only components
(cookies, local storage, redirects, scrolling) ``with st._event:`` so that they take no room,
and its ``bottom_container`` returns ``st._bottom``. ``compat.install`` sets them on the
package under the alias only. ``_event`` is the page's hidden root (``tree.PAGE``): what goes
there runs but is not shown.
"""

from __future__ import annotations

from tidal.api.layout import bottom, sidebar
from tidal.tree import MAIN, PAGE

_Area = type(sidebar)

AREAS = {
    "_main": _Area(MAIN),
    "_sidebar": sidebar,
    "_bottom": bottom,
    "_event": _Area(PAGE),
}
"""Attribute of the ``streamlit`` package -> the area it is."""
