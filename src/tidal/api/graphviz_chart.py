"""``st.graphviz_chart``: a graph in the DOT language, laid out and drawn in the browser.

Owns the function: it takes DOT text or a ``graphviz`` package object (its ``.source``) and
sends the text; the browser lays it out with Graphviz compiled to WebAssembly (vendored
viz.js), so the server needs no Graphviz install. Knows nothing about how the graph is drawn.
"""

from __future__ import annotations

from typing import Any

from tidal.api.builtin_charts import chart_size
from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function
from tidal.errors import StreamlitAPIException

GRAPHVIZ_TYPE = "graphviz_chart"


def dot_source(figure_or_dot: Any) -> str:
    """The DOT text of a string or a ``graphviz.Graph``/``Digraph``/``Source``.

    Raises:
        StreamlitAPIException: anything else.

    Example:
        >>> dot_source("digraph { a -> b }")
        'digraph { a -> b }'
    """
    if isinstance(figure_or_dot, str):
        return figure_or_dot
    source = getattr(figure_or_dot, "source", None)
    if isinstance(source, str):
        return source
    raise StreamlitAPIException(
        f"Unhandled type for graphviz chart: {type(figure_or_dot).__name__}. Pass DOT text "
        '("digraph { a -> b }") or a graphviz.Graph / graphviz.Digraph.'
    )


@api_function
def graphviz_chart(
    figure_or_dot: Any,
    use_container_width: bool | None = None,
    *,
    width: int | str = "content",
    height: int | str = "content",
    alt: str | None = None,
) -> ElementHandle:
    """Draw a graph from DOT text or a ``graphviz`` object.

    Args:
        figure_or_dot: DOT text, or a ``graphviz.Graph``/``Digraph``.
        use_container_width: deprecated; True is ``width="stretch"``.
        width: ``"content"`` (the graph's own size), ``"stretch"`` or pixels.
        height: ``"content"``, ``"stretch"`` or pixels.
        alt: text describing the graph for screen readers.

    Example:
        >>> st.graphviz_chart("digraph { run -> intr; intr -> runbl; runbl -> run }")
    """
    dot = dot_source(figure_or_dot)
    width, height = chart_size(width, height, use_container_width)
    props = {"spec": dot, "engine": "dot", "width": width, "height": height, "alt": alt}
    return add_element(GRAPHVIZ_TYPE, props, value=dot)
