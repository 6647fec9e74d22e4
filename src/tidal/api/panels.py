"""Panels: containers the person opens and closes (``st.expander``, ``st.tabs``,
``st.popover``).

By default (``on_change="ignore"``) whether a panel is open lives in the browser only, as in
Streamlit. With ``on_change="rerun"`` or a callback, the panel is a widget: opening or closing
it reruns the app, its state is in ``st.session_state[key]``, survives a refresh, and each
returned container's ``.open`` says whether it is open (so a script can skip the content of a
closed one). With ``bind="query-params"`` (expander and tabs, a key needed) the panel is a
widget too, its state also kept in the query param named after the key (``?key=true`` for an
open expander, ``?key=<label>`` for the selected tab; left out at the default); with
``on_change="ignore"`` a change then starts no run: the browser writes the address itself and
the server takes the value at the next run. Knows nothing about how panels are drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tidal.api.dimensions import check_height, check_width
from tidal.api.handle import ElementHandle
from tidal.api.icons import check_icon
from tidal.api.layout import key_class
from tidal.api.widget_args import Args, Kwargs, check_bind
from tidal.context import RunContext, api_function, get_run
from tidal.errors import TidalAPIError
from tidal.tree import Block, Node
from tidal.widget_meta import Callback
from tidal.widgets import Spec, label_text, register_block, url_text

OnChange = str | Callback
BUTTON_TYPES = ("primary", "secondary", "tertiary")
EXPANDER_TYPES = ("default", "compact")


class PanelContainer(ElementHandle):
    """The container of an expander, a tab or a popover, with its ``open`` state.

    Example:
        >>> details = st.expander("Details", key="details", on_change="rerun")
        >>> if details.open:
        ...     details.write("only computed while open")
    """

    __slots__ = ("_open",)

    def __init__(self, ctx: RunContext, block: Block, is_open: bool | None) -> None:
        super().__init__(ctx, block)
        self._open = is_open

    @property
    def open(self) -> bool | None:
        """Whether the panel is open; None when its state is not tracked
        (``on_change="ignore"``: only the browser knows)."""
        return self._open


def _tracked(command: str, on_change: object, bind: object = None, key: object = None) -> bool:
    """Whether the panel is a widget: ``on_change`` is not ``"ignore"``, or it is bound to
    the query params (which needs a key, as Streamlit's bound widgets do)."""
    bound = check_bind(command, bind, key) is not None
    if on_change in ("ignore", "rerun") or callable(on_change):
        return bound or on_change != "ignore"
    raise TidalAPIError(
        f'st.{command} got on_change={on_change!r}. Pass "ignore" (the default: the browser '
        'keeps the state), "rerun", or a function to call.'
    )


def _bool_from_wire(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError("expected true or false")
    return v


def _add_panel(
    ctx: RunContext,
    kind: str,
    label: str,
    *,
    tracked: bool,
    key: object,
    identity: tuple[Any, ...],
    default: Any,
    from_wire: Callable[[Any], Any],
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    props: dict[str, Any],
    help: str | None = None,
    disabled: bool = False,
    coerce: Callable[[Any], tuple[Any, bool]] | None = None,
    bind: str | None = None,
) -> tuple[Any, Block]:
    """Add a panel: a widget container when tracked, else a plain container. A bound panel
    tells the browser its param and the default's text (the browser writes the address when
    a change starts no run)."""
    if key is not None:
        props["key"] = key_class(key)
    if not tracked:
        props.update(label=label, help=help, disabled=disabled)
        return None, ctx.add(Node(kind, props, container=True))
    if bind is not None:
        props["bind"] = {"param": str(key), "default": url_text(default)}
    return register_block(
        ctx,
        Spec(
            kind=kind,
            label=label,
            key=key,
            identity=identity,
            keyed_identity=(),
            default=default,
            from_wire=from_wire,
            coerce=coerce,
            callback=on_change if callable(on_change) or bind is not None else None,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            props=props,
            container=True,
            bind=bind,
        ),
    )


@api_function
def expander(
    label: str,
    expanded: bool = False,
    *,
    key: str | None = None,
    icon: str | None = None,
    type: str = "default",
    width: int | str = "stretch",
    on_change: OnChange = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
    bind: str | None = None,
) -> PanelContainer:
    """A collapsible section.

    Args:
        label: the header (inline Markdown).
        expanded: open at first.
        key: the widget key; with ``on_change`` set, ``st.session_state[key]`` is whether it
            is open.
        icon: an emoji or ``":material/name:"`` shown before the label.
        type: ``"default"`` (a bordered box) or ``"compact"`` (a borderless inline toggle,
            e.g. for an assistant's reasoning).
        width: ``"stretch"`` or pixels.
        on_change: ``"ignore"`` (the browser alone keeps it open or closed), ``"rerun"``
            (opening or closing reruns the app) or a function called first.
        args: positional arguments for ``on_change``.
        kwargs: keyword arguments for ``on_change``.
        bind: ``"query-params"`` keeps the open state in the query param named after the
            key: ``?key=true`` (or ``false`` when ``expanded=True`` and closed), left out at
            the default. Needs a key.

    Example:
        >>> with st.expander("Details", icon=":material/info:"):
        ...     st.write("hidden until opened")
        >>> st.expander("Filters", key="filters", bind="query-params")  # ?filters=true
    """
    ctx = get_run()
    text = label_text(label)
    tracked = _tracked("expander", on_change, bind, key)
    if type not in EXPANDER_TYPES:
        raise TidalAPIError(
            f'The type argument to st.expander must be "default" or "compact". '
            f"\nThe argument passed was {type!r}."
        )
    props = {
        "expanded": bool(expanded),
        "icon": check_icon(icon),
        "type": type,
        "width": check_width(width, command="expander", allowed=("stretch",)),
    }
    value, block = _add_panel(
        ctx,
        "expander",
        text,
        tracked=tracked,
        key=key,
        identity=(text, bool(expanded), icon, type),
        default=bool(expanded),
        from_wire=_bool_from_wire,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        props=props,
        bind=bind,
    )
    return PanelContainer(ctx, block, bool(value) if tracked else None)


@api_function
def tabs(
    tabs: Sequence[str],
    *,
    width: int | str = "stretch",
    height: int | str = "content",
    default: str | None = None,
    key: str | None = None,
    on_change: OnChange = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
    bind: str | None = None,
) -> list[PanelContainer]:
    """Tabs: one container per label, only the selected one shown.

    Args:
        tabs: the tab labels (inline Markdown).
        width: ``"stretch"`` or pixels.
        height: ``"content"`` or pixels (the panels then scroll).
        default: the label of the tab selected at first (default: the first).
        key: the widget key; with ``on_change`` set, ``st.session_state[key]`` is the label
            of the selected tab.
        on_change: ``"ignore"`` (the browser alone keeps the selection), ``"rerun"`` or a
            function called first.
        args: positional arguments for ``on_change``.
        kwargs: keyword arguments for ``on_change``.
        bind: ``"query-params"`` keeps the selected tab's label in the query param named
            after the key (``?key=Details``), left out for the default tab. Needs a key.

    Example:
        >>> intro, details = st.tabs(["Intro", "Details"])
        >>> with intro:
        ...     st.write("hello")
    """
    ctx = get_run()
    if isinstance(tabs, str):
        raise TidalAPIError("st.tabs takes a list of tab labels, e.g. st.tabs(['A', 'B']).")
    labels = [label_text(t) for t in tabs]
    if not labels:
        raise TidalAPIError("The input argument to st.tabs must contain at least one tab label.")
    if default is not None and default not in labels:
        raise TidalAPIError(
            f"st.tabs got default={default!r}, which is not one of the tab labels {labels!r}."
        )
    first = labels[0] if default is None else default
    tracked = _tracked("tabs", on_change, bind, key)

    def from_wire(v: Any) -> str:
        if not isinstance(v, str) or v not in labels:
            raise ValueError("not one of the tab labels")
        return v

    def coerce(v: Any) -> tuple[Any, bool]:
        return (v, False) if v in labels else (first, True)

    props = {
        "labels": labels,
        "default": first,
        "width": check_width(width, command="tabs", allowed=("stretch",)),
        "height": check_height(height, command="tabs", allowed=("content",)),
    }
    value, row = _add_panel(
        ctx,
        "tabs",
        "",
        tracked=tracked,
        key=key,
        identity=(tuple(labels), default),
        default=first,
        from_wire=from_wire,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        props=props,
        coerce=coerce,
        bind=bind,
    )
    return [
        PanelContainer(
            ctx,
            ctx.add(Node("tab", {"label": label}, container=True), row),
            (label == value) if tracked else None,
        )
        for label in labels
    ]


@api_function
def popover(
    label: str,
    *,
    type: str = "secondary",
    help: str | None = None,
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: int | str = "content",
    wrap: bool | None = None,
    key: str | None = None,
    on_change: OnChange = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
) -> PanelContainer:
    """A button that opens a floating container; write into it like any container.

    Args:
        label: the button's label (inline Markdown).
        type: ``"primary"``, ``"secondary"`` or ``"tertiary"`` button look.
        help: a tooltip for the button.
        icon: an emoji or ``":material/name:"`` shown before the label.
        disabled: the button cannot be pressed.
        use_container_width: deprecated; True is ``width="stretch"``.
        width: ``"content"``, ``"stretch"`` or pixels (the button's width).
        wrap: let a long label wrap onto more lines.
        key: the widget key; with ``on_change`` set, ``st.session_state[key]`` is whether it
            is open.
        on_change: ``"ignore"``, ``"rerun"`` or a function called first.
        args: positional arguments for ``on_change``.
        kwargs: keyword arguments for ``on_change``.

    Example:
        >>> with st.popover("Settings"):
        ...     st.checkbox("Dark mode")
    """
    ctx = get_run()
    text = label_text(label)
    if type not in BUTTON_TYPES:
        raise TidalAPIError(
            f'The type argument to st.popover must be "primary", "secondary", or "tertiary". '
            f"\nThe argument passed was {type!r}."
        )
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    tracked = _tracked("popover", on_change)
    props = {
        "type": type,
        "icon": check_icon(icon),
        "width": check_width(width, command="popover"),
        "wrap": wrap,
        "open": False,
    }
    value, block = _add_panel(
        ctx,
        "popover",
        text,
        tracked=tracked,
        key=key,
        identity=(text, type, help, icon),
        default=False,
        from_wire=_bool_from_wire,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        props=props,
        help=help,
        disabled=disabled,
    )
    return PanelContainer(ctx, block, bool(value) if tracked else None)
