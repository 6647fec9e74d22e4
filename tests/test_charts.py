"""The Vega-Lite charts in AppTest: st.line_chart, area_chart, bar_chart, scatter_chart build
Streamlit's spec from the data; st.vega_lite_chart and st.altair_chart take any spec; chart
selections land in session state and run callbacks; bad input gets a clear error."""

from __future__ import annotations

import base64
import json
from typing import Any

import altair  # noqa: F401  (cold-imported once here, not inside an app's 3 s first run)
import numpy as np
import pandas as pd
import pytest

from tidal.api.builtin_charts import INDEX, MELTED_COLOR, MELTED_VALUE
from tidal.api.chart_data import encode_table
from tidal.api.vega_charts import stable_names
from tidal.dataframes import to_table

CHART = "arrow_vega_lite_chart"


def _one(at: Any) -> Any:
    assert not at.exception, at.exception
    charts = at.get(CHART)
    assert len(charts) == 1
    return charts[0]


def _spec(app_test: Any, call: str, setup: str = "") -> dict[str, Any]:
    at = app_test(f"import tidal as st\nimport pandas as pd\nimport numpy as np\n{setup}\n{call}")
    spec: dict[str, Any] = _one(at.run()).spec
    return spec


WIDE = "df = pd.DataFrame({'a': [1.0, 2.0, 3.0], 'b': [3.0, 2.0, 1.0]})"


# ----------------------------------------------------------------------------- built-in charts
def test_a_wide_frame_draws_one_line_per_column_folded_in_the_browser(app_test):
    spec = _spec(app_test, "st.line_chart(df)", WIDE)
    assert spec["mark"]["type"] == "line"
    assert spec["transform"] == [{"fold": ["a", "b"], "as": [MELTED_COLOR, MELTED_VALUE]}]
    enc = spec["encoding"]
    assert enc["x"] == {"field": INDEX, "type": "quantitative", "title": None}
    assert enc["y"] == {"field": MELTED_VALUE, "type": "quantitative", "title": None}
    assert enc["color"]["field"] == MELTED_COLOR
    assert enc["color"]["legend"] == {"orient": "bottom"}
    assert enc["color"]["scale"] == {"domain": ["a", "b"]}
    assert [t["field"] for t in enc["tooltip"]] == [INDEX, MELTED_VALUE, MELTED_COLOR]


def test_one_y_column_is_drawn_as_is_and_titles_its_axes(app_test):
    spec = _spec(app_test, "st.line_chart(df, x='a', y='b')", WIDE)
    assert "transform" not in spec and "color" not in spec["encoding"]
    assert spec["encoding"]["x"]["field"] == "a" and spec["encoding"]["x"]["title"] == "a"
    assert spec["encoding"]["y"]["field"] == "b" and spec["encoding"]["y"]["title"] == "b"


def test_labels_replace_the_axis_titles(app_test):
    spec = _spec(app_test, "st.area_chart(df, x_label='time', y_label='amount')", WIDE)
    assert spec["encoding"]["x"]["title"] == "time"
    assert spec["encoding"]["y"]["title"] == "amount"


def test_dates_go_on_a_time_axis_and_travel_as_epoch_milliseconds(app_test):
    at = app_test(
        """
        import tidal as st, pandas as pd
        df = pd.DataFrame({"day": pd.date_range("2024-01-01", periods=3), "v": [1, 2, 3]})
        st.line_chart(df, x="day", y="v")
        """
    ).run()
    chart = _one(at)
    assert chart.spec["encoding"]["x"]["type"] == "temporal"
    assert chart.spec["encoding"]["x"]["scale"] == {"type": "utc"}
    cols = dict(chart.props["data"]["cols"])
    assert cols["day"] == {"v": [1704067200000.0, 1704153600000.0, 1704240000000.0]}


