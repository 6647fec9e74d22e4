"""``st.plotly_chart``: a Plotly figure drawn by plotly.js, with point, box and lasso selections.

Owns the function, the figure's JSON (a ``plotly`` figure through its own encoder, or a dict /
list of traces), and the selections: with ``on_select``, the chart is a widget whose value is
Streamlit's ``PlotlyState``, ``{"selection": {"points": [...], "point_indices": [...],
"box": [...], "lasso": [...]}}``, checked before it reaches session state. plotly (Python) is
optional: imported only when given one of its figures. Knows nothing about how it is drawn.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, Literal

from tidal.api.builtin_charts import chart_size
from tidal.api.handle import add_element
from tidal.api.selection import AttributeDict
from tidal.context import api_function, get_run
from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, register

PLOTLY_TYPE = "plotly_chart"
MODES = ("points", "box", "lasso")
MAX_POINTS = 10_000
_SCALAR = (str, int, float, bool, type(None))


def _json_default(value: Any) -> Any:
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def figure_json(figure_or_data: Any) -> str:
    """The figure as Plotly JSON text (``{"data": [...], "layout": {...}}``).

    Raises:
        StreamlitAPIException: not a figure, a dict or a list of traces.

    Example:
        >>> json.loads(figure_json({"data": [{"type": "bar", "y": [1, 2]}]}))["data"][0]["y"]
        [1, 2]
    """
    to_json = getattr(figure_or_data, "to_json", None)
    if callable(to_json) and type(figure_or_data).__module__.startswith("plotly"):
        return str(to_json())
    if isinstance(figure_or_data, list | tuple):
        figure_or_data = {"data": list(figure_or_data)}
    if not isinstance(figure_or_data, dict):
        raise StreamlitAPIException(
            f"st.plotly_chart takes a Plotly figure, a dict or a list of traces; got "
            f"{type(figure_or_data).__name__}. Pass a plotly.graph_objects.Figure (or "
            '{"data": [...], "layout": {...}}).'
        )
    try:
        return json.dumps(figure_or_data, default=_json_default, sort_keys=True)
    except TypeError as exc:
        raise StreamlitAPIException(f"This figure cannot be sent to the browser: {exc}.") from None


def parse_modes(selection_mode: str | Iterable[str]) -> list[str]:
    """The selection modes as a list, checked."""
    modes = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)
    if not modes:
        raise StreamlitAPIException("selection_mode needs at least one of points, box, lasso.")
    for mode in modes:
        if mode not in MODES:
            raise StreamlitAPIException(
                f"Invalid selection mode: {mode}. Valid options are: points, box, lasso."
            )
    return modes


def empty_selection() -> AttributeDict:
    """Nothing selected."""
    return AttributeDict({"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}})


def _shape(value: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > MAX_POINTS:
        raise ValueError(f"{what} is a list of at most {MAX_POINTS} items")
    for item in value:
        if not isinstance(item, dict) or not all(isinstance(k, str) for k in item):
            raise ValueError(f"each of {what} is a dict; got {item!r}")
    return [dict(item) for item in value]


def _region(item: dict[str, Any], what: str) -> dict[str, Any]:
    for axis in ("x", "y"):
        values = item.get(axis)
        if not isinstance(values, list) or not all(isinstance(v, _SCALAR) for v in values):
            raise ValueError(f"a {what} selection needs {axis!r}: a list of values")
    for ref in ("xref", "yref"):
        if not isinstance(item.get(ref, ""), str):
            raise ValueError(f"a {what} selection's {ref} is an axis name")
    return item


def check_selection(raw: Any, modes: list[str]) -> AttributeDict:
    """A selection from the browser (or a test), validated.

    Raises:
        ValueError: a part of the wrong shape, or a kind the modes exclude.
    """
    if isinstance(raw, dict) and "selection" in raw:
        raw = raw["selection"]
    if not isinstance(raw, dict):
        raise ValueError("expected {'points': [...], 'point_indices': [...], 'box': [...], ...}")
    unknown = set(raw) - {"points", "point_indices", "box", "lasso"}
    if unknown:
        raise ValueError(f"unknown selection parts {sorted(unknown)}")
    points = _shape(raw.get("points") or [], "points")
    for point in points:
        for k, v in point.items():
            if not isinstance(v, _SCALAR) and not (
                isinstance(v, list) and all(isinstance(x, _SCALAR) for x in v)
            ):
                raise ValueError(f"point field {k!r} holds {v!r}, not a value")
    indices = raw.get("point_indices") or []
    if not isinstance(indices, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in indices
    ):
        raise ValueError("point_indices is a list of non-negative ints")
    box = [_region(b, "box") for b in _shape(raw.get("box") or [], "box")]
    lasso = [_region(b, "lasso") for b in _shape(raw.get("lasso") or [], "lasso")]
    for name, picked in (("box", box), ("lasso", lasso)):
        if picked and name not in modes:
            raise ValueError(f"a {name} selection, but selection_mode is {modes}")
    if points and not modes:
        raise ValueError("no selection modes")
    return AttributeDict(
        {
            "selection": {
                "points": points,
                "point_indices": list(indices),
                "box": box,
                "lasso": lasso,
            }
        }
    )


@api_function
def plotly_chart(
    figure_or_data: Any,
    use_container_width: bool | None = None,
    *,
    width: int | str = "stretch",
    height: int | str = "content",
    theme: Literal["streamlit"] | None = "streamlit",
    key: str | int | None = None,
    on_select: Literal["ignore", "rerun"] | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] = ("points", "box", "lasso"),
    config: dict[str, Any] | None = None,
    alt: str | None = None,
) -> Any:
    """Draw a Plotly figure (plotly.js, loaded only by pages that show one).

    Args:
        figure_or_data: a ``plotly`` figure, a dict (``{"data": [...], "layout": {...}}``) or
            a list of traces.
        use_container_width: deprecated; True is ``width="stretch"``.
        width: ``"stretch"``, ``"content"`` (the figure's width) or pixels.
        height: ``"content"`` (the figure's height, 450 by default) or pixels.
        theme: ``"streamlit"`` (tidal's look, light and dark) or None (Plotly's own).
        key: the selection's key in ``st.session_state``.
        on_select: ``"ignore"``, ``"rerun"`` or a callback: what a selection does.
        selection_mode: ``"points"``, ``"box"``, ``"lasso"``, or several.
        config: plotly.js's config (``{"displayModeBar": False}``...).
        alt: text describing the chart for screen readers.

    Returns:
        The element's handle, or with ``on_select`` the selection state.

    Example:
        >>> st.plotly_chart({"data": [{"type": "scatter", "x": [1, 2, 3], "y": [3, 1, 2]}]})
    """
    if theme not in ("streamlit", None):
        raise StreamlitAPIException(
            f'You set theme="{theme}" while Streamlit charts only support theme="streamlit" '
            "or theme=None to fallback to the default library theme."
        )
    if on_select not in ("ignore", "rerun") and not callable(on_select):
        raise StreamlitAPIException(
            f"You have passed {on_select!r} to `on_select`. But only 'ignore', 'rerun', or a "
            "callable is supported."
        )
    if config is not None and not isinstance(config, dict):
        raise StreamlitAPIException(f"config must be a dict; got {type(config).__name__}.")
    spec = figure_json(figure_or_data)
    width, height = chart_size(width, height, use_container_width)
    props: dict[str, Any] = {
        "spec": spec,
        "config": json.dumps(config or {}, sort_keys=True),
        "theme": theme,
        "width": width,
        "height": height,
        "alt": alt,
    }
    if on_select == "ignore":
        return add_element(PLOTLY_TYPE, props, extra=figure_or_data)
    modes = parse_modes(selection_mode)
    props["selection_mode"] = modes
    value = register(
        get_run(),
        Spec(
            kind=PLOTLY_TYPE,
            label="",
            key=str(key) if isinstance(key, int) else key,
            identity=(spec, tuple(modes)),
            keyed_identity=(),
            default=empty_selection(),
            from_wire=lambda raw: check_selection(raw, modes),
            to_wire=lambda v: dict(v)["selection"],
            coerce=lambda v: (_from_state(v, modes), True),
            callback=on_select if callable(on_select) else None,
            props=props,
            extra=figure_or_data,
            send_value=False,
        ),
    )
    return value if isinstance(value, AttributeDict) else AttributeDict(value)


def _from_state(value: Any, modes: list[str]) -> AttributeDict:
    try:
        return check_selection(value, modes)
    except ValueError as exc:
        raise StreamlitAPIException(
            f"Invalid chart selection in st.session_state: {exc}."
        ) from None
