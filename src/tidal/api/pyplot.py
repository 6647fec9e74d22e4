"""``st.pyplot``: a Matplotlib figure, drawn on the server, shown as an image.

Owns the function: the figure is saved as SVG by default (sharp at any screen's pixel ratio)
or in the format ``savefig`` is given (``format="png"`` at ``dpi=200`` unless told otherwise,
twice a 100-dpi figure's pixels), without the date and random ids Matplotlib would put in it,
so the same figure gives the same bytes and a rerun sends nothing. Matplotlib is imported only
when given a figure. Knows nothing about how images are drawn.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from tidal.api.builtin_charts import chart_size
from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function
from tidal.errors import StreamlitAPIException

FIGURE_TYPE = "imgs"
"""The element type, as Streamlit's AppTest names a pyplot element."""
PNG_DPI = 200


def figure_image(fig: Any, **kwargs: Any) -> dict[str, str]:
    """The figure as ``{"mime": ..., "data": ...}`` (SVG text, or base64 of other formats).

    Example:
        >>> figure_image(plt.figure())["mime"]
        'image/svg+xml'
    """
    import matplotlib

    options: dict[str, Any] = {"bbox_inches": "tight", "format": "svg", **kwargs}
    fmt = str(options["format"]).lower()
    if fmt == "svg":
        options.setdefault("metadata", {"Date": None})
    elif fmt == "png":
        options.setdefault("dpi", PNG_DPI)
        options.setdefault("metadata", {"Software": None})
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "tidal"}):
        fig.savefig(buffer, **options)
    raw = buffer.getvalue()
    if fmt == "svg":
        return {"mime": "image/svg+xml", "data": raw.decode("utf-8")}
    mime = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}.get(fmt)
    if mime is None:
        raise StreamlitAPIException(
            f"st.pyplot can show svg, png or jpeg images; got format={fmt!r}. Pass one of these."
        )
    return {"mime": mime, "b64": base64.b64encode(raw).decode("ascii")}


@api_function
def pyplot(
    fig: Any,
    clear_figure: bool = False,
    *,
    width: int | str = "stretch",
    use_container_width: bool | None = None,
    alt: str | None = None,
    **kwargs: Any,
) -> ElementHandle:
    """Show a Matplotlib figure.

    Args:
        fig: the figure (``plt.figure()`` / ``fig, ax = plt.subplots()``).
        clear_figure: clear the figure once shown (``fig.clf()``).
        width: ``"stretch"`` (the column's width), ``"content"`` (the figure's size) or pixels.
        use_container_width: deprecated; True is ``width="stretch"``.
        alt: text describing the figure for screen readers.
        **kwargs: passed to ``fig.savefig`` (``format="png"``, ``dpi=300``, ``transparent=True``).

    Example:
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> ax.plot([1, 3, 2])
        >>> st.pyplot(fig)
    """
    if not callable(getattr(fig, "savefig", None)):
        raise StreamlitAPIException(
            f"st.pyplot() takes a Matplotlib Figure; got {type(fig).__name__}. Pass the figure "
            "(fig, ax = plt.subplots(); ...; st.pyplot(fig))."
        )
    width, _ = chart_size(width, "content", use_container_width)
    image = figure_image(fig, **kwargs)
    if clear_figure:
        fig.clf()
    props = {"imgs": [image], "width": width, "alt": alt}
    return add_element(FIGURE_TYPE, props, value=image)
