"""Data and media elements, tested as a Streamlit user tests them."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest


def app(source: str) -> AppTest:
    return AppTest.from_string(source).run()


def test_dataframe_and_table_values_are_the_data():
    at = app(
        """
import pandas as pd
import streamlit as st
df = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
st.dataframe(df)
st.table(df)
"""
    )
    expected = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    assert list(at.dataframe[0].value["a"]) == [1, 2]
    assert list(at.dataframe[0].value.columns) == ["a", "b"]
    assert list(at.table[0].value["b"]) == list(expected["b"])
    assert at.dataframe[0].editing_mode == "read_only"


def test_metric_shows_its_value_delta_and_help():
    at = app('import streamlit as st\nst.metric("Users", 120, -4, help="today")\n')
    metric = at.metric[0]
    assert (metric.label, metric.value, metric.delta, metric.help) == (
        "Users",
        "120",
        "-4",
        "today",
    )


def test_images_have_their_captions():
    at = app(
        """
import streamlit as st
st.image(["https://example.com/a.png", "https://example.com/b.png"], caption=["A", "B"])
"""
    )
    assert at.image[0].captions == ["A", "B"]
    assert len(at.image[0].value) == 2


def test_json_and_html_values():
    at = app('import streamlit as st\nst.html("<p>hi</p>")\nst.json([1, 2])\n')
    assert at.html[0].value == "<p>hi</p>"
    assert at.json[0].value == "[1, 2]"
