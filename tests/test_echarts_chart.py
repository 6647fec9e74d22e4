"""st.echarts_chart in AppTest: options as dicts, JSON text or pyecharts charts, frames in
dataset.source, refusals with their reasons, and selections in Streamlit's shape."""

from __future__ import annotations

import json

import pytest

OPTION = (
    "{'xAxis': {'type': 'category', 'data': ['a', 'b', 'c']}, 'yAxis': {}, "
    "'series': [{'type': 'bar', 'data': [3, 5, 1], 'selectedMode': 'multiple'}]}"
)


def _chart(app_test, call):
    at = app_test(f"import tidal as st\n{call}").run()
    assert not at.exception, at.exception
    return at.get("echarts_chart")[0]


def test_a_dict_option_is_sent_as_json(app_test):
    chart = _chart(app_test, f"st.echarts_chart({OPTION}, renderer='svg', height=300)")
    option = json.loads(chart.props["spec"])
    assert option["series"][0]["data"] == [3, 5, 1]
    assert (chart.props["renderer"], chart.props["theme"]) == ("svg", "streamlit")
    assert (chart.props["width"], chart.props["height"]) == ("stretch", 300)


def test_json_text_and_pyecharts_charts(app_test):
    chart = _chart(app_test, 'st.echarts_chart(\'{"series": [{"type": "pie", "data": [1]}]}\')')
    assert json.loads(chart.props["spec"])["series"][0]["type"] == "pie"
    chart = _chart(
        app_test,
        "class Pie:  # what st.echarts_chart reads of a pyecharts chart\n"
        "    def dump_options(self):\n"
        '        return \'{"series": [{"type": "pie", "data": [2]}]}\'\n'
        "st.echarts_chart(Pie())",
    )
    assert json.loads(chart.props["spec"])["series"][0]["data"] == [2]


def test_a_frame_in_dataset_source_becomes_records_with_its_dimensions(app_test):
    chart = _chart(
        app_test,
        "import pandas as pd\n"
        "df = pd.DataFrame({'day': pd.to_datetime(['2024-01-01']), 'v': [1.5]})\n"
        "st.echarts_chart({'dataset': {'source': df}, 'xAxis': {'type': 'time'}, 'yAxis': {},"
        " 'series': [{'type': 'line'}]})",
    )
    dataset = json.loads(chart.props["spec"])["dataset"]
    assert dataset["dimensions"] == ["day", "v"]
    assert dataset["source"] == [{"day": "2024-01-01T00:00:00.000000", "v": 1.5}]  # ISO-8601


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.echarts_chart(42)", "takes an ECharts option as a dict, JSON text"),
        ("st.echarts_chart('{bad')", "is not valid JSON"),
        (
            'st.echarts_chart(\'{"tooltip": {"formatter": function (p) { return p; }}}\')',
            "holds JavaScript",
        ),
        ("st.echarts_chart({'a': '--x_x--function(){}--x_x--'})", "holds JavaScript"),
        ("st.echarts_chart({'series': [{'type': 'scatter3D'}]})", "ECharts GL extension"),
        ("st.echarts_chart({'series': [{'type': 'custom'}]})", "renderItem"),
        ("st.echarts_chart({}, theme='dark')", 'You set theme="dark"'),
        ("st.echarts_chart({}, renderer='webgl')", 'renderer must be "canvas" or "svg"'),
    ],
)
def test_bad_echarts_input_raises_a_clear_error(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}").run()
    assert message in at.exception[0].value


SELECT = f"""
import tidal as st
st.session_state.setdefault("calls", 0)
def changed():
    st.session_state.calls += 1
event = st.echarts_chart({OPTION}, key="ec", on_select=changed)
st.write(event.selection.selected)
"""


def test_a_selection_reaches_session_state_and_runs_the_callback(app_test):
    at = app_test(SELECT).run()
    assert at.session_state.ec == {"selection": {"selected": [], "areas": []}}
    picked = {
        "series_index": 0,
        "series_id": None,
        "series_name": None,
        "data_type": None,
        "data_indices": [1],
    }
    area = {"brush_index": 0, "brush_type": "lineX", "coord_range": [0, 1]}
    at.get("echarts_chart")[0].select(selected=[picked], areas=[area]).run()
    assert at.session_state.ec.selection.areas == [area]
    assert at.session_state.ec.selection.selected == [picked]
    assert at.session_state.calls == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"selected": [{"data_indices": [1]}]},
        {"selected": [{"series_index": 0, "data_indices": [-1]}]},
        {"areas": [{"brush_index": 0, "brush_type": "rect", "coord_range": {"x": 1}}]},
        {"other": []},
    ],
)
def test_a_selection_of_the_wrong_shape_is_refused(app_test, bad):
    from tidal.api.echarts_chart import check_selection

    with pytest.raises(ValueError):
        check_selection(bad)
    at = app_test(SELECT).run()
    at.get("echarts_chart")[0].set_value({"selection": bad}).run()
    assert at.session_state.ec == {"selection": {"selected": [], "areas": []}}


def test_the_selection_cannot_be_set_through_session_state(app_test):
    source = SELECT.replace("import tidal as st", "import tidal as st\nst.session_state.ec = {}")
    at = app_test(source).run()
    assert "is read-only" in at.exception[0].value
