"""``st.vega_lite_chart`` and ``st.altair_chart``, with their selections.

Owns the two functions, the checks of a spec (a dict, a known ``theme``), the move of a spec's
inline datasets into compact columns (``chart_data.py``), and the chart selections: with
``on_select``, the chart is a widget whose value is Streamlit's ``VegaLiteState``,
``{"selection": {param name: value}}``, where a point selection's value is a list of the
selected points (``[{field: value, ...}]``) and an interval selection's a dict of
``{field: [start, end]}`` (an empty dict when nothing is selected). What the browser sends is
checked against the spec's selection parameters before it reaches session state. Altair is
imported by nobody here: an Altair chart is read through its ``to_dict()``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from tidal.api.builtin_charts import CHART_TYPE, chart_size
from tidal.api.chart_data import encode_table
from tidal.api.handle import add_element
from tidal.api.selection import AttributeDict
from tidal.context import api_function, get_run
from tidal.dataframes import to_table
from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, register

MAX_POINTS = 10_000
"""Most points a point selection from the browser may hold."""
_SCALAR = (str, int, float, bool, type(None))


MARKS = frozenset(
    {
        "arc", "area", "bar", "image", "line", "point", "rect", "rule", "text", "tick", "trail",
        "circle", "square", "geoshape", "boxplot", "errorband", "errorbar",
    }
)  # fmt: skip
"""Vega-Lite's marks (and composite marks)."""


def check_marks(spec: Any) -> None:
    """Refuse a mark Vega-Lite does not know, anywhere in the spec, naming it.

    Raises:
        StreamlitAPIException: an unknown mark.
    """
    if isinstance(spec, Mapping):
        mark = spec.get("mark")
        kind = mark.get("type") if isinstance(mark, Mapping) else mark
        if mark is not None and kind not in MARKS:
            raise StreamlitAPIException(
                f"{kind!r} is not a Vega-Lite mark. Use one of: {', '.join(sorted(MARKS))}."
            )
        for k, v in spec.items():
            if k not in ("data", "datasets"):
                check_marks(v)
    elif isinstance(spec, list):
        for item in spec:
            check_marks(item)


def _check_theme(theme: object) -> None:
    if theme not in ("streamlit", None):
        raise StreamlitAPIException(
            f'You set theme="{theme}" while Streamlit charts only support theme="streamlit" '
            "or theme=None to fallback to the default library theme."
        )


def selection_params(spec: Mapping[str, Any]) -> dict[str, str]:
    """The spec's selection parameters, anywhere in it: ``{name: "point" | "interval"}``.

    Example:
        >>> selection_params({"params": [{"name": "p", "select": "point"}], "mark": "bar"})
        {'p': 'point'}
    """
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for param in node.get("params") or []:
                if isinstance(param, Mapping) and "select" in param and "name" in param:
                    select = param["select"]
                    kind = select.get("type") if isinstance(select, Mapping) else select
                    if param.get("bind") != "scales":  # pan/zoom, not a selection
                        found[str(param["name"])] = str(kind)
            for k, v in node.items():
                if k not in ("params", "data", "datasets"):
                    walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


def _check_point(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > MAX_POINTS:
        raise ValueError(f"a point selection is a list of at most {MAX_POINTS} points")
    out: list[dict[str, Any]] = []
    for point in value:
        if not isinstance(point, dict) or not all(
            isinstance(k, str) and isinstance(v, _SCALAR) for k, v in point.items()
        ):
            raise ValueError(f"a selected point is a dict of field -> value; got {point!r}")
        out.append(dict(point))
    return out


def _check_interval(value: Any) -> dict[str, list[Any]]:
    if not isinstance(value, dict):
        raise ValueError("an interval selection is a dict of field -> [start, end]")
    out: dict[str, list[Any]] = {}
    for field, extent in value.items():
        if not isinstance(extent, list) or len(extent) > MAX_POINTS:
            raise ValueError(f"the interval of {field!r} must be a list; got {extent!r}")
        if not all(isinstance(v, _SCALAR) for v in extent):
            raise ValueError(f"the interval of {field!r} holds a value that is not a scalar")
        out[str(field)] = list(extent)
    return out


def check_selection(raw: Any, params: Mapping[str, str]) -> AttributeDict:
    """A selection from the browser (or a test), validated against the spec's parameters.

    Accepts ``{"selection": {name: value}}`` or the inner dict; names not given are empty.

    Raises:
        ValueError: an unknown parameter or a value of the wrong shape.
    """
    if isinstance(raw, dict) and "selection" in raw:
        raw = raw["selection"]
    if not isinstance(raw, dict):
        raise ValueError("expected {parameter name: selection}")
    selection: dict[str, Any] = {name: {} for name in params}
    for name, value in raw.items():
        if name not in params:
            raise ValueError(f"no selection parameter {name!r} (the chart has {list(params)})")
        if value in ({}, None, []):
            continue
        checker = _check_interval if params[name] == "interval" else _check_point
        selection[name] = checker(value)
    return AttributeDict({"selection": selection})


def _modes(selection_mode: str | Iterable[str] | None, params: Mapping[str, str]) -> list[str]:
    if not params:
        raise StreamlitAPIException(
            "Selections are activated, but the provided chart spec does not have any "
            "selections defined. To add selections to st.altair_chart, check out the "
            "documentation here: https://altair-viz.github.io/user_guide/interactions.html"
            "#selections-capturing-chart-interactions"
        )
    if selection_mode is None:
        return list(params)
    names = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)
    for name in names:
        if name not in params:
            raise StreamlitAPIException(
                f"Selection parameter '{name}' is not defined in the chart spec. Available "
                f"selection parameters are: {list(params)}."
            )
    return names


