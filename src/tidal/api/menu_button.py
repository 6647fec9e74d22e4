"""``st.menu_button``: a button that opens a menu of options.

Choosing an option is a trigger, like a button click: the call returns the chosen option for
exactly the run that handles the choice, and None otherwise. The browser sends the option's
index, checked here. Knows nothing about other widget kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from tidal.api.buttons import ButtonType
from tidal.api.choice_options import FormatFunc, labels_of, options_list, wire_index
from tidal.api.widget_args import Args, Kwargs, Width, check_icon, check_width, check_wrap
from tidal.context import api_function, get_run
from tidal.errors import StreamlitAPIException
from tidal.forms import forbid_form
from tidal.widget_meta import Callback
from tidal.widgets import Spec, label_text, register


@api_function
def menu_button(
    label: str,
    options: Iterable[Any],
    *,
    key: str | None = None,
    help: str | None = None,
    on_click: Callback | Literal["rerun", "ignore"] | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    type: ButtonType = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    width: Width = "content",
    format_func: FormatFunc = str,
    wrap: bool | None = None,
) -> Any:
    """A button that opens a menu; returns the option chosen in this run, else None.

    ``on_click`` runs first when an option is chosen (it can read it from
    ``st.session_state[key]``).

    Example:
        >>> action = st.menu_button("Export", ["CSV", "JSON", "Parquet"])
        >>> if action:
        ...     st.write(f"Exporting as {action}")
    """
    ctx = get_run()
    forbid_form(ctx, "menu_button", "form_submit_button")
    if type not in ("primary", "secondary", "tertiary"):
        raise StreamlitAPIException(
            'The type argument to st.menu_button must be "primary", "secondary", or '
            f'"tertiary". \nThe argument passed was "{type}".'
        )
    opts = options_list(options)
    if not opts:
        raise StreamlitAPIException(
            "st.menu_button needs at least one option: pass a non-empty list as `options`."
        )
    labels = labels_of(opts, format_func)
    text = label_text(label)

    def from_wire(v: Any) -> Any:
        return opts[wire_index(v, len(opts))]

    def to_wire(v: Any) -> Any:
        for i, o in enumerate(opts):
            if o is v or o == v:
                return i
        raise ValueError(f"{v!r} is not one of the options")

    result: Any = register(
        ctx,
        Spec(
            kind="menu_button",
            label=text,
            key=key,
            identity=(text, tuple(labels), help, type, icon),
            keyed_identity=(),
            default=None,
            from_wire=from_wire,
            to_wire=to_wire,
            callback=on_click,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            trigger=True,
            readonly=True,
            props={
                "options": labels,
                "kind": type,
                "icon": check_icon(icon),
                "width": check_width(width),
                "wrap": check_wrap(wrap),
            },
            extra=opts,
        ),
    )
    return result
