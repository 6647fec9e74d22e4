"""Rows added to st.data_editor, as Streamlit 1.67 keeps them: an added row reaches session
state only once its required cells are filled (``column_config`` ``required=True``, and the
index of data that has its own), with only the cells that have a value; the ``default`` of a
column fills the rows a person adds; the server refuses an added row that lacks a required
value with an ``error`` reply and never stores it. Also ``num_rows``, ``disabled`` as a list and
required columns that stay in view."""

from __future__ import annotations

import logging

import pytest

from tests.test_data_protocol import editor_id
from tidal.testing.errors import AppTestError

APP = """
import pandas as pd
import tidal as st
df = pd.DataFrame({{"name": ["Ada"], "age": [36], "team": ["red"]}})
out = st.data_editor(df, key="ed", num_rows={num_rows!r}, disabled={disabled!r}, column_config={{
    "name": st.column_config.TextColumn(required=True),
    "team": st.column_config.TextColumn(default="blue"),
}})
st.text(f"names={{list(out['name'])}} teams={{list(out['team'])}} rows={{len(out)}}")
"""
EMPTY = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def editor(app_test, num_rows="dynamic", disabled=False):
    at = app_test(APP.format(num_rows=num_rows, disabled=disabled)).run()
    assert not at.exception
    return at


def test_an_added_row_without_its_required_value_is_refused_and_never_stored(app_test):
    at = editor(app_test)
    with pytest.raises(ValueError, match="added row 0 has no value for 'name', which is required"):
        at.data_editor(key="ed").add_row({"age": 30})
    at.run()
    assert at.session_state.ed == EMPTY
    assert at.text[0].value == "names=['Ada'] teams=['red'] rows=1"


def test_an_added_row_with_its_required_value_is_stored_with_the_columns_default(app_test):
    at = editor(app_test)
    at.data_editor(key="ed").add_row({"name": "Kay", "age": 30}).run()
    assert at.session_state.ed == {
        "edited_rows": {},
        "added_rows": [{"team": "blue", "name": "Kay", "age": 30}],
        "deleted_rows": [],
    }
    assert at.text[0].value == "names=['Ada', 'Kay'] teams=['red', 'blue'] rows=2"


def test_a_default_does_not_replace_a_value_the_row_gives(app_test):
    at = editor(app_test)
    at.data_editor(key="ed").add_row({"name": "Kay", "team": "green"}).run()
    assert at.session_state.ed["added_rows"] == [{"name": "Kay", "team": "green"}]


def test_an_added_row_keeps_only_the_cells_that_have_a_value(app_test):
    at = editor(app_test)
    at.data_editor(key="ed").add_row({"name": "Kay", "age": None, "team": None}).run()
    assert at.session_state.ed["added_rows"] == [{"name": "Kay"}]
    assert at.text[0].value == "names=['Ada', 'Kay'] teams=['red', None] rows=2"


def test_an_edit_cannot_empty_a_required_cell_of_the_datas_own_rows(app_test):
    at = editor(app_test)
    with pytest.raises(ValueError, match="'name' is required"):
        at.data_editor(key="ed").edit_cell(0, "name", None)


def test_only_required_columns_a_person_can_edit_hold_an_added_row_back(app_test):
    at = editor(app_test, disabled=["name"])
    ed = at.data_editor(key="ed")
    assert ed.props["required"] == []
    ed.add_row({"age": 30}).run()
    assert at.session_state.ed["added_rows"] == [{"team": "blue", "age": 30}]


def test_the_props_name_the_required_cells_and_the_defaults(app_test):
    props = editor(app_test).data_editor(key="ed").props
    assert props["required"] == ["name"]
    assert props["defaults"] == {"team": "blue"}


INDEXED = """
import pandas as pd
import tidal as st
df = pd.DataFrame({{"v": [1]}}, index=pd.Index(["a"], name="id"))
out = st.data_editor(df, key="ed", num_rows="dynamic", hide_index={hide!r}, column_config={{
    "v": st.column_config.NumberColumn(required=True, default=0),
}})
st.text(f"index={{list(out.index)}} v={{list(out['v'])}}")
"""


