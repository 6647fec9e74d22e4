"""``st.slider`` over dates, times and datetimes (one value or a range).

The browser's range input moves over numbers, so a temporal value travels as milliseconds: a
date as its midnight since the epoch (UTC), a datetime as its wall-clock time since the epoch
(a timezone is kept on the server and put back), a time as milliseconds since midnight. The
browser formats them with ``format`` (moment.js tokens, as Streamlit). Bounds and step default
the way Streamlit's do: 14 days either side of the value, a day for dates, 15 minutes for times
and datetimes. Knows nothing about numeric sliders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tidal.errors import StreamlitAPIException

Temporal = dt.date | dt.time | dt.datetime
_EPOCH = dt.datetime(1970, 1, 1)
_DAY = dt.timedelta(days=1)
_QUARTER = dt.timedelta(minutes=15)
_FORMATS = {"date": "YYYY-MM-DD", "time": "HH:mm", "datetime": "YYYY-MM-DD HH:mm"}


def temporal_kind(v: object) -> str | None:
    """``"datetime"``, ``"date"`` or ``"time"`` for such a value, else None."""
    if isinstance(v, dt.datetime):
        return "datetime"
    if isinstance(v, dt.date):
        return "date"
    if isinstance(v, dt.time):
        return "time"
    return None


def to_ms(v: Temporal) -> int:
    """A temporal value as wire milliseconds (see the module docstring)."""
    if isinstance(v, dt.datetime):
        return round((v.replace(tzinfo=None) - _EPOCH).total_seconds() * 1000)
    if isinstance(v, dt.date):
        return (v - _EPOCH.date()).days * 86_400_000
    return ((v.hour * 60 + v.minute) * 60 + v.second) * 1000 + v.microsecond // 1000


def from_ms(ms: int, kind: str, tz: dt.tzinfo | None) -> Temporal:
    """Wire milliseconds back to a value of ``kind``."""
    if kind == "date":
        return _EPOCH.date() + dt.timedelta(days=ms // 86_400_000)
    if kind == "time":
        return (dt.datetime.min + dt.timedelta(milliseconds=ms)).time()
    return (_EPOCH + dt.timedelta(milliseconds=ms)).replace(tzinfo=tz)


class TemporalScale:
    """A temporal slider's checked bounds and step, and its wire conversions."""

    def __init__(
        self,
        kind: str,
        values: list[Any],
        min_value: Any,
        max_value: Any,
        step: Any,
    ) -> None:
        for name, v in (("min_value", min_value), ("max_value", max_value)):
            if v is not None and temporal_kind(v) != kind:
                raise StreamlitAPIException(
                    f"Slider `{name}` ({v!r}) must be of the same type as `value` ({kind}). "
                    "Pass bounds of one type."
                )
        if step is not None and not isinstance(step, dt.timedelta):
            raise StreamlitAPIException(
                f"A {kind} slider's `step` must be a datetime.timedelta, got {step!r}."
            )
        self.kind = kind
        first = values[0]
        self.tz = first.tzinfo if isinstance(first, dt.datetime) else None
        if kind == "time":
            lo = min_value if min_value is not None else dt.time.min
            hi = max_value if max_value is not None else dt.time(23, 59)
        else:
            lo = min_value if min_value is not None else first - dt.timedelta(days=14)
            hi = max_value if max_value is not None else values[-1] + dt.timedelta(days=14)
        self.step = step if step is not None else (_DAY if kind == "date" else _QUARTER)
        if self.step <= dt.timedelta(0):
            raise StreamlitAPIException(f"The slider's `step` ({self.step}) must be positive.")
        if kind == "date" and self.step % _DAY:
            raise StreamlitAPIException(
                f"A date slider's `step` ({self.step}) must be a whole number of days."
            )
        if to_ms(lo) > to_ms(hi):
            lo, hi = hi, lo  # as Streamlit: bounds given the wrong way round are swapped
        self.lo, self.hi = lo, hi
        self.lo_ms, self.hi_ms = to_ms(lo), to_ms(hi)
        self.step_ms = round(self.step.total_seconds() * 1000)
        if self.lo_ms == self.hi_ms:
            # Streamlit's message, which shows the bound as a datetime (a time on 2000-01-01)
            shown = (
                dt.datetime.combine(dt.date(2000, 1, 1), lo)
                if isinstance(lo, dt.time)
                else lo
                if isinstance(lo, dt.datetime)
                else dt.datetime.combine(lo, dt.time())
            )
            raise StreamlitAPIException(
                f"The `min_value` and `max_value` parameters are both set to {shown}. They "
                "must not be equal."
            )
        for v in values:
            if not self.lo_ms <= to_ms(v) <= self.hi_ms:
                raise StreamlitAPIException(
                    f"The default `value` of {v} must lie between the `min_value` of {lo} "
                    f"and the `max_value` of {hi}, inclusively."
                )

    def one_from_wire(self, v: Any) -> Temporal:
        """One thumb's value from the browser: an int of milliseconds inside the bounds."""
        if isinstance(v, bool) or not isinstance(v, int | float) or v != v:
            raise ValueError("expected milliseconds")
        ms = int(v)
        if ms != v or not self.lo_ms <= ms <= self.hi_ms:
            raise ValueError(f"{v} is outside {self.lo_ms}..{self.hi_ms}")
        return from_ms(ms, self.kind, self.tz)

    def props(self, format: str | None) -> dict[str, Any]:
        """What the browser needs: bounds and step in milliseconds, the kind and format."""
        return {
            "min": self.lo_ms,
            "max": self.hi_ms,
            "step": self.step_ms,
            "dtype": self.kind,
            "format": format or _FORMATS[self.kind],
        }


def temporal_parts(
    kind: str,
    values: list[Any],
    is_range: bool,
    min_value: Any,
    max_value: Any,
    step: Any,
    format: str | None,
) -> tuple[Any, dict[str, Any], Any, Any, Any]:
    """``(default, props, from_wire, to_wire, coerce)`` of a temporal slider."""
    for v in values:
        if temporal_kind(v) != kind:
            raise StreamlitAPIException(
                f"A slider's values must be of one type; got {v!r} among {kind} values."
            )
    scale = TemporalScale(kind, values, min_value, max_value, step)
    default: Any = tuple(values) if is_range else values[0]

    def from_wire(v: Any) -> Any:
        if is_range:
            if not isinstance(v, list) or len(v) != 2:
                raise ValueError("expected [low, high]")
            a, b = scale.one_from_wire(v[0]), scale.one_from_wire(v[1])
            return (a, b) if to_ms(a) <= to_ms(b) else (b, a)
        return scale.one_from_wire(v)

    def to_wire(v: Any) -> Any:
        if isinstance(v, list | tuple):
            return [to_ms(x) for x in v]
        return to_ms(v)

    def coerce(v: Any) -> tuple[Any, bool]:
        items = list(v) if isinstance(v, list | tuple) else [v]
        if all(temporal_kind(x) == kind for x in items):
            return v, False
        return default, True

    return default, scale.props(format), from_wire, to_wire, coerce
