"""Layout: columns, containers, expanders, the sidebar and forms.

Each returns an element handle (``LayoutBlock`` is ``ElementHandle``): use it with ``with``
or call element functions on it (``col.button(...)``), exactly like Streamlit's containers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from tidal.api.handle import ElementHandle
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.forms import open_form
from tidal.tree import Node

LayoutBlock = ElementHandle
"""The handle layout functions return (an ``ElementHandle``)."""


class _Sidebar:
    """``st.sidebar``: the panel beside the main area. Use it like any container."""

    __slots__ = ()

    def _layout(self) -> LayoutBlock:
        ctx = get_run()
        return LayoutBlock(ctx, ctx.sidebar_block())

    def __enter__(self) -> LayoutBlock:
        return self._layout().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        get_run().blocks.pop()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        fn: Callable[..., Any] = getattr(self._layout(), name)
        return fn


sidebar = _Sidebar()

_COLUMNS_SPEC_ERROR = (
    "The input argument to st.columns must be either a positive integer or a list of positive "
    "numeric weights. See [documentation](https://docs.streamlit.io/develop/api-reference/"
    "layout/st.columns) for more information."
)


@api_function
def columns(
    spec: int | Sequence[float],
    *,
    gap: str = "small",
    vertical_alignment: str = "top",
    border: bool = False,
) -> list[LayoutBlock]:
    """Lay out side-by-side columns; ``spec`` is a count or a list of relative widths.

    Example:
        >>> col1, spacer, col2 = st.columns([2, 1, 2])
        >>> with col1:
        ...     st.number_input("Pounds:", key="lbs")
    """
    ctx = get_run()
    if isinstance(spec, bool):
        raise TidalAPIError(_COLUMNS_SPEC_ERROR)
    if isinstance(spec, int):
        if spec <= 0:
            raise TidalAPIError(_COLUMNS_SPEC_ERROR)
        weights: list[float] = [1.0] * spec
    else:
        try:
            weights = [float(w) for w in spec]
        except (TypeError, ValueError):
            raise TidalAPIError(_COLUMNS_SPEC_ERROR) from None
        if not weights or any(w <= 0 for w in weights):
            raise TidalAPIError(_COLUMNS_SPEC_ERROR)
    if gap not in ("small", "medium", "large"):
        raise TidalAPIError(f'st.columns got gap={gap!r}. Use "small", "medium" or "large".')
    total = sum(weights)
    row = ctx.add(Node("columns", {"gap": gap, "align": vertical_alignment}, container=True))
    blocks = []
    for w in weights:
        col = ctx.add(
            Node("column", {"weight": round(w / total, 6), "border": border}, container=True),
            row,
        )
        blocks.append(LayoutBlock(ctx, col))
    return blocks


@api_function
def container(*, border: bool = False) -> LayoutBlock:
    """A container that groups elements; write into it later or with ``with``.

    Example:
        >>> box = st.container(border=True)
        >>> box.write("inside")
    """
    ctx = get_run()
    return LayoutBlock(ctx, ctx.add(Node("container", {"border": border}, container=True)))


@api_function
def expander(label: str, expanded: bool = False) -> LayoutBlock:
    """A collapsible section.

    Example:
        >>> with st.expander("Details"):
        ...     st.write("hidden until opened")
    """
    ctx = get_run()
    node = Node("expander", {"label": str(label), "expanded": expanded}, container=True)
    return LayoutBlock(ctx, ctx.add(node))


@api_function
def tabs(tabs: Sequence[str]) -> list[LayoutBlock]:
    """Tabs: one container per label, only the selected one shown.

    Example:
        >>> intro, details = st.tabs(["Intro", "Details"])
        >>> with intro:
        ...     st.write("hello")
    """
    ctx = get_run()
    labels = [str(t) for t in tabs]
    if not labels:
        raise TidalAPIError("st.tabs needs at least one tab label, e.g. st.tabs(['A', 'B']).")
    row = ctx.add(Node("tabs", {"labels": labels}, container=True))
    return [
        LayoutBlock(ctx, ctx.add(Node("tab", {"label": label}, container=True), row))
        for label in labels
    ]


@api_function
def form(key: str, clear_on_submit: bool = False, *, border: bool = True) -> LayoutBlock:
    """A form: widgets inside it send their values together when a submit button is pressed.

    Example:
        >>> with st.form("my_form"):
        ...     name = st.text_input("Name")
        ...     submitted = st.form_submit_button("Submit")
    """
    ctx = get_run()
    return LayoutBlock(ctx, open_form(ctx, key, clear_on_submit=clear_on_submit, border=border))
