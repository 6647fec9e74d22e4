"""Checkboxes: ``st.checkbox`` and ``st.toggle``, the two boolean widgets.

They differ only in how the browser draws them, so both go through one ``_checkbox``. Knows
nothing about other widget kinds.
"""

from __future__ import annotations

from typing import Any

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
    check_wrap,
)
from tidal.context import api_function, get_run
from tidal.widgets import Spec, label_text, register


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
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    width: Width,
    wrap: bool | None,
    bind: Bind,
    persist_state: PersistState,
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
            props={"width": check_width(width), "wrap": check_wrap(wrap)},
            bind=check_bind(kind, bind, key),
            persist=check_persist(kind, persist_state, key),
        ),
    )
    return result


@api_function
def checkbox(
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "content",
    wrap: bool | None = None,
    bind: Bind = None,
    persist_state: PersistState = None,
) -> bool:
    """A checkbox; returns whether it is checked.

    Example:
        >>> agree = st.checkbox("I agree", key="agree")
        >>> show = st.checkbox("Show all", key="all", bind="query-params")  # ?all=true
    """
    return _checkbox(
        "checkbox",
        label,
        value,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        width,
        wrap,
        bind,
        persist_state,
    )


@api_function
def toggle(
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "content",
    wrap: bool | None = None,
    bind: Bind = None,
    persist_state: PersistState = None,
) -> bool:
    """A switch; returns whether it is on.

    Example:
        >>> dark = st.toggle("Dark mode")
    """
    return _checkbox(
        "toggle",
        label,
        value,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        width,
        wrap,
        bind,
        persist_state,
    )
