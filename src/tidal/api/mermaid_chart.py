"""``st.mermaid_chart``: a diagram in Mermaid's language, drawn in the browser.

Owns the function: it sends the diagram's text; the browser draws it with the vendored
Mermaid (strict security level: no scripts or links in labels), in the page's theme. Knows
nothing about how the diagram is drawn.
"""

from __future__ import annotations

from tidal.api.builtin_charts import chart_size
from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function
from tidal.errors import StreamlitAPIException

MERMAID_TYPE = "mermaid_chart"


@api_function
def mermaid_chart(
    body: str,
    *,
    width: int | str = "stretch",
    alt: str | None = None,
) -> ElementHandle:
    """Draw a Mermaid diagram (flowchart, sequence, class, state, Gantt, pie...).

    Args:
        body: the diagram in Mermaid's language.
        width: ``"stretch"`` (at most the column's width), ``"content"`` or pixels.
        alt: text describing the diagram for screen readers.

    Example:
        >>> st.mermaid_chart("graph LR\\n  A[Script] --> B{Rerun?}\\n  B -->|yes| A")
    """
    if not isinstance(body, str) or not body.strip():
        raise StreamlitAPIException(
            f"st.mermaid_chart takes the diagram as text; got {body!r}. Pass Mermaid text, "
            'e.g. "graph LR; A --> B".'
        )
    width, _ = chart_size(width, "content", None)
    props = {"body": body, "width": width, "alt": alt}
    return add_element(MERMAID_TYPE, props, value=body)
