"""``st.column_config``: how each column of a dataframe or data editor looks and edits.

Owns the column classes of Streamlit 1.67 (``Column``, ``TextColumn``, ``NumberColumn``...,
the chart columns) as functions returning a ``ColumnConfig`` dict, the number formats they
accept, and ``resolve``, which merges the ``column_config`` argument of a data element into
the JSON the grid reads. Knows nothing about tables, rows or sessions.

Example:
    >>> st.dataframe(df, column_config={
    ...     "price": st.column_config.NumberColumn("Price", format="dollar"),
    ...     "url": st.column_config.LinkColumn(display_text="Open"),
    ...     "internal": None,  # hidden
    ... })
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from tidal.errors import StreamlitAPIException

ColumnWidth = Literal["small", "medium", "large"] | int | None
Alignment = Literal["left", "center", "right"] | None
NUMBER_FORMATS = (
    "plain",
    "localized",
    "percent",
    "dollar",
    "euro",
    "yen",
    "accounting",
    "compact",
    "scientific",
    "engineering",
)
"""Named number formats; any other format string is printf-style (``"%.2f"``, ``"%d ⭐"``)."""

ColumnConfig = dict[str, Any]
"""What a column class returns: label, width, help, hidden, disabled, required, pinned,
alignment, default, and ``type_config`` (the column type and its own options)."""

INDEX = "_index"
"""The ``column_config``/``column_order`` name of the index column(s)."""


def _base(
    label: str | None,
    width: ColumnWidth,
    help: str | None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: Any = None,
    type_config: dict[str, Any] | None = None,
) -> ColumnConfig:
    bad_width = not isinstance(width, int) or isinstance(width, bool) or width <= 0
    if width is not None and width not in ("small", "medium", "large") and bad_width:
        raise StreamlitAPIException(
            f"Invalid column width {width!r}: use 'small', 'medium', 'large' or a "
            "positive number of pixels."
        )
    if alignment is not None and alignment not in ("left", "center", "right"):
        raise StreamlitAPIException(
            f"Invalid alignment {alignment!r}: use 'left', 'center' or 'right'."
        )
    out: ColumnConfig = {
        "label": label,
        "width": width,
        "help": help,
        "disabled": disabled,
        "required": required,
        "pinned": pinned,
        "alignment": alignment,
        "default": _json_default(default),
    }
    out = {k: v for k, v in out.items() if v is not None}
    if type_config is not None:
        out["type_config"] = {k: v for k, v in type_config.items() if v is not None}
    return out


def _json_default(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    return v


def _check_format(fmt: str | None) -> str | None:
    if fmt is None or fmt in NUMBER_FORMATS:
        return fmt
    if not isinstance(fmt, str) or "%" not in fmt:
        raise StreamlitAPIException(
            f"Invalid number format {fmt!r}: use a printf-style format such as '%.2f' or "
            f"'%d %%', or one of {', '.join(repr(f) for f in NUMBER_FORMATS)}."
        )
    return fmt


def Column(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of any type: label, width, help, editing and pinning only.

    Example:
        >>> st.column_config.Column("Name", width="medium", pinned=True)
    """
    return _base(label, width, help, disabled, required, pinned, alignment)


def TextColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
) -> ColumnConfig:
    """A text column; ``validate`` is a regular expression edits must match.

    Example:
        >>> st.column_config.TextColumn("Code", max_chars=5, validate=r"^[A-Z]+$")
    """
    if validate is not None:
        re.compile(validate)
    return _base(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "text", "max_chars": max_chars, "validate": validate},
    )  # fmt: skip


def NumberColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: int | float | None = None,
    format: str | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
) -> ColumnConfig:
    """A number column: a printf or named ``format`` ("dollar", "percent", "compact"...).

    Example:
        >>> st.column_config.NumberColumn("Price", format="dollar", min_value=0)
    """
    return _base(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "number", "format": _check_format(format), "min_value": min_value,
         "max_value": max_value, "step": step},
    )  # fmt: skip


def CheckboxColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: bool | None = None,
) -> ColumnConfig:
    """A checkbox column for booleans.

    Example:
        >>> st.column_config.CheckboxColumn("Done?", default=False)
    """
    return _base(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "checkbox"},
    )  # fmt: skip


def _option_labels(options: Iterable[Any] | None, format_func: Callable[[Any], str] | None) -> Any:
    if options is None:
        return None, None
    values = [_json_default(o) for o in options]
    labels = [str(format_func(o)) for o in options] if format_func is not None else None
    return values, labels


def SelectboxColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: Any = None,
    options: Iterable[Any] | None = None,
    format_func: Callable[[Any], str] | None = None,
) -> ColumnConfig:
    """A column whose cells take one of ``options``.

    Example:
        >>> st.column_config.SelectboxColumn("Size", options=["S", "M", "L"], required=True)
    """
    values, labels = _option_labels(options, format_func)
    return _base(
        label, width, help, disabled, required, pinned, None, default,
        {"type": "selectbox", "options": values, "labels": labels},
    )  # fmt: skip


def MultiselectColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: Iterable[Any] | None = None,
    options: Iterable[Any] | None = None,
    accept_new_options: bool | None = None,
    color: str | Iterable[str] | None = None,
    format_func: Callable[[Any], str] | None = None,
) -> ColumnConfig:
    """A column of lists whose items come from ``options`` (or new ones if accepted).

    Example:
        >>> st.column_config.MultiselectColumn("Tags", options=["a", "b"])
    """
    values, labels = _option_labels(options, format_func)
    colors = [color] if isinstance(color, str) else (list(color) if color else None)
    return _base(
        label, width, help, disabled, required, pinned, None,
        list(default) if default is not None else None,
        {"type": "multiselect", "options": values, "labels": labels,
         "accept_new_options": accept_new_options, "color": colors},
    )  # fmt: skip


def _temporal(
    kind: str,
    label: str | None,
    width: ColumnWidth,
    help: str | None,
    disabled: bool | None,
    required: bool | None,
    pinned: bool | None,
    alignment: Alignment,
    default: Any,
    format: str | None,
    min_value: Any,
    max_value: Any,
    step: Any,
    timezone: str | None = None,
) -> ColumnConfig:
    if isinstance(step, dt.timedelta):
        step = step.total_seconds()
    return _base(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": kind, "format": format, "min_value": _json_default(min_value),
         "max_value": _json_default(max_value), "step": step, "timezone": timezone},
    )  # fmt: skip


def DatetimeColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: dt.datetime | None = None,
    format: str | None = None,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    step: int | float | dt.timedelta | None = None,
    timezone: str | None = None,
) -> ColumnConfig:
    """A date and time column (``format``: "localized", "distance", "iso8601" or a pattern).

    Example:
        >>> st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm")
    """
    return _temporal(
        "datetime", label, width, help, disabled, required, pinned, alignment, default,
        format, min_value, max_value, step, timezone,
    )  # fmt: skip


def DateColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: dt.date | None = None,
    format: str | None = None,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    step: int | None = None,
) -> ColumnConfig:
    """A date column.

    Example:
        >>> st.column_config.DateColumn("Birthday", min_value=date(1900, 1, 1))
    """
    return _temporal(
        "date", label, width, help, disabled, required, pinned, alignment, default,
        format, min_value, max_value, step,
    )  # fmt: skip


def TimeColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: dt.time | None = None,
    format: str | None = None,
    min_value: dt.time | None = None,
    max_value: dt.time | None = None,
    step: int | float | dt.timedelta | None = None,
) -> ColumnConfig:
    """A time-of-day column.

    Example:
        >>> st.column_config.TimeColumn("Opens", format="HH:mm")
    """
    return _temporal(
        "time", label, width, help, disabled, required, pinned, alignment, default,
        format, min_value, max_value, step,
    )  # fmt: skip


def ListColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    default: Iterable[Any] | None = None,
) -> ColumnConfig:
    """A column of lists, shown as chips.

    Example:
        >>> st.column_config.ListColumn("Sales")
    """
    return _base(
        label, width, help, disabled, required, pinned, None,
        list(default) if default is not None else None, {"type": "list"},
    )  # fmt: skip


def LinkColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
    display_text: str | None = None,
) -> ColumnConfig:
    """A column of URLs shown as links; ``display_text`` may be a regex with one group.

    Example:
        >>> st.column_config.LinkColumn("Site", display_text=r"https://(.*?)\\.com")
    """
    if validate is not None:
        re.compile(validate)
    return _base(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "link", "max_chars": max_chars, "validate": validate,
         "display_text": display_text},
    )  # fmt: skip


def _media(kind: str, label: str | None, width: ColumnWidth, help: str | None,
           pinned: bool | None, alignment: Alignment) -> ColumnConfig:  # fmt: skip
    return _base(label, width, help, None, None, pinned, alignment, None, {"type": kind})


def ImageColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of image URLs (or data URLs), shown as thumbnails.

    Example:
        >>> st.column_config.ImageColumn("Preview")
    """
    return _media("image", label, width, help, pinned, alignment)


def AudioColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of audio URLs, each with a player.

    Example:
        >>> st.column_config.AudioColumn("Clip")
    """
    return _media("audio", label, width, help, pinned, alignment)


def VideoColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of video URLs, each with a player.

    Example:
        >>> st.column_config.VideoColumn("Video")
    """
    return _media("video", label, width, help, pinned, alignment)


def JsonColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of JSON-like values (dicts, lists, JSON strings), shown as JSON.

    Example:
        >>> st.column_config.JsonColumn("Payload")
    """
    return _media("json", label, width, help, pinned, alignment)


def MarkdownColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: str | None = None,
) -> ColumnConfig:
    """A column of Markdown text.

    Example:
        >>> st.column_config.MarkdownColumn("Notes")
    """
    return _base(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "markdown"},
    )  # fmt: skip


def ButtonColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    type: Literal["primary", "secondary", "tertiary"] = "secondary",
    on_click: Callable[..., Any] | None = None,
    args: Iterable[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    key: str | None = None,
) -> ColumnConfig:
    """A column of buttons labelled with the cell's text.

    Example:
        >>> st.column_config.ButtonColumn("Action", type="primary")
    """
    if type not in ("primary", "secondary", "tertiary"):
        raise StreamlitAPIException(
            f"Invalid button type {type!r}: use 'primary', 'secondary' or 'tertiary'."
        )
    out = _base(label, width, help, True, None, pinned, alignment, None,
                {"type": "button", "button_type": type, "key": key})  # fmt: skip
    if on_click is not None:
        out["_on_click"] = (on_click, tuple(args or ()), dict(kwargs or {}))
    return out


def ProgressColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    format: str | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of numbers drawn as progress bars between ``min_value`` and ``max_value``.

    Example:
        >>> st.column_config.ProgressColumn("Done", format="percent", min_value=0, max_value=1)
    """
    return _base(
        label, width, help, True, None, pinned, None, None,
        {"type": "progress", "format": _check_format(format),
         "min_value": 0 if min_value is None else min_value,
         "max_value": 100 if max_value is None else max_value, "step": step, "color": color},
    )  # fmt: skip


def _chart(kind: str, label: str | None, width: ColumnWidth, help: str | None,
           pinned: bool | None, y_min: float | None, y_max: float | None,
           color: str | None) -> ColumnConfig:  # fmt: skip
    return _base(label, width, help, True, None, pinned, None, None,
                 {"type": kind, "y_min": y_min, "y_max": y_max, "color": color})  # fmt: skip


def LineChartColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of number lists drawn as small line charts.

    Example:
        >>> st.column_config.LineChartColumn("Trend", y_min=0, y_max=100)
    """
    return _chart("line_chart", label, width, help, pinned, y_min, y_max, color)


def BarChartColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of number lists drawn as small bar charts.

    Example:
        >>> st.column_config.BarChartColumn("Sales")
    """
    return _chart("bar_chart", label, width, help, pinned, y_min, y_max, color)


def AreaChartColumn(
    label: str | None = None,
    *,
    width: ColumnWidth = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of number lists drawn as small area charts.

    Example:
        >>> st.column_config.AreaChartColumn("Visits")
    """
    return _chart("area_chart", label, width, help, pinned, y_min, y_max, color)


# ----------------------------------------------------------------------------- resolving
def resolve(column_config: Mapping[Any, Any] | None, names: list[str]) -> dict[str, Any]:
    """The ``column_config`` argument as JSON for the grid: name -> config.

    Keys may be column names, ``"_index"`` or column positions (ints); a string value is a
    label, None hides the column.

    Raises:
        StreamlitAPIException: a key is not a column, or a value is not a config.
    """
    if column_config is None:
        return {}
    if not isinstance(column_config, Mapping):
        raise StreamlitAPIException(
            f"column_config must be a dict of column name -> config; got "
            f"{type(column_config).__name__}."
        )
    out: dict[str, Any] = {}
    for key, value in column_config.items():
        if isinstance(key, int) and not isinstance(key, bool):
            if not 0 <= key < len(names):
                raise StreamlitAPIException(
                    f"column_config refers to column position {key}, but the data has "
                    f"{len(names)} columns."
                )
            name = names[key]
        else:
            name = str(key)
        if value is None:
            out[name] = {"hidden": True}
        elif isinstance(value, str):
            out[name] = {"label": value}
        elif isinstance(value, Mapping):
            out[name] = {k: v for k, v in value.items() if not k.startswith("_")}
        else:
            raise StreamlitAPIException(
                f"column_config[{key!r}] must be a label, None or an st.column_config "
                f"column; got {type(value).__name__}."
            )
    return out
