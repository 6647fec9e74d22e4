"""Input boxes, the widgets typed into: ``st.text_input``, ``st.text_area``, ``st.number_input``.

Each function validates its parameters like Streamlit does, describes the widget to
``widgets.register`` (identity, default, how to read a browser value) and returns its value.
Numeric checks shared with the slider live in ``api/numbers.py``; buttons, checkboxes, pickers
and choice widgets have modules of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from tidal.api.cache_store import ttl_seconds
from tidal.api.numbers import Number, check_range, is_number, number_from_wire, numeric_dtype
from tidal.api.text_rules import TextRule, check_live, check_validate, rule_error
from tidal.api.widget_args import (
    Args,
    Bind,
    Kwargs,
    OnChange,
    PersistState,
    Width,
    check_bind,
    check_icon,
    check_persist,
    check_width,
)
from tidal.context import api_function, get_run
from tidal.errors import StreamlitMixedNumericTypesError, TidalAPIError
from tidal.widgets import Spec, label_text, register


def _text_widget(
    kind: str,
    label: str,
    value: object,
    max_chars: int | None,
    key: object,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    placeholder: str | None,
    props: dict[str, Any],
    common: dict[str, Any],
    rule: TextRule | None = None,
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
        if rule is not None and rule.pattern is not None and v and rule_error(rule, v):
            raise ValueError(f"does not match the pattern {rule.pattern!r}")
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
            bind=check_bind(kind, common["bind"], key),
            persist=check_persist(kind, common["persist_state"], key),
            # A callable rule runs on the server: its message shows under the box.
            value_props=(
                (lambda v: {"error": rule_error(rule, v) if v else None})
                if rule is not None and rule.check is not None
                else None
            ),
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
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    validate: str | tuple[str, str] | Callable[[str], Any] | None = None,
    live: bool | str = False,
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> str | None:
    """A single-line text box; commits on Enter or when it loses focus, or while typing with
    ``live`` (True: after a 300 ms pause, or a duration such as ``"0.5s"``).

    ``validate`` is a regular expression the text must match (optionally with the message
    shown when it does not: ``(pattern, message)``), or a callable that returns an error
    message (or False) for a bad text.

    Example:
        >>> name = st.text_input("Enter your name:", key="name")
        >>> email = st.text_input("Email", validate=(r"[^@]+@[^@]+", "Not an email"))
    """
    if type not in ("default", "password"):
        raise TidalAPIError(f'st.text_input got type="{type}". Use "default" or "password".')
    rule = check_validate(validate)
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
        {
            "type": type,
            "autocomplete": autocomplete,
            "required": bool(required),
            "icon": check_icon(icon),
            "pattern": rule.pattern if rule else None,
            "pattern_message": rule.message if rule else None,
            "live_ms": check_live(live, ttl_seconds),
            "width": check_width(width, allow_content=False),
        },
        {"bind": bind, "persist_state": persist_state},
        rule,
    )


@api_function
def text_area(
    label: str,
    value: str | None = "",
    height: int | None = None,
    max_chars: int | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
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
        {
            "height": height,
            "required": bool(required),
            "width": check_width(width, allow_content=False),
        },
        {"bind": bind, "persist_state": persist_state},
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
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
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
                "required": bool(required),
                "icon": check_icon(icon),
                "width": check_width(width, allow_content=False),
            },
            clear_default=default,
            bind=check_bind("number_input", bind, key),
            persist=check_persist("number_input", persist_state, key),
            url_load=lambda texts: _number_text(texts, dtype),
            url_dump=lambda v: [] if v is None else [str(v)],
        ),
    )
    return result


def _number_text(texts: list[str], dtype: str) -> Number:
    """A number from the query string (an int widget refuses ``2.5``)."""
    if len(texts) != 1:
        raise ValueError("expected one number")
    return int(texts[0]) if dtype == "int" else float(texts[0])
