"""Custom components v2: Streamlit's ``st.components.v2.component``.

Owns the process's registry of v2 component definitions (HTML, CSS and JS, inline or files of
the package's ``asset_dir``), ``component()`` and the mount callable it returns. A mounted
component is a widget whose value is its *state* (a dict of named values, kept across runs,
``on_<name>_change`` callbacks per name) with a companion *trigger* widget (one-run events,
reset after the run); ``ComponentResult`` shows both. In the browser the component is not an
iframe: its JS module runs in the page (``static/elements/bidi.js``), so it is trusted code.
Serving its files is ``component_assets_route.py``'s business, from this registry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import quote

from tidal.api.component_assets import MANIFESTS, looks_inline, resolve_asset
from tidal.api.component_data import data_digest, serialize_data
from tidal.api.component_state import (
    ComponentResult,
    ComponentState,
    events,
    modified_after_mount,
    state_from_wire,
    triggers_from_wire,
)
from tidal.context import RunContext, get_run
from tidal.errors import TidalAPIError
from tidal.widget_meta import Callback, WidgetMeta
from tidal.widgets import Spec, register_block

log = logging.getLogger("tidal.components")

ELEMENT_TYPE = "bidi_component"
EVENT_DELIM = "__"
_MAX_INLINE = 256
Width = int | Literal["stretch", "content"]
Height = int | Literal["stretch", "content"]
BidiComponentKey = str | int | None


class BidiComponentError(TidalAPIError):
    """A ``components.v2`` component was mounted with arguments it cannot take."""


@dataclass(frozen=True, slots=True)
class Definition:
    """A registered v2 component: inline content, or files of its ``asset_dir``."""

    name: str
    html: str | None = None
    css: str | None = None
    js: str | None = None
    css_path: str | None = None
    js_path: str | None = None
    asset_dir: Path | None = None

    @property
    def js_digest(self) -> str | None:
        """The content address inline JS is served under."""
        if self.js is None:
            return None
        return hashlib.blake2b(self.js.encode(), digest_size=12).hexdigest()


class BidiRegistry:
    """Every v2 component registered in this process, by name (thread-safe). Inline JS stays
    findable by its digest after a re-registration, so a page loaded earlier still runs."""

    def __init__(self) -> None:
        self._defs: dict[str, Definition] = {}
        self._inline: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def register(self, definition: Definition) -> None:
        """Add or replace a component (a module edited and run again registers it again)."""
        with self._lock:
            if definition.name in self._defs and self._defs[definition.name] != definition:
                log.warning("Component %r registered again; the last one is used.", definition.name)
            self._defs[definition.name] = definition
            digest = definition.js_digest
            if digest is not None and definition.js is not None:
                self._inline[(definition.name, digest)] = definition.js
                while len(self._inline) > _MAX_INLINE:  # edits of a running app: drop the oldest
                    del self._inline[next(iter(self._inline))]

    def get(self, name: str) -> Definition | None:
        """The component registered under ``name``, or None."""
        with self._lock:
            return self._defs.get(name)

    def inline_js(self, name: str, digest: str) -> str | None:
        """Inline JS a component registered with this digest, or None."""
        with self._lock:
            return self._inline.get((name, digest))


BIDI_REGISTRY = BidiRegistry()
"""The v2 components of this process; the asset route serves from it."""


def _resolve(name: str, kind: str, value: str | None, asset_dir: Path | None) -> str | None:
    """The asset-relative path of a file-backed ``js``/``css``, or None for inline/absent."""
    if value is None or looks_inline(value):
        return None
    if asset_dir is None:
        raise TidalAPIError(
            f"Component '{name}' must be declared in pyproject.toml with asset_dir to use "
            f"file-backed {kind}."
        )
    return resolve_asset(value, asset_dir, kind)


def define(name: str, html: str | None, css: str | None, js: str | None) -> Definition:
    """Validate and register a definition (what ``component()`` does before returning)."""
    for param, value in (("css", css), ("js", js)):
        if value is not None and not isinstance(value, str):
            raise TidalAPIError(
                f"The `{param}` parameter must be str or None, not {type(value).__name__}. "
                "Pass a string path or glob."
            )
    asset_dir = MANIFESTS.asset_dir(name)
    css_path = _resolve(name, "css", css, asset_dir)
    js_path = _resolve(name, "js", js, asset_dir)
    definition = Definition(
        name=name,
        html=html,
        css=None if css_path is not None else css,
        js=None if js_path is not None else js,
        css_path=css_path,
        js_path=js_path,
        asset_dir=asset_dir,
    )
    BIDI_REGISTRY.register(definition)
    return definition


class ComponentRenderer(Protocol):
    """The mount callable ``component()`` returns."""

    def __call__(
        self,
        *,
        key: BidiComponentKey = None,
        data: Any | None = None,
        default: dict[str, Any] | None = None,
        width: Width = "stretch",
        height: Height = "content",
        **on_callbacks: Callback | None,
    ) -> ComponentResult: ...


def component(
    name: str,
    *,
    html: str | None = None,
    css: str | None = None,
    js: str | None = None,
    isolate_styles: bool = True,
) -> ComponentRenderer:
    """Register a ``components.v2`` component; returns the callable that mounts it.

    Args:
        name: the component's name, used as given; an installed package's component is
            ``"<project>.<component>"`` as its ``pyproject.toml`` declares it.
        html: HTML put in the component's root (trusted: its scripts run in the page).
        css: inline CSS, or a path or glob inside the package's ``asset_dir``.
        js: an inline ES module, or a path or glob inside the ``asset_dir``; its default
            export is called with ``{name, key, data, parentElement, setStateValue,
            setTriggerValue}`` and may return a cleanup function.
        isolate_styles: mount into a shadow root (style isolation only, not a sandbox).

    Returns:
        ``mount(*, key=None, data=None, default=None, width="stretch", height="content",
        **on_<name>_change)`` returning a ``ComponentResult``.

    Raises:
        StreamlitAPIException: a path without a declared ``asset_dir``, a path that leaves
            it, or a glob that does not name exactly one file.

    Example:
        >>> counter = st.components.v2.component("counter", html="<button>+1</button>",
        ...     js="export default ({parentElement, setTriggerValue}) => { "
        ...        "parentElement.querySelector('button').onclick = () => "
        ...        "setTriggerValue('clicked', true) }")
        >>> if counter(on_clicked_change=lambda: None).clicked:
        ...     st.write("clicked")
    """
    define(name, html, css, js)

    def mount(
        *,
        key: BidiComponentKey = None,
        data: Any | None = None,
        default: dict[str, Any] | None = None,
        width: Width = "stretch",
        height: Height = "content",
        **on_callbacks: Callback | None,
    ) -> ComponentResult:
        """Mount the component; returns its state and this run's triggers."""
        if "isolate_styles" in on_callbacks:
            on_callbacks.pop("isolate_styles")
            log.warning(
                "Passing `isolate_styles` when mounting a component created via "
                "`st.components.v2.component` is deprecated and will be ignored. Set "
                "`isolate_styles` when creating the component instead."
            )
        definition = BIDI_REGISTRY.get(name) or define(name, html, css, js)
        return _mount(definition, isolate_styles, key, data, default, width, height, on_callbacks)

    return mount


