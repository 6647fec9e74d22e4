"""st.map in AppTest: coordinate columns found or named, colours and radii per point or for all,
and Streamlit's errors for missing or bad coordinates."""

from __future__ import annotations

import pytest

POINTS = (
    "pts = {'lat': [38.72, 59.91, -12.05], 'lon': [-9.14, 10.75, -77.04], 'r': [1e4, 2e4, 3e4]}"
)


def _map(app_test, call):
    at = app_test(f"import tidal as st\n{POINTS}\n{call}").run()
    assert not at.exception, at.exception
    return at.get("map")[0].props


def test_lat_and_lon_columns_are_found_by_name(app_test):
    props = _map(app_test, "st.map(pts)")
    assert props["n"] == 3
    assert props["lat"] == {"v": [38.72, 59.91, -12.05]}
    assert props["lon"] == {"v": [-9.14, 10.75, -77.04]}
    assert props["size"] == 100 and props["color"] == "#ff2b2bc8"
    assert (props["width"], props["height"], props["zoom"]) == ("stretch", 500, None)


def test_named_columns_colours_and_sizes(app_test):
    props = _map(
        app_test,
        "st.map({'y': [1.0], 'x': [2.0], 'c': ['#00ff00']}, latitude='y', longitude='x', "
        "color='c', size=5000, zoom=4, height=300)",
    )
    assert props["lat"] == {"v": [1.0]} and props["lon"] == {"v": [2.0]}
    assert props["color"] == {"v": ["#00ff00"]} and props["size"] == 5000
    assert (props["zoom"], props["height"]) == (4, 300)


def test_a_size_column_and_one_colour(app_test):
    props = _map(app_test, "st.map(pts, size='r', color=(0, 104, 201))")
    assert props["size"] == {"v": [1e4, 2e4, 3e4]}
    assert props["color"] == "rgba(0, 104, 201, 1)"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.map({'a': [1]})", "Map data must contain a latitude column named"),
        ("st.map({'lat': [1]})", "Map data must contain a longitude column named"),
        ("st.map(pts, latitude='nope')", 'does not have a column named "nope"'),
        ("st.map({'lat': [1, None], 'lon': [1, 2]})", "is not allowed to contain null values"),
        ("st.map({'lat': [95], 'lon': [1]})", "outside -90..90"),
        ("st.map({'lat': ['x'], 'lon': [1]})", "must hold numbers"),
        ("st.map(pts, color='nope')", 'does not have a column named "nope" for color'),
        ("st.map(pts, zoom=99)", "zoom must be a number from 0 to 24"),
    ],
)
def test_bad_map_input_raises_a_clear_error(app_test, call, message):
    at = app_test(f"import tidal as st\n{POINTS}\n{call}").run()
    assert message in at.exception[0].value
