"""Which wrapper class a page node gets: ``wrap``.

Owns the lookup from an element type to its wrapper class over the tables of the element
modules (widgets first, then the chat input, files, data, media, progress and the other
display elements); a type no table knows gets the plain ``Element``. Knows nothing about
queries or runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidal.testing.chart_elements import CHART_CLASSES
from tidal.testing.chat_elements import CHAT_CLASSES
from tidal.testing.data_elements import DATA_CLASSES
from tidal.testing.elements import DISPLAY_CLASSES, Element
from tidal.testing.feedback_elements import FEEDBACK_CLASSES
from tidal.testing.file_elements import FILE_CLASSES
from tidal.testing.input_elements import INPUT_CLASSES, link_button_class
from tidal.testing.media_elements import MEDIA_CLASSES
from tidal.testing.widget_elements import WIDGET_CLASSES

if TYPE_CHECKING:
    from tidal.testing.host import AppHost
    from tidal.tree import Node

_TABLES = (
    INPUT_CLASSES,
    WIDGET_CLASSES,
    CHAT_CLASSES,
    FILE_CLASSES,
    DATA_CLASSES,
    CHART_CLASSES,
    MEDIA_CLASSES,
    FEEDBACK_CLASSES,
    DISPLAY_CLASSES,
)


def wrapper_class(node: Node) -> type[Element]:
    """The wrapper class for one page node (``Button``, ``Choice``...), else ``Element``."""
    if node.type == "link_button":
        return link_button_class(node.props)
    for table in _TABLES:
        cls = table.get(node.type)
        if cls is not None:
            return cls
    return Element


def wrap(node: Node, app: AppHost) -> Element:
    """The wrapper of one page node.

    Example:
        >>> wrap(node, at).value
    """
    return wrapper_class(node)(node, app)