def _datasets(spec: dict[str, Any]) -> dict[str, Any]:
    """Move the spec's named datasets out of it, as compact columns."""
    raw = spec.pop("datasets", None) or {}
    return {str(name): encode_table(to_table(rows)) for name, rows in raw.items()}


def _draw(
    command: str,
    data: Any,
    spec: dict[str, Any],
    *,
    width: Any,
    height: Any,
    use_container_width: bool | None,
    theme: str | None,
    key: str | int | None,
    on_select: str | Callable[..., Any],
    selection_mode: str | Iterable[str] | None,
) -> Any:
    _check_theme(theme)
    if on_select not in ("ignore", "rerun") and not callable(on_select):
        raise StreamlitAPIException(
            f"You have passed {on_select!r} to `on_select`. But only 'ignore', 'rerun', or a "
            "callable is supported."
        )
    if width is None:
        width = "content" if "width" in spec else "stretch"
    width, height = chart_size(width, height, use_container_width)
    spec = dict(spec)
    check_marks(spec)
    datasets = _datasets(spec)
    table = to_table(data, command=command) if data is not None else None
    spec_json = json.dumps(spec, sort_keys=True, default=str)
    props: dict[str, Any] = {
        "spec": spec_json,
        "data": encode_table(table) if table is not None else None,
        "datasets": datasets,
        "theme": theme,
        "width": width,
        "height": height,
        "vega_lite_chart": True,
        "chart_command": command,
    }
    if on_select == "ignore":
        return add_element(CHART_TYPE, props, extra=data)
    params = selection_params(spec)
    modes = _modes(selection_mode, params)
    chosen = {name: params[name] for name in modes}
    props["selection_mode"] = modes
    empty = AttributeDict({"selection": {name: {} for name in chosen}})
    value = register(
        get_run(),
        Spec(
            kind=CHART_TYPE,
            label="",
            key=str(key) if isinstance(key, int) else key,
            identity=(spec_json, tuple(modes)),
            keyed_identity=(),
            default=empty,
            from_wire=lambda raw: check_selection(raw, chosen),
            to_wire=lambda v: dict(v)["selection"],
            send_value=False,
            coerce=lambda v: (_from_state(v, chosen), True),
            callback=on_select if callable(on_select) else None,
            props=props,
            extra=data,
        ),
    )
    return value if isinstance(value, AttributeDict) else AttributeDict(value)


def _from_state(value: Any, params: Mapping[str, str]) -> AttributeDict:
    try:
        return check_selection(value, params)
    except ValueError as exc:
        raise StreamlitAPIException(
            f"Invalid chart selection in st.session_state: {exc}."
        ) from None


