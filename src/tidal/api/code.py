"""Code blocks: ``st.code``.

Owns the code element: its text, language, line numbers, line wrapping and size. The browser
highlights the code (a vendored highlighter loaded on first use). Knows nothing about how it
is drawn.
"""

from __future__ import annotations

from tidal.api.handle import ElementHandle, add_element
from tidal.api.text_format import Height, Width, check_height, check_width
from tidal.context import api_function
from tidal.errors import TidalAPIError


def _trim_newlines(text: str) -> str:
    return text.removeprefix("\n").removesuffix("\n")


@api_function
def code(
    body: object,
    language: str | None = "python",
    *,
    line_numbers: bool = False,
    wrap_lines: bool = False,
    height: Height | None = "content",
    width: Width = "stretch",
) -> ElementHandle:
    """Show a code block with syntax highlighting and a copy button.

    Args:
        body: The code, shown as given (one leading and one trailing newline dropped, so
            a triple-quoted string can start on the next line).
        language: The language to highlight (``"python"``, ``"sql"``, ``"js"``...); None
            shows plain text.
        line_numbers: Whether to number the lines.
        wrap_lines: Whether long lines wrap (else the block scrolls sideways).
        height: ``"content"`` (also None), ``"stretch"`` or pixels (the block scrolls when
            taller).
        width: ``"stretch"``, ``"content"`` or pixels.

    Example:
        >>> st.code("SELECT 1", language="sql", line_numbers=True)
    """
    if language is not None and not isinstance(language, str):
        raise TidalAPIError(
            f"st.code(language=...) must be a string or None, got {type(language).__name__}."
        )
    props = {
        # not dedented: only one newline is trimmed at each end, as Streamlit does
        "body": _trim_newlines(str(body)),
        "language": language or "plaintext",
        "line_numbers": bool(line_numbers),
        "wrap_lines": bool(wrap_lines),
        "height": "content" if height is None else check_height(height),
        "width": check_width(width),
    }
    return add_element("code", props)
