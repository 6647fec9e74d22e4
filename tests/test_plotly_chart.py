"""st.plotly_chart in AppTest: figures, dicts and trace lists as Plotly JSON, config and theme,
and point/box/lasso selections in Streamlit's shape, checked before they reach session state."""

from __future__ import annotations

import json

import plotly.graph_objects  # noqa: F401
import pytest

# plotly is imported above, once per test process: its cold import takes seconds, which would
# otherwise eat the first app run's 3 s AppTest timeout (it did in a CI run under load)

FIG = """
import plotly.graph_objects as go
import tidal as st
fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2], mode="markers"))
"""


def test_a_plotly_figure_is_sent_as_its_json(app_test):
    at = app_test(FIG + "st.plotly_chart(fig, config={'displayModeBar': False})").run()
    chart = at.get("plotly_chart")[0]
    assert chart.spec["data"][0]["type"] == "scatter" and chart.spec["data"][0]["y"] == [3, 1, 2]
    assert json.loads(chart.proto.spec) == chart.spec
    assert json.loads(chart.props["config"]) == {"displayModeBar": False}
    assert chart.props["theme"] == "streamlit"
    assert (chart.props["width"], chart.props["height"]) == ("stretch", "content")


def test_a_dict_or_a_list_of_traces_with_numpy_values(app_test):
    at = app_test(
        """
        import numpy as np
        import tidal as st
        st.plotly_chart({"data": [{"type": "bar", "y": np.arange(3)}]}, theme=None)
        st.plotly_chart([{"type": "bar", "y": [1]}], use_container_width=False, height=300)
        """
    ).run()
    first, second = at.get("plotly_chart")
    assert first.spec["data"][0]["y"] == [0, 1, 2] and first.props["theme"] is None
    assert second.spec == {"data": [{"type": "bar", "y": [1]}]}
    assert (second.props["width"], second.props["height"]) == ("content", 300)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.plotly_chart(42)", "st.plotly_chart takes a Plotly figure, a dict or a list"),
        ("st.plotly_chart(fig, theme='dark')", 'You set theme="dark"'),
        ("st.plotly_chart(fig, on_select='rerun', selection_mode='circle')", "Invalid selection"),
        ("st.plotly_chart(fig, on_select='maybe')", "only 'ignore', 'rerun'"),
        ("st.plotly_chart(fig, config='x')", "config must be a dict"),
    ],
)
def test_bad_plotly_input_raises_a_clear_error(app_test, call, message):
    at = app_test(FIG + call).run()
    assert message in at.exception[0].value


SELECT = (
    FIG
    + """
st.session_state.setdefault("calls", 0)
def changed():
    st.session_state.calls += 1
event = st.plotly_chart(fig, key="pl", on_select=changed, selection_mode=MODE)
st.write(event.selection)
"""
)


def test_the_selection_starts_empty(app_test):
    at = app_test(SELECT.replace("MODE", "('points', 'box', 'lasso')")).run()
    assert at.session_state.pl == {
        "selection": {"points": [], "point_indices": [], "box": [], "lasso": []}
    }
    assert at.get("plotly_chart")[0].props["selection_mode"] == ["points", "box", "lasso"]


def test_a_box_selection_reaches_session_state_and_runs_the_callback(app_test):
    at = app_test(SELECT.replace("MODE", "'box'")).run()
    point = {"curve_number": 0, "point_number": 1, "point_index": 1, "x": 2, "y": 1}
    box = {"xref": "x", "yref": "y", "x": [1.5, 2.5], "y": [0, 2]}
    at.get("plotly_chart")[0].select(points=[point], point_indices=[1], box=[box]).run()
    assert at.session_state.pl.selection.points == [point]
    assert at.session_state.pl.selection.box == [box]
    assert at.session_state.pl.selection.point_indices == [1]
    assert at.session_state.calls == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"box": [{"xref": "x", "yref": "y", "x": [1, 2], "y": [1, 2]}]}, "a box selection, but"),
        ({"points": [{"x": {"a": 1}}]}, "holds {'a': 1}, not a value"),
        ({"point_indices": [-1]}, "non-negative ints"),
        ({"lasso": [{"x": [1]}]}, "needs 'y'"),
    ],
)
def test_a_selection_of_the_wrong_shape_is_refused(app_test, kwargs, message):
    at = app_test(SELECT.replace("MODE", "('points', 'lasso')")).run()
    with pytest.raises(ValueError, match=message):
        at.get("plotly_chart")[0].select(**kwargs)
