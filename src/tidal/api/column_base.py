"""What every ``st.column_config`` column shares: widths, alignments, number formats, the
``ColumnConfig`` dict a column class returns, and ``resolve`` (the ``column_config``
argument of a data element as the JSON the grid reads). Knows nothing about tables or rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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

BUTTON_CLICK = "_click"
"""The ``ColumnConfig`` entry of a keyed ``ButtonColumn``: its ``ButtonClick`` (server only:
``resolve`` leaves every ``_`` entry out of what the browser gets)."""


@dataclass(frozen=True, slots=True)
class ButtonClick:
    """What a keyed ``ButtonColumn`` does when one of its buttons is clicked: the widget key
    (``st.session_state[key]`` holds the click) and the callback with its arguments."""

    key: str
    on_click: Callable[..., Any] | None = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


def base_config(
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
        "default": json_default(default),
    }
    out = {k: v for k, v in out.items() if v is not None}
    if type_config is not None:
        out["type_config"] = {k: v for k, v in type_config.items() if v is not None}
    return out


def json_default(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    return v


def check_format(fmt: str | None) -> str | None:
    if fmt is None or fmt in NUMBER_FORMATS:
        return fmt
    if not isinstance(fmt, str) or "%" not in fmt:
        raise StreamlitAPIException(
            f"Invalid number format {fmt!r}: use a printf-style format such as '%.2f' or "
            f"'%d %%', or one of {', '.join(repr(f) for f in NUMBER_FORMATS)}."
        )
    return fmt


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
        name = column_name(key, names)
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


def column_name(key: Any, names: list[str]) -> str:
    """The column a ``column_config`` key names: a column name, ``"_index"`` or a position.

    Raises:
        StreamlitAPIException: a position outside the data's columns.
    """
    if isinstance(key, int) and not isinstance(key, bool):
        if not 0 <= key < len(names):
            raise StreamlitAPIException(
                f"column_config refers to column position {key}, but the data has "
                f"{len(names)} columns."
            )
        return names[key]
    return str(key)
