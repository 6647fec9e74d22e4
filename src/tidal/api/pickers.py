"""Pickers: ``st.time_input``, ``st.date_input`` and ``st.color_picker``.

Each parses its default the way Streamlit does ("now", "today", ISO strings, datetimes) and
reads the browser's value in a fixed text form (``HH:MM``, ``YYYY-MM-DD``, ``#rrggbb``). Knows
nothing about other widget kinds.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tidal.api.widget_args import Args, Kwargs
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.state import Callback
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
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    step: int | dt.timedelta = 900,
) -> dt.time | None:
    """A time picker; returns a ``datetime.time`` (minute resolution) or None.

    Example:
        >>> t = st.time_input("Enter the time", value=datetime.time(9, 30), key="update_time")
    """
    if value == "now":
        default: dt.time | None = dt.datetime.now().time().replace(second=0, microsecond=0)
    else:
        default = None if value is None else _parse_time(value)
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
            props={"step": step_s},
            clear_default=_time_to_wire(default),
        ),
    )
    return result


def _date_from_wire(v: Any) -> dt.date | None:
    if v is None:
        return None
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        raise ValueError("expected YYYY-MM-DD")
    return dt.date.fromisoformat(v)


@api_function
def date_input(
    label: str,
    value: dt.date | dt.datetime | str | None = "today",
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> dt.date | None:
    """A date picker; returns a ``datetime.date`` or None.

    Example:
        >>> day = st.date_input("Day", datetime.date(2024, 1, 31))
    """
    if value == "today":
        default: dt.date | None = dt.date.today()
    elif isinstance(value, dt.datetime):
        default = value.date()
    elif isinstance(value, str):
        default = dt.date.fromisoformat(value)
    else:
        default = value
    reader = _date_from_wire

    def from_wire(v: Any) -> dt.date | None:
        d = reader(v)
        if d is not None and (
            (min_value is not None and d < min_value) or (max_value is not None and d > max_value)
        ):
            raise ValueError("date outside min_value..max_value")
        return d

    text = label_text(label)
    iso = default.isoformat() if default else None
    result: dt.date | None = register(
        get_run(),
        Spec(
            kind="date_input",
            label=text,
            key=key,
            identity=(text, str(value) if value == "today" else default, min_value, max_value),
            keyed_identity=(),
            default=default,
            from_wire=from_wire,
            to_wire=lambda d: d.isoformat() if d else None,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            props={
                "min": min_value.isoformat() if min_value else None,
                "max": max_value.isoformat() if max_value else None,
            },
            clear_default=iso,
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
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
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
        ),
    )
    return result
