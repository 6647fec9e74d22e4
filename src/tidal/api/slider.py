"""``st.slider``: one value or a range, of ints, floats, dates, times or datetimes.

Values from the browser are checked against the slider's bounds and step before they reach
session state. Temporal sliders are built by ``api/slider_dates.py``; ``st.select_slider``,
which slides over options, has a module of its own.
"""

from __future__ import annotations

import math
from typing import Any

from tidal.api.numbers import Number, check_range, is_number
from tidal.api.slider_dates import temporal_kind, temporal_parts
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


def _slider_types_error(named: dict[str, object]) -> TidalAPIError:
    provided = ", ".join(f"{n}={type(v).__name__}" for n, v in named.items())
    return TidalAPIError(
        "Invalid `value` type. Expected one of: matching numeric types, matching date/time "
        f"types. Provided type: {provided}."
    )


@api_function
def slider(
    label: str,
    min_value: Any = None,
    max_value: Any = None,
    value: Any = None,
    step: Any = None,
    format: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> Any:
    """A slider for a number, a date, a time or a datetime, or a range when ``value`` is a
    pair; commits on release. A temporal slider's ``step`` is a ``datetime.timedelta``.

    Example:
        >>> volume = st.slider("Volume", 0, 100, 50)
        >>> lo, hi = st.slider("Range", 0, 10, (2, 5))
        >>> when = st.slider("When", value=datetime.date(2024, 1, 31))
    """
    is_range = isinstance(value, list | tuple)
    values = list(value) if isinstance(value, list | tuple) else [value]
    if is_range and len(values) not in (1, 2):
        raise TidalAPIError("A range slider needs a value of two numbers, such as (2, 5).")
    common: dict[str, Any] = {
        "width": check_width(width, allow_content=False),
        "bind": check_bind("slider", bind, key),
        "persist": check_persist("slider", persist_state, key),
    }
    kind = temporal_kind(values[0] if values[0] is not None else min_value)
    if kind is not None:
        if values[0] is None:
            values = [min_value]
        return _temporal_slider(
            label,
            kind,
            values,
            is_range,
            min_value,
            max_value,
            step,
            format,
            key,
            help,
            on_change,
            args,
            kwargs,
            disabled,
            label_visibility,
            common,
        )
    # The data type comes from the value (or min_value, or int); missing bounds and step
    # default from it, then min, max and step must agree, then the value must match them.
    first = values[0] if values[0] is not None else (min_value if min_value is not None else 0)
    if not is_number(first):
        raise TidalAPIError(f"st.slider got value={first!r}: pass an int or a float.")
    is_int = isinstance(first, int)
    lo: Number = min_value if min_value is not None else (0 if is_int else 0.0)
    hi: Number = max_value if max_value is not None else (100 if is_int else 1.0)
    step_v: Number = step if step is not None else (1 if is_int else 0.01)
    bounds: dict[str, object] = {"min_value": lo, "max_value": hi, "step": step_v}
    if (
        not all(is_number(v) for v in bounds.values())
        or len({type(v) for v in bounds.values()}) > 1
    ):
        raise _slider_types_error(bounds)
    given = [v for v in values if v is not None]
    if any(not is_number(v) or type(v) is not type(lo) for v in given):
        named = {f"value[{i}]" if is_range else "value": v for i, v in enumerate(given)}
        raise _slider_types_error({**named, **bounds})
    dtype = "int" if isinstance(lo, int) else "float"
    if lo == hi:
        raise TidalAPIError(
            f"The `min_value` and `max_value` parameters are both set to {lo}. They must not "
            "be equal."
        )
    given_lo = lo
    if lo > hi:
        lo, hi = hi, lo  # as Streamlit: bounds given the wrong way round are swapped
    default: Any
    if is_range:
        default = tuple(values) if len(values) == 2 else (values[0], hi)
    else:
        default = values[0] if values[0] is not None else given_lo

    def one_from_wire(v: Any) -> Number:
        if not isinstance(v, int | float) or isinstance(v, bool):
            raise ValueError("expected a number")
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError("expected a finite number")
        if v < lo or v > hi:
            raise ValueError(f"{v} is outside {lo}..{hi}")
        if dtype == "int":
            if isinstance(v, float) and not v.is_integer():
                raise ValueError("expected a whole number")
            return int(v)
        return float(v)

    def from_wire(v: Any) -> Any:
        if is_range:
            if not isinstance(v, list) or len(v) != 2:
                raise ValueError("expected [low, high]")
            a, b = one_from_wire(v[0]), one_from_wire(v[1])
            if a > b:  # the browser's slider never crosses its handles
                raise ValueError("expected [low, high] with low <= high")
            return (a, b)
        return one_from_wire(v)

    def coerce(v: Any) -> tuple[Any, bool]:
        for item in v if isinstance(v, list | tuple) else [v]:
            if isinstance(item, int | float):
                check_range(item, lo, hi)
        return v, False

    text = label_text(label)
    result = register(
        get_run(),
        Spec(
            kind="slider",
            label=text,
            key=key,
            identity=(text, lo, hi, default, step_v, format, help),
            keyed_identity=(lo, hi, step_v),
            default=default,
            from_wire=from_wire,
            to_wire=lambda v: list(v) if isinstance(v, list | tuple) else v,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=value is not None,
            props={
                "min": lo,
                "max": hi,
                "step": step_v,
                "dtype": dtype,
                "format": format,
                "range": is_range,
                "width": common["width"],
            },
            clear_default=list(default) if is_range else default,
            bind=common["bind"],
            persist=common["persist"],
        ),
    )
    return result


def _temporal_slider(
    label: str,
    kind: str,
    values: list[Any],
    is_range: bool,
    min_value: Any,
    max_value: Any,
    step: Any,
    format: str | None,
    key: str | None,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    common: dict[str, Any],
) -> Any:
    if is_range and len(values) == 1:
        values = [values[0], max_value if max_value is not None else values[0]]
    default, props, from_wire, to_wire, coerce = temporal_parts(
        kind, values, is_range, min_value, max_value, step, format
    )
    text = label_text(label)
    return register(
        get_run(),
        Spec(
            kind="slider",
            label=text,
            key=key,
            identity=(text, props["min"], props["max"], repr(default), props["step"], help),
            keyed_identity=(props["min"], props["max"], props["step"]),
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
            explicit_default=True,
            props={**props, "range": is_range, "width": common["width"]},
            clear_default=to_wire(default),
            bind=common["bind"],
            persist=common["persist"],
        ),
    )
