"""Widgets: ids, per-run registration, duplicate and placement checks, value validation.

Owns the one place a widget id is derived (``widget_id``), the registration sequence every
widget function goes through (``register``), and the validation of values from the browser
(``Spec.from_wire``). Knows nothing about sockets, threads or how elements are drawn.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path
from typing import Any

from tidal.context import RunContext
from tidal.errors import (
    CachedWidgetWarning,
    StreamlitAPIException,
    StreamlitDuplicateElementId,
    StreamlitDuplicateElementKey,
    StreamlitInvalidFormCallbackError,
    StreamlitValueAssignmentNotAllowedError,
    StreamlitValueError,
)
from tidal.querystring import MAX_QUERY_CHARS, encode_query
from tidal.state import SessionState
from tidal.state_keys import WIDGET_ID_PREFIX, check_user_key
from tidal.tree import Block, Node
from tidal.widget_meta import Callback, WidgetMeta, same_value

log = logging.getLogger("tidal.widgets")

_PACKAGE_DIR = str(Path(__file__).resolve().parent)

_warned_default_and_state = False

LabelVisibility = str
_LABEL_VISIBILITY = ("visible", "hidden", "collapsed")


def widget_id(kind: str, user_key: str | None, identity: tuple[Any, ...], page_hash: str) -> str:
    """The widget id: ``$$ID-<hash>-<key>`` (W-1).

    The hash covers the element type, the user key, the identity parameters and the hash of
    the script (page) that makes the call.
    """
    h = blake2b(repr((kind, user_key, identity, page_hash)).encode(), digest_size=16)
    return f"{WIDGET_ID_PREFIX}-{h.hexdigest()}-{user_key}"


def _identity(kind: str) -> str:
    return kind.replace("_", " ")


@dataclass(slots=True)
class Spec:
    """Everything a widget function tells ``register`` about one widget call.

    Args:
        kind: element type (``"number_input"``).
        label: the label shown.
        key: the user key or None.
        identity: keyless identity parameters (label, options, min/max, default...).
        keyed_identity: the small whitelist that stays in the id when a key is given (W-3).
        default: the Python default value.
        from_wire: browser value -> Python value; raises ValueError when it does not fit.
        to_wire: Python value -> browser value (JSON); by default the value itself.
        coerce: checks a value that came from session state (W-11b): returns the value to use
            and whether session state must be rewritten with it; may raise.
        props: element props besides the common ones.
    """

    kind: str
    label: str
    key: object
    identity: tuple[Any, ...]
    keyed_identity: tuple[Any, ...]
    default: Any
    from_wire: Callable[[Any], Any]
    to_wire: Callable[[Any], Any] = same_value
    coerce: Callable[[Any], tuple[Any, bool]] | None = None
    callback: Callback | str | None = None
    """A callable, or ``"rerun"``/None (no callback), or ``"ignore"`` (no callback, and a
    change waits in the browser for the next run instead of starting one)."""
    args: tuple[Any, ...] | list[Any] | None = None
    kwargs: dict[str, Any] | None = None
    help: str | None = None
    disabled: bool = False
    label_visibility: LabelVisibility = "visible"
    trigger: bool = False
    readonly: bool = False
    explicit_default: bool = False
    props: dict[str, Any] = field(default_factory=dict)
    extra: Any = None
    clear_default: Any = None
    callback_allowed_in_form: bool = False
    container: bool = False
    """The widget is a container (an expander, tabs, a popover) that elements go into."""
    bind: str | None = None
    """``"query-params"``: the value lives in the query param named after the key (MP-6)."""
    persist: str | None = None
    """``"page"``/``"session"``: keep the value under the key while not shown (MP-6)."""
    url_dump: Callable[[Any], list[str]] | None = None
    """Wire value -> the query param's values (default: from the default's wire type)."""
    url_load: Callable[[list[str]], Any] | None = None
    """The query param's values -> a wire value; raises ValueError when they do not fit."""
    value_props: Callable[[Any], dict[str, Any]] | None = None
    """Props that depend on the value the run got (a validation message)."""
    send_value: bool = True
    """Whether the element's props carry the value (a chart's selection stays in the browser
    that made it: sending it back would re-send the whole chart)."""


def register(ctx: RunContext, spec: Spec) -> Any:
    """Register a widget in the current run, add its element, and return its value."""
    return register_block(ctx, spec)[0]


def register_block(ctx: RunContext, spec: Spec) -> tuple[Any, Block]:
    """``register``, also returning the widget's block (to write into a container widget)."""
    guard = ctx.guard
    if guard is None:
        return _register_block(ctx, spec)
    with guard:  # parallel fragments register widgets beside the script
        return _register_block(ctx, spec)


