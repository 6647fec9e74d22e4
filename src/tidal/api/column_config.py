"""``st.column_config``: how each column of a dataframe or data editor looks and edits.

The public namespace of the column classes of Streamlit 1.67, functions returning a
``ColumnConfig`` dict. Owns the columns people edit (``Column``, ``TextColumn``,
``NumberColumn``, ``CheckboxColumn``, the select, date/time, list, link and Markdown columns);
the display-only ones (images, media, JSON, buttons, progress, charts) live in
``display_columns.py``, what they share in ``column_base.py``. Knows nothing about tables,
rows or sessions.

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
from collections.abc import Callable, Iterable
from typing import Any

from tidal.api.column_base import (
    Alignment,
    ColumnConfig,
    ColumnWidth,
    base_config,
    check_format,
    json_default,
)
from tidal.api.display_columns import AreaChartColumn as AreaChartColumn
from tidal.api.display_columns import AudioColumn as AudioColumn
from tidal.api.display_columns import BarChartColumn as BarChartColumn
from tidal.api.display_columns import ButtonColumn as ButtonColumn
from tidal.api.display_columns import ImageColumn as ImageColumn
from tidal.api.display_columns import JsonColumn as JsonColumn
from tidal.api.display_columns import LineChartColumn as LineChartColumn
from tidal.api.display_columns import ProgressColumn as ProgressColumn
from tidal.api.display_columns import VideoColumn as VideoColumn


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
    return base_config(label, width, help, disabled, required, pinned, alignment)


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
    return base_config(
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
    return base_config(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "number", "format": check_format(format), "min_value": min_value,
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
    return base_config(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "checkbox"},
    )  # fmt: skip


def _option_labels(options: Iterable[Any] | None, format_func: Callable[[Any], str] | None) -> Any:
    if options is None:
        return None, None
    values = [json_default(o) for o in options]
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
    return base_config(
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
    return base_config(
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
    return base_config(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": kind, "format": format, "min_value": json_default(min_value),
         "max_value": json_default(max_value), "step": step, "timezone": timezone},
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
    return base_config(
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
    return base_config(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "link", "max_chars": max_chars, "validate": validate,
         "display_text": display_text},
    )  # fmt: skip


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
    return base_config(
        label, width, help, disabled, required, pinned, alignment, default,
        {"type": "markdown"},
    )  # fmt: skip
