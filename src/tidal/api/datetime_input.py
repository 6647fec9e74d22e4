"""``st.datetime_input``: a date and a time of day in one picker.

Parses the default the way Streamlit does ("now", ISO strings, datetimes, a date at midnight),
defaults the bounds to ten years either side, checks the date ``format`` and the ``step``, and
reads the browser's ``YYYY-MM-DDTHH:MM`` value inside the bounds. A timezone on the default is
kept and put back on every value. Reading datetimes and bounds lives in ``api/dates.py``. Knows
nothing about other widget kinds.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tidal.api.dates import check_bounds, check_date_format, parse_datetime, years_from
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
from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, label_text, register

DateTimeValue = dt.datetime | dt.date | str | None
_WIRE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?")


def _naive(d: dt.datetime) -> dt.datetime:
    return d.replace(tzinfo=None)


@api_function
def datetime_input(
    label: str,
    value: DateTimeValue = "now",
    min_value: DateTimeValue = None,
    max_value: DateTimeValue = None,
    *,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    format: str = "YYYY/MM/DD",
    step: int | dt.timedelta = dt.timedelta(seconds=900),
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> dt.datetime | None:
    """A date and time picker; returns a ``datetime.datetime`` (minute resolution) or None.

    Example:
        >>> meeting = st.datetime_input("Meeting", datetime.datetime(2024, 5, 1, 14, 30))
    """
    check_date_format(format)
    default = parse_datetime(value, "value")
    anchor = default or dt.datetime.now().replace(second=0, microsecond=0)
    tz = anchor.tzinfo
    # as Streamlit: from the start of the day ten years before to the end of the day ten after
    lo = parse_datetime(min_value, "min_value") or years_from(anchor, -10).replace(hour=0, minute=0)
    hi = parse_datetime(max_value, "max_value") or years_from(anchor, 10).replace(
        hour=23, minute=59
    )
    check_bounds(lo, hi, [] if default is None else [default])
    step_s = int(step.total_seconds()) if isinstance(step, dt.timedelta) else step
    if isinstance(step_s, bool) or not isinstance(step_s, int) or not 60 <= step_s <= 86400:
        raise StreamlitAPIException(
            f"st.datetime_input got step={step!r}: use 60 to 86400 seconds (a timedelta or an int)."
        )

    def from_wire(v: Any) -> dt.datetime | None:
        if v is None:
            return None
        if not isinstance(v, str) or not _WIRE.fullmatch(v):
            raise ValueError("expected YYYY-MM-DDTHH:MM")
        d = dt.datetime.fromisoformat(v)
        if not _naive(lo) <= d <= _naive(hi):
            raise ValueError(f"{d} is outside {lo}..{hi}")
        return d.replace(tzinfo=tz)

    def to_wire(v: Any) -> str | None:
        d = parse_datetime(v, "value") if not isinstance(v, dt.datetime) else v
        return None if d is None else _naive(d).strftime("%Y-%m-%dT%H:%M")

    def coerce(v: Any) -> tuple[Any, bool]:
        if v is None or isinstance(v, dt.datetime):
            return v, False
        return parse_datetime(v, "value"), True

    text = label_text(label)
    result: dt.datetime | None = register(
        get_run(),
        Spec(
            kind="datetime_input",
            label=text,
            key=key,
            identity=(text, "now" if value == "now" else default, lo, hi, format, step_s, help),
            keyed_identity=(),
            default=default,
            from_wire=from_wire,
            to_wire=to_wire,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=value not in ("now", None),
            props={
                "min": to_wire(lo),
                "max": to_wire(hi),
                "step": step_s,
                "format": format,
                "required": bool(required),
                "width": check_width(width, allow_content=False),
            },
            clear_default=to_wire(default),
            bind=check_bind("datetime_input", bind, key),
            persist=check_persist("datetime_input", persist_state, key),
        ),
    )
    return result