def test_text_columns_are_nominal_and_bar_numbers_ordinal(app_test):
    spec = _spec(app_test, "st.bar_chart({'k': ['x', 'y'], 'v': [1, 2]}, x='k')")
    assert spec["encoding"]["x"]["type"] == "nominal"
    spec = _spec(app_test, "st.bar_chart({'k': [1, 2], 'v': [1, 2]}, x='k')")
    assert spec["encoding"]["x"]["type"] == "ordinal"


def test_a_color_column_splits_the_series_with_its_name_as_legend_title(app_test):
    spec = _spec(
        app_test,
        "st.scatter_chart({'x': [1, 2], 'y': [2, 1], 'kind': ['p', 'q']}, x='x', y='y', "
        "color='kind')",
    )
    assert spec["encoding"]["color"]["field"] == "kind"
    assert spec["encoding"]["color"]["title"] == "kind"
    assert spec["mark"]["type"] == "circle"


def test_a_color_column_of_colours_is_used_as_is(app_test):
    spec = _spec(
        app_test,
        "st.scatter_chart({'x': [1, 2], 'y': [2, 1], 'c': ['#ff0000', '#00ff00']}, x='x', "
        "y='y', color='c')",
    )
    assert spec["encoding"]["color"]["scale"] is None


def test_colours_for_several_series_become_the_colour_range(app_test):
    spec = _spec(app_test, "st.line_chart(df, color=['#ff0000', (0, 0, 255)])", WIDE)
    assert spec["encoding"]["color"]["scale"]["range"] == ["#ff0000", "rgba(0, 0, 255, 1)"]
    spec = _spec(app_test, "st.line_chart(df, y='a', color='#123456')", WIDE)
    assert spec["mark"]["color"] == "#123456"


def test_size_is_a_column_or_one_size(app_test):
    spec = _spec(app_test, "st.scatter_chart(df, x='a', y='b', size='a')", WIDE)
    assert spec["encoding"]["size"] == {"field": "a", "type": "quantitative", "title": "a"}
    spec = _spec(app_test, "st.scatter_chart(df, x='a', y='b', size=80)", WIDE)
    assert spec["mark"]["size"] == 80


def test_a_horizontal_bar_chart_swaps_its_axes(app_test):
    spec = _spec(app_test, "st.bar_chart({'k': ['x', 'y'], 'v': [1, 2]}, x='k', horizontal=True)")
    assert spec["encoding"]["y"]["field"] == "k" and spec["encoding"]["x"]["field"] == "v"


@pytest.mark.parametrize(
    ("stack", "y_stack", "extra"),
    [
        ("True", "zero", None),
        ("'normalize'", "normalize", None),
        ("'center'", "center", None),
        ("'layered'", None, ("mark", "opacity", 0.7)),
        ("False", None, ("encoding", "xOffset", {"field": MELTED_COLOR})),
    ],
)
def test_bar_stacking(app_test, stack, y_stack, extra):
    spec = _spec(app_test, f"st.bar_chart(df, stack={stack})", WIDE)
    assert spec["encoding"]["y"]["stack"] == y_stack
    if extra:
        assert spec[extra[0]][extra[1]] == extra[2]


def test_an_area_chart_stacks_by_default_and_layers_with_stack_false(app_test):
    assert "stack" not in _spec(app_test, "st.area_chart(df)", WIDE)["encoding"]["y"]
    spec = _spec(app_test, "st.area_chart(df, stack=False)", WIDE)
    assert spec["encoding"]["y"]["stack"] is None and spec["mark"]["opacity"] == 0.7


def test_bar_sorting(app_test):
    call = "st.bar_chart({'k': ['x', 'y'], 'v': [1, 2]}, x='k', sort=%s)"
    assert "sort" not in _spec(app_test, call % "True")["encoding"]["x"]
    assert _spec(app_test, call % "False")["encoding"]["x"]["sort"] is None
    assert _spec(app_test, call % "'-v'")["encoding"]["x"]["sort"] == {
        "field": "v",
        "op": "sum",
        "order": "descending",
    }


