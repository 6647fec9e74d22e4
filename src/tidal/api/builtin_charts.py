"""The built-in charts: ``st.line_chart``, ``area_chart``, ``bar_chart`` and ``scatter_chart``.

Owns the four functions and the Vega-Lite spec they build from a table, as Streamlit builds it:
the x axis from the ``x`` column or the index (temporal for dates, quantitative for numbers,
ordinal for a bar chart's numbers, nominal for text), one or several ``y`` columns (several
are folded into long form in the browser, under Streamlit's protected column names), ``color``
as a column or as colours, ``size``, axis labels, tooltips and a legend below the chart. The
element is an ``arrow_vega_lite_chart`` like ``st.vega_lite_chart``'s: its ``spec`` prop is the
spec as JSON text, its ``data`` prop the columns (``chart_data.py``). Knows nothing about how
the chart is drawn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, Literal

from tidal.api.chart_data import encode_table
from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function
from tidal.dataframes import to_table
from tidal.errors import StreamlitAPIException
from tidal.tables import Column, Table

MELTED_COLOR = "color--p5bJXXpQgvPz6yvQMFiy"
"""The column holding a series' name once several ``y`` columns are folded into one."""
MELTED_VALUE = "value--p5bJXXpQgvPz6yvQMFiy"
"""The column holding the values once several ``y`` columns are folded into one."""
INDEX = "index--p5bJXXpQgvPz6yvQMFiy"
"""The column the index is sent under when ``x`` is None."""
CHART_TYPE = "arrow_vega_lite_chart"
DEFAULT_HEIGHT = 350
"""Height in pixels of a chart whose height is ``"content"``."""

ChartKind = Literal["line", "area", "bar", "scatter"]
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3,4}){1,2}|rgba?\(.*\)|hsla?\(.*\)")


def is_color(value: object) -> bool:
    """Whether ``value`` is a colour: ``"#rgb"``, ``"#rrggbb(aa)"``, ``"rgb(...)"``, or a
    tuple of 3 or 4 numbers (0-255, or 0-1 floats).

    Example:
        >>> is_color("#ff0000"), is_color((255, 0, 0)), is_color("price")
        (True, True, False)
    """
    if isinstance(value, str):
        return bool(_COLOR.fullmatch(value.strip()))
    return (
        isinstance(value, tuple | list)
        and len(value) in (3, 4)
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in value)
    )


def css_color(value: Any) -> str:
    """A colour as CSS text (tuples become ``rgba(...)``)."""
    if isinstance(value, str):
        return value.strip()
    parts = list(value)
    if all(isinstance(c, float) for c in parts[:3]) and all(0 <= c <= 1 for c in parts[:3]):
        parts[:3] = [round(c * 255) for c in parts[:3]]
    alpha = parts[3] if len(parts) == 4 else 1
    if isinstance(alpha, int) and alpha > 1:
        alpha = alpha / 255
    return f"rgba({int(parts[0])}, {int(parts[1])}, {int(parts[2])}, {alpha})"


def _missing_column(name: object, table: Table) -> StreamlitAPIException:
    available = ", ".join(f'"{c.name}"' for c in table.columns) or "none"
    return StreamlitAPIException(
        f'Data does not have a column named "{name}". Available columns are {available}. '
        "Pass the name of one of these columns, or None to use the data's index."
    )


def _column(table: Table, name: object) -> Column:
    for c in table.columns:
        if c.key == name or c.name == name:
            return c
    raise _missing_column(name, table)


def _vl_type(col: Column | None, kind: ChartKind, *, category_axis: bool) -> str:
    if col is None:
        return "quantitative"
    if col.kind in ("datetime", "date"):
        return "temporal"
    if col.kind in ("int", "float", "decimal"):
        return "ordinal" if kind == "bar" and category_axis else "quantitative"
    return "nominal"


