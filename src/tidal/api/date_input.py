"""``st.date_input``: one date, or a range of dates (``(start, end)``, partial or empty).

Parses the default the way Streamlit does ("today", ISO strings, dates, datetimes, a list or
tuple of them for a range), defaults the bounds to ten years either side of the default, checks
the display ``format``, and reads the browser's ``YYYY-MM-DD`` strings (a list of 0-2 of them
for a range) inside the bounds. Reading dates and bounds lives in ``api/dates.py``. Knows nothing
about other widget kinds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from tidal.api.dates import check_bounds, check_date_format, parse_date, years_from
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

DateValue = dt.date | dt.datetime | str | None


def _date_from_wire(v: Any, lo: dt.date, hi: dt.date) -> dt.date:
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        raise ValueError("expected YYYY-MM-DD")
    d = dt.date.fromisoformat(v)
    if d < lo or d > hi:
        raise ValueError(f"{d} is outside {lo}..{hi}")
    return d


@api_function
def date_input(
    label: str,
    value: DateValue | Sequence[DateValue] = "today",
    min_value: DateValue = None,
    max_value: DateValue = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    format: str = "YYYY/MM/DD",
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> Any:
    """A date picker; returns a ``datetime.date`` or None, or for a range (``value`` a list or
    tuple) a tuple of 0, 1 or 2 dates: ``(start, end)`` once both are picked.

    Example:
        >>> day = st.date_input("Day", datetime.date(2024, 1, 31))
        >>> stay = (datetime.date(2024, 7, 1), datetime.date(2024, 7, 8))
        >>> start, end = st.date_input("Stay", stay)
    """
    check_date_format(format)
    is_range = isinstance(value, list | tuple)
    if is_range:
        assert isinstance(value, list | tuple)
        if len(value) > 2:
            raise StreamlitAPIException(
                "DateInput value should either be an date/datetime or a list/tuple of 0 - 2 "
                "date/datetime values"
            )
        dates = [parse_date(v) for v in value]
        if any(d is None for d in dates):
            raise StreamlitAPIException("A date range's dates cannot be None; pass () instead.")
        chosen: list[dt.date] = [d for d in dates if d is not None]
    else:
        single = parse_date(value)
        chosen = [] if single is None else [single]
    anchor = chosen[0] if chosen else dt.date.today()
    lo = parse_date(min_value, "min_value") or years_from(anchor, -10)
    hi = parse_date(max_value, "max_value") or years_from(chosen[-1] if chosen else anchor, 10)
    check_bounds(lo, hi, chosen)
    if len(chosen) == 2 and chosen[0] > chosen[1]:
        raise StreamlitAPIException(
            f"The start date {chosen[0]} comes after the end date {chosen[1]}. Pass (start, end)."
        )
    default: Any = tuple(chosen) if is_range else (chosen[0] if chosen else None)

    def from_wire(v: Any) -> Any:
        if not is_range:
            return None if v is None else _date_from_wire(v, lo, hi)
        if not isinstance(v, list) or len(v) > 2:
            raise ValueError("expected a list of 0-2 YYYY-MM-DD dates")
        ds = [_date_from_wire(x, lo, hi) for x in v]
        if len(ds) == 2 and ds[0] > ds[1]:
            raise ValueError("the start date comes after the end date")
        return tuple(ds)

    def to_wire(v: Any) -> Any:
        if isinstance(v, list | tuple):
            return [parse_date(x).isoformat() for x in v if parse_date(x) is not None]  # type: ignore[union-attr]
        d = parse_date(v)
        return d.isoformat() if d else None

    def coerce(v: Any) -> tuple[Any, bool]:
        if is_range and isinstance(v, list | tuple):
            return tuple(parse_date(x) for x in v), not isinstance(v, tuple)
        if not is_range and isinstance(v, dt.datetime):
            return v.date(), True
        return v, False

    text = label_text(label)
    result: Any = register(
        get_run(),
        Spec(
            kind="date_input",
            label=text,
            key=key,
            identity=(text, value if value != "today" else "today", lo, hi, format, help),
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
            explicit_default=value not in ("today", None),
            props={
                "min": lo.isoformat(),
                "max": hi.isoformat(),
                "range": is_range,
                "format": format,
                "required": bool(required),
                "width": check_width(width, allow_content=False),
            },
            clear_default=to_wire(default),
            bind=check_bind("date_input", bind, key),
            persist=check_persist("date_input", persist_state, key),
        ),
    )
    return result
