"""What the browser sees of an exception the script did not catch, and what the log gets.

Owns ``client.showErrorDetails``'s levels (Streamlit's): ``full`` shows the exception's type,
message and traceback; ``stacktrace`` its type and traceback under a generic message; ``type``
its type under a generic message; ``none`` the generic message alone. Whatever the level, the
whole exception goes to the server log (logger ``tidal.script``). ``st.exception`` always shows
everything: the script chose to show it. Knows nothing about sessions or the wire.
"""

from __future__ import annotations

import logging
from pathlib import Path

from tidal.api.text import exception_node
from tidal.context import ErrorDetails
from tidal.tree import Node

__all__ = ["GENERIC_MESSAGE", "ErrorDetails", "uncaught_exception_node"]

log = logging.getLogger("tidal.script")

GENERIC_MESSAGE = (
    "This app has encountered an error. The original error message is redacted to prevent "
    "data leaks. Full error details have been recorded in the logs."
)
"""What the browser shows instead of an exception's message below ``full`` (Streamlit's
wording, without its hosting advice)."""


def uncaught_exception_node(
    exc: BaseException, details: ErrorDetails, app_dir: Path | None = None
) -> Node:
    """Log ``exc`` with its traceback and return the element the browser may see of it.

    Below ``full``, file paths in the traceback are shown relative to ``app_dir`` (the app's
    folder; other files by name only): the browser never learns where the server keeps them.

    Example:
        >>> node = uncaught_exception_node(ValueError("secret"), "none")
        >>> node.props["message"] == GENERIC_MESSAGE
        True
    """
    log.error(
        "Uncaught exception in the app: %s: %s",
        type(exc).__name__,
        exc,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    node = exception_node(exc)
    if details == "full":
        return node
    props = dict(node.props)
    props["message"] = GENERIC_MESSAGE
    props["is_markdown"] = False
    if details == "stacktrace":
        props["stack"] = [_relative(line, app_dir) for line in props["stack"]]
    else:
        props["stack"] = []
    if details == "none":
        props["type"] = ""
    return Node(node.type, props, value=node.value)


def _relative(line: str, app_dir: Path | None) -> str:
    """A ``File "/abs/path.py", line 3`` traceback line with the path shortened."""
    head = 'File "'
    start = line.find(head)
    end = line.find('"', start + len(head)) if start >= 0 else -1
    if end < 0:
        return line
    path = Path(line[start + len(head) : end])
    try:
        shown = str(path.relative_to(app_dir)) if app_dir is not None else path.name
    except ValueError:
        shown = path.name
    return f"{line[: start + len(head)]}{shown}{line[end:]}"
