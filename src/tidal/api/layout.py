"""Layout: columns, containers, grids, forms, spacing, and the sidebar and bottom areas.

Each returns an element handle (``LayoutBlock`` is ``ElementHandle``): use it with ``with``
or call element functions on it (``col.button(...)``), exactly like Streamlit's containers.
Containers with a state the person changes (expanders, tabs, popovers) are ``panels.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from tidal.api.dimensions import check_choice, check_gap, check_height, check_width
from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.forms import open_form
from tidal.state_keys import check_user_key
from tidal.tree import BOTTOM, SIDEBAR, Node

LayoutBlock = ElementHandle
"""The handle layout functions return (an ``ElementHandle``)."""


class _Area:
    """A fixed area of the page (``st.sidebar``, ``st.bottom``). Use it like any container."""

    __slots__ = ("_root",)

    def __init__(self, root: int) -> None:
        self._root = root

    def _layout(self) -> LayoutBlock:
        ctx = get_run()
        return LayoutBlock(ctx, ctx.root_block(self._root))

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


sidebar = _Area(SIDEBAR)
"""``st.sidebar``: the panel beside the main area (``st.sidebar.button(...)``,
``with st.sidebar:``)."""

bottom = _Area(BOTTOM)
"""``st.bottom``: an area pinned under the main area, e.g. for an input that stays in view
(``st.bottom.text_input(...)``, ``with st.bottom:``)."""

_COLUMNS_SPEC_ERROR = (
    "The input argument to st.columns must be either a positive integer or a list of positive "
    "numeric weights. See [documentation](https://docs.streamlit.io/develop/api-reference/"
    "layout/st.columns) for more information."
)
_VERTICAL = ("top", "center", "bottom")


def _weights(spec: int | Sequence[float]) -> list[float]:
    if isinstance(spec, bool):
        raise TidalAPIError(_COLUMNS_SPEC_ERROR)
    if isinstance(spec, int):
        if spec <= 0:
            raise TidalAPIError(_COLUMNS_SPEC_ERROR)
        return [1.0] * spec
    try:
        weights = [float(w) for w in spec]
    except (TypeError, ValueError):
        raise TidalAPIError(_COLUMNS_SPEC_ERROR) from None
    if not weights or any(w <= 0 for w in weights):
        raise TidalAPIError(_COLUMNS_SPEC_ERROR)
    return weights


@api_function
def columns(
    spec: int | Sequence[float],
    *,
    gap: str | None = "small",
    vertical_alignment: str = "top",
    border: bool = False,
    width: int | str = "stretch",
    wrap: bool = True,
) -> list[LayoutBlock]:
    """Lay out side-by-side columns; ``spec`` is a count or a list of relative widths.

    Args:
        spec: how many equal columns, or their relative widths (``[2, 1, 2]``).
        gap: the space between columns: ``"xxsmall"`` .. ``"xxlarge"``, or None for none.
        vertical_alignment: ``"top"``, ``"center"`` or ``"bottom"``.
        border: draw a border around each column.
        width: ``"stretch"`` or a width in pixels for the whole row.
        wrap: on a narrow screen, stack the columns instead of squeezing them.

    Example:
        >>> col1, spacer, col2 = st.columns([2, 1, 2], gap="large")
        >>> with col1:
        ...     st.number_input("Pounds:", key="lbs")
    """
    ctx = get_run()
    weights = _weights(spec)
    gap = check_gap(gap, command="columns")
    align = check_choice("vertical_alignment", vertical_alignment, _VERTICAL, command="columns")
    width = check_width(width, command="columns", allowed=("stretch",))
    total = sum(weights)
    props = {"gap": gap, "align": align, "width": width, "wrap": bool(wrap)}
    row = ctx.add(Node("columns", props, container=True))
    blocks = []
    for w in weights:
        col_props = {"weight": round(w / total, 6), "border": bool(border), "gap": gap}
        col = ctx.add(Node("column", col_props, container=True), row)
        blocks.append(LayoutBlock(ctx, col))
    return blocks


def key_class(key: object) -> str | None:
    """The CSS class a keyed container gets (``st-key-<key>``), as Streamlit gives it."""
    if key is None:
        return None
    return "st-key-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in check_user_key(key))


@api_function
def container(
    *,
    border: bool | None = None,
    key: str | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    horizontal: bool = False,
    wrap: bool = True,
    horizontal_alignment: str = "left",
    vertical_alignment: str = "top",
    gap: str | None = "small",
    autoscroll: bool | None = None,
) -> LayoutBlock:
    """A container that groups elements; write into it later or with ``with``.

    Args:
        border: draw a border; None: only when ``height`` is a number of pixels.
        key: a name for the container, given to it as the CSS class ``st-key-<key>``.
        width: ``"stretch"``, ``"content"`` or pixels.
        height: ``"content"``, ``"stretch"`` or pixels: a fixed height that scrolls.
        horizontal: lay the children out in a row instead of a column.
        wrap: in a horizontal container, wrap children onto more rows when they do not fit.
        horizontal_alignment: ``"left"``, ``"center"``, ``"right"`` or ``"distribute"``.
        vertical_alignment: ``"top"``, ``"center"``, ``"bottom"`` or ``"distribute"``.
        gap: space between children, ``"xxsmall"`` .. ``"xxlarge"``, or None.
        autoscroll: keep a scrolling container scrolled to its end as elements arrive; None:
            only for a fixed height.

    Example:
        >>> box = st.container(height=300, border=True)
        >>> for i in range(50):
        ...     box.write(f"line {i}")
    """
    ctx = get_run()
    width = check_width(width, command="container")
    height = check_height(height, command="container")
    align_choices = ("left", "center", "right", "distribute")
    h_align = check_choice(
        "horizontal_alignment", horizontal_alignment, align_choices, command="container"
    )
    v_choices = ("top", "center", "bottom", "distribute")
    v_align = check_choice("vertical_alignment", vertical_alignment, v_choices, command="container")
    gap = check_gap(gap, command="container")
    fixed = isinstance(height, int)
    props: dict[str, Any] = {
        "border": bool(border) if border is not None else fixed,
        "width": width,
        "height": height,
        "horizontal": bool(horizontal),
        "wrap": bool(wrap),
        "h_align": h_align,
        "v_align": v_align,
        "gap": gap,
        "autoscroll": bool(autoscroll) if autoscroll is not None else False,
    }
    if key is not None:
        props["key"] = key_class(key)
    return LayoutBlock(ctx, ctx.add(Node("container", props, container=True)))


@api_function
def grid(
    columns: int | str | Sequence[float] = "auto",
    *,
    min_column_width: int | str = "auto",
    wrap: bool = True,
    gap: str | None = "small",
    vertical_alignment: str = "top",
    border: bool = False,
    row_height: int | str = "content",
    width: int | str = "stretch",
    height: int | str = "content",
    key: str | None = None,
    dense: bool = False,
) -> LayoutBlock:
    """A grid: each element written into it takes the next cell, row after row.

    Args:
        columns: how many columns, their relative widths, or ``"auto"``: as many as fit
            with ``min_column_width``.
        min_column_width: the narrowest a column may get (pixels), or ``"auto"``.
        wrap: on a narrow screen, use fewer columns.
        gap: space between cells, ``"xxsmall"`` .. ``"xxlarge"``, or None.
        vertical_alignment: ``"top"``, ``"center"`` or ``"bottom"`` within a row.
        border: draw a border around each cell.
        row_height: ``"content"`` or pixels.
        width: ``"stretch"`` or pixels.
        height: ``"content"`` or pixels (the grid then scrolls).
        key: a name for the grid (CSS class ``st-key-<key>``).
        dense: fill holes left by earlier cells.

    Example:
        >>> with st.grid(3):
        ...     for i in range(6):
        ...         st.write(f"cell {i}")
    """
    ctx = get_run()
    if isinstance(columns, str):
        if columns != "auto":
            raise TidalAPIError(
                f"st.grid got columns={columns!r}. Pass a number of columns, a list of "
                'relative widths, or "auto".'
            )
        weights: list[float] = []
    else:
        weights = _weights(columns)
    pixels = isinstance(min_column_width, int) and min_column_width > 0
    if not (min_column_width == "auto" or pixels):
        raise TidalAPIError(
            f'st.grid got min_column_width={min_column_width!r}. Pass pixels (e.g. 200) or "auto".'
        )
    props: dict[str, Any] = {
        "weights": weights,
        "min_column_width": min_column_width,
        "wrap": bool(wrap),
        "gap": check_gap(gap, command="grid"),
        "align": check_choice("vertical_alignment", vertical_alignment, _VERTICAL, command="grid"),
        "border": bool(border),
        "row_height": check_height(row_height, command="grid", allowed=("content",)),
        "width": check_width(width, command="grid", allowed=("stretch",)),
        "height": check_height(height, command="grid", allowed=("content",)),
        "dense": bool(dense),
    }
    if key is not None:
        props["key"] = key_class(key)
    return LayoutBlock(ctx, ctx.add(Node("grid", props, container=True)))


@api_function
def form(
    key: str,
    clear_on_submit: bool = False,
    *,
    enter_to_submit: bool = True,
    border: bool = True,
    width: int | str = "stretch",
    height: int | str = "content",
) -> LayoutBlock:
    """A form: widgets inside it send their values together when a submit button is pressed.

    Args:
        key: the form's unique key.
        clear_on_submit: reset the form's widgets to their defaults after a submit.
        enter_to_submit: pressing Enter in a text or number input submits the form.
        border: draw a border around the form.
        width: ``"stretch"``, ``"content"`` or pixels.
        height: ``"content"``, ``"stretch"`` or pixels (the form then scrolls).

    Example:
        >>> with st.form("my_form"):
        ...     name = st.text_input("Name")
        ...     submitted = st.form_submit_button("Submit")
    """
    ctx = get_run()
    width = check_width(width, command="form")
    height = check_height(height, command="form")
    props = {"enter_to_submit": bool(enter_to_submit), "width": width, "height": height}
    block = open_form(ctx, key, clear_on_submit=clear_on_submit, border=border, props=props)
    return LayoutBlock(ctx, block)


_SPACE_SIZES = ("xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge", "stretch")


@api_function
def space(size: int | str = "small") -> ElementHandle:
    """Empty space between elements, along the direction of its container.

    Args:
        size: ``"xxsmall"`` .. ``"xxlarge"``, ``"stretch"`` (all the space left) or pixels.

    Example:
        >>> st.space("large")
    """
    ok = isinstance(size, str) and size in _SPACE_SIZES
    if not ok and not (isinstance(size, int) and not isinstance(size, bool) and size > 0):
        sizes = ", ".join(f'"{s}"' for s in _SPACE_SIZES)
        raise TidalAPIError(
            f"st.space got size={size!r}. Pass one of {sizes}, or a number of pixels."
        )
    return add_element("space", {"size": size})


@api_function
def skeleton(height: int | None = None, *, width: int | str = "stretch") -> ElementHandle:
    """A shimmering placeholder where content will appear; replace it through its handle.

    Args:
        height: the placeholder's height in pixels (None: one line).
        width: ``"stretch"`` or pixels.

    Example:
        >>> slot = st.skeleton(height=120)
        >>> slot.write("loaded")  # replaces the placeholder
    """
    if height is not None and not (isinstance(height, int) and height > 0):
        raise TidalAPIError(f"st.skeleton got height={height!r}. Pass pixels (e.g. 120) or None.")
    width = check_width(width, command="skeleton", allowed=("stretch",))
    return add_element("skeleton", {"height": height, "width": width})