def _callbacks(kwargs: dict[str, Callback | None]) -> dict[str, Callback]:
    out: dict[str, Callback] = {}
    for arg, value in kwargs.items():
        if not callable(value) or not (arg.startswith("on_") and arg.endswith("_change")):
            continue
        event = arg[3:-7]
        if not event or event == "_":
            raise BidiComponentError(
                f"The callback name `'{arg}'` is not allowed. Callback names must follow the "
                "pattern `on_{event_name}_change` where `event_name` is not empty."
            )
        out[event] = value
    return out


def _check_size(value: object, what: str) -> None:
    if value in ("stretch", "content"):
        return
    # height=0: a component that only runs script takes no room (streamlit-extras' cookie
    # manager, redirect and scroll_to_element mount theirs so)
    least = 0 if what == "height" else 1
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise TidalAPIError(
            f"Invalid {what} value: {value!r}. {what.capitalize()} must be either an integer "
            "(pixels), 'stretch', or 'content'."
        )


def _urls(d: Definition) -> dict[str, str | None]:
    base = f"_tidal/components/{quote(d.name, safe='')}"
    js_url = None
    if d.js_path is not None:
        js_url = f"{base}/{quote(d.js_path)}"
    elif d.js_digest is not None:
        js_url = f"_tidal/component-js/{quote(d.name, safe='')}/{d.js_digest}.js"
    css_url = f"{base}/{quote(d.css_path)}" if d.css_path is not None else None
    return {"js_url": js_url, "css_url": css_url}


