"""Dates and datetimes as ``st.date_input`` and ``st.datetime_input`` take them.

Owns reading a default or bound the way Streamlit does (a date, a datetime, an ISO string,
"today"/"now", None), moving a date by whole years (the default bounds), checking that the
bounds and defaults agree, and the date display ``format``. Comparisons use the wall-clock
time: a timezone on a datetime is kept by the widget, not compared. Knows nothing about widgets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TypeVar

from tidal.errors import StreamlitAPIException

Day = TypeVar("Day", dt.date, dt.datetime)
_FORMAT = re.compile(r"(YYYY([/.-])MM\2DD|DD([/.-])MM\3YYYY|MM([/.-])DD\4YYYY)")


def check_date_format(format: object) -> str:
    """A date display format: YYYY, MM and DD in one of Streamlit's orders, separated by
    ``/``, ``-`` or ``.``.

    Example:
        >>> check_date_format("DD.MM.YYYY")
        'DD.MM.YYYY'
    """
    if not isinstance(format, str) or not _FORMAT.fullmatch(format):
        raise StreamlitAPIException(
            f"The provided format ({format}) is not valid. DateInput format should be one of "
            "`YYYY/MM/DD`, `DD/MM/YYYY`, or `MM/DD/YYYY` and can also use a period (.) or "
            "hyphen (-) as separators."
        )
    return format


def _read(v: object, now_word: str, moment: bool) -> dt.date | None:
    """A date (``moment``: a datetime, a date at midnight) or None; ValueError if unreadable."""
    if v is None:
        return None
    if isinstance(v, str):
        if v == now_word:
            now = dt.datetime.now().replace(second=0, microsecond=0)
            return now if moment else now.date()
        v = (dt.datetime if moment else dt.date).fromisoformat(v.strip())
    if isinstance(v, dt.datetime):
        return v if moment else v.date()
    if isinstance(v, dt.date):
        return dt.datetime.combine(v, dt.time()) if moment else v
    raise ValueError(v)


def parse_date(v: object, name: str = "value") -> dt.date | None:
    """A date from a default or bound: a date, a datetime (its date), an ISO string, "today",
    or None.

    Example:
        >>> parse_date("2024-01-31")
        datetime.date(2024, 1, 31)
    """
    try:
        return _read(v, "today", moment=False)
    except ValueError:
        raise StreamlitAPIException(
            f"Date {name} has invalid type: {type(v).__name__} ({v!r}). Pass a datetime.date, a "
            'datetime.datetime, an ISO string ("2024-01-31"), "today" or None.'
        ) from None


def parse_datetime(v: object, name: str = "value") -> dt.datetime | None:
    """A datetime from a default or bound: a datetime, a date (at midnight), an ISO string,
    "now" (to the minute), or None.

    Example:
        >>> parse_datetime("2024-01-31 09:30")
        datetime.datetime(2024, 1, 31, 9, 30)
    """
    try:
        d = _read(v, "now", moment=True)
    except ValueError:
        raise StreamlitAPIException(
            f"st.datetime_input got {name}={v!r}. Pass a datetime.datetime, a datetime.date, an "
            'ISO string ("2024-01-31 09:30"), "now" or None.'
        ) from None
    return d if isinstance(d, dt.datetime) else None  # _read gives a moment a datetime


def years_from(d: Day, years: int) -> Day:
    """``d`` moved by whole years (29 February becomes the 28th in a common year).

    Example:
        >>> years_from(datetime.date(2024, 2, 29), 10)
        datetime.date(2034, 2, 28)
    """
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _wall(d: dt.date) -> dt.date:
    return d.replace(tzinfo=None) if isinstance(d, dt.datetime) else d


def check_bounds(lo: Day, hi: Day, defaults: Iterable[Day]) -> None:
    """Refuse bounds the wrong way round and a default outside them (Streamlit's messages).

    Example:
        >>> check_bounds(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), [])
    """
    if _wall(lo) > _wall(hi):
        raise StreamlitAPIException(
            f"The `min_value`, set to {lo}, shouldn't be larger than the `max_value`, set to {hi}."
        )
    for d in defaults:
        if not _wall(lo) <= _wall(d) <= _wall(hi):
            raise StreamlitAPIException(
                f"The default `value` of {d} must lie between the `min_value` of {lo} and the "
                f"`max_value` of {hi}, inclusively."
            )
