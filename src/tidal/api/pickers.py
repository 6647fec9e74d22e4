"""Pickers: ``st.time_input`` and ``st.color_picker``.

Each parses its default the way Streamlit does ("now", ISO strings, datetimes) and reads the
browser's value in a fixed text form (``HH:MM``, ``#rrggbb``). ``st.date_input`` and
``st.datetime_input`` have modules of their own. Knows nothing about other widget kinds.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tidal.api.widget_args import (
    Args,
    Bind,
    Kwargs,
    OnChange,
    PersistState,
    Width,
    check_bind,
    check_persist,
    check_width,
)
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.widgets import Spec, label_text, register


def _parse_time(v: object) -> dt.time:
    if isinstance(v, dt.datetime):
        return v.time()
    if isinstance(v, dt.time):
        return v
    if isinstance(v, str):
        return dt.time.fromisoformat(v)
    raise TidalAPIError(
        f"st.time_input got value={v!r}: pass a datetime.time, a datetime, an 'HH:MM' string, "
        '"now" or None.'
    )


def _time_to_wire(v: dt.time | None) -> str | None:
    if v is None:
        return None
    return dt.time.strftime(v, "%H:%M")


def _time_from_wire(v: Any) -> dt.time | None:
    if v is None:
        return None
    if not isinstance(v, str) or not re.fullmatch(r"\d\d:\d\d(:\d\d)?", v):
        raise ValueError("expected HH:MM")
    return dt.time.fromisoformat(v)


@api_function
def time_input(
    label: str,
    value: dt.time | dt.datetime | str | None = "now",
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    step: int | dt.timedelta = dt.timedelta(seconds=900),
    format: str = "24h",
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> dt.time | None:
    """A time picker; returns a ``datetime.time`` (minute resolution) or None.

    Example:
        >>> t = st.time_input("Enter the time", value=datetime.time(9, 30), key="update_time")
    """
    if value == "now":
        default: dt.time | None = dt.datetime.now().time().replace(second=0, microsecond=0)
    else:
        default = None if value is None else _parse_time(value)
    if format not in ("24h", "12h"):
        raise TidalAPIError(f'st.time_input got format="{format}". Use "24h" or "12h".')
    step_s = int(step.total_seconds()) if isinstance(step, dt.timedelta) else int(step)
    if not 60 <= step_s <= 86400:
        raise TidalAPIError(f"st.time_input got step={step!r}: use 60 to 86400 seconds.")

    def coerce(v: Any) -> tuple[Any, bool]:
        if v is not None and not isinstance(v, dt.time):
            raise TypeError(
                "descriptor 'strftime' for 'datetime.time' objects doesn't apply to a "
                f"'{type(v).__name__}' object"
            )
        return v, False

    text = label_text(label)
    result: dt.time | None = register(
        get_run(),
        Spec(
            kind="time_input",
            label=text,
            key=key,
            identity=(text, str(value) if value == "now" else default, help, step_s),
            keyed_identity=(),
            default=default,
            from_wire=_time_from_wire,
            to_wire=_time_to_wire,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=value is not None and value != "now",
            props={
                "step": step_s,
                "format": format,
                "required": bool(required),
                "width": check_width(width, allow_content=False),
            },
            clear_default=_time_to_wire(default),
            bind=check_bind("time_input", bind, key),
            persist=check_persist("time_input", persist_state, key),
        ),
    )
    return result


def _color_from_wire(v: Any) -> str:
    if not isinstance(v, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", v):
        raise ValueError("expected #rrggbb")
    return v


@api_function
def color_picker(
    label: str,
    value: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "content",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> str:
    """A colour picker; returns ``"#rrggbb"`` (default black).

    Example:
        >>> colour = st.color_picker("Pick a colour", "#00f900")
    """
    default = value or "#000000"
    _color_from_wire(default)
    text = label_text(label)
    result: str = register(
        get_run(),
        Spec(
            kind="color_picker",
            label=text,
            key=key,
            identity=(text, default, help),
            keyed_identity=(),
            default=default,
            from_wire=_color_from_wire,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=value is not None,
            clear_default=default,
            props={"width": check_width(width)},
            bind=check_bind("color_picker", bind, key),
            persist=check_persist("color_picker", persist_state, key),
        ),
    )
    return result
