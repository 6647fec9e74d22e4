"""Text elements: Markdown, captions, plain text, LaTeX, badges, JSON, dividers, exceptions,
and ``st.write``.

Every function adds one element to the current block of the calling run. Headings live in
``headings.py``, callouts in ``alerts.py``, code in ``code.py``, HTML in ``html.py``.
"""

from __future__ import annotations

import importlib
import inspect
import json as _json
import traceback
from collections.abc import AsyncGenerator, Generator
from pathlib import Path
from typing import Any, Literal

from tidal.api.docstring import describe
from tidal.api.handle import ElementHandle, add_element
from tidal.api.icons import check_icon
from tidal.api.stream import write_stream
from tidal.api.text_format import (
    TextAlignment,
    Width,
    check_text_alignment,
    check_width,
    clean_text,
    help_text,
)
from tidal.context import api_function, get_run
from tidal.datakinds import is_dataframe_like, is_list_of_records
from tidal.errors import TidalAPIError
from tidal.families import load
from tidal.tree import Node

_PACKAGE_DIR = str(Path(__file__).resolve().parent.parent)


def _markdown_props(
    body: object,
    unsafe_allow_html: bool,
    help: str | None,
    width: object,
    text_alignment: object,
    *,
    anchors: bool = True,
    wrap: bool = True,
) -> dict[str, Any]:
    return {
        "body": clean_text(body),
        "unsafe_allow_html": bool(unsafe_allow_html),
        "help": help_text(help),
        "width": width if width == "auto" else check_width(width),
        "text_alignment": check_text_alignment(text_alignment),
        "anchors": bool(anchors),
        "wrap": bool(wrap),
    }


@api_function
def markdown(
    body: object,
    unsafe_allow_html: bool = False,
    *,
    help: str | None = None,
    width: Width | Literal["auto"] = "auto",
    text_alignment: TextAlignment = "left",
    anchors: bool = True,
    wrap: bool = True,
) -> ElementHandle:
    """Show Markdown with Streamlit's extensions. Raw HTML is escaped unless
    ``unsafe_allow_html=True``.

    Besides GitHub-flavoured Markdown: ``:red[text]`` and the other colours (orange, yellow,
    green, blue, violet, gray/grey, rainbow, primary), ``:blue-background[text]``,
    ``:color[text]{foreground="#d50000"}``, ``:green-badge[text]``, ``:small[text]``,
    ``:shimmer[text]``,
    ``:material/icon_name:``, emoji shortcodes (``:smile:``), ``$x^2$`` and ``$$...$$``
    LaTeX, and ``<- -> <-> -- >= <= ~=`` as arrows and symbols.

    Args:
        body: The Markdown; indented triple-quoted strings are dedented.
        unsafe_allow_html: Render raw HTML in ``body`` instead of escaping it.
        help: A tooltip shown next to the text.
        width: ``"auto"``, ``"stretch"``, ``"content"`` or pixels.
        text_alignment: ``"left"``, ``"center"``, ``"right"`` or ``"justify"``.
        anchors: Whether headings inside the Markdown get a link to themselves.
        wrap: Whether long lines wrap.

    Example:
        >>> st.markdown("**Bold**, :blue[blue] and :material/thumb_up: $e^{i\\pi}$")
    """
    props = _markdown_props(
        body, unsafe_allow_html, help, width, text_alignment, anchors=anchors, wrap=wrap
    )
    return add_element("markdown", props)


