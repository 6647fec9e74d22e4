"""``st.echo``: show the code of a ``with`` block beside what the block displays.

Reads the block's lines from the script source (``linecache``, so apps given as text in
AppTest work too). Knows nothing about how code is drawn.
"""

from __future__ import annotations

import linecache
import sys
import textwrap
from types import TracebackType
from typing import Literal

from tidal.api.handle import add_element
from tidal.errors import TidalAPIError


def _block_source(filename: str, with_line: int) -> str:
    """The body of the ``with`` statement on line ``with_line`` (1-based), dedented."""
    lines = linecache.getlines(filename)
    if not lines or with_line > len(lines):
        return ""
    head = lines[with_line - 1]
    indent = len(head) - len(head.lstrip())
    body: list[str] = []
    # a with statement may span lines: skip to the one that ends with ':'
    i = with_line - 1
    while i < len(lines) and not lines[i].split("#", 1)[0].rstrip().endswith(":"):
        i += 1
    for line in lines[i + 1 :]:
        stripped = line.strip()
        if stripped and len(line) - len(line.lstrip()) <= indent:
            break
        body.append(line)
    while body and not body[-1].strip():
        body.pop()
    return textwrap.dedent("".join(body)).rstrip("\n")


def echo(code_location: Literal["above", "below"] = "above") -> EchoBlock:
    """Show the code of a ``with`` block, then (or before) what it displays.

    Example:
        >>> with st.echo():
        ...     st.write("This code will be printed")
    """
    if code_location not in ("above", "below"):
        raise TidalAPIError(f'st.echo(code_location={code_location!r}): use "above" or "below".')
    return EchoBlock(code_location)


class EchoBlock:
    """The context manager ``st.echo`` returns: it reads its ``with`` block when entered."""

    __slots__ = ("_source", "_where")

    def __init__(self, where: str) -> None:
        self._where = where
        self._source = ""

    def __enter__(self) -> None:
        frame = sys._getframe(1)  # the frame of the `with` statement
        self._source = _block_source(frame.f_code.co_filename, frame.f_lineno)
        if self._where == "above":
            add_element("code", {"body": self._source, "language": "python"})

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._where == "below" and exc_type is None:
            add_element("code", {"body": self._source, "language": "python"})