def build_spec(
    kind: ChartKind,
    table: Table,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    size: Any = None,
    horizontal: bool = False,
    sort: bool | str = True,
    stack: bool | str | None = None,
) -> tuple[dict[str, Any], list[str], bool]:
    """The Vega-Lite spec of a built-in chart, the columns it reads, and whether it reads the
    index (under ``INDEX``).

    Raises:
        StreamlitAPIException: a column named in ``x``/``y``/``color``/``size``/``sort`` is
            missing, or ``color`` does not fit ``y``.

    Example:
        >>> spec, cols, index = build_spec("line", to_table({"a": [1, 2]}))
        >>> spec["mark"]["type"], spec["encoding"]["y"]["field"], cols, index
        ('line', 'a', ['a'], True)
    """
    x_col = _column(table, x) if x is not None else None
    color_col = None
    colors: list[str] | None = None
    if color is not None:
        if isinstance(color, str) and not is_color(color):
            color_col = _column(table, color)
        elif is_color(color):
            colors = [css_color(color)]
        elif isinstance(color, list | tuple) and all(is_color(c) for c in color):
            colors = [css_color(c) for c in color]
        else:
            raise StreamlitAPIException(
                f"This does not look like a valid color argument: {color!r}. Pass a column "
                'name, a colour ("#ff0000", "rgb(255, 0, 0)", (255, 0, 0)), or a list of colours.'
            )
    size_col = None
    if size is not None and not (isinstance(size, int | float) and not isinstance(size, bool)):
        size_col = _column(table, size)
    used = {c.name for c in (x_col, color_col, size_col) if c is not None}
    if y is None:
        y_cols = [c for c in table.columns if c.name not in used]
    elif isinstance(y, str) or not isinstance(y, Sequence):
        y_cols = [_column(table, y)]
    else:
        y_cols = [_column(table, name) for name in y]
    if color_col is not None and len(y_cols) > 1:
        raise StreamlitAPIException(
            f'Cannot use the color column "{color_col.name}" with several y columns '
            f"({', '.join(c.name for c in y_cols)}). Pass one y column with a color column, or "
            "several y columns with colours (or no color)."
        )
    melted = len(y_cols) > 1
    if colors is not None and len(colors) > 1 and len(colors) != len(y_cols):
        raise StreamlitAPIException(
            f"The list of colors `{colors}` must have the same length as the list of columns "
            f"to be colored `{[c.name for c in y_cols]}`."
        )

    x_field = x_col.name if x_col is not None else INDEX
    x_index_col = table.index[0] if x_col is None and table.index else None
    x_def: dict[str, Any] = {
        "field": x_field,
        "type": _vl_type(x_col or x_index_col, kind, category_axis=True),
        "title": x_label if x_label is not None else (x_col.name if x_col is not None else None),
    }
    if x_def["type"] == "temporal":
        x_def["scale"] = {"type": "utc"}
    y_field = MELTED_VALUE if melted else (y_cols[0].name if y_cols else MELTED_VALUE)
    y_def: dict[str, Any] = {
        "field": y_field,
        "type": _vl_type(y_cols[0] if len(y_cols) == 1 else None, kind, category_axis=False),
        "title": y_label if y_label is not None else (None if melted or not y_cols else y_field),
    }
    if kind != "scatter" and y_def["type"] != "quantitative":
        y_def["type"] = "quantitative"
    encoding: dict[str, Any] = {"x": x_def, "y": y_def}
    tooltip: list[dict[str, Any]] = [
        {
            "field": x_field,
            "type": x_def["type"],
            "title": x_def["title"] or ("index" if x_col is None else x_field),
        },
        {"field": y_field, "type": y_def["type"], "title": y_def["title"] or "value"},
    ]
    color_field: str | None = None
    if color_col is not None:
        color_field = color_col.name
        color_def: dict[str, Any] = {
            "field": color_field,
            "type": "nominal" if color_col.kind not in ("int", "float") else "quantitative",
            "title": color_field,
            "legend": {"orient": "bottom"},
        }
        if all(is_color(v) for v in color_col.values if v is not None):
            color_def["scale"] = None
            color_def["legend"] = None
        encoding["color"] = color_def
    elif melted:
        color_field = MELTED_COLOR
        color_def = {
            "field": MELTED_COLOR,
            "type": "nominal",
            "title": " ",
            "legend": {"orient": "bottom"},
            "scale": {"domain": [c.name for c in y_cols]},
        }
        if colors is not None:
            color_def["scale"]["range"] = colors if len(colors) > 1 else colors * len(y_cols)
        encoding["color"] = color_def
    if color_field is not None:
        tooltip.append({"field": color_field, "type": "nominal", "title": color_field})
        if color_field == MELTED_COLOR:
            tooltip[-1]["title"] = "series"
    mark: dict[str, Any] = {"type": {"scatter": "circle"}.get(kind, kind)}
    if colors is not None and color_field is None:
        mark["color"] = colors[0]
    if size_col is not None:
        encoding["size"] = {"field": size_col.name, "type": "quantitative", "title": size_col.name}
        tooltip.append({"field": size_col.name, "type": "quantitative", "title": size_col.name})
    elif size is not None:
        mark["size"] = size
    encoding["tooltip"] = tooltip

    spec: dict[str, Any] = {"mark": mark, "encoding": encoding}
    if melted:
        spec["transform"] = [{"fold": [c.name for c in y_cols], "as": [MELTED_COLOR, MELTED_VALUE]}]
    _apply_stack(kind, spec, stack, color_field)
    if kind == "bar":
        _apply_sort(table, x_def, sort)
        if horizontal:
            encoding["x"], encoding["y"] = encoding["y"], encoding["x"]
            if "xOffset" in encoding:
                encoding["yOffset"] = encoding.pop("xOffset")
    else:
        spec["params"] = [{"name": "zoom", "select": "interval", "bind": "scales"}]
    names = [c.name for c in (x_col, *y_cols, color_col, size_col) if c is not None]
    return spec, list(dict.fromkeys(names)), x_col is None


