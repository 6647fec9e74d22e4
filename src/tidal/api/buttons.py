"""Buttons: ``st.button``, ``st.form_submit_button`` (the two trigger widgets) and
``st.link_button``.

A trigger is True for exactly the run that handles its click and is never set from session
state. A link button opens a URL in a new tab; it is a widget only when it has an ``on_click``
callback ("rerun" or a callable), then its click is a trigger too. Knows which form a submit
button belongs to (``tidal.forms``); knows nothing about value widgets.
"""

from __future__ import annotations

from typing import Any, Literal

from tidal.api.handle import ElementHandle, add_element
from tidal.api.shortcut import claim_shortcut, parse_shortcut
from tidal.api.widget_args import Args, Kwargs, Width, check_icon, check_width, check_wrap
from tidal.context import RunContext, api_function, get_run
from tidal.errors import StreamlitAPIException
from tidal.forms import forbid_form, require_form, submit_button_key
from tidal.widget_meta import Callback
from tidal.widgets import Spec, label_text, register

ButtonType = Literal["primary", "secondary", "tertiary"]
IconPosition = Literal["left", "right"]


def _trigger_from_wire(v: Any) -> bool:
    if v is not True:
        raise ValueError("a button click must be sent as true")
    return True


def button_props(
    ctx: RunContext,
    kind: str,
    type: str,
    icon: str | None,
    icon_position: str,
    use_container_width: bool | None,
    width: Width,
    shortcut: str | None,
    wrap: bool | None,
) -> dict[str, Any]:
    """The props every button kind shares, checked: type, icon and its side, width (where
    ``use_container_width`` wins when given), the keyboard shortcut and label wrapping."""
    if type not in ("primary", "secondary", "tertiary"):
        raise StreamlitAPIException(
            f'The type argument to st.{kind} must be "primary", "secondary", or "tertiary". '
            f'\nThe argument passed was "{type}".'
        )
    if icon_position not in ("left", "right"):
        raise StreamlitAPIException(
            f'st.{kind} got icon_position="{icon_position}". Use "left" or "right".'
        )
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    canonical = parse_shortcut(shortcut)
    claim_shortcut(ctx, canonical)
    return {
        "kind": type,
        "icon": check_icon(icon),
        "icon_position": icon_position,
        "use_container_width": width == "stretch",
        "width": check_width(width),
        "shortcut": canonical,
        "wrap": check_wrap(wrap),
    }


@api_function
def button(
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_click: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    type: ButtonType = "secondary",
    icon: str | None = None,
    icon_position: IconPosition = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """A button: True for exactly the run that handles its click (W-18).

    ``shortcut`` ("Ctrl+K", "Cmd+Shift+P", "Enter"...) clicks it from the keyboard.

    Example:
        >>> if st.button("Increment", shortcut="Ctrl+I"):
        ...     st.session_state.count += 1
        >>> st.button("Reset", on_click=reset_counter, icon=":material/restart_alt:")
    """
    ctx = get_run()
    forbid_form(ctx, "button", "form_submit_button")
    text = label_text(label)
    props = button_props(
        ctx, "button", type, icon, icon_position, use_container_width, width, shortcut, wrap
    )
    value: bool = register(
        ctx,
        Spec(
            kind="button",
            label=text,
            key=key,
            identity=(text, help, type, props["icon"], props["width"], props["shortcut"]),
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
            props=props,
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
    type: ButtonType = "secondary",
    icon: str | None = None,
    icon_position: IconPosition = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """The button that submits its form: True for the run the submit causes (F-2).

    Its ``on_click`` runs first and already sees every new value of the form.

    Example:
        >>> with st.form("f"):
        ...     st.text_input("Name", key="name")
        ...     submitted = st.form_submit_button("Save", shortcut="Ctrl+Enter")
    """
    ctx = get_run()
    form = require_form(ctx)
    text = label_text(label)
    props = button_props(
        ctx,
        "form_submit_button",
        type,
        icon,
        icon_position,
        use_container_width,
        width,
        shortcut,
        wrap,
    )
    value: bool = register(
        ctx,
        Spec(
            kind="form_submit_button",
            label=text,
            key=key if key is not None else submit_button_key(form, text),
            identity=(text, help, type, props["icon"]),
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
            props=props,
        ),
    )
    return value


@api_function
def link_button(
    label: str,
    url: str,
    *,
    key: str | None = None,
    on_click: Callback | Literal["rerun", "ignore"] | None = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
    help: str | None = None,
    type: ButtonType = "secondary",
    icon: str | None = None,
    icon_position: IconPosition = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> ElementHandle | bool:
    """A button that opens ``url`` in a new tab.

    With ``on_click="ignore"`` (the default) it is a plain link and returns its element
    handle; with ``on_click="rerun"`` or a callable the click also reruns the app (after the
    callback) and the call returns True for that run, like ``st.button``.

    Example:
        >>> st.link_button("Go to gallery", "https://streamlit.io/gallery")
    """
    ctx = get_run()
    if not isinstance(url, str) or not url.strip():
        raise StreamlitAPIException(
            f"st.link_button needs a URL to open, got url={url!r}. Pass a string such as "
            '"https://example.com".'
        )
    text = label_text(label)
    props = button_props(
        ctx, "link_button", type, icon, icon_position, use_container_width, width, shortcut, wrap
    )
    props["url"] = url
    if on_click == "ignore" or on_click is None:
        return add_element(
            "link_button",
            {"label": text, "help": help, "disabled": disabled, **props},
            value=url,
        )
    if on_click != "rerun" and not callable(on_click):
        raise StreamlitAPIException(
            f'st.link_button got on_click={on_click!r}. Use "ignore", "rerun" or a callable.'
        )
    clicked: bool = register(
        ctx,
        Spec(
            kind="link_button",
            label=text,
            key=key,
            identity=(text, url, help, type, props["icon"]),
            keyed_identity=(),
            default=False,
            from_wire=_trigger_from_wire,
            callback=on_click if callable(on_click) else None,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            trigger=True,
            readonly=True,
            props={**props, "rerun": True},
        ),
    )
    return clicked
