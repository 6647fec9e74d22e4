"""Input boxes, the widgets typed into: ``st.text_input``, ``st.text_area``, ``st.number_input``.

Each function validates its parameters like Streamlit does, describes the widget to
``widgets.register`` (identity, default, how to read a browser value) and returns its value.
Numeric checks shared with the slider live in ``api/numbers.py``; buttons, checkboxes, pickers
and choice widgets have modules of their own.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from tidal.api.numbers import Number, check_range, is_number, number_from_wire, numeric_dtype
from tidal.api.widget_args import Args, Kwargs
from tidal.context import api_function, get_run
from tidal.errors import StreamlitMixedNumericTypesError, TidalAPIError
from tidal.state import Callback
from tidal.widgets import Spec, label_text, register


def _text_widget(
    kind: str,
    label: str,
    value: object,
    max_chars: int | None,
    key: object,
    help: str | None,
    on_change: Callback | None,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    placeholder: str | None,
    props: dict[str, Any],
) -> str | None:
    text = label_text(label)
    default = None if value is None else str(value)
    if max_chars is not None and default is not None and len(default) > max_chars:
        raise TidalAPIError(
            f'`value` ("{default}") is longer than max_chars={max_chars}. '
            "Shorten the value or raise max_chars."
        )

    def from_wire(v: Any) -> str | None:
        if v is None:
            return None
        if not isinstance(v, str):
            raise ValueError("expected a string")
        if max_chars is not None and len(v) > max_chars:
            raise ValueError(f"longer than max_chars={max_chars}")
        return v

    def coerce(v: Any) -> tuple[Any, bool]:
        if v is not None and not isinstance(v, str):
            raise TypeError("bad argument type for built-in operation")
        return v, False

    result: str | None = register(
        get_run(),
        Spec(
            kind=kind,
            label=text,
            key=key,
            identity=(text, default, max_chars, help, placeholder, tuple(props.items())),
            keyed_identity=(max_chars,),
            default=default,
            from_wire=from_wire,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=bool(default),
            props={"max_chars": max_chars, "placeholder": placeholder, **props},
            clear_default=default if default is not None else "",
        ),
    )
    return result


@api_function
def text_input(
    label: str,
    value: str | None = "",
    max_chars: int | None = None,
    key: str | None = None,
    type: Literal["default", "password"] = "default",
    help: str | None = None,
    autocomplete: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> str | None:
    """A single-line text box; commits on Enter or when it loses focus.

    Example:
        >>> name = st.text_input("Enter your name:", key="name")
    """
    if type not in ("default", "password"):
        raise TidalAPIError(f'st.text_input got type="{type}". Use "default" or "password".')
    return _text_widget(
        "text_input",
        label,
        value,
        max_chars,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        placeholder,
        {"type": type, "autocomplete": autocomplete},
    )


@api_function
def text_area(
    label: str,
    value: str | None = "",
    height: int | None = None,
    max_chars: int | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> str | None:
    """A multi-line text box; commits on Ctrl+Enter or when it loses focus.

    Example:
        >>> notes = st.text_area("Notes", height=120)
    """
    return _text_widget(
        "text_area",
        label,
        value,
        max_chars,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        placeholder,
        {"height": height},
    )


@api_function
def number_input(
    label: str,
    min_value: Number | None = None,
    max_value: Number | None = None,
    value: Number | Literal["min"] | None = "min",
    step: Number | None = None,
    format: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Number | None:
    """A number box with -/+ buttons. Returns an int when every numeric argument is an int.

    The default value is ``min_value`` when given, else 0 (W-22, W-23).

    Example:
        >>> pounds = st.number_input("Pounds:", key="lbs", on_change=lbs_to_kg)
        >>> n = st.number_input("Enter a value", value=0, step=1)
    """
    explicit = value != "min" and value is not None
    dtype = numeric_dtype(
        {
            "value": value if explicit else None,
            "min_value": min_value,
            "max_value": max_value,
            "step": step,
        },
        StreamlitMixedNumericTypesError,
    )
    if min_value is not None and max_value is not None and min_value > max_value:
        raise TidalAPIError(
            f"The `min_value`, set to {min_value}, cannot be greater than the `max_value`, "
            f"set to {max_value}."
        )
    zero: Number = 0 if dtype == "int" else 0.0
    default: Number | None = (
        value if value != "min" else (min_value if min_value is not None else zero)
    )
    if isinstance(default, int | float):
        check_range(default, min_value, max_value)
    step = step if step is not None else (1 if dtype == "int" else 0.01)
    fmt = format or ("%d" if dtype == "int" else "%0.2f")
    if not re.search(r"%[-+ #0]*\d*(?:\.\d+)?[diufFeEgGs]", fmt):
        raise TidalAPIError(f"st.number_input got format={fmt!r}: use a printf format like %0.2f.")
    reader = number_from_wire(dtype, min_value, max_value)
    nullable = default is None

    def from_wire(v: Any) -> Number | None:
        if v is None and nullable:
            return None
        result: Number = reader(v)
        return result

    def coerce(v: Any) -> tuple[Any, bool]:
        if v is None:
            return v, False
        if not is_number(v):
            raise TypeError(f"must be real number, not {type(v).__name__}")
        if (min_value is not None and v < min_value) or (max_value is not None and v > max_value):
            return default, True
        return v, False

    text = label_text(label)
    result: Number | None = register(
        get_run(),
        Spec(
            kind="number_input",
            label=text,
            key=key,
            identity=(text, min_value, max_value, default, step, fmt, help, placeholder),
            keyed_identity=(),
            default=default,
            from_wire=from_wire,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=explicit,
            props={
                "min": min_value,
                "max": max_value,
                "step": step,
                "dtype": dtype,
                "format": fmt,
                "placeholder": placeholder,
            },
            clear_default=default,
        ),
    )
    return result