def _apply_stack(
    kind: ChartKind, spec: dict[str, Any], stack: bool | str | None, color_field: str | None
) -> None:
    if kind not in ("bar", "area"):
        return
    allowed = (True, False, None, "normalize", "center") + (("layered",) if kind == "bar" else ())
    if stack not in allowed:
        raise StreamlitAPIException(
            f"Invalid value for stack parameter: {stack!r}. Stack must be one of True, False, "
            f'"normalize", "center"{", " + chr(34) + "layered" + chr(34) if kind == "bar" else ""}'
            " or None."
        )
    y = spec["encoding"]["y"]
    if stack is True:
        y["stack"] = "zero"
    elif stack in ("normalize", "center"):
        y["stack"] = stack
    elif stack is False or stack == "layered":
        y["stack"] = None
        if kind == "bar" and stack is False and color_field is not None:
            spec["encoding"]["xOffset"] = {"field": color_field}
        else:
            spec["mark"]["opacity"] = 0.7


def _apply_sort(table: Table, x_def: dict[str, Any], sort: bool | str) -> None:
    if sort is True:
        return
    if sort is False:
        x_def["sort"] = None
        return
    if not isinstance(sort, str):
        raise StreamlitAPIException(
            f"sort must be True, False or a column name (with '-' in front for descending); "
            f"got {sort!r}."
        )
    descending = sort.startswith("-")
    name = sort[1:] if descending else sort
    _column(table, name)
    x_def["sort"] = {
        "field": name,
        "op": "sum",
        "order": "descending" if descending else "ascending",
    }


def chart_size(width: Any, height: Any, use_container_width: bool | None) -> tuple[Any, Any]:
    """``width`` and ``height`` checked: ``"stretch"``/``"content"`` or positive pixels."""
    for name, value in (("width", width), ("height", height)):
        ok = value in ("stretch", "content") or (
            isinstance(value, int) and not isinstance(value, bool) and value > 0
        )
        if not ok:
            raise StreamlitAPIException(
                f"Invalid {name} value: {value!r}. {name.capitalize()} must be either an "
                'integer (pixels), "stretch", or "content".'
            )
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    return width, height


