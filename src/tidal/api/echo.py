"""``st.echo``: show the code of a ``with`` block, then (or before) what it shows.

Owns finding the block's source lines in the running script (through ``linecache``, which the
runner fills with the script's source). Knows nothing about how code is drawn.
"""

from __future__ import annotations

import linecache
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from tidal.api.code import code
from tidal.api.handle import add_element
from tidal.context import api_function


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def block_source(filename: str, with_line: int) -> str:
    """The source of the ``with`` block whose statement is on line ``with_line`` (1-based):
    the lines after it that are indented deeper, dedented, without trailing blank lines."""
    lines = linecache.getlines(filename)
    if not 0 < with_line <= len(lines):
        return ""
    opening = _indent(lines[with_line - 1])
    body: list[str] = []
    for line in lines[with_line:]:
        if line.strip() and _indent(line) <= opening:
            break
        body.append(line)
    while body and not body[-1].strip():
        body.pop()
    return textwrap.dedent("".join(body))


@api_function
@contextmanager
def echo(code_location: Literal["above", "below"] = "above") -> Iterator[None]:
    """Show the code of the ``with`` block, then run it: the code is shown above what the block
    shows (``code_location="above"``) or below it.

    Example:
        >>> with st.echo():
        ...     st.write("This code is shown, then run")
    """
    # as Streamlit: any location but "below" shows the code above
    frame = sys._getframe(2)  # the script's frame (1 is contextmanager's __enter__)
    filename, line = frame.f_code.co_filename, frame.f_lineno
    slot = (
        add_element("code", {"body": "", "language": "python"})
        if code_location != "below"
        else None
    )
    try:
        yield
    finally:
        source = block_source(filename, line)
        if slot is not None:
            slot.code(source, "python")
        else:
            code(source, "python")