def _mount(
    d: Definition,
    isolate_styles: bool,
    key: BidiComponentKey,
    data: Any,
    default: dict[str, Any] | None,
    width: Width,
    height: Height,
    on_callbacks: dict[str, Callback | None],
) -> ComponentResult:
    callbacks = _callbacks(on_callbacks)
    if default is not None:
        for name in default:
            if name not in callbacks:
                available = list(callbacks) or "none"
                raise BidiComponentError(
                    f"Key `'{name}'` in `default` is not a valid state name. Valid state names "
                    "are those with corresponding `on_{state_name}_change` callbacks. "
                    f"Available state names: `{available}`"
                )
    _check_size(width, "width")
    _check_size(height, "height")
    ctx = get_run()
    payload = serialize_data(data)
    defaults = dict(default or {})
    from_wire = state_from_wire(defaults)
    previous: list[dict[str, Any]] = []
    session_state = ctx.state

    def on_state_change() -> None:
        new = session_state.widget_value(state_wid)
        old = previous[0] if previous else {}
        new_map = new if isinstance(new, dict) else {}
        for name in [*new_map, *(k for k in old if k not in new_map)]:
            if old.get(name) != new_map.get(name) and name in callbacks:
                callbacks[name]()

    def on_trigger() -> None:
        payloads = session_state.widget_value(trigger_wid)
        for p in payloads if isinstance(payloads, list) else []:
            cb = callbacks.get(str(p.get("event"))) if isinstance(p, dict) else None
            if cb is not None:
                cb()

    def coerce(value: Any) -> tuple[Any, bool]:
        try:
            rewrite = not isinstance(value, dict) or bool(set(defaults) - set(value))
            return from_wire(value), rewrite
        except ValueError:
            return from_wire(None), True

    state, block = register_block(
        ctx,
        Spec(
            kind=ELEMENT_TYPE,
            label="",
            key=key,
            identity=(
                d.name,
                isolate_styles,
                width,
                height,
                json.dumps(default, sort_keys=True, default=repr),
                data_digest(payload),
            ),
            keyed_identity=(),
            default=defaults,
            from_wire=from_wire,
            coerce=coerce,
            callback=on_state_change if callbacks else None,
            callback_allowed_in_form=True,
            props={
                "name": d.name,
                "isolate_styles": bool(isolate_styles),
                "html": d.html,
                "css": d.css,
                **_urls(d),
                **payload,
                "width": width,
                "height": height,
            },
        ),
    )
    state_wid = str(block.node.props["id"])
    trigger_wid = f"{state_wid}{EVENT_DELIM}events"
    _register_triggers(ctx, trigger_wid, on_trigger if callbacks else None)
    previous.append(dict(state) if isinstance(state, dict) else {})
    meta = ctx.state.meta(state_wid)
    if meta is not None and meta.key is not None:
        meta.present = _presenter(ctx, state_wid, trigger_wid, meta.key, callbacks)
    fired = events(ctx.state.widget_value(trigger_wid))
    trigger_vals = {name: fired.get(name) for name in callbacks}
    return ComponentResult(dict(state) if isinstance(state, dict) else {}, trigger_vals)


def _register_triggers(ctx: RunContext, wid: str, callback: Callback | None) -> None:
    """Register the component's trigger widget: no element of its own, never a user key; its
    id is the state widget's plus ``__events`` (the browser derives it the same way)."""
    ctx.state.register(
        WidgetMeta(
            id=wid,
            kind=f"{ELEMENT_TYPE}_events",
            key=None,
            default=None,
            from_wire=triggers_from_wire,
            callback=callback,
            trigger=True,
            idle=None,  # between events the triggers are None, as in Streamlit
            form=ctx.block.form,
            fragment=ctx.fragment,
        )
    )


def _presenter(
    ctx: RunContext, state_wid: str, trigger_wid: str, key: str, callbacks: dict[str, Callback]
) -> Callable[[Any], Any]:
    state = ctx.state
    allowed = frozenset(callbacks) if callbacks else None
    error = modified_after_mount(key)

    def check(name: str) -> None:
        if state.seen_this_run(state_wid):
            raise error(name)

    def present(base: Any) -> Any:
        if not isinstance(base, dict):
            return base
        flat: dict[str, object] = dict(events(state.widget_value(trigger_wid)))
        flat.update(base)
        return ComponentState(flat, base, allowed, check)

    return present
