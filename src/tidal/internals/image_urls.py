"""``image_to_url``: an image turned into a URL the app serves, for a component to load.

``streamlit.elements.image`` and ``streamlit.elements.lib.image_utils`` under the drop-in
alias (streamlit-drawable-canvas hands its background image to its front end this way,
streamlit-extras its avatars and crops). The image is converted as ``st.image`` converts it
and kept by a hidden placeholder element (``st.empty``'s kind) at the place of the call, so the
media endpoint serves it for as long as the page shows that place, as it serves ``st.image``'s.
Knows nothing about HTTP.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from tidal.api.handle import add_element
from tidal.api.media_data import image_data, is_url
from tidal.context import get_run
from tidal.errors import TidalAPIError
from tidal.internals.layout_config import LayoutConfig
from tidal.media_file import MediaFile, media_id, media_url

AtomicImage: TypeAlias = Any
"""One image: a PIL image, a numpy array, bytes, a file, a path, a URL or SVG text."""


def image_to_url(
    image: AtomicImage,
    layout_config: LayoutConfig | int | str | None,
    clamp: bool,
    channels: Literal["RGB", "BGR"],
    output_format: str,
    image_id: str,
) -> str:
    """The URL of ``image`` as this app serves it (a URL given as ``image`` comes back as is).

    The path is absolute from the server's root (``/_tidal/media/<session>/<id>``), as
    Streamlit's is (``/media/<id>``): a component prefixes it with the app's origin.
    ``layout_config`` is Streamlit 1.67's ``LayoutConfig``, or the width older releases took
    (streamlit-drawable-canvas 0.9 passes one): the image is served at its own size, the page
    sizes it. ``image_id`` names the image in Streamlit's file manager; the URL here is made of
    the image's content, so the same image always gets the same URL.

    Raises:
        TidalAPIError: ``channels`` or ``output_format`` is not one ``st.image`` takes, or
            ``image`` is not an image.

    Example:
        >>> from PIL import Image
        >>> url = image_to_url(Image.new("RGB", (8, 8)), LayoutConfig(width="content"),
        ...                    False, "RGB", "PNG", "bg")
        >>> url.startswith("/_tidal/media/")
        True
    """
    if not isinstance(layout_config, LayoutConfig | int | str | None):
        raise TidalAPIError(
            f"image_to_url() got layout_config={layout_config!r}: pass a LayoutConfig "
            "(streamlit.elements.lib.layout_utils) or a width in pixels."
        )
    if is_url(image):
        return str(image)
    data, mime = image_data(image, clamp, channels, output_format)
    mid = media_id(data, mime)
    run = get_run()
    add_element("empty", {}, extra={mid: MediaFile(data, mime)})
    key = run.visitor.media if run.visitor is not None else ""
    return media_url(key, mid)


__all__ = ["AtomicImage", "LayoutConfig", "image_to_url"]
