"""st.pydeck_chart in AppTest: Streamlit 1.67's signature, a pydeck.Deck (or its JSON) sent as
deck.gl JSON with its tooltip, and object selections in Streamlit's shape
(``{"selection": {"indices": {...}, "objects": {...}}}``), checked before they reach session
state and running the callback."""

from __future__ import annotations

import inspect
import json

import pytest

import tidal as st

DECK = """
import pydeck as pdk
import tidal as st
layer = pdk.Layer("ScatterplotLayer", data=[{"n": "a", "lon": 1, "lat": 2}], id="pts",
                  get_position="[lon, lat]", get_radius=1000, pickable=True)
deck = pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=2, longitude=1),
                map_style=None, tooltip={"text": "{n}"})
"""


def test_the_signature_is_streamlits():
    params = inspect.signature(st.pydeck_chart).parameters
    assert [(p.name, p.default, p.kind.name) for p in params.values()] == [
        ("pydeck_obj", None, "POSITIONAL_OR_KEYWORD"),
        ("width", "stretch", "KEYWORD_ONLY"),
        ("use_container_width", None, "KEYWORD_ONLY"),
        ("height", 500, "KEYWORD_ONLY"),
        ("selection_mode", "single-object", "KEYWORD_ONLY"),
        ("on_select", "ignore", "KEYWORD_ONLY"),
        ("key", None, "KEYWORD_ONLY"),
        ("alt", None, "KEYWORD_ONLY"),
    ]


def test_a_deck_is_sent_as_its_json_with_its_tooltip(app_test):
    at = app_test(DECK + "st.pydeck_chart(deck, height=300, alt='Cities')").run()
    chart = at.get("deck_gl_json_chart")[0]
    layer = chart.spec["layers"][0]
    assert layer["@@type"] == "ScatterplotLayer" and layer["id"] == "pts"
    assert layer["getPosition"] == "@@=[lon, lat]" and layer["data"][0]["n"] == "a"
    assert chart.spec["initialViewState"]["latitude"] == 2
    assert json.loads(chart.props["tooltip"]) == {"text": "{n}"}
    assert (chart.props["width"], chart.props["height"], chart.props["alt"]) == (
        "stretch",
        300,
        "Cities",
    )
    assert "id" not in chart.props  # no on_select: not a widget


def test_no_deck_is_an_empty_map_and_a_dict_is_taken_as_deck_json(app_test):
    at = app_test(
        """
        import tidal as st
        st.pydeck_chart()
        st.pydeck_chart({"layers": [], "tooltip": {"html": "<b>{n}</b>"}}, width=400)
        """
    ).run()
    empty, given = at.get("deck_gl_json_chart")
    assert empty.spec == {
        "initialViewState": {"latitude": 0, "longitude": 0, "pitch": 0, "zoom": 1}
    }
    assert given.spec == {"layers": []} and json.loads(given.props["tooltip"]) == {
        "html": "<b>{n}</b>"
    }
    assert given.props["width"] == 400


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.pydeck_chart(42)", "st.pydeck_chart takes a pydeck.Deck"),
        ("st.pydeck_chart('{nope')", "not JSON"),
        ("st.pydeck_chart(deck, on_select='maybe')", "only 'ignore', 'rerun'"),
        ("st.pydeck_chart(deck, on_select='rerun', selection_mode='all')", "'multi-object'"),
        (
            "st.pydeck_chart(deck, on_select='rerun', selection_mode=['multi-object'])",
            "Selection mode must be a single value",
        ),
    ],
)
def test_bad_pydeck_input_raises_a_clear_error(app_test, call, message):
    at = app_test(DECK + call).run()
    assert message in at.exception[0].value


SELECT = (
    DECK
    + """
st.session_state.setdefault("calls", 0)
def picked():
    st.session_state.calls += 1
event = st.pydeck_chart(deck, key="map", on_select=picked, selection_mode=MODE)
st.write(event.selection.indices)
"""
)


def test_the_selection_starts_empty(app_test):
    at = app_test(SELECT.replace("MODE", "'single-object'")).run()
    assert at.session_state.map == {"selection": {"indices": {}, "objects": {}}}
    assert at.session_state.map.selection.objects == {}
    assert at.get("deck_gl_json_chart")[0].props["selection_mode"] == "single-object"


def test_a_selection_is_staged_reaches_session_state_and_runs_the_callback(app_test):
    at = app_test(SELECT.replace("MODE", "'single-object'")).run()
    row = {"n": "a", "lon": 1, "lat": 2}
    at.get("deck_gl_json_chart")[0].select({"pts": [0]}, {"pts": [row]}).run()
    assert at.session_state.map.selection.indices == {"pts": [0]}
    assert at.session_state.map.selection.objects == {"pts": [row]}
    assert at.session_state.calls == 1
    at.run()  # nothing new: the callback does not run again
    assert at.session_state.calls == 1


def test_multi_object_takes_several_objects(app_test):
    at = app_test(SELECT.replace("MODE", "'multi-object'")).run()
    at.get("deck_gl_json_chart")[0].select({"pts": [0, 3], "other": [1]}).run()
    assert at.session_state.map.selection.indices == {"pts": [0, 3], "other": [1]}


@pytest.mark.parametrize(
    ("indices", "objects", "message"),
    [
        ({"pts": [0, 1]}, None, "single-object"),
        ({"pts": [-1]}, None, "non-negative"),
        ({"pts": [0]}, {"pts": []}, "as long as"),
        ({"pts": [0]}, {"other": [{}]}, "same layers"),
        ({"pts": ["0"]}, None, "non-negative ints"),
    ],
)
def test_a_selection_of_the_wrong_shape_is_refused(app_test, indices, objects, message):
    at = app_test(SELECT.replace("MODE", "'single-object'")).run()
    with pytest.raises(ValueError, match=message):
        at.get("deck_gl_json_chart")[0].select(indices, objects)


def test_the_selection_cannot_be_set_through_session_state(app_test):
    at = app_test(
        SELECT.replace("MODE", "'single-object'").replace(
            "event =", "st.session_state.map = {}\nevent =", 1
        )
    ).run()
    assert "read-only" in at.exception[0].value


def test_the_charts_demo_page_has_a_deck_whose_clicks_name_the_cities():
    from tidal.testing import AppTest

    at = AppTest.from_file("../src/tidal/hello/app.py").run()
    at = at.switch_page("pages/charts.py").run()
    assert not at.exception
    chart = at.get("deck_gl_json_chart")[0]
    assert chart.spec["layers"][0]["id"] == "cities"
    rows = chart.spec["layers"][0]["data"]
    chart.select({"cities": [0, 3]}, {"cities": [rows[0], rows[3]]}).run()
    assert "Lisbon, Osaka selected" in " ".join(c.value for c in at.caption)
