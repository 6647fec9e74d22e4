"""Text elements: titles, Markdown, plain text, code, JSON, callouts, exceptions, ``st.write``.

Every function adds one element to the current block of the calling run.
"""

from __future__ import annotations

import json as _json
import traceback
from pathlib import Path
from typing import Any

from tidal.api.dataframe import dataframe
from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function, get_run
from tidal.dataframes import is_dataframe_like, is_list_of_records
from tidal.errors import TidalAPIError
from tidal.tree import Node

_PACKAGE_DIR = str(Path(__file__).resolve().parent.parent)


def _add(type_: str, props: dict[str, Any]) -> ElementHandle:
    return add_element(type_, props)


def _text(body: object) -> str:
    return body if isinstance(body, str) else str(body)


@api_function
def title(body: object, anchor: str | None = None, *, help: str | None = None) -> ElementHandle:
    """Show a title (an ``<h1>``); Markdown inline formatting works.

    Example:
        >>> st.title("Counter Example")
    """
    return _add("title", {"body": _text(body), "anchor": anchor, "help": help})


@api_function
def header(
    body: object, anchor: str | None = None, *, help: str | None = None, divider: bool = False
) -> ElementHandle:
    """Show a header (an ``<h2>``).

    Example:
        >>> st.header("Input")
    """
    return _add("header", {"body": _text(body), "anchor": anchor, "help": help, "divider": divider})


@api_function
def subheader(
    body: object, anchor: str | None = None, *, help: str | None = None, divider: bool = False
) -> ElementHandle:
    """Show a subheader (an ``<h3>``).

    Example:
        >>> st.subheader("Details")
    """
    return _add(
        "subheader", {"body": _text(body), "anchor": anchor, "help": help, "divider": divider}
    )


@api_function
def markdown(
    body: object, unsafe_allow_html: bool = False, *, help: str | None = None
) -> ElementHandle:
    """Show Markdown. Raw HTML is escaped unless ``unsafe_allow_html=True``.

    Example:
        >>> st.markdown("**Bold** and _italic_")
    """
    return _add(
        "markdown", {"body": _text(body), "unsafe_allow_html": unsafe_allow_html, "help": help}
    )


@api_function
def caption(
    body: object, unsafe_allow_html: bool = False, *, help: str | None = None
) -> ElementHandle:
    """Show small, muted Markdown text.

    Example:
        >>> st.caption("Updated every minute")
    """
    return _add(
        "caption", {"body": _text(body), "unsafe_allow_html": unsafe_allow_html, "help": help}
    )


@api_function
def text(body: object, *, help: str | None = None) -> ElementHandle:
    """Show fixed-width, pre-formatted text.

    Example:
        >>> st.text("exactly  as  typed")
    """
    return _add("text", {"body": _text(body), "help": help})


@api_function
def code(body: object, language: str | None = "python") -> ElementHandle:
    """Show a code block.

    Example:
        >>> st.code("print('hi')")
    """
    return _add("code", {"body": _text(body), "language": language})


def _json_text(body: object) -> str:
    if isinstance(body, str):
        return body
    to_dict = getattr(body, "to_dict", None)
    if type(body).__name__ in ("SessionStateProxy", "QueryParamsProxy") and callable(to_dict):
        body = to_dict()
    return _json.dumps(body, default=repr)


@api_function
def json(body: object, *, expanded: bool = True) -> ElementHandle:
    """Show a value (or a JSON string) as a collapsible JSON tree.

    Example:
        >>> st.json({"a": 1, "b": [1, 2]})
    """
    return _add("json", {"body": _json_text(body), "expanded": expanded})


def _callout(kind: str, body: object, icon: str | None) -> ElementHandle:
    return _add(kind, {"body": _text(body), "icon": icon})


@api_function
def error(body: object, *, icon: str | None = None) -> ElementHandle:
    """Show an error callout. Example: ``st.error("Something went wrong")``."""
    return _callout("error", body, icon)


@api_function
def warning(body: object, *, icon: str | None = None) -> ElementHandle:
    """Show a warning callout. Example: ``st.warning("Check your input")``."""
    return _callout("warning", body, icon)


@api_function
def info(body: object, *, icon: str | None = None) -> ElementHandle:
    """Show an informational callout. Example: ``st.info("Tip: press Enter")``."""
    return _callout("info", body, icon)


@api_function
def success(body: object, *, icon: str | None = None) -> ElementHandle:
    """Show a success callout. Example: ``st.success("Saved")``."""
    return _callout("success", body, icon)


@api_function
def divider() -> ElementHandle:
    """Show a horizontal rule. Example: ``st.divider()``."""
    return _add("divider", {})


def exception_node(exc: BaseException) -> Node:
    """The element for an exception: type, message, whether it is Markdown, and the stack.

    Frames inside tidal itself are left out of the stack: the person reading it wrote the
    script, not the framework.
    """
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if not f.filename.startswith(_PACKAGE_DIR)
    ]
    stack = traceback.format_list(frames)
    message = str(exc)
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        message = repr(exc.args[0])
    props = {
        "type": type(exc).__name__,
        "message": message,
        "is_markdown": isinstance(exc, TidalAPIError),
        "stack": [entry.strip() for entry in stack],
    }
    return Node("exception", props, value=exc)


@api_function
def exception(exception: BaseException) -> ElementHandle:
    """Show an exception with its traceback.

    Example:
        >>> try:
        ...     1 / 0
        ... except ZeroDivisionError as e:
        ...     st.exception(e)
    """
    ctx = get_run()
    return ElementHandle(ctx, ctx.add(exception_node(exception)))


def _is_json_like(arg: object) -> bool:
    return isinstance(arg, dict | list) or type(arg).__name__ in (
        "SessionStateProxy",
        "QueryParamsProxy",
    )


@api_function
def write(*args: Any, unsafe_allow_html: bool = False) -> None:
    """Write each argument the way that suits it.

    Strings (and other plain values, shown as inline code) are joined with spaces into one
    Markdown element; dicts, lists and ``st.session_state`` become JSON; exceptions become
    exception elements.

    Example:
        >>> st.write("Count = ", st.session_state.count)
        >>> st.write(st.session_state)
    """
    run = get_run()
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            run.add(
                Node(
                    "markdown",
                    {
                        "body": " ".join(buffer),
                        "unsafe_allow_html": unsafe_allow_html,
                        "help": None,
                    },
                )
            )
            buffer.clear()

    for arg in args:
        if isinstance(arg, str):
            buffer.append(arg)
        elif isinstance(arg, BaseException):
            flush()
            run.add(exception_node(arg))
        elif is_dataframe_like(arg) or is_list_of_records(arg):
            flush()
            dataframe(arg)
        elif _is_json_like(arg):
            flush()
            run.add(Node("json", {"body": _json_text(arg), "expanded": True}))
        else:
            buffer.append("`" + str(arg).replace("`", "\\`") + "`")
    flush()
