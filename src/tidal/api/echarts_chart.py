"""``st.echarts_chart``: an Apache ECharts option drawn in the browser, with selections.

Owns the function: the option as a dict, JSON text or a pyecharts chart (its
``dump_options()``), checked (JSON only: JavaScript callbacks and the series of extensions
that are not bundled, such as ECharts GL, are refused with the reason), a frame-like
``dataset.source`` turned into records, and the selections: with ``on_select``, the chart is a
widget whose value is Streamlit's ``EChartsState``, ``{"selection": {"selected": [...],
"areas": [...]}}``, checked before it reaches session state. Knows nothing about drawing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

from tidal.api.builtin_charts import chart_size
from tidal.api.handle import add_element
from tidal.api.selection import AttributeDict
from tidal.context import api_function, get_run
from tidal.dataframes import is_dataframe_like, to_table
from tidal.errors import StreamlitAPIException
from tidal.tables import json_value
from tidal.widgets import Spec, register

ECHARTS_TYPE = "echarts_chart"
MAX_ITEMS = 10_000
GL_SERIES = frozenset(
    {
        "bar3D", "flowGL", "globe", "graphGL", "line3D", "lines3D", "linesGL", "map3D",
        "polygons3D", "scatter3D", "scatterGL", "surface",
    }
)  # fmt: skip
"""Series of the ECharts GL extension, which is not bundled."""
_JS = re.compile(r"\bfunction\s*\(|=>")
_JSCODE = "--x_x--"  # how pyecharts marks JavaScript it wants run


def _javascript_error() -> StreamlitAPIException:
    return StreamlitAPIException(
        "This ECharts option holds JavaScript (a function or a pyecharts JsCode), which "
        "st.echarts_chart does not run: it takes JSON-compatible options only. Use ECharts' "
        'string templates instead (for example "formatter": "{b}: {c}").'
    )


def _holds_jscode(value: Any) -> bool:
    if isinstance(value, str):
        v = value.strip()
        return v.startswith(_JSCODE) and v.endswith(_JSCODE) and len(v) > 2 * len(_JSCODE)
    if isinstance(value, dict):
        return any(_holds_jscode(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_jscode(v) for v in value)
    return False


def _from_json(text: str) -> Any:
    try:
        option = json.loads(text)
    except ValueError as exc:
        rest = text[getattr(exc, "pos", 0) :]
        if _JS.search(rest):
            raise _javascript_error() from None
        raise StreamlitAPIException(
            f"This ECharts option is not valid JSON ({exc}). st.echarts_chart takes a dict, "
            "JSON text or a pyecharts chart."
        ) from None
    if _holds_jscode(option):
        raise _javascript_error()
    return option


def to_option(spec: Any) -> dict[str, Any]:
    """The ECharts option of a dict, JSON text or pyecharts chart, checked.

    Raises:
        StreamlitAPIException: another type, invalid JSON, JavaScript, or a series of an
            extension that is not bundled.

    Example:
        >>> to_option('{"series": [{"type": "bar", "data": [1, 2]}]}')["series"][0]["type"]
        'bar'
    """
    dump = getattr(spec, "dump_options", None)
    if callable(dump):
        option: Any = _from_json(str(dump()))
    elif isinstance(spec, str):
        option = _from_json(spec)
    elif isinstance(spec, Mapping):
        option = dict(spec)
        if _holds_jscode(option):
            raise _javascript_error()
    else:
        raise StreamlitAPIException(
            f"st.echarts_chart takes an ECharts option as a dict, JSON text or a pyecharts "
            f"chart; got {type(spec).__name__}."
        )
    if not isinstance(option, dict):
        raise StreamlitAPIException("An ECharts option is a JSON object ({...}).")
    series = option.get("series") or []
    for s in series if isinstance(series, list) else [series]:
        kind = s.get("type") if isinstance(s, dict) else None
        if kind in GL_SERIES:
            raise StreamlitAPIException(
                f'The ECharts series type "{kind}" needs the ECharts GL extension, which '
                "st.echarts_chart does not include. Use a 2D series type."
            )
        if kind == "custom":
            raise StreamlitAPIException(
                'The ECharts "custom" series needs a JavaScript renderItem function, which '
                "st.echarts_chart does not run. Use a built-in series type."
            )
    _convert_datasets(option)
    return option


def _convert_datasets(option: dict[str, Any]) -> None:
    """A frame-like ``dataset.source`` becomes records, its columns the ``dimensions``."""
    datasets = option.get("dataset")
    for ds in datasets if isinstance(datasets, list) else [datasets]:
        if not isinstance(ds, dict) or not is_dataframe_like(ds.get("source")):
            continue
        table = to_table(ds["source"], command="st.echarts_chart")
        names = [c.name for c in table.columns]
        ds["source"] = [
            {name: json_value(c.values[i]) for name, c in zip(names, table.columns, strict=True)}
            for i in range(table.nrows)
        ]
        ds.setdefault("dimensions", names)


def _json_default(value: Any) -> Any:
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    return json_value(value)


def empty_selection() -> AttributeDict:
    """Nothing selected."""
    return AttributeDict({"selection": {"selected": [], "areas": []}})


def _index(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _coords(v: Any, depth: int = 0) -> bool:
    if isinstance(v, list) and depth < 3:
        return all(_coords(x, depth + 1) for x in v)
    return isinstance(v, int | float | str) and not isinstance(v, bool)


def check_selection(raw: Any) -> AttributeDict:
    """A selection from the browser (or a test), validated.

    Raises:
        ValueError: a part of the wrong shape.
    """
    if isinstance(raw, dict) and "selection" in raw:
        raw = raw["selection"]
    if not isinstance(raw, dict) or set(raw) - {"selected", "areas"}:
        raise ValueError("expected {'selected': [...], 'areas': [...]}")
    selected, areas = raw.get("selected") or [], raw.get("areas") or []
    if not isinstance(selected, list) or not isinstance(areas, list):
        raise ValueError("selected and areas are lists")
    if len(selected) > MAX_ITEMS or len(areas) > MAX_ITEMS:
        raise ValueError(f"at most {MAX_ITEMS} selected series and areas")
    out_selected = []
    for s in selected:
        if not isinstance(s, dict) or not _index(s.get("series_index")):
            raise ValueError(f"a selected entry needs a series_index; got {s!r}")
        indices = s.get("data_indices")
        if not isinstance(indices, list) or not all(_index(i) for i in indices):
            raise ValueError("data_indices is a list of non-negative ints")
        for k in ("series_id", "series_name", "data_type"):
            if not isinstance(s.get(k), str | None):
                raise ValueError(f"{k} is text or None")
        out_selected.append(
            {
                "series_index": s["series_index"],
                "series_id": s.get("series_id"),
                "series_name": s.get("series_name"),
                "data_type": s.get("data_type"),
                "data_indices": list(indices),
            }
        )
    out_areas = []
    for a in areas:
        if not isinstance(a, dict) or not _index(a.get("brush_index")):
            raise ValueError(f"an area needs a brush_index; got {a!r}")
        if not isinstance(a.get("brush_type"), str) or not _coords(a.get("coord_range")):
            raise ValueError("an area needs a brush_type and a coord_range of numbers")
        out_areas.append(
            {
                "brush_index": a["brush_index"],
                "brush_type": a["brush_type"],
                "coord_range": a["coord_range"],
            }
        )
    return AttributeDict({"selection": {"selected": out_selected, "areas": out_areas}})


@api_function
def echarts_chart(
    spec: Any,
    *,
    width: int | str = "stretch",
    height: int | str = "content",
    theme: Literal["streamlit"] | None = "streamlit",
    key: str | int | None = None,
    on_select: Literal["ignore", "rerun"] | Callable[..., Any] = "ignore",
    renderer: Literal["canvas", "svg"] = "canvas",
    alt: str | None = None,
) -> Any:
    """Draw an Apache ECharts chart from its option.

    Args:
        spec: the option, as a dict, JSON text or a pyecharts chart. Put long data in
            ``dataset.source`` (a frame is turned into records).
        width: ``"stretch"``, ``"content"`` (700 pixels) or pixels.
        height: ``"content"`` (350 pixels) or pixels.
        theme: ``"streamlit"`` (tidal's look, light and dark) or None (ECharts' own).
        key: the selection's key in ``st.session_state``.
        on_select: ``"ignore"``, ``"rerun"`` or a callback: what a selection does (the option
            enables selections with ``selectedMode`` on a series or a ``brush``).
        renderer: ``"canvas"`` or ``"svg"``.
        alt: text describing the chart for screen readers.

    Returns:
        The element's handle, or with ``on_select`` the selection state
        (``{"selection": {"selected": [...], "areas": [...]}}``).

    Example:
        >>> st.echarts_chart({"xAxis": {"type": "category", "data": ["a", "b"]},
        ...                   "yAxis": {}, "series": [{"type": "bar", "data": [3, 5]}]})
    """
    if theme not in ("streamlit", None):
        raise StreamlitAPIException(
            f'You set theme="{theme}" while Streamlit charts only support theme="streamlit" '
            "or theme=None to fallback to the default library theme."
        )
    if renderer not in ("canvas", "svg"):
        raise StreamlitAPIException(f'renderer must be "canvas" or "svg"; got {renderer!r}.')
    if on_select not in ("ignore", "rerun") and not callable(on_select):
        raise StreamlitAPIException(
            f"You have passed {on_select!r} to `on_select`. But only 'ignore', 'rerun', or a "
            "callable is supported."
        )
    option = to_option(spec)
    text = json.dumps(option, default=_json_default, sort_keys=True)
    width, height = chart_size(width, height, None)
    props: dict[str, Any] = {
        "spec": text,
        "theme": theme,
        "renderer": renderer,
        "width": width,
        "height": height,
        "alt": alt,
    }
    if on_select == "ignore":
        return add_element(ECHARTS_TYPE, props, extra=spec)
    props["selectable"] = True
    value = register(
        get_run(),
        Spec(
            kind=ECHARTS_TYPE,
            label="",
            key=str(key) if isinstance(key, int) else key,
            identity=(text,),
            keyed_identity=(),
            default=empty_selection(),
            from_wire=check_selection,
            to_wire=lambda v: dict(v)["selection"],
            callback=on_select if callable(on_select) else None,
            props=props,
            extra=spec,
            send_value=False,
            readonly=True,
        ),
    )
    return value if isinstance(value, AttributeDict) else AttributeDict(value)