def _register_block(ctx: RunContext, spec: Spec) -> tuple[Any, Block]:
    block = ctx.block
    if ctx.cached:
        ctx.add(_cached_widget_warning(), block)
        ctx.state.timeline.warn(f"st.{spec.kind} was called inside a cached function.")
    form = block.form
    callback, ignore = _on_change(spec.kind, spec.callback)
    if form and callback is not None and not spec.callback_allowed_in_form:
        raise StreamlitInvalidFormCallbackError(
            "Within a form, callbacks can only be defined on `st.form_submit_button`. "
            "Defining callbacks on other widgets inside a form is not allowed."
        )
    if spec.label_visibility not in _LABEL_VISIBILITY:
        raise StreamlitValueError(
            f"Unsupported label_visibility option '{spec.label_visibility}'. "
            "Valid values are 'visible', 'hidden' or 'collapsed'."
        )
    user_key = check_user_key(spec.key) if spec.key is not None else None
    if user_key is None:
        identity: tuple[Any, ...] = (*spec.identity, form, block.root)
    else:
        identity = spec.keyed_identity
    wid = widget_id(spec.kind, user_key, identity, ctx.page_hash)
    state = ctx.state
    if user_key is not None and state.key_seen_this_run(user_key):
        raise StreamlitDuplicateElementKey(
            f"There are multiple elements with the same `key='{user_key}'`. To fix this, please "
            "make sure that the `key` argument is unique for each element you create."
        )
    if state.seen_this_run(wid):
        raise StreamlitDuplicateElementId(
            f"There are multiple `{spec.kind}` elements with the same auto-generated ID. When "
            "this element is created, it is assigned an internal ID based on the element type "
            "and provided parameters. Multiple elements with the same type and parameters will "
            "cause this error.\n\nTo fix this error, please pass a unique `key` argument to the "
            f"`{spec.kind}` element."
        )
    fresh = state.meta(wid) is None and (user_key is None or user_key not in state)
    if spec.readonly and state.assigned_this_run(user_key):
        raise StreamlitValueAssignmentNotAllowedError(
            f"`st.session_state['{user_key}']` is read-only and cannot be assigned through "
            "session state. Use a different session state key for values you need to set."
        )
    meta = WidgetMeta(
        id=wid,
        kind=spec.kind,
        key=user_key,
        default=spec.default,
        from_wire=_refuse_empty(spec.from_wire) if spec.props.get("required") else spec.from_wire,
        to_wire=spec.to_wire,
        callback=callback,
        args=tuple(spec.args or ()),
        kwargs=dict(spec.kwargs or {}),
        trigger=spec.trigger,
        form=form,
        disabled=spec.disabled,
        fragment=ctx.fragment,
        persist="session" if spec.bind else spec.persist,
        page=run_page(ctx),
        idle=spec.default if spec.trigger else False,
        label=spec.label,
        identity=spec.identity if user_key is None else spec.keyed_identity,
    )
    value, from_state = state.register(meta)
    if spec.bind is not None and user_key is not None:
        # The address wins on a widget's first run and when the address changed (a typed or
        # followed URL); the widget wins when the person or the script changed its value.
        url_first = fresh or not state.changed_by_browser(wid)
        value = _bind_to_query(ctx, spec, wid, user_key, value, url_first and not from_state)
    if from_state and spec.explicit_default:
        _warn_default_and_state(ctx, user_key)
    if spec.coerce is not None and (from_state or user_key is not None):
        value, rewrite = spec.coerce(value)
        if rewrite:
            state.set_widget_value(wid, deepcopy(value))
    if from_state and not spec.trigger:
        _echo_in_widget_type(state, spec, wid, value)
    props: dict[str, Any] = {
        "id": wid,
        "label": spec.label,
        "help": spec.help,
        "disabled": spec.disabled,
        "label_visibility": spec.label_visibility,
        "form": form,
    }
    if not spec.trigger and spec.send_value:
        props["value"] = spec.to_wire(value)
    props.update(spec.props)
    if ignore:
        props["ignore_rerun"] = True
    if spec.value_props is not None:
        props.update(spec.value_props(value))
    if form and spec.clear_default is not None:
        props["default"] = spec.clear_default
    node = Node(spec.kind, props, container=spec.container, value=value, extra=spec.extra)
    return value, ctx.add(node, block)


def _echo_in_widget_type(state: SessionState, spec: Spec, wid: str, value: Any) -> None:
    """A value assigned through session state comes back from the browser in the widget's
    own type (an ``int`` in a float number input is ``float`` from the next run on)."""
    try:
        echoed = spec.from_wire(spec.to_wire(value))
    except (ValueError, TypeError):
        return
    if type(echoed) is not type(value) and echoed == value:
        state.echo(wid, echoed)


def run_page(ctx: RunContext) -> str:
    """The page a run shows: the page ``st.navigation`` chose, else the script's own. Widgets
    of the entrypoint count as the shown page's (a ``"page"``-scoped value stays on it)."""
    current = ctx.pages.current if ctx.pages is not None else None
    return current.script_hash if current is not None else ctx.page_hash


