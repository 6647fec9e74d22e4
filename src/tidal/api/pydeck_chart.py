"""``st.pydeck_chart``: a deck.gl map or scene from a ``pydeck.Deck`` (or its JSON), with
object selections.

Owns the function, the deck's JSON (``Deck.to_json()``, or a dict / JSON text of the same
shape) and its tooltip, and the selections: with ``on_select``, the chart is a widget whose
value is Streamlit's ``PydeckState``, ``{"selection": {"indices": {layer_id: [...]},
"objects": {layer_id: [...]}}}``, checked before it reaches session state. pydeck is optional:
its objects are recognised by their methods, never imported. Knows nothing about how it is
drawn (deck.gl in the browser, over ``map.tileUrl`` tiles or a plain background).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

from tidal.api.builtin_charts import chart_size
from tidal.api.handle import add_element
from tidal.api.maps import tile_props
from tidal.api.selection import AttributeDict
from tidal.context import api_function, get_run
from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, register

DECK_TYPE = "deck_gl_json_chart"
"""The element type, as Streamlit's AppTest lists it."""
MODES = ("single-object", "multi-object")
EMPTY_MAP: dict[str, Any] = {
    "initialViewState": {"latitude": 0, "longitude": 0, "pitch": 0, "zoom": 1},
}
"""What ``st.pydeck_chart()`` with no deck shows, as Streamlit's."""
MAX_OBJECTS = 10_000


def deck_json(pydeck_obj: Any) -> tuple[str, dict[str, Any] | None]:
    """The deck as deck.gl JSON text, and its tooltip (None: no tooltip).

    Raises:
        StreamlitAPIException: not a ``pydeck.Deck``, a dict or JSON text of one.

    Example:
        >>> deck_json({"layers": []})
        ('{"layers":[]}', None)
    """
    if pydeck_obj is None:
        return json.dumps(EMPTY_MAP), None
    to_json = getattr(pydeck_obj, "to_json", None)
    if callable(to_json) and type(pydeck_obj).__module__.startswith("pydeck"):
        tooltip = getattr(getattr(pydeck_obj, "deck_widget", None), "tooltip", None)
        if not isinstance(tooltip, dict | bool):
            tooltip = getattr(pydeck_obj, "_tooltip", None)
        compact = json.dumps(json.loads(str(to_json())), separators=(",", ":"))
        return compact, tooltip if isinstance(tooltip, dict) else None
    if isinstance(pydeck_obj, str):
        try:
            pydeck_obj = json.loads(pydeck_obj)
        except ValueError as exc:
            raise StreamlitAPIException(
                f"st.pydeck_chart got text that is not JSON: {exc}."
            ) from None
    if not isinstance(pydeck_obj, dict):
        raise StreamlitAPIException(
            f"st.pydeck_chart takes a pydeck.Deck (or its JSON as a dict or text); got "
            f"{type(pydeck_obj).__name__}. Build one with pydeck.Deck(layers=[...])."
        )
    tooltip = pydeck_obj.get("tooltip")
    spec = {k: v for k, v in pydeck_obj.items() if k != "tooltip"}
    try:
        text = json.dumps(spec, default=_json_default, separators=(",", ":"))
    except TypeError as exc:
        raise StreamlitAPIException(f"This deck cannot be sent to the browser: {exc}.") from None
    return text, tooltip if isinstance(tooltip, dict) else None


def _json_default(value: Any) -> Any:
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):  # a DataFrame: its rows, as pydeck sends them
        return to_dict(orient="records")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def empty_selection() -> AttributeDict:
    """Nothing selected."""
    return AttributeDict({"selection": AttributeDict({"indices": {}, "objects": {}})})