@api_function
def caption(
    body: object,
    unsafe_allow_html: bool = False,
    *,
    help: str | None = None,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> ElementHandle:
    """Show small, muted Markdown text; the arguments are those of ``st.markdown``.

    Example:
        >>> st.caption("Updated every minute :clock1:")
    """
    props = _markdown_props(body, unsafe_allow_html, help, check_width(width), text_alignment)
    props["wrap"] = bool(wrap)
    return add_element("caption", props)


@api_function
def text(
    body: object,
    *,
    help: str | None = None,
    width: Width = "content",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> ElementHandle:
    """Show plain text, without Markdown or HTML.

    Example:
        >>> st.text("exactly  as  typed")
    """
    props = {
        "body": clean_text(body),
        "help": help_text(help),
        "width": check_width(width),
        "text_alignment": check_text_alignment(text_alignment),
        "wrap": bool(wrap),
    }
    return add_element("text", props)


def _is_sympy(body: object) -> bool:
    return type(body).__module__.split(".")[0] == "sympy"


@api_function
def latex(body: object, *, help: str | None = None, width: Width = "stretch") -> ElementHandle:
    """Show a LaTeX formula (typeset by KaTeX in the browser), or a SymPy expression.

    The element's body is ``$$\\n<formula>\\n$$``, as Streamlit's.

    Example:
        >>> st.latex(r"\\int_0^1 x^2 \\,dx = \\tfrac{1}{3}")
    """
    if _is_sympy(body):
        # optional and heavy: imported only when given a SymPy expression
        body = importlib.import_module("sympy").latex(body)
    props = {
        "body": f"$$\n{clean_text(body)}\n$$",
        "help": help_text(help),
        "width": check_width(width),
    }
    return add_element("latex", props)


BADGE_COLORS = ("red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary")
"""The colours of ``st.badge`` and of ``:color-badge[...]`` in Markdown."""


@api_function
def badge(
    label: str,
    *,
    icon: str | None = None,
    color: str = "blue",
    width: Width = "content",
    help: str | None = None,
) -> ElementHandle:
    """Show a small coloured badge: ``st.markdown(":blue-badge[label]")`` as an element.

    Args:
        label: The text; Markdown bold, italics, strikethrough and code work, square
            brackets are shown as typed.
        icon: An emoji or ``:material/icon_name:`` before the label.
        color: red, orange, yellow, blue, green, violet, gray/grey or primary.
        width: ``"content"``, ``"stretch"`` or pixels.
        help: A tooltip shown on hover.

    Example:
        >>> st.badge("Success", icon=":material/check:", color="green")
    """
    if color not in BADGE_COLORS:
        raise TidalAPIError(
            f"st.badge got color={color!r}. Choose one of: {', '.join(BADGE_COLORS)}."
        )
    checked = check_icon(icon)
    icon_part = f"{checked} " if checked else ""
    escaped = str(label).replace("[", "\\[").replace("]", "\\]")
    props = _markdown_props(f":{color}-badge[{icon_part}{escaped}]", False, help, width, "left")
    return add_element("markdown", props)


def _json_text(body: object) -> str:
    if isinstance(body, str):
        return body
    to_dict = getattr(body, "to_dict", None)
    if type(body).__name__ in ("SessionStateProxy", "QueryParamsProxy") and callable(to_dict):
        body = to_dict()
    return _json.dumps(body, default=repr)


@api_function
def json(body: object, *, expanded: bool | int = True, width: Width = "stretch") -> ElementHandle:
    """Show a value (or a JSON string) as a collapsible JSON tree.

    Args:
        body: A dict, list, JSON string or any value (shown with ``repr`` where JSON has no
            form for it).
        expanded: True opens every level, False none, an int that many levels.
        width: ``"stretch"``, ``"content"`` or pixels.

    Example:
        >>> st.json({"a": 1, "b": [1, 2]}, expanded=1)
    """
    if not isinstance(expanded, bool | int):
        raise TidalAPIError(
            f"st.json(expanded=...) takes True, False or a number of levels, got {expanded!r}."
        )
    props = {"body": _json_text(body), "expanded": expanded, "width": check_width(width)}
    return add_element("json", props)


@api_function
def divider(*, width: Literal["stretch"] | int = "stretch") -> ElementHandle:
    """Show a horizontal rule (the element's value is ``"---"``, as Streamlit's).

    Example:
        >>> st.divider()
    """
    return add_element("divider", {"body": "---", "width": check_width(width, allow_content=False)})


def syntax_error_message(exc: SyntaxError) -> str:
    """A syntax error as the interpreter shows it: file, line, the line itself, a caret."""
    if not exc.text:
        return f"{type(exc).__name__}: {exc.msg}"
    caret = " " * max((exc.offset or 1) - 1, 0)
    return (
        f'File "{exc.filename}", line {exc.lineno}\n'
        f"  {exc.text.rstrip()}\n"
        f"  {caret}^\n"
        f"{type(exc).__name__}: {exc.msg}"
    )


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
    if isinstance(exc, SyntaxError):
        # the offending line of the app, as Python prints it; the frames are the parser's
        message, stack = syntax_error_message(exc), []
    props = {
        "type": type(exc).__name__,
        "message": message,
        "is_markdown": isinstance(exc, TidalAPIError),
        "stack": [entry.strip() for entry in stack],
    }
    return Node("exception", props, value=exc)


@api_function
def exception(exception: BaseException, width: Width = "stretch") -> ElementHandle:
    """Show an exception with its traceback.

    Example:
        >>> try:
        ...     1 / 0
        ... except ZeroDivisionError as e:
        ...     st.exception(e)
    """
    node = exception_node(exception)
    node.props["width"] = check_width(width)
    ctx = get_run()
    return ElementHandle(ctx, ctx.add(node))


def _is_documented(arg: object) -> bool:
    """Functions, classes and modules: ``st.write`` shows their documentation (``st.help``)."""
    return inspect.isroutine(arg) or inspect.isclass(arg) or inspect.ismodule(arg)


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
    exception elements; functions, classes and modules show their documentation (``st.help``).

    Example:
        >>> st.write("Count = ", st.session_state.count)
        >>> st.write(st.session_state)
    """
    run = get_run()
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            props = _markdown_props(" ".join(buffer), unsafe_allow_html, None, "auto", "left")
            run.add(Node("markdown", props))
            buffer.clear()

    for arg in args:
        if isinstance(arg, str):
            buffer.append(arg)
        elif isinstance(arg, BaseException):
            flush()
            run.add(exception_node(arg))
        elif isinstance(arg, Generator | AsyncGenerator):
            flush()
            write_stream(arg)
        elif is_dataframe_like(arg) or is_list_of_records(arg):
            flush()
            load("dataframe")(arg)  # the data family loads on its first frame
        elif _is_json_like(arg):
            flush()
            run.add(Node("json", {"body": _json_text(arg), "expanded": True, "width": "stretch"}))
        elif _is_documented(arg):
            flush()
            run.add(Node("help", {**describe(arg), "width": "stretch"}))
        else:
            buffer.append("`" + str(arg).replace("`", "\\`") + "`")
    flush()
