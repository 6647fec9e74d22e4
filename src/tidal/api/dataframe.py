"""``st.dataframe`` and ``st.table``: frames shown as an interactive grid or a static table.

Owns the two functions, the props every data grid shares (``grid_props``: headers, the rows
of a small frame, sizes, column order and config) and ``Shown``, what a grid element keeps on
the server: the ``Table`` the browser asks rows of, and the data as given (``AppTest``'s
``.value``). Selections (``on_select``) are widget values built in ``selection.py``; the rows
the browser asks for as it scrolls are served by ``tidal.rowserver``. Knows nothing about
sockets or sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from tidal.api.column_base import INDEX, resolve
from tidal.api.grid_buttons import register_button_columns
from tidal.api.handle import ElementHandle, add_element
from tidal.api.selection import SelectionMode, register_selection
from tidal.context import api_function, get_run
from tidal.dataframes import Shown as Shown
from tidal.dataframes import to_table
from tidal.errors import StreamlitAPIException
from tidal.tables import Table

WHOLE_ROWS = 200
"""Frames with at most this many rows travel whole with the element; bigger ones send no
rows but their first ``HEAD_ROWS`` and the browser asks for the window it shows (the
``lazy`` argument of ``st.dataframe`` decides instead when it is given)."""
HEAD_ROWS = 100

Width = Literal["stretch", "content"] | int
Height = Literal["auto", "stretch", "content"] | int


def check_size(name: str, value: Any, keywords: tuple[str, ...]) -> Any:
    """A width/height argument: one of ``keywords`` or a positive int of pixels."""
    if value in keywords:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise StreamlitAPIException(
        f"Invalid {name} value: {value!r}. {name.capitalize()} must be either an integer "
        f"(pixels) or one of {', '.join(repr(k) for k in keywords)}."
    )


def grid_props(
    table: Table,
    *,
    width: Any,
    height: Any,
    use_container_width: bool | None,
    hide_index: bool | None,
    column_order: Iterable[str] | None,
    column_config: Mapping[Any, Any] | None,
    row_height: int | None,
    placeholder: str | None,
    lazy: bool | None = None,
) -> dict[str, Any]:
    """The props of a grid element (``dataframe`` or ``data_editor``) showing ``table``.

    ``lazy``: True sends only the first rows whatever the size (the rest on demand), False
    sends every row with the element, None decides by size (``WHOLE_ROWS``).
    """
    width = check_size("width", width, ("stretch", "content"))
    height = check_size("height", height, ("auto", "stretch", "content"))
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    if row_height is not None and (not isinstance(row_height, int) or row_height <= 0):
        raise StreamlitAPIException(
            f"row_height must be a positive number of pixels; got {row_height!r}."
        )
    names = [c.name for c in table.columns]
    if column_order is not None:
        if isinstance(column_order, str):
            column_order = [column_order]
        column_order = [str(c) for c in column_order]
    if hide_index is None:  # the default index of data that has none is not worth a column
        hide_index = table.range_index and not table.source.startswith("pandas")
    props: dict[str, Any] = {
        "data": table.fingerprint,
        "nrows": table.nrows,
        **table.headers(),
        "width": width,
        "height": height,
        "hide_index": bool(hide_index),
        "column_order": column_order,
        "column_config": resolve(column_config, names),
        "row_height": row_height,
        "placeholder": placeholder,
        "styled": table.styles is not None,
    }
    # the first rows travel with the element: the grid paints them without a round trip
    if lazy is not None and not isinstance(lazy, bool):
        raise StreamlitAPIException(f"lazy must be True, False or None; got {lazy!r}.")
    whole = table.nrows <= WHOLE_ROWS if lazy is None else not lazy
    shown = table.nrows if whole else HEAD_ROWS
    props["rows" if whole else "head"] = table.rows(None, 0, shown)[1]
    styled = table.styled(range(min(shown, table.nrows)))
    if styled is not None:
        props["display"], props["css"] = styled
    if INDEX in props["column_config"] and props["column_config"][INDEX].get("hidden"):
        props["hide_index"] = True
    return props


@api_function
def dataframe(
    data: Any = None,
    width: Width = "stretch",
    height: Height = "auto",
    *,
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: Mapping[Any, Any] | None = None,
    key: str | int | None = None,
    on_select: Literal["ignore", "rerun"] | Callable[..., Any] = "ignore",
    selection_mode: SelectionMode | Iterable[SelectionMode] = "multi-row",
    selection_default: Any = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    lazy: bool | None = None,
    alt: str | None = None,
) -> Any:
    """Show data as an interactive grid: sort, search, resize, copy; rows load as you scroll.

    The frame stays on the server; the browser receives only the rows it shows (frames of
    more than 200 rows load lazily; ``lazy=True`` makes any frame load lazily, ``lazy=False``
    sends every row with the element). With
    ``on_select="rerun"`` (or a callback) people can select rows, columns or cells, and the
    call returns the selection (``event.selection.rows``) instead of the element.

    Example:
        >>> event = st.dataframe(df, on_select="rerun", selection_mode="multi-row", key="t")
        >>> st.write(event.selection.rows)
    """
    ctx = get_run()
    table = to_table(data)
    props = grid_props(
        table,
        width=width,
        height=height,
        use_container_width=use_container_width,
        hide_index=hide_index,
        column_order=column_order,
        column_config=column_config,
        row_height=row_height,
        placeholder=placeholder,
        lazy=lazy,
    )
    props["alt"] = alt
    if buttons := register_button_columns(ctx, column_config, table):
        props["button_click_widgets"] = buttons
    shown = Shown(table, data)
    if on_select == "ignore":
        if selection_default is not None:
            raise StreamlitAPIException(
                "selection_default only applies when selections are activated: pass "
                "on_select='rerun' or a callable."
            )
        return add_element("dataframe", props, extra=shown)
    return register_selection(
        ctx,
        table,
        props,
        shown,
        key=key,
        on_select=on_select,
        selection_mode=selection_mode,
        selection_default=selection_default,
    )


@api_function
def table(
    data: Any = None,
    *,
    border: bool | Literal["horizontal"] = True,
    width: Width = "stretch",
    height: Height = "content",
    hide_index: bool | None = None,
    hide_header: bool | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Show data as a static table: every row on the page, with a Styler's colours.

    Cells, index and headers may hold Markdown.

    Example:
        >>> st.table(df.style.highlight_max(color="lightgreen"), border="horizontal")
    """
    if border not in (True, False, "horizontal"):
        raise StreamlitAPIException(
            f"Invalid border value: {border!r}. Use True, False or 'horizontal'."
        )
    t = to_table(data, command="st.table")
    width = check_size("width", width, ("stretch", "content"))
    height = check_size("height", height, ("content", "stretch"))
    if hide_index is None:
        hide_index = t.range_index and not t.source.startswith("pandas")
    props: dict[str, Any] = {
        **t.headers(),
        "rows": t.all_rows(),
        "border": border,
        "width": width,
        "height": height,
        "hide_index": bool(hide_index),
        "hide_header": bool(hide_header),
        "alt": alt,
    }
    styled = t.styled(range(t.nrows))
    if styled is not None:
        props["display"], props["css"] = styled
    return add_element("table", props, extra=Shown(t, data))