def test_line_area_and_scatter_charts_zoom_and_bar_charts_do_not(app_test):
    for kind in ("line", "area", "scatter"):
        spec = _spec(app_test, f"st.{kind}_chart(df)", WIDE)
        assert spec["params"] == [{"name": "zoom", "select": "interval", "bind": "scales"}]
    assert "params" not in _spec(app_test, "st.bar_chart(df)", WIDE)


def test_a_chart_returns_a_handle_and_keeps_the_data_as_given(app_test):
    at = app_test(
        """
        import tidal as st, pandas as pd
        df = pd.DataFrame({"a": [1, 2]})
        h = st.line_chart(df)
        h.text("replaced")
        st.bar_chart(df, width=300, height=200)
        """
    ).run()
    assert [t.value for t in at.text] == ["replaced"]
    chart = _one(at)
    assert isinstance(chart.value, pd.DataFrame)
    assert (chart.props["width"], chart.props["height"]) == (300, 200)


def test_only_the_columns_the_chart_reads_are_sent(app_test):
    at = app_test(
        "import tidal as st\nst.line_chart({'a': [1], 'b': [2], 'unused': ['x']}, x='a', y='b')"
    ).run()
    assert [name for name, _ in _one(at).props["data"]["cols"]] == ["a", "b"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.line_chart(df, x='nope')", 'Data does not have a column named "nope"'),
        ("st.line_chart(df, y=['a', 'zz'])", 'Data does not have a column named "zz"'),
        ("st.scatter_chart(df, size='zz')", 'Data does not have a column named "zz"'),
        ("st.bar_chart(df, sort='-zz')", 'Data does not have a column named "zz"'),
        ("st.line_chart(df, color=['#ff0000'] * 3)", "must have the same length"),
        ("st.bar_chart(df, stack='up')", "Invalid value for stack parameter"),
        ("st.area_chart(df, stack='layered')", "Invalid value for stack parameter"),
        ("st.line_chart(df, width='wide')", "Invalid width value"),
        ("st.line_chart(df, color=42)", "not look like a valid color"),
        ("st.line_chart(object())", "cannot show an object of type"),
    ],
)
def test_bad_chart_arguments_raise_a_clear_error(app_test, call, message):
    at = app_test(f"import tidal as st\nimport pandas as pd\n{WIDE}\n{call}").run()
    assert len(at.exception) == 1
    assert message in at.exception[0].value
    assert not at.get(CHART)


# ----------------------------------------------------------------------------- wire data
def test_numbers_travel_as_bytes_and_the_index_as_a_range():
    n = 1000
    table = to_table(pd.DataFrame({"f": np.linspace(0, 1, n), "i": np.arange(n)}))
    data = encode_table(table, index="ix")
    cols = dict(data["cols"])
    assert data["n"] == n
    assert cols["ix"] == {"r": [0, 1]}
    f = np.frombuffer(base64.b64decode(cols["f"]["f8"]), "<f8")
    assert np.array_equal(f, np.linspace(0, 1, n))
    i = np.frombuffer(base64.b64decode(cols["i"]["i4"]), "<i4")
    assert np.array_equal(i, np.arange(n))


def test_the_same_data_gives_the_very_same_encoding():
    df = pd.DataFrame({"v": np.arange(500.0)})
    assert encode_table(to_table(df)) is encode_table(to_table(df.copy()))


def test_a_redrawn_chart_with_the_same_data_has_equal_props(app_test):
    at = app_test(
        """
        import tidal as st, numpy as np
        st.button("again")
        st.line_chart(np.arange(1000.0))
        """
    ).run()
    before = dict(_one(at).props)
    at.button[0].click().run()
    assert _one(at).props == before


# ----------------------------------------------------------------------------- vega-lite
SPEC = (
    "{'mark': 'point', 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}, "
    "'y': {'field': 'b', 'type': 'quantitative'}}}"
)


