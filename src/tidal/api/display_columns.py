"""The ``st.column_config`` columns that show values and are never edited: images, audio,
video, JSON, buttons, progress bars and the line/bar/area chart columns. Knows nothing about
tables or rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from tidal.api.column_base import (
    BUTTON_CLICK,
    Alignment,
    ButtonClick,
    ColumnConfig,
    ColumnWidth,
    base_config,
    check_format,
)
from tidal.errors import StreamlitAPIException


class _ColumnKind:
    """One ``st.column_config.*Column`` among several that take the same parameters and differ
    only by the column ``kind`` they make: named and documented like a function."""

    def __init__(self, name: str, kind: str, doc: str) -> None:
        self.__name__ = self.__qualname__ = name
        self.__doc__ = doc
        self._kind = kind

    def __repr__(self) -> str:
        return f"<st.column_config.{self.__name__}>"


class _MediaColumn(_ColumnKind):
    """A column shown as is: an image, a media player, JSON."""

    def __call__(
        self,
        label: str | None = None,
        *,
        width: ColumnWidth = None,
        help: str | None = None,
        pinned: bool | None = None,
        alignment: Alignment = None,
    ) -> ColumnConfig:
        return base_config(label, width, help, None, None, pinned, alignment, None,
                           {"type": self._kind})  # fmt: skip


ImageColumn = _MediaColumn(
    "ImageColumn",
    "image",
    """A column of image URLs (or data URLs), shown as thumbnails.

    Example:
        >>> st.column_config.ImageColumn("Preview")
    """,
)
AudioColumn = _MediaColumn(
    "AudioColumn",
    "audio",
    """A column of audio URLs, each with a player.

    Example:
        >>> st.column_config.AudioColumn("Clip")
    """,
)
VideoColumn = _MediaColumn(
    "VideoColumn",
    "video",
    """A column of video URLs, each with a player.

    Example:
        >>> st.column_config.VideoColumn("Video")
    """,
)
JsonColumn = _MediaColumn(
    "JsonColumn",
    "json",
    """A column of JSON-like values (dicts, lists, JSON strings), shown as JSON.

    Example:
        >>> st.column_config.JsonColumn("Payload")
    """,
)


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
    """A column of buttons labelled with the cell's text (a list of texts: a menu of them;
    a leading ``:material/name:`` is drawn as an icon).

    With a ``key``, a click reruns the app with ``st.session_state[key] == {"row":
    position, "label": text}`` for that run (None otherwise), ``on_click(*args, **kwargs)``
    running first; without one, the buttons do nothing. Works in ``st.dataframe`` and
    ``st.data_editor`` (the column is never edited).

    Raises:
        StreamlitAPIException: ``on_click``, ``args`` or ``kwargs`` without a ``key``, or an
            unknown ``type``.

    Example:
        >>> def remove():
        ...     st.session_state.removed.append(st.session_state.act["row"])
        >>> st.dataframe(df, column_config={
        ...     "action": st.column_config.ButtonColumn("Act", on_click=remove, key="act")})
    """
    if type not in ("primary", "secondary", "tertiary"):
        raise StreamlitAPIException(
            f"Invalid button type {type!r}: use 'primary', 'secondary' or 'tertiary'."
        )
    if key is None and (on_click is not None or args is not None or kwargs is not None):
        raise StreamlitAPIException(
            "The `key` parameter is required when using `on_click`, `args`, or `kwargs` "
            "with `ButtonColumn`."
        )
    out = base_config(label, width, help, True, None, pinned, alignment, None,
                {"type": "button", "button_type": type})  # fmt: skip
    if key is not None:
        out[BUTTON_CLICK] = ButtonClick(str(key), on_click, tuple(args or ()), dict(kwargs or {}))
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
    return base_config(
        label, width, help, True, None, pinned, None, None,
        {"type": "progress", "format": check_format(format),
         "min_value": 0 if min_value is None else min_value,
         "max_value": 100 if max_value is None else max_value, "step": step, "color": color},
    )  # fmt: skip


class _ChartColumn(_ColumnKind):
    """A column of number lists drawn as small charts (line, bar, area)."""

    def __call__(
        self,
        label: str | None = None,
        *,
        width: ColumnWidth = None,
        help: str | None = None,
        pinned: bool | None = None,
        y_min: int | float | None = None,
        y_max: int | float | None = None,
        color: str | None = None,
    ) -> ColumnConfig:
        return base_config(label, width, help, True, None, pinned, None, None,
                           {"type": self._kind, "y_min": y_min, "y_max": y_max,
                            "color": color})  # fmt: skip


LineChartColumn = _ChartColumn(
    "LineChartColumn",
    "line_chart",
    """A column of number lists drawn as small line charts.

    Example:
        >>> st.column_config.LineChartColumn("Trend", y_min=0, y_max=100)
    """,
)
BarChartColumn = _ChartColumn(
    "BarChartColumn",
    "bar_chart",
    """A column of number lists drawn as small bar charts.

    Example:
        >>> st.column_config.BarChartColumn("Sales")
    """,
)
AreaChartColumn = _ChartColumn(
    "AreaChartColumn",
    "area_chart",
    """A column of number lists drawn as small area charts.

    Example:
        >>> st.column_config.AreaChartColumn("Visits")
    """,
)
