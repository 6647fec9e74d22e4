"""st.column_config.ButtonColumn clicks: a keyed button column is a trigger widget whose
value is ``{"row": position, "label": text}`` for one run, its ``on_click`` running first; the
browser's clicks are checked against the table (AppTest, and over a real socket)."""

from __future__ import annotations

from typing import Any

import pytest

import tidal as st
from tests.fixtures.server import Client
from tidal.errors import StreamlitAPIException

APP = """
import tidal as st
st.session_state.setdefault("log", [])

def opened(tag):
    st.session_state.log.append((tag, st.session_state.act))

rows = {"name": ["Ada", "Kay", "Lin"], "act": ["Open", "Open", ["Open", "Close"]]}
st.dataframe(rows, column_config={
    "act": st.column_config.ButtonColumn("Action", on_click=opened, args=("cb",), key="act"),
})
st.session_state.log.append(("run", st.session_state.act))
st.text(f"log={st.session_state.log!r}")
st.button("Other")
"""


def test_without_a_key_a_button_column_takes_no_callback():
    with pytest.raises(StreamlitAPIException, match="`key` parameter is required"):
        st.column_config.ButtonColumn(on_click=print)
    with pytest.raises(StreamlitAPIException, match="`key` parameter is required"):
        st.column_config.ButtonColumn(args=(1,))
    assert st.column_config.ButtonColumn("Go", type="primary") == {
        "label": "Go",
        "disabled": True,
        "type_config": {"type": "button", "button_type": "primary"},
    }


def test_a_click_runs_the_callback_first_and_holds_the_click_for_one_run(app_test):
    at = app_test(APP).run()
    assert at.session_state.act is None
    at.dataframe[0].click_button("act", 1).run()
    click = {"row": 1, "label": "Open"}
    assert at.session_state.log == [("run", None), ("cb", click), ("run", click)]
    at.button[0].click().run()
    assert at.session_state.log[-1] == ("run", None)


def test_a_cell_with_a_list_shows_one_button_per_text(app_test):
    at = app_test(APP).run()
    at.dataframe[0].click_button("act", 2, "Close").run()
    assert at.session_state.act is None  # a trigger: None again once the run is over
    assert at.session_state.log[-1] == ("run", {"row": 2, "label": "Close"})


def test_a_click_that_the_table_does_not_show_is_refused(app_test):
    at = app_test(APP).run()
    with pytest.raises(ValueError, match="not a row of the data"):
        at.dataframe[0].click_button("act", 3)
    with pytest.raises(ValueError, match="shows no button 'Close'"):
        at.dataframe[0].click_button("act", 0, "Close")
    with pytest.raises(ValueError, match="has no button clicks"):
        at.dataframe[0].click_button("name", 0)


def test_the_grid_learns_the_widget_of_each_keyed_button_column(app_test):
    at = app_test(APP).run()
    widgets = at.dataframe[0].proto.button_click_widgets  # as Streamlit's proto names it
    assert list(widgets) == ["act"] and widgets["act"].endswith("-act")


def test_a_button_column_works_in_a_data_editor_and_is_never_edited(app_test):
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("hits", [])
        out = st.data_editor(
            {"n": [1, 2], "go": ["Go", "Go"]}, key="ed",
            column_config={"go": st.column_config.ButtonColumn(
                on_click=lambda: st.session_state.hits.append(st.session_state.go["row"]),
                key="go")},
        )
    """).run()
    assert "go" not in at.data_editor(key="ed").props["editable"]
    at.data_editor(key="ed").click_button("go", 1).run()
    assert at.session_state.hits == [1]


def test_two_button_columns_with_one_key_are_a_duplicate_key(app_test):
    at = app_test("""
        import tidal as st
        b = st.column_config.ButtonColumn(key="k")
        st.dataframe({"a": ["x"]}, column_config={"a": b})
        st.dataframe({"b": ["y"]}, column_config={"b": b})
    """).run()
    assert at.exception and "key='k'" in at.exception[0].message


# ----------------------------------------------------------------------------- the socket
def _click(client: Client, value: Any, column: str = "act") -> None:
    grid = next(e["p"] for e in client.elements() if e["t"] == "dataframe")
    client.event({"t": "change", "id": grid["button_click_widgets"][column], "v": value})


def test_a_click_from_the_browser_runs_the_callback(serve_app):
    client = serve_app(APP).client()
    _click(client, {"row": 2, "label": "Close"})
    click = {"row": 2, "label": "Close"}
    assert f"log=[('run', None), ('cb', {click!r}), ('run', {click!r})]" in client.texts()
    assert not client.errors


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ({"row": 3, "label": "Open"}, "not a row of the data"),
        ({"row": -1, "label": "Open"}, "not a row of the data"),
        ({"row": True, "label": "Open"}, "not a row of the data"),
        ({"row": 0, "label": "Close"}, "shows no button"),
        ({"row": 0}, "a button click is"),
        ("Open", "a button click is"),
    ],
)
def test_a_bad_click_gets_an_error_and_the_session_lives_on(serve_app, value, why):
    client = serve_app(APP).client()
    _click(client, value)
    assert any(why in e for e in client.errors), client.errors
    assert "log=[('run', None), ('run', None)]" in client.texts()  # no callback ran
    client.click("Other")
    assert "log=[('run', None), ('run', None), ('run', None)]" in client.texts()


def test_a_button_columns_key_cannot_be_assigned_through_session_state(app_test):
    at = app_test("""
        import tidal as st
        st.session_state.act = {"row": 0, "label": "Go"}
        st.dataframe({"a": ["Go"]}, column_config={"a": st.column_config.ButtonColumn(key="act")})
    """).run()
    assert at.exception and "is read-only" in at.exception[0].message


def test_a_click_in_a_fragment_reruns_only_the_fragment(serve_app):
    client = serve_app("""
import tidal as st
st.session_state.setdefault("runs", [])
st.session_state.runs.append("page")

@st.fragment
def table():
    st.session_state.runs.append("fragment")
    st.dataframe({"a": ["Go"]}, column_config={"a": st.column_config.ButtonColumn(key="act")})
    st.text(f"runs={st.session_state.runs} act={st.session_state.act}")

table()
""").client()
    _click(client, {"row": 0, "label": "Go"}, column="a")
    assert "runs=['page', 'fragment', 'fragment'] act={'row': 0, 'label': 'Go'}" in client.texts()
