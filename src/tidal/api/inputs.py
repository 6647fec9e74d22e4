"""Input widgets: buttons, checkboxes, text, numbers, times, dates and colours.

Each function validates its parameters like Streamlit does, describes the widget to
``widgets.register`` (identity, default, how to read a browser value) and returns its value.
Choice widgets (slider, selectbox, radio, multiselect) live in ``api/choice.py``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Literal

from tidal.context import api_function, get_run
from tidal.errors import (
    StreamlitMixedNumericTypesError,
    StreamlitValueAboveMaxError,
    StreamlitValueBelowMinError,
    TidalAPIError,
)
from tidal.forms import forbid_form, require_form, submit_button_key
from tidal.state import Callback
from tidal.widgets import Spec, label_text, register

Args = tuple[Any, ...] | list[Any] | None
Kwargs = dict[str, Any] | None


def _trigger_from_wire(v: Any) -> bool:
    if v is not True:
        raise ValueError("a button click must be sent as true")
    return True


def _same(v: Any) -> Any:
    return v


@api_function
def button(
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_click: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    type: Literal["primary", "secondary", "tertiary"] = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool = False,
) -> bool:
    """A button: True for exactly the run that handles its click (W-18).

    Example:
        >>> if st.button("Increment"):
        ...     st.session_state.count += 1
        >>> st.button("Reset", on_click=reset_counter)
    """
    ctx = get_run()
    forbid_form(ctx, "button", "form_submit_button")
    text = label_text(label)
    value: bool = register(
        ctx,
        Spec(
            kind="button",
            label=text,
            key=key,
            identity=(text, help, type, icon, use_container_width),
            keyed_identity=(),
            default=False,
            from_wire=_trigger_from_wire,
            to_wire=_same,
            callback=on_click,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            trigger=True,
            readonly=True,
            props={"kind": type, "icon": icon, "use_container_width": use_container_width},
        ),
    )
    return value


@api_function
def form_submit_button(
    label: str = "Submit",
    help: str | None = None,
    on_click: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    key: str | None = None,
    type: Literal["primary", "secondary", "tertiary"] = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool = False,
) -> bool:
    """The button that submits its form: True for the run the submit causes (F-2).

    Its ``on_click`` runs first and already sees every new value of the form.

    Example:
        >>> with st.form("f"):
        ...     st.text_input("Name", key="name")
        ...     submitted = st.form_submit_button("Save")
    """
    ctx = get_run()
    form = require_form(ctx)
    text = label_text(label)
    value: bool = register(
        ctx,
        Spec(
            kind="form_submit_button",
            label=text,
            key=key if key is not None else submit_button_key(form, text),
            identity=(text, help, type, icon),
            keyed_identity=(),
            default=False,
            from_wire=_trigger_from_wire,
            to_wire=_same,
            callback=on_click,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            trigger=True,
            readonly=True,
            callback_allowed_in_form=True,
            props={"kind": type, "icon": icon, "use_container_width": use_container_width},
        ),
    )
    return value


def _bool_from_wire(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError("expected true or false")
    return v


def _bool_coerce(v: Any) -> tuple[Any, bool]:
    if v is not None and not isinstance(v, int):
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
    return v, False


def _checkbox(
    kind: str,
    label: str,
    value: bool,
    key: object,
    help: str | None,
    on_change: Callback | None,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
) -> bool:
    text = label_text(label)
    default = bool(value)
    result: bool = register(
        get_run(),
        Spec(
            kind=kind,
            label=text,
            key=key,
            identity=(text, default, help),
            keyed_identity=(),
            default=default,
            from_wire=_bool_from_wire,
            to_wire=bool,
            coerce=_bool_coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=bool(value),
            clear_default=default,
        ),
    )
    return result


@api_function
def checkbox(
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> bool:
    """A checkbox; returns whether it is checked.

    Example:
        >>> agree = st.checkbox("I agree", key="agree")
    """
    return _checkbox(
        "checkbox", label, value, key, help, on_change, args, kwargs, disabled, label_visibility
    )


@api_function
def toggle(
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> bool:
    """A switch; returns whether it is on.

    Example:
        >>> dark = st.toggle("Dark mode")
    """
    return _checkbox(
        "toggle", label, value, key, help, on_change, args, kwargs, disabled, label_visibility
    )


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
            to_wire=_same,
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


# ----------------------------------------------------------------------------- numbers
Number = int | float


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def numeric_dtype(named: dict[str, object], mixed_error: type[Exception]) -> str:
    """``"int"`` or ``"float"`` from the numeric arguments given; mixing raises."""
    given = {name: v for name, v in named.items() if v is not None}
    for name, v in given.items():
        if not _is_number(v):
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
        if not _is_number(v) or (isinstance(v, float) and not math.isfinite(v)):
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
        if not _is_number(v):
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
            to_wire=_same,
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


# ----------------------------------------------------------------------------- time, date, colour
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
            to_wire=_same,
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
