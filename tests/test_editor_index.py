"""The index of rows added to st.data_editor: editable when the data has its own index (one
level, not a range), required, never for the data's own rows; session state carries it as
``_index`` in ``added_rows``, as Streamlit's does."""

from __future__ import annotations

import pytest

APP = """
import pandas as pd
import tidal as st
df = pd.DataFrame({{"v": [1, 2]}}, index=pd.Index(["a", "b"], name="id"))
out = st.data_editor(df, key="ed", num_rows={num_rows!r}, disabled={disabled!r})
st.text(f"index={{list(out.index)}} v={{list(out['v'])}}")
"""


def editor(app_test, num_rows="dynamic", disabled=False):
    at = app_test(APP.format(num_rows=num_rows, disabled=disabled)).run()
    assert not at.exception
    return at


def test_an_added_rows_index_is_editable_and_required_when_the_data_has_an_index(app_test):
    props = editor(app_test).data_editor(key="ed").props
    assert props["editable"] == {"_index": "text", "v": "number"}
    assert props["required"] == ["_index"]


def test_the_added_rows_index_is_in_session_state_and_in_the_returned_frame(app_test):
    at = editor(app_test)
    at.data_editor(key="ed").add_row({"v": 3, "_index": "c"}).run()
    assert at.session_state.ed == {
        "edited_rows": {},
        "added_rows": [{"v": 3, "_index": "c"}],
        "deleted_rows": [],
    }
    assert at.text[0].value == "index=['a', 'b', 'c'] v=[1, 2, 3]"


def test_the_index_of_the_datas_own_rows_is_never_edited(app_test):
    at = editor(app_test)
    with pytest.raises(ValueError, match="no column '_index'"):
        at.data_editor(key="ed").edit_cell(0, "_index", "z")


def test_an_added_row_cannot_empty_its_index(app_test):
    at = editor(app_test)
    with pytest.raises(ValueError, match="required"):
        at.data_editor(key="ed").add_row({"v": 3, "_index": None})


@pytest.mark.parametrize(("num_rows", "disabled"), [("fixed", False), ("delete", False),
                                                    ("dynamic", ["_index"]), ("dynamic", True)])  # fmt: skip
def test_the_index_is_not_editable_without_added_rows_or_when_disabled(
    app_test, num_rows, disabled
):
    at = editor(app_test, num_rows, disabled)
    assert "_index" not in at.data_editor(key="ed").props["editable"]


def test_a_disabled_index_refuses_an_added_rows_label(app_test):
    at = editor(app_test, "dynamic", ["_index"])
    with pytest.raises(ValueError, match="index is not editable"):
        at.data_editor(key="ed").add_row({"v": 3, "_index": "c"})


def test_a_range_index_is_never_edited(app_test):
    at = app_test("""
        import tidal as st
        st.data_editor({"v": [1, 2]}, key="ed", num_rows="dynamic")
    """).run()
    assert at.data_editor(key="ed").props["editable"] == {"v": "number"}
