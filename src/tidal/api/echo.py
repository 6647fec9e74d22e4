"""``st.echo``: show the code of a ``with`` block, then run it.

Reads the block's source from the script (``linecache`` also knows scripts given as text, as
``AppTest.from_string`` does). Knows nothing about how code is drawn.
"""

from __future__ import annotations

import linecache
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

from tidal.api.handle import add_element
from tidal.errors import TidalAPIError


def _block_source(filename: str, with_line: int) -> str:
    """The indented body of the ``with`` statement on line ``with_line`` (1-based)."""
    lines = linecache.getlines(filename)
    if not lines or with_line > len(lines):
        return ""
    head = lines[with_line - 1]
    indent = len(head) - len(head.lstrip())
    body: list[str] = []
    for line in lines[with_line:]:
        stripped = line.strip()
        if stripped and len(line) - len(line.lstrip()) <= indent:
            break
        body.append(line)
    while body and not body[-1].strip():
        body.pop()
    return textwrap.dedent("".join(body)).rstrip("\n")


@contextmanager
def echo(code_location: str = "above") -> Iterator[None]:
    """Show the code inside the ``with`` block, then run it.

    Args:
        code_location: ``"above"`` or ``"below"`` the output of the block.

    Example:
        >>> with st.echo():
        ...     st.write("This code will be printed")
    """
    if code_location not in ("above", "below"):
        raise TidalAPIError(f'st.echo got code_location={code_location!r}. Use "above" or "below".')
    frame = sys._getframe(2)  # the caller (1 is contextmanager's __enter__)
    source = _block_source(frame.f_code.co_filename, frame.f_lineno)
    if code_location == "above":
        add_element("code", {"body": source, "language": "python"})
    yield
    if code_location == "below":
        add_element("code", {"body": source, "language": "python"})
