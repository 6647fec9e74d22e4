"""``LayoutConfig``: an element's width and height as Streamlit's internal helpers take them.

``streamlit.elements.lib.layout_utils`` under the drop-in alias (streamlit-extras passes one
to ``image_to_url``). Knows nothing about how elements are laid out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayoutConfig:
    """An element's width, height and text alignment (None: the element's default).

    Example:
        >>> LayoutConfig(width="content").width
        'content'
    """

    width: int | str | None = None
    height: int | str | None = None
    text_alignment: str | None = None