def test_an_added_row_without_an_index_label_is_refused(app_test):
    at = app_test(INDEXED.format(hide=None)).run()
    with pytest.raises(ValueError, match=r"no value for the index \(_index\)"):
        at.data_editor(key="ed").add_row({"v": 2})
    at.data_editor(key="ed").add_row({"_index": "b", "v": 2}).run()
    assert at.text[0].value == "index=['a', 'b'] v=[1, 2]"


def test_a_required_index_stays_in_view_when_rows_can_be_added(app_test, caplog):
    with caplog.at_level(logging.WARNING, logger="tidal.data_editor"):
        at = app_test(INDEXED.format(hide=True)).run()
    assert at.data_editor(key="ed").props["hide_index"] is False
    assert "hide_index is ignored" in caplog.text


def test_a_required_column_configured_as_hidden_stays_in_view_when_rows_can_be_added(app_test):
    at = app_test("""
        import tidal as st
        cfg = {"a": st.column_config.Column(required=True), "b": None}
        st.data_editor({"a": [1], "b": [2]}, key="dyn", num_rows="dynamic", column_config=cfg)
        st.data_editor({"a": [1], "b": [2]}, key="fixed", column_config=cfg)
    """).run()
    assert at.data_editor(key="dyn").props["column_config"]["a"].get("hidden") is None
    assert at.data_editor(key="dyn").props["column_config"]["b"]["hidden"] is True
    assert at.data_editor(key="fixed").props["column_config"]["b"]["hidden"] is True


# ----------------------------------------------------------------------------- num_rows
@pytest.mark.parametrize(
    ("num_rows", "adds", "deletes"),
    [
        ("fixed", False, False),
        ("dynamic", True, True),
        ("add", True, False),
        ("delete", False, True),
    ],
)
def test_num_rows_says_whether_rows_may_be_added_and_deleted(app_test, num_rows, adds, deletes):
    at = editor(app_test, num_rows=num_rows)
    ed = at.data_editor(key="ed")
    if adds:
        ed.add_row({"name": "Kay"})
    else:
        with pytest.raises(ValueError, match="cannot be added"):
            ed.add_row({"name": "Kay"})
    if deletes:
        at.data_editor(key="ed").delete_rows(0)
    else:
        with pytest.raises(ValueError, match="cannot be deleted"):
            at.data_editor(key="ed").delete_rows(0)


def test_deleting_an_added_row_and_an_own_row_gives_streamlits_state(app_test):
    at = editor(app_test)
    at.data_editor(key="ed").add_row({"name": "Kay"}).delete_rows(0).run()
    assert at.session_state.ed == {
        "edited_rows": {},
        "added_rows": [{"team": "blue", "name": "Kay"}],
        "deleted_rows": [0],
    }
    assert at.text[0].value == "names=['Kay'] teams=['blue'] rows=1"


@pytest.mark.parametrize(
    ("num_rows", "hide_index", "hidden"),
    [("dynamic", None, True), ("add", None, True), ("dynamic", False, False),
     ("fixed", None, False), ("delete", None, False)],
)  # fmt: skip
def test_an_editor_that_adds_rows_hides_a_range_index_unless_told(
    app_test, num_rows, hide_index, hidden
):
    at = app_test(f"""
        import pandas as pd
        import tidal as st
        st.data_editor(pd.DataFrame({{"v": [1]}}), num_rows={num_rows!r}, hide_index={hide_index})
    """).run()
    assert at.data_editor[0].props["hide_index"] is hidden


def test_an_unknown_num_rows_is_an_api_error(app_test):
    at = app_test("import tidal as st\nst.data_editor({'a': [1]}, num_rows='some')").run()
    assert "Invalid num_rows value: 'some'" in at.exception[0].message


# ----------------------------------------------------------------------------- real server
SERVED = """
import tidal as st
st.data_editor([{"name": "Ada", "age": 36}], key="ed", num_rows="dynamic",
               column_config={"name": st.column_config.TextColumn(required=True)})
st.text(f"state={st.session_state.ed!r}")
"""


