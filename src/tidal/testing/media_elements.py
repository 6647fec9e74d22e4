"""What a test gets back for media: ``st.image``, ``st.audio``, ``st.video``, ``st.pdf`` (and
``st.logo``), with Streamlit's AppTest names, and ``MEDIA_CLASSES``, their element type ->
class table.
"""

from __future__ import annotations

from typing import Any

from tidal.testing.elements import Element


class Media(Element):
    """``st.image``, ``st.audio``, ``st.video``, ``st.pdf`` and ``st.logo``."""

    @property
    def value(self) -> Any:
        """An image element's sources (URLs, or the ids of the bytes it holds), as
        Streamlit's ``Image.value``; for audio, video and PDF, the data they play (bytes),
        or their URL."""
        if self.type == "image":
            return [str(i["src"]) for i in self.props.get("images", [])]
        media = self.node.extra
        src = self.props.get("src")
        if isinstance(media, dict) and src in media:
            return media[src].data
        return src

    @property
    def captions(self) -> list[str]:
        """An image element's captions (empty strings for images without one)."""
        return [str(i.get("caption") or "") for i in self.props.get("images", [])]


class Image(Media):
    """``st.image``."""


MEDIA_CLASSES: dict[str, type[Element]] = {
    "image": Image,
    "audio": Media,
    "video": Media,
    "pdf": Media,
}
"""The wrapper class of each media element type."""