def test_vega_lite_chart_sends_the_spec_and_the_data_apart(app_test):
    at = app_test(f"import tidal as st\nst.vega_lite_chart({{'a': [1], 'b': [2]}}, {SPEC})").run()
    chart = _one(at)
    assert chart.spec["mark"] == "point" and "data" not in chart.spec
    assert json.loads(chart.proto.spec) == chart.spec  # as Streamlit's proto: JSON text
    assert dict(chart.props["data"]["cols"]) == {"a": {"v": [1]}, "b": {"v": [2]}}
    assert chart.props["theme"] == "streamlit" and chart.props["width"] == "stretch"


def test_the_spec_may_come_first_with_its_own_data(app_test):
    at = app_test(
        "import tidal as st\n"
        "st.vega_lite_chart({'data': {'values': [{'a': 1}]}, 'mark': 'bar', 'width': 200}, "
        "theme=None)"
    ).run()
    chart = _one(at)
    assert chart.spec["data"] == {"values": [{"a": 1}]}
    assert chart.props["data"] is None and chart.props["theme"] is None
    assert chart.props["width"] == "content"  # the spec sets its width


def test_named_datasets_leave_the_spec_as_compact_columns(app_test):
    at = app_test(
        "import tidal as st\n"
        "st.vega_lite_chart(None, {'data': {'name': 'd1'}, 'mark': 'bar', "
        "'datasets': {'d1': [{'a': 1}, {'a': 2}]}})"
    ).run()
    chart = _one(at)
    assert "datasets" not in chart.spec
    assert chart.props["datasets"] == {"d1": {"n": 2, "cols": [["a", {"v": [1, 2]}]]}}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.vega_lite_chart({'a': [1]})", "Vega-Lite charts require a non-empty spec dict."),
        ("st.vega_lite_chart(None, {'mark': 'blob'})", "'blob' is not a Vega-Lite mark"),
        (
            "st.vega_lite_chart(None, {'layer': [{'mark': {'type': 'ring'}}]})",
            "'ring' is not a Vega-Lite mark",
        ),
        ("st.vega_lite_chart(None, {'mark': 'bar'}, theme='dark')", 'You set theme="dark"'),
        ("st.vega_lite_chart(None, {'mark': 'bar'}, on_select='yes')", "only 'ignore', 'rerun'"),
        ("st.vega_lite_chart(None, {'mark': 'bar'}, on_select='rerun')", "Selections are activ"),
        ("st.altair_chart({'mark': 'bar'})", "st.altair_chart takes an Altair chart"),
    ],
)
def test_bad_vega_lite_input_raises_a_clear_error(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}").run()
    assert len(at.exception) == 1 and message in at.exception[0].value


def test_altair_charts_are_drawn_from_their_dict_with_stable_parameter_names(app_test):
    at = app_test(
        """
        import tidal as st
        class FakeAltair:  # what st.altair_chart reads of an Altair chart
            def to_dict(self):
                return {"mark": "point", "params": [{"name": "param_41", "select": "point"}],
                        "encoding": {"opacity": {"condition": {"param": "param_41", "value": 1},
                                                 "value": 0.3}}}
        event = st.altair_chart(FakeAltair(), on_select="rerun", key="pts")
        st.write(event.selection)
        """
    ).run()
    chart = _one(at)
    assert chart.spec["params"][0]["name"] == "param_1"
    assert chart.spec["encoding"]["opacity"]["condition"]["param"] == "param_1"
    assert at.session_state.pts == {"selection": {"param_1": {}}}


def test_stable_names_renumbers_params_and_views_in_order():
    spec = {"params": [{"name": "param_9", "views": ["view_5"]}, {"name": "param_3"}]}
    assert stable_names(spec) == {
        "params": [{"name": "param_1", "views": ["view_1"]}, {"name": "param_2"}]
    }


