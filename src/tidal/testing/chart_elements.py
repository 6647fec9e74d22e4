"""What a test gets back for a chart: ``at.get("arrow_vega_lite_chart")``, as Streamlit's
AppTest lists its Vega-Lite charts (``st.line_chart``... ``st.altair_chart``).

Owns ``VegaLiteChart``: ``.spec`` is the Vega-Lite spec (``.proto.spec`` its JSON text, as
Streamlit's), ``.value`` the data as the script passed it, ``.selection`` the selection state
of a chart with ``on_select``, staged with ``select(param, value)``; and ``PlotlyChart``
(``at.get("plotly_chart")``) and ``EChartsChart`` (``at.get("echarts_chart")``), staged with
``select(points=..., box=...)`` / ``select(selected=..., areas=...)``, and ``PydeckChart``
(``at.get("deck_gl_json_chart")``), staged with ``select(indices, objects)``. Registers them in
the wrapper table of ``elements.py``.
"""

from __future__ import annotations

import json
from typing import Any

from tidal.testing.elements import _MISSING, Element


class VegaLiteChart(Element):
    """A Vega-Lite chart. With ``on_select``, stage a selection and ``run()``:

    Example:
        >>> chart = at.get("arrow_vega_lite_chart")[0]
        >>> chart.select("brush", {"x": [1, 3]}).run()
    """

    @property
    def spec(self) -> dict[str, Any]:
        """The Vega-Lite spec (without the data, which is ``.value``)."""
        spec: dict[str, Any] = json.loads(self.props["spec"])
        return spec

    @property
    def value(self) -> Any:
        """The data as the script passed it (None for a spec with its own data)."""
        return self.node.extra

    @property
    def selection(self) -> Any:
        """The selection state (``{param: ...}``), or None for a chart without ``on_select``."""
        wid = self.props.get("id")
        if not isinstance(wid, str):
            return None
        staged = self._app._staged.get(wid, _MISSING)
        value = self.node.value if staged is _MISSING else staged
        return value["selection"]

    def select(self, param: str, value: Any) -> VegaLiteChart:
        """Stage ``value`` as the selection of parameter ``param`` (a list of points for a
        point selection, ``{field: [start, end]}`` for an interval; ``{}`` clears it).

        Raises:
            TypeError: the chart has no ``on_select``.
            ValueError: the chart has no such parameter, or the value has the wrong shape.
        """
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise TypeError("this chart has no selections: pass on_select='rerun'")
        current = dict(self.selection or {})
        current[param] = value
        meta = self._app._session.state.meta(wid)
        staged = {"selection": current}
        if meta is not None:
            staged = meta.from_wire(staged)
        self._app._staged[wid] = staged
        return self

    def set_value(self, value: Any) -> VegaLiteChart:
        """Stage a selection state as is (``{"selection": {...}}``); like a widget's
        ``set_value``, a value the chart would not take is dropped at the next run."""
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise TypeError("this chart has no selections: pass on_select='rerun'")
        self._app._staged[wid] = value
        return self

    def run(self, *, timeout: float | None = None) -> Any:
        """Run the app with the staged selection (same as ``at.run()``)."""
        return self._app.run(timeout=timeout)


class PlotlyChart(VegaLiteChart):
    """A Plotly chart: ``.spec`` is the figure as a dict; with ``on_select``, stage a selection
    with ``select(...)`` and ``run()``.

    Example:
        >>> at.get("plotly_chart")[0].select(points=[{"x": 1, "y": 2}], point_indices=[0]).run()
    """

    def select(  # type: ignore[override]
        self,
        *,
        points: list[dict[str, Any]] | None = None,
        point_indices: list[int] | None = None,
        box: list[dict[str, Any]] | None = None,
        lasso: list[dict[str, Any]] | None = None,
    ) -> PlotlyChart:
        """Stage a selection (parts not given are empty).

        Raises:
            TypeError: the chart has no ``on_select``.
            ValueError: a part of the wrong shape, or a kind ``selection_mode`` excludes.
        """
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise TypeError("this chart has no selections: pass on_select='rerun'")
        staged: Any = {
            "selection": {
                "points": points or [],
                "point_indices": point_indices or [],
                "box": box or [],
                "lasso": lasso or [],
            }
        }
        meta = self._app._session.state.meta(wid)
        if meta is not None:
            staged = meta.from_wire(staged)
        self._app._staged[wid] = staged
        return self


class EChartsChart(VegaLiteChart):
    """An ECharts chart (``at.get("echarts_chart")``): ``.spec`` is the option; with
    ``on_select``, stage a selection with ``select(selected=..., areas=...)`` and ``run()``."""

    def select(  # type: ignore[override]
        self,
        *,
        selected: list[dict[str, Any]] | None = None,
        areas: list[dict[str, Any]] | None = None,
    ) -> EChartsChart:
        """Stage a selection (parts not given are empty).

        Raises:
            TypeError: the chart has no ``on_select``.
            ValueError: a part of the wrong shape.
        """
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise TypeError("this chart has no selections: pass on_select='rerun'")
        staged: Any = {"selection": {"selected": selected or [], "areas": areas or []}}
        meta = self._app._session.state.meta(wid)
        if meta is not None:
            staged = meta.from_wire(staged)
        self._app._staged[wid] = staged
        return self


class PydeckChart(VegaLiteChart):
    """A deck.gl chart (``at.get("deck_gl_json_chart")``): ``.spec`` is the deck's JSON; with
    ``on_select``, stage a selection with ``select(indices=..., objects=...)`` and ``run()``.

    Example:
        >>> at.get("deck_gl_json_chart")[0].select({"pts": [0]}, {"pts": [{"n": 1}]}).run()
    """

    def select(  # type: ignore[override]
        self,
        indices: dict[str, list[int]] | None = None,
        objects: dict[str, list[dict[str, Any]]] | None = None,
    ) -> PydeckChart:
        """Stage a selection: the picked objects' indices and rows, by layer id (objects not
        given are empty dicts, one per index).

        Raises:
            TypeError: the chart has no ``on_select``.
            ValueError: a part of the wrong shape, or several objects with ``"single-object"``.
        """
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise TypeError("this chart has no selections: pass on_select='rerun'")
        indices = indices or {}
        if objects is None:
            objects = {layer: [{} for _ in picked] for layer, picked in indices.items()}
        staged: Any = {"selection": {"indices": indices, "objects": objects}}
        meta = self._app._session.state.meta(wid)
        if meta is not None:
            staged = meta.from_wire(staged)
        self._app._staged[wid] = staged
        return self


CHART_CLASSES: dict[str, type[Element]] = {
    "arrow_vega_lite_chart": VegaLiteChart,
    "deck_gl_json_chart": PydeckChart,
    "echarts_chart": EChartsChart,
    "plotly_chart": PlotlyChart,
}
"""The wrapper of each chart type (``wrappers.py`` looks types up here)."""
