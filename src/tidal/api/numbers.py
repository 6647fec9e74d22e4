"""Numbers in widget arguments: the ``Number`` type and the checks numeric widgets share.

Owns int-or-float inference from the arguments given (``numeric_dtype``), Streamlit's
below-min/above-max errors for a default (``check_range``) and the reader that turns a browser
value into a number inside its bounds (``number_from_wire``). Used by ``number_input`` and
``slider``; knows nothing about any one widget, ``Spec`` or registration.
"""

from __future__ import annotations

import math
from typing import Any

from tidal.errors import (
    StreamlitValueAboveMaxError,
    StreamlitValueBelowMinError,
    TidalAPIError,
)

Number = int | float


def is_number(v: object) -> bool:
    """True for an int or a float, but not a bool."""
    return isinstance(v, int | float) and not isinstance(v, bool)


def numeric_dtype(named: dict[str, object], mixed_error: type[Exception]) -> str:
    """``"int"`` or ``"float"`` from the numeric arguments given; mixing raises."""
    given = {name: v for name, v in named.items() if v is not None}
    for name, v in given.items():
        if not is_number(v):
            raise TidalAPIError(
                f"`{name}` must be a number (int or float), got {v!r} ({type(v).__name__})."
            )
    kinds = {type(v) for v in given.values()}
    if len(kinds) > 1:
        lines = "".join(f"\n`{n}` has {type(v).__name__} type." for n, v in given.items())
        raise mixed_error("All numerical arguments must be of the same type." + lines)
    return "float" if (not kinds or float in kinds) else "int"


def check_range(value: Number, lo: Number | None, hi: Number | None) -> None:
    """Raise Streamlit's below-min / above-max errors for a default value."""
    if lo is not None and value < lo:
        raise StreamlitValueBelowMinError(f"The `value` {value} is less than the `min_value` {lo}.")
    if hi is not None and value > hi:
        raise StreamlitValueAboveMaxError(
            f"The `value` {value} is greater than the `max_value` {hi}."
        )


def number_from_wire(dtype: str, lo: Number | None, hi: Number | None) -> Any:
    """A reader for a browser number: right type, finite, inside ``lo..hi``."""

    def from_wire(v: Any) -> Number:
        if not is_number(v) or (isinstance(v, float) and not math.isfinite(v)):
            raise ValueError("expected a finite number")
        n: Number
        if dtype == "int":
            if isinstance(v, float) and not v.is_integer():
                raise ValueError("expected a whole number")
            n = int(v)
        else:
            n = float(v)
        if (lo is not None and n < lo) or (hi is not None and n > hi):
            raise ValueError(f"{n} is outside {lo}..{hi}")
        return n

    return from_wire
