"""Buttons: ``st.button`` and ``st.form_submit_button``, the two trigger widgets.

A trigger is True for exactly the run that handles its click and is never set from session
state. Knows which form a submit button belongs to (``tidal.forms``); knows nothing about value
widgets.
"""

from __future__ import annotations

from typing import Any, Literal

from tidal.api.widget_args import Args, Kwargs
from tidal.context import api_function, get_run
from tidal.forms import forbid_form, require_form, submit_button_key
from tidal.state import Callback
from tidal.widgets import Spec, label_text, register


def _trigger_from_wire(v: Any) -> bool:
    if v is not True:
        raise ValueError("a button click must be sent as true")
    return True


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
