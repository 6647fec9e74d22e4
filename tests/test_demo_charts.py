"""The "Charts" page of the demo (``tidal hello``): every chart kind, a selection that filters."""

from __future__ import annotations

from tidal.testing import AppTest

DEMO = "../src/tidal/hello/app.py"


def open_charts() -> AppTest:
    at = AppTest.from_file(DEMO).run()
    return at.switch_page("pages/charts.py").run()


def test_the_charts_page_draws_every_chart_kind():
    at = open_charts()
    assert not at.exception
    charts = at.get("arrow_vega_lite_chart")
    marks = [c.spec["mark"]["type"] for c in charts]
    assert marks == ["line", "area", "bar", "circle", "bar"]
    for kind in ("plotly_chart", "echarts_chart", "map", "graphviz_chart", "mermaid_chart", "imgs"):
        assert len(at.get(kind)) == 1, kind


def test_a_box_on_the_plotly_chart_counts_its_points():
    at = open_charts()
    box = {"xref": "x", "yref": "y", "x": [1, 10], "y": [-50, 50]}
    at.get("plotly_chart")[0].select(point_indices=[0, 1, 2], box=[box]).run()
    assert "3 point(s) selected" in " ".join(c.value for c in at.caption)


def test_picking_a_month_shows_its_sales():
    at = open_charts()
    assert not at.table
    at.get("arrow_vega_lite_chart")[4].select("month", [{"month": "Feb"}]).run()
    assert not at.exception
    assert at.table[0].props["rows"] and all(r[1] == "Feb" for r in at.table[0].props["rows"])


def test_choosing_cities_changes_the_lines():
    at = open_charts()
    at.multiselect(key="charts_cities").select("Lima").run()
    fold = at.get("arrow_vega_lite_chart")[0].spec["transform"][0]["fold"]
    assert fold == ["Lisbon", "Oslo", "Lima"]