@api_function
def vega_lite_chart(
    data: Any = None,
    spec: dict[str, Any] | None = None,
    *,
    width: int | Literal["stretch", "content"] | None = None,
    height: int | Literal["stretch", "content"] = "content",
    use_container_width: bool | None = None,
    theme: Literal["streamlit"] | None = "streamlit",
    key: str | int | None = None,
    on_select: Literal["ignore", "rerun"] | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Any:
    """Draw a chart from a Vega-Lite spec (layered, faceted, concatenated, interactive).

    Args:
        data: the data the spec's ``data`` refers to (anything ``st.dataframe`` takes), or the
            spec itself when ``spec`` is None.
        spec: the Vega-Lite spec, as a dict.
        width: ``"stretch"``, ``"content"`` or pixels (None: the spec's width, else stretch).
        height: ``"content"``, ``"stretch"`` or pixels.
        use_container_width: deprecated; True is ``width="stretch"``.
        theme: ``"streamlit"`` (tidal's look, light and dark) or None (Vega-Lite's own).
        key: the selection's key in ``st.session_state``.
        on_select: ``"ignore"``, ``"rerun"`` or a callback: what a selection in the chart does.
        selection_mode: the selection parameter(s) to report (None: all of the spec's).
        alt: text describing the chart for screen readers.

    Returns:
        The element's handle, or with ``on_select`` the selection state
        (``{"selection": {param: ...}}``, readable by attribute).

    Example:
        >>> st.vega_lite_chart({"a": [1, 2, 3], "b": [3, 1, 2]}, {
        ...     "mark": "bar",
        ...     "encoding": {"x": {"field": "a", "type": "ordinal"},
        ...                  "y": {"field": "b", "type": "quantitative"}}})
    """
    if spec is None and isinstance(data, Mapping) and _looks_like_spec(data):
        data, spec = None, dict(data)
    if not spec:
        raise StreamlitAPIException("Vega-Lite charts require a non-empty spec dict.")
    if not isinstance(spec, Mapping):
        raise StreamlitAPIException(
            f"st.vega_lite_chart takes the spec as a dict; got {type(spec).__name__}. Pass a "
            "dict (for a JSON string, json.loads it first)."
        )
    return _draw(
        "st.vega_lite_chart", data, dict(spec), width=width, height=height,
        use_container_width=use_container_width, theme=theme, key=key, on_select=on_select,
        selection_mode=selection_mode,
    )  # fmt: skip


_GENERATED = re.compile(r"\b((?:param|view)_\d+)\b")


def stable_names(spec: dict[str, Any]) -> dict[str, Any]:
    """Altair numbers its unnamed parameters and views from a process-wide counter
    (``param_7``, ``view_12``): renumber them from 1 in order of appearance, so the same chart
    gets the same spec (and the same selection widget) on every run.

    Example:
        >>> stable_names({"params": [{"name": "param_7", "select": "point"}]})
        {'params': [{'name': 'param_1', 'select': 'point'}]}
    """
    text = json.dumps(spec)
    renames: dict[str, str] = {}
    counts = {"param": 0, "view": 0}
    for name in _GENERATED.findall(text):
        if name not in renames:
            prefix = name.split("_", 1)[0]
            counts[prefix] += 1
            renames[name] = f"{prefix}_{counts[prefix]}"
    if not renames:
        return spec
    text = _GENERATED.sub(lambda m: renames[m.group(1)], text)
    return json.loads(text)  # type: ignore[no-any-return]


_SPEC_KEYS = frozenset(
    {"mark", "layer", "facet", "hconcat", "vconcat", "concat", "repeat", "spec", "$schema"}
)


def _looks_like_spec(d: Mapping[Any, Any]) -> bool:
    return any(k in _SPEC_KEYS for k in d)


@api_function
def altair_chart(
    altair_chart: Any,
    *,
    width: int | Literal["stretch", "content"] | None = None,
    height: int | Literal["stretch", "content"] = "content",
    use_container_width: bool | None = None,
    theme: Literal["streamlit"] | None = "streamlit",
    key: str | int | None = None,
    on_select: Literal["ignore", "rerun"] | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Any:
    """Draw an Altair chart (any chart Altair can turn into Vega-Lite); same parameters as
    ``st.vega_lite_chart``.

    Example:
        >>> import altair as alt
        >>> chart = alt.Chart(df).mark_point().encode(x="a", y="b")
        >>> st.altair_chart(chart)
    """
    to_dict = getattr(altair_chart, "to_dict", None)
    if not callable(to_dict):
        raise StreamlitAPIException(
            f"st.altair_chart takes an Altair chart; got {type(altair_chart).__name__}. For a "
            "Vega-Lite spec as a dict, use st.vega_lite_chart."
        )
    spec = stable_names(to_dict())
    return _draw(
        "st.altair_chart", None, spec, width=width, height=height,
        use_container_width=use_container_width, theme=theme, key=key, on_select=on_select,
        selection_mode=selection_mode,
    )  # fmt: skip