def _refuse_empty(from_wire: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``required=True``: the browser may not empty the widget (None, "", no choice)."""

    def read(v: Any) -> Any:
        if v is None or v == "" or v == []:
            raise ValueError("a required widget cannot be emptied")
        return from_wire(v)

    return read


def _on_change(kind: str, on_change: object) -> tuple[Callback | None, bool]:
    """``(callback, ignore)`` from ``on_change``: a callable; "rerun" or None (a change reruns
    the app); "ignore" (a change waits for the next run)."""
    if on_change is None or on_change == "rerun":
        return None, False
    if on_change == "ignore":
        return None, True
    if callable(on_change):
        return on_change, False
    raise StreamlitAPIException(
        f'st.{kind} got on_change={on_change!r}. Pass a callable, "rerun" (the default), '
        '"ignore" or None.'
    )


def _bind_to_query(
    ctx: RunContext, spec: Spec, wid: str, param: str, value: Any, fresh: bool
) -> Any:
    """``bind="query-params"``: unless the person or the script just changed the widget, it
    takes its value from the query param named after its key (when the param fits the
    widget); then the param shows the value, and is left out while the value is the default
    (MP-6)."""
    dump, load = _url_codec(spec)
    params = ctx.query_params
    if fresh and param in params:
        try:
            loaded = _from_url(spec, load, params[param])
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # a value that does not fit: the widget keeps its default, the URL follows
        else:
            value = loaded
            ctx.state.set_widget_value(wid, deepcopy(value))
    try:
        is_default = bool(value == spec.default)
    except Exception:  # values whose == is ambiguous (arrays)
        is_default = False
    if is_default:
        params.pop(param, None)
    elif value is None:
        params[param] = [""]  # ?key= : emptied (a widget whose default is not empty)
    else:
        params[param] = dump(spec.to_wire(value))
        if len(encode_query(params)) > MAX_QUERY_CHARS:
            params.pop(param)  # too long for an address: the value stays in the session only
    return value


def _from_url(spec: Spec, load: Callable[[list[str]], Any], texts: list[str]) -> Any:
    """A widget value from the query param's values; ``?key=`` is an emptied widget when
    its values do not read as anything else."""
    try:
        value = spec.from_wire(load(texts))
    except (ValueError, TypeError, KeyError, IndexError):
        if texts != [""]:
            raise
        value = spec.from_wire(None)
    if spec.coerce is not None:
        value, _ = spec.coerce(value)
    return value


def _url_codec(
    spec: Spec,
) -> tuple[Callable[[Any], list[str]], Callable[[list[str]], Any]]:
    """How a wire value reads in the URL: the widget's own codec, else one made from the
    type of its default's wire value (a list becomes a repeated param)."""
    if spec.url_dump is not None and spec.url_load is not None:
        return spec.url_dump, spec.url_load
    sample = spec.to_wire(spec.default)
    many = isinstance(sample, list)
    items = sample if isinstance(sample, list) else [sample]
    kind: type = type(next((x for x in items if x is not None), ""))

    def dump(wire: Any) -> list[str]:
        values = wire if isinstance(wire, list) else [wire]
        return [url_text(v) for v in values if v is not None]

    def load(texts: list[str]) -> Any:
        values = [parse_url_text(t, kind) for t in texts]
        if many:
            return values
        if len(values) != 1:
            raise ValueError("expected one value")
        return values[0]

    return dump, load


def url_text(v: Any) -> str:
    """A wire value as query-param text (booleans as ``true``/``false``)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def parse_url_text(text: str, kind: type) -> Any:
    """Query-param text as a wire value of type ``kind``; ValueError when it is not one."""
    if kind is bool:
        if text.lower() not in ("true", "false"):
            raise ValueError("expected true or false")
        return text.lower() == "true"
    if kind is int:
        return int(text)
    if kind is float:
        return float(text)
    return text


def _cached_widget_warning() -> Node:
    """QP-3: the exception element shown (the run goes on) for a widget inside a cached
    function, with the stack of the script's frames that led to the widget call."""
    frames = traceback.extract_stack()
    first_tidal = next((i for i, f in enumerate(frames) if f.filename.startswith(_PACKAGE_DIR)), 0)
    script_frames = [f for f in frames[first_tidal:] if not f.filename.startswith(_PACKAGE_DIR)]
    warning = CachedWidgetWarning()
    props = {
        "type": type(warning).__name__,
        "message": str(warning),
        "is_markdown": True,
        "stack": [entry.strip() for entry in traceback.format_list(script_frames)],
    }
    return Node("exception", props, value=warning)


def _warn_default_and_state(ctx: RunContext, user_key: str | None) -> None:
    global _warned_default_and_state
    ctx.state.timeline.warn(
        f'The widget with key "{user_key}" was created with a default value but also had its '
        "value set via the Session State API."
    )
    if _warned_default_and_state or ctx.options.disable_duplicate_default_warning:
        return
    _warned_default_and_state = True
    log.warning(
        'The widget with key "%s" was created with a default value but also had its value set '
        "via the Session State API.",
        user_key,
    )


def label_text(label: object) -> str:
    """Widget labels are strings; anything else is shown with ``str()``."""
    return label if isinstance(label, str) else str(label)