def test_the_server_refuses_an_added_row_without_its_required_value(serve_app):
    client = serve_app(SERVED).client()
    wid = editor_id(client)
    bad = {"edited_rows": {}, "added_rows": [{"age": 30}], "deleted_rows": []}
    client.event({"t": "change", "id": wid, "v": bad})
    assert any("has no value for 'name', which is required" in e for e in client.errors)
    assert f"state={EMPTY!r}" in client.texts()
    good = {"edited_rows": {}, "added_rows": [{"name": "Kay", "age": None}], "deleted_rows": []}
    client.event({"t": "change", "id": wid, "v": good})
    expected = {"edited_rows": {}, "added_rows": [{"name": "Kay"}], "deleted_rows": []}
    assert f"state={expected!r}" in client.texts()


# ----------------------------------------------------------------------------- the result
def test_a_dict_with_keys_keeps_each_value_with_its_key_after_deleted_and_added_rows(app_test):
    at = app_test("""
        import tidal as st
        out = st.data_editor({"a": 1, "b": 2}, key="ed", num_rows="dynamic")
        st.text(repr(out))
    """).run()
    at.data_editor(key="ed").delete_rows(0).run()
    assert at.text[0].value == "{'b': 2}"
    at.data_editor(key="ed").add_row({"_index": "c", "value": 3}).run()
    assert at.text[0].value == "{'b': 2, 'c': 3}"


def test_deleting_a_row_keeps_an_added_row_with_the_same_label(app_test):
    at = app_test(INDEXED.format(hide=None)).run()
    at.data_editor(key="ed").add_row({"_index": "a", "v": 2}).delete_rows(0).run()
    assert at.text[0].value == "index=['a'] v=[2]"


def test_column_defaults_of_every_kind_fill_an_added_row(app_test):
    at = app_test("""
        import datetime as dt
        import pandas as pd
        import tidal as st
        df = pd.DataFrame({"d": [dt.date(2024, 1, 1)], "ok": [True], "n": [1.5], "l": [["a"]]})
        out = st.data_editor(df, key="ed", num_rows="dynamic", column_config={
            "d": st.column_config.DateColumn(default=dt.date(2025, 2, 3)),
            "ok": st.column_config.CheckboxColumn(default=False),
            "n": st.column_config.NumberColumn(default=2),
            "l": st.column_config.ListColumn(default=["q"]),
        })
        st.text(repr([type(v).__name__ for v in out.iloc[-1]]) + repr(out.iloc[-1]["d"]))
    """).run()
    ed = at.data_editor(key="ed")
    assert ed.props["defaults"] == {"d": "2025-02-03", "ok": False, "n": 2, "l": ["q"]}
    ed.add_row({}).run()
    assert at.session_state.ed["added_rows"] == [
        {"d": "2025-02-03", "ok": False, "n": 2, "l": ["q"]}
    ]
    assert at.text[0].value == "['date', 'bool', 'float64', 'list']datetime.date(2025, 2, 3)"


def test_a_disabled_editor_takes_no_rows_and_no_edits(app_test):
    at = app_test("""
        import tidal as st
        st.data_editor({"a": [1]}, key="ed", num_rows="dynamic", disabled=True)
    """).run()
    ed = at.data_editor(key="ed")
    assert ed.props["disabled"] is True and ed.props["editable"] == {}
    with pytest.raises(AppTestError, match="disabled"):
        ed.add_row({})


def test_the_server_drops_the_edits_of_a_disabled_editor(serve_app):
    client = serve_app(
        SERVED.replace('num_rows="dynamic",', 'num_rows="dynamic", disabled=True,')
    ).client()
    wid = editor_id(client)
    client.event({"t": "change", "id": wid, "v": {"added_rows": [{}], "deleted_rows": [0]}})
    assert f"state={EMPTY!r}" in client.texts()


def test_a_disabled_list_leaves_the_editor_enabled(app_test):
    at = editor(app_test, disabled=["age"])
    ed = at.data_editor(key="ed")
    assert ed.props["disabled"] is False
    assert ed.props["editable"] == {"name": "text", "team": "text"}


def test_deleted_rows_name_only_the_datas_own_rows(app_test):
    at = editor(app_test)
    with pytest.raises(ValueError, match="an added row is deleted by leaving it out"):
        at.data_editor(key="ed").add_row({"name": "Kay"}).delete_rows(1)