# ----------------------------------------------------------------------------- selections
SELECT = """
import tidal as st
st.session_state.setdefault("calls", [])
def changed():
    st.session_state.calls.append(st.session_state.sel.selection)
event = st.vega_lite_chart({"x": [1, 2, 3], "y": [3, 1, 2]}, {
    "mark": "point",
    "params": [{"name": "pick", "select": {"type": "point", "fields": ["x"]}},
               {"name": "brush", "select": "interval"},
               {"name": "zoom", "select": "interval", "bind": "scales"}],
    "encoding": {"x": {"field": "x", "type": "quantitative"},
                 "y": {"field": "y", "type": "quantitative"}},
}, key="sel", on_select=changed, selection_mode=MODE)
st.write(event.selection)
"""


def test_a_chart_with_on_select_returns_its_empty_selection(app_test):
    at = app_test(SELECT.replace("MODE", "None")).run()
    assert not at.exception
    assert at.session_state.sel == {"selection": {"pick": {}, "brush": {}}}  # zoom is no selection
    assert _one(at).props["selection_mode"] == ["pick", "brush"]


def test_a_point_selection_reaches_session_state_and_runs_the_callback(app_test):
    at = app_test(SELECT.replace("MODE", "None")).run()
    _one(at).select("pick", [{"x": 2}]).run()
    assert at.session_state.sel.selection.pick == [{"x": 2}]
    assert at.session_state.calls == [{"pick": [{"x": 2}], "brush": {}}]


def test_an_interval_selection_reaches_session_state(app_test):
    at = app_test(SELECT.replace("MODE", "'brush'")).run()
    _one(at).select("brush", {"x": [1.5, 2.5], "y": [0, 4]}).run()
    assert at.session_state.sel == {"selection": {"brush": {"x": [1.5, 2.5], "y": [0, 4]}}}
    assert _one(at).selection == {"brush": {"x": [1.5, 2.5], "y": [0, 4]}}


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("nope", [], "no selection parameter 'nope'"),
        ("pick", {"x": 1}, "a point selection is a list"),
        ("pick", [{"x": [1]}], "a selected point is a dict"),
        ("brush", [1, 2], "an interval selection is a dict"),
        ("brush", {"x": 3}, "must be a list"),
    ],
)
def test_a_selection_of_the_wrong_shape_is_refused(app_test, param, value, message):
    at = app_test(SELECT.replace("MODE", "None")).run()
    with pytest.raises(ValueError, match=message):
        _one(at).select(param, value)


def test_selection_mode_must_name_a_selection_of_the_spec(app_test):
    at = app_test(SELECT.replace("MODE", "'zoom'")).run()
    assert "Selection parameter 'zoom' is not defined" in at.exception[0].value


def test_the_browser_gets_no_selection_back_so_a_selection_resends_nothing(app_test):
    at = app_test(SELECT.replace("MODE", "None")).run()
    before = dict(_one(at).props)
    _one(at).select("pick", [{"x": 1}]).run()
    assert _one(at).props == before


def test_a_real_altair_chart_with_a_selection(app_test):
    at = app_test(
        """
        import altair as alt
        import pandas as pd
        import tidal as st
        df = pd.DataFrame({"a": [1, 2, 3], "b": [3, 1, 2]})
        pick = alt.selection_point(fields=["a"], name="pick")
        chart = alt.Chart(df).mark_point().encode(x="a", y="b").add_params(pick)
        event = st.altair_chart(chart, on_select="rerun", key="alt")
        st.write(event.selection.pick)
        """
    ).run()
    chart = _one(at)
    assert chart.spec["mark"] == {"type": "point"}
    ((name, data),) = chart.props["datasets"].items()
    assert chart.spec["data"] == {"name": name}
    assert dict(data["cols"]) == {"a": {"v": [1, 2, 3]}, "b": {"v": [3, 1, 2]}}
    chart.select("pick", [{"a": 2}]).run()
    assert at.session_state.alt.selection.pick == [{"a": 2}]