def check_selection(raw: Any, mode: str) -> AttributeDict:
    """A selection from the browser (or a test), validated.

    Raises:
        ValueError: a part of the wrong shape, or several objects with ``"single-object"``.

    Example:
        >>> check_selection({"selection": {"indices": {"a": [0]}, "objects": {"a": [{}]}}},
        ...                 "single-object").selection.indices
        {'a': [0]}
    """
    if raw is None or raw == {}:
        return empty_selection()
    if isinstance(raw, dict) and "selection" in raw:
        raw = raw["selection"]
    if not isinstance(raw, dict) or set(raw) - {"indices", "objects"}:
        raise ValueError("expected {'selection': {'indices': {...}, 'objects': {...}}}")
    indices, objects = raw.get("indices") or {}, raw.get("objects") or {}
    if not isinstance(indices, dict) or not isinstance(objects, dict):
        raise ValueError("indices and objects are dicts keyed by layer id")
    if set(indices) != set(objects):
        raise ValueError("indices and objects must name the same layers")
    total = 0
    for layer, picked in indices.items():
        if not isinstance(layer, str):
            raise ValueError("layer ids are strings")
        if not isinstance(picked, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in picked
        ):
            raise ValueError(f"indices[{layer!r}] is a list of non-negative ints")
        found = objects[layer]
        if not isinstance(found, list) or len(found) != len(picked):
            raise ValueError(f"objects[{layer!r}] is a list as long as indices[{layer!r}]")
        if not all(isinstance(o, dict) for o in found):
            raise ValueError(f"each of objects[{layer!r}] is a dict")
        total += len(picked)
    if total > MAX_OBJECTS:
        raise ValueError(f"at most {MAX_OBJECTS} objects")
    if mode == "single-object" and total > 1:
        raise ValueError("selection_mode is 'single-object' but several objects are selected")
    return AttributeDict(
        {
            "selection": AttributeDict(
                {
                    "indices": {k: list(v) for k, v in indices.items()},
                    "objects": {k: [dict(o) for o in objects[k]] for k in indices},
                }
            )
        }
    )


def _parse_mode(selection_mode: Any) -> str:
    if not isinstance(selection_mode, str):
        raise StreamlitAPIException(
            f"The type of `selection_mode` is {type(selection_mode).__name__}, expected str. "
            "Selection mode must be a single value."
        )
    if selection_mode not in MODES:
        raise StreamlitAPIException(
            f"Invalid value for `selection_mode`: {selection_mode!r}. Valid options are: "
            "'multi-object', 'single-object'."
        )
    return selection_mode


@api_function
def pydeck_chart(
    pydeck_obj: Any = None,
    *,
    width: int | str = "stretch",
    use_container_width: bool | None = None,
    height: int | str = 500,
    selection_mode: Literal["single-object", "multi-object"] = "single-object",
    on_select: Literal["ignore", "rerun"] | Callable[..., Any] = "ignore",
    key: str | int | None = None,
    alt: str | None = None,
) -> Any:
    """Draw a deck.gl chart from a ``pydeck.Deck`` (deck.gl, loaded only by pages with one).

    Maps (a ``MapView``, with a ``map_provider``) are drawn over the raster tiles of
    ``map.tileUrl`` when it is set; otherwise, and with ``map_provider=None``, the layers are
    drawn on the page's background, light or dark.

    Args:
        pydeck_obj: a ``pydeck.Deck``, or its JSON (a dict or text); None: an empty map.
        width: ``"stretch"`` or pixels.
        use_container_width: deprecated; True is ``width="stretch"``.
        height: pixels (500) or ``"stretch"``.
        selection_mode: ``"single-object"`` or ``"multi-object"`` (with ``on_select``).
        on_select: ``"ignore"``, ``"rerun"`` or a callback: what a click on an object does.
        key: the selection's key in ``st.session_state``.
        alt: text describing the chart for screen readers.

    Returns:
        The element's handle, or with ``on_select`` the selection state.

    Example:
        >>> st.pydeck_chart({"initialViewState": {"latitude": 0, "longitude": 0, "zoom": 1},
        ...     "layers": [{"@@type": "ScatterplotLayer", "id": "pts", "data": [[0, 0]],
        ...                 "getPosition": "@@=[0, 0]", "getRadius": 100000}]})
    """
    if on_select not in ("ignore", "rerun") and not callable(on_select):
        raise StreamlitAPIException(
            f"You have passed {on_select!r} to `on_select`. But only 'ignore', 'rerun', or a "
            "callable is supported."
        )
    mode = _parse_mode(selection_mode)
    spec, tooltip = deck_json(pydeck_obj)
    width, height = chart_size(width, height, use_container_width)
    props: dict[str, Any] = {
        "spec": spec,
        "tooltip": json.dumps(tooltip) if tooltip else None,
        "width": width,
        "height": height,
        "alt": alt,
        "tiles": tile_props(),
    }
    if on_select == "ignore":
        return add_element(DECK_TYPE, props, extra=pydeck_obj)
    props["selection_mode"] = mode
    value = register(
        get_run(),
        Spec(
            kind=DECK_TYPE,
            label="",
            key=str(key) if isinstance(key, int) else key,
            identity=(spec, mode, alt),
            keyed_identity=(mode,),
            default=empty_selection(),
            from_wire=lambda raw: check_selection(raw, mode),
            to_wire=lambda v: _plain(v),
            callback=on_select if callable(on_select) else None,
            readonly=True,
            props=props,
            extra=pydeck_obj,
            send_value=False,
        ),
    )
    return value if isinstance(value, AttributeDict) else AttributeDict(value)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