def _chart(
    kind: ChartKind, data: Any, width: Any, height: Any, ucw: Any, **kw: Any
) -> ElementHandle:
    command = f"st.{kind}_chart"
    table = to_table(data, command=command)
    spec, names, with_index = build_spec(kind, table, **kw)
    width, height = chart_size(width, height, ucw)
    props: dict[str, Any] = {
        "spec": json.dumps(spec, sort_keys=True),
        "data": encode_table(table, names=names, index=INDEX if with_index else None),
        "datasets": {},
        "theme": "streamlit",
        "width": width,
        "height": height,
        "vega_lite_chart": False,
        "chart_command": command,
    }
    return add_element(CHART_TYPE, props, extra=data)


@api_function
def line_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | Any = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Draw a line chart of the data's columns (or of ``y``) against its index (or ``x``).

    Args:
        data: anything ``st.dataframe`` takes.
        x: the column on the x axis (None: the index).
        y: one column or several (several draw one line each, with a legend).
        x_label: the x axis title (None: ``x``'s name, or none).
        y_label: the y axis title (None: ``y``'s name when there is one, or none).
        color: a column whose values split the lines, or a colour, or one colour per ``y``.
        width: ``"stretch"``, ``"content"`` or pixels.
        height: ``"content"`` (350 pixels), ``"stretch"`` or pixels.
        use_container_width: deprecated; True is ``width="stretch"``.
        alt: text describing the chart for screen readers.

    Example:
        >>> st.line_chart({"a": [1, 3, 2], "b": [2, 1, 3]})
    """
    return _chart(
        "line", data, width, height, use_container_width,
        x=x, y=y, x_label=x_label, y_label=y_label, color=color,
    )  # fmt: skip


@api_function
def area_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | Any = None,
    stack: bool | Literal["normalize", "center"] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Draw an area chart (as ``st.line_chart``, filled); ``stack`` stacks the areas (True),
    layers them (False), or ``"normalize"``/``"center"`` them (None: stacked).

    Example:
        >>> st.area_chart({"a": [1, 3, 2], "b": [2, 1, 3]}, stack="normalize")
    """
    return _chart(
        "area", data, width, height, use_container_width,
        x=x, y=y, x_label=x_label, y_label=y_label, color=color, stack=stack,
    )  # fmt: skip


@api_function
def bar_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | Any = None,
    horizontal: bool = False,
    sort: bool | str = True,
    stack: bool | Literal["normalize", "center", "layered"] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Draw a bar chart (as ``st.line_chart``, with bars).

    Args:
        horizontal: bars along the y axis.
        sort: True sorts bars by their label, False keeps the data's order, a column name
            sorts by that column's values (``"-col"``: descending).
        stack: True stacks the series, False puts them side by side, ``"layered"`` overlaps
            them, ``"normalize"``/``"center"`` stack them to 100% or around zero.

    Example:
        >>> st.bar_chart({"fruit": ["apple", "pear"], "n": [3, 5]}, x="fruit", sort="-n")
    """
    return _chart(
        "bar", data, width, height, use_container_width, x=x, y=y, x_label=x_label,
        y_label=y_label, color=color, horizontal=horizontal, sort=sort, stack=stack,
    )  # fmt: skip


@api_function
def scatter_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | Any = None,
    size: str | float | int | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Draw a scatter chart (as ``st.line_chart``, with circles); ``size`` is a column that
    sizes each circle, or one size for all.

    Example:
        >>> st.scatter_chart({"x": [1, 2, 3], "y": [3, 1, 2], "w": [5, 10, 20]},
        ...                  x="x", y="y", size="w")
    """
    return _chart(
        "scatter", data, width, height, use_container_width,
        x=x, y=y, x_label=x_label, y_label=y_label, color=color, size=size,
    )  # fmt: skip
