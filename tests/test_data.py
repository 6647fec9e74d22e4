"""st.dataframe, st.data_editor, st.table, st.metric, st.column_config and st.write of data,
driven with AppTest: parameters, return values, widget rules and Streamlit's signatures."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pandas as pd
import pytest

import tidal as st
from tidal.errors import StreamlitAPIException

SPEC = json.loads(Path("/work/shared/spec/streamlit-1.67-api.json").read_text())

DF = """
import pandas as pd
import tidal as st
df = pd.DataFrame({"name": ["Ada", "Alan", "Grace"], "age": [36, 41, 85]})
"""


def params_of(fn):
    return [
        [p.name, None if p.default is inspect.Parameter.empty else repr(p.default), p.kind.name]
        for p in inspect.signature(fn).parameters.values()
    ]


@pytest.mark.parametrize("name", ["dataframe", "data_editor", "table", "metric"])
def test_signatures_are_streamlits(name):
    assert params_of(getattr(st, name)) == SPEC["st"][name]["params"]


@pytest.mark.parametrize("name", [n for n in SPEC["st.column_config"] if n[0].isupper()])
def test_column_config_classes_take_streamlits_parameters(name):
    assert params_of(getattr(st.column_config, name)) == SPEC["st.column_config"][name]["params"]


# ----------------------------------------------------------------------------- dataframe
def test_a_dataframe_element_holds_the_frame_as_its_value(app_test):
    at = app_test(DF + "st.dataframe(df)")
    at.run()
    frame = at.dataframe[0].value
    assert isinstance(frame, pd.DataFrame) and frame["age"].tolist() == [36, 41, 85]
    assert at.dataframe[0].editing_mode == "read_only"
    assert at.dataframe[0].columns == ["name", "age"]


def test_dataframe_returns_its_element_handle_without_on_select(app_test):
    at = app_test(DF + "h = st.dataframe(df)\nh.dataframe(df.head(1))")
    at.run()
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 1


def test_dataframe_props_carry_every_display_parameter(app_test):
    at = app_test(
        DF
        + """
st.dataframe(df, width=300, height=200, hide_index=True, column_order=["age"],
             column_config={"age": st.column_config.NumberColumn("Age", format="%d y")},
             row_height=40, placeholder="-", alt="people")
"""
    )
    at.run()
    p = at.dataframe[0].props
    assert (p["width"], p["height"], p["hide_index"], p["row_height"]) == (300, 200, True, 40)
    assert p["column_order"] == ["age"] and p["placeholder"] == "-" and p["alt"] == "people"
    assert p["column_config"]["age"] == {
        "label": "Age",
        "type_config": {"type": "number", "format": "%d y"},
    }
    assert p["rows"] == [[0, "Ada", 36], [1, "Alan", 41], [2, "Grace", 85]]


def test_use_container_width_overrides_width(app_test):
    at = app_test(DF + "st.dataframe(df, width=100, use_container_width=False)")
    at.run()
    assert at.dataframe[0].props["width"] == "content"


def test_a_large_frame_sends_only_its_first_rows_with_the_element(app_test):
    at = app_test("import tidal as st\nst.dataframe({'n': list(range(5000))})")
    at.run()
    p = at.dataframe[0].props
    assert "rows" not in p and len(p["head"]) == 100 and p["nrows"] == 5000


def test_the_index_of_data_without_one_is_hidden_by_default(app_test):
    at = app_test(
        "import tidal as st\nst.dataframe([{'a': 1}])\nst.dataframe(st.session_state.get('x', __import__('pandas').DataFrame({'a': [1]})))"
    )
    at.run()
    assert [d.props["hide_index"] for d in at.dataframe] == [True, False]


def test_bad_parameters_raise_streamlits_errors(app_test):
    for call in (
        "st.dataframe(df, width=-3)",
        "st.dataframe(df, height='tall')",
        "st.dataframe(df, on_select='yes')",
        "st.dataframe(df, on_select='rerun', selection_mode='multi-everything')",
        "st.dataframe(df, on_select='rerun', selection_mode=['single-row', 'multi-row'])",
        "st.dataframe(df, selection_default={'rows': [0]})",
        "st.dataframe(42)",
        "st.dataframe(df, column_config={7: 'x'})",
        "st.dataframe(df, column_config={'age': st.column_config.NumberColumn(format='money')})",
    ):
        at = app_test(DF + call)
        at.run()
        assert at.exception[0].exception_type in ("StreamlitAPIException", "TidalAPIError"), call


SELECT = (
    DF
    + """
st.session_state.setdefault("log", [])
def changed():
    st.session_state.log.append(("cb", list(st.session_state.t.selection.rows)))
ev = st.dataframe(df, key="t", on_select=changed, selection_mode=["multi-row", "single-column"])
st.session_state.log.append(("run", list(ev.selection.rows)))
"""
)


def test_a_selection_is_returned_and_held_in_session_state_under_the_key(app_test):
    at = app_test(SELECT)
    at.run()
    assert at.dataframe[0].selection == {"rows": [], "columns": [], "cells": []}
    at.dataframe[0].select_rows([2, 0]).run()
    assert at.session_state.t == {"selection": {"rows": [2, 0], "columns": [], "cells": []}}
    assert at.session_state.t.selection.rows == [2, 0]


def test_the_selection_callback_runs_before_the_rerun(app_test):
    at = app_test(SELECT)
    at.run()
    at.dataframe[0].select_rows([1]).run()
    assert at.session_state.log == [("run", []), ("cb", [1]), ("run", [1])]


def test_a_selection_must_fit_the_modes_and_the_data(app_test):
    at = app_test(SELECT)
    at.run()
    with pytest.raises(ValueError, match="not a position"):
        at.dataframe[0].select_rows([7]).run()
    at = app_test(SELECT)
    at.run()
    with pytest.raises(ValueError, match="column"):
        at.dataframe[0].select_columns(["name", "age"]).run()


def test_selection_default_preselects(app_test):
    at = app_test(
        DF + "ev = st.dataframe(df, on_select='rerun', selection_default={'rows': [1]})\n"
        "st.write(repr(ev.selection.rows))"
    )
    at.run()
    assert at.markdown.values == ["[1]"]


def test_cell_selections_are_row_column_pairs(app_test):
    at = app_test(
        DF + "ev = st.dataframe(df, on_select='rerun', selection_mode='multi-cell', key='c')"
    )
    at.run()
    at.dataframe[0].select_cells([(0, "age"), (2, "name")]).run()
    assert at.session_state.c.selection.cells == [(0, "age"), (2, "name")]


def test_a_dataframe_selection_callback_inside_a_form_is_refused(app_test):
    at = app_test(
        DF
        + "with st.form('f'):\n    st.dataframe(df, on_select=lambda: None)\n    st.form_submit_button()"
    )
    at.run()
    assert "callbacks" in at.exception[0].value


# ----------------------------------------------------------------------------- data editor
EDITOR = (
    DF
    + """
st.session_state.setdefault("calls", 0)
def changed():
    st.session_state.calls += 1
edited = st.data_editor(df, key="ed", num_rows="dynamic", on_change=changed,
                        disabled=["name"],
                        column_config={"age": st.column_config.NumberColumn(min_value=0, max_value=150)})
st.write(repr(edited["age"].tolist()))
"""
)


def test_the_editor_state_in_session_state_is_streamlits_dict(app_test):
    at = app_test(EDITOR)
    at.run()
    assert at.session_state.ed == {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    ed = at.data_editor(key="ed")
    ed.edit_cell(1, "age", 42).add_row({"age": 7}).delete_rows(0).run()
    assert at.session_state.ed == {
        "edited_rows": {1: {"age": 42}},
        "added_rows": [{"age": 7}],
        "deleted_rows": [0],
    }
    assert at.markdown.values == ["[42, 85, 7]"]
    assert at.session_state.calls == 1


def test_the_editor_returns_the_data_in_its_input_type(app_test):
    at = app_test(
        """
import numpy as np
import tidal as st
out = {
    "records": st.data_editor([{"a": 1}, {"a": 2}], key="r"),
    "columns": st.data_editor({"a": [1, 2]}, key="c"),
    "values": st.data_editor([1, 2], key="v"),
    "array": st.data_editor(np.array([[1, 2], [3, 4]]), key="n"),
}
st.write(repr({k: (type(v).__name__, v.tolist() if hasattr(v, "tolist") else v) for k, v in out.items()}))
"""
    )
    at.run()
    at.data_editor(key="r").edit_cell(0, "a", 5).run()
    at.data_editor(key="v").edit_cell(1, "value", 9).run()
    at.data_editor(key="n").edit_cell(1, "0", 7).run()
    got = eval(at.markdown.values[0])
    assert got == {
        "records": ("list", [{"a": 5}, {"a": 2}]),
        "columns": ("dict", {"a": [1, 2]}),
        "values": ("list", [1, 9]),
        "array": ("ndarray", [[1, 2], [7, 4]]),
    }


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        (lambda ed: ed.edit_cell(0, "age", "old"), "holds numbers"),
        (lambda ed: ed.edit_cell(0, "age", 1.5), "whole numbers"),
        (lambda ed: ed.edit_cell(0, "age", 200), "above the maximum"),
        (lambda ed: ed.edit_cell(0, "name", "Bob"), "not editable"),
        (lambda ed: ed.edit_cell(9, "age", 1), "not a row"),
        (lambda ed: ed.edit_cell(0, "nope", 1), "no column"),
    ],
)
def test_edits_that_do_not_fit_the_column_are_refused(app_test, stage, message):
    at = app_test(EDITOR)
    at.run()
    with pytest.raises(ValueError, match=message):
        stage(at.data_editor(key="ed")).run()


def test_a_fixed_editor_refuses_added_and_deleted_rows(app_test):
    at = app_test(DF + "st.data_editor(df, key='ed')")
    at.run()
    with pytest.raises(ValueError, match="cannot be added"):
        at.data_editor(key="ed").add_row({"age": 1}).run()


def test_the_editor_state_cannot_be_set_through_session_state(app_test):
    at = app_test(DF + "st.session_state.ed = {'edited_rows': {}}\nst.data_editor(df, key='ed')")
    at.run()
    assert at.exception[0].exception_type == "StreamlitValueAssignmentNotAllowedError"


def test_editor_props_list_the_editable_columns_and_defaults(app_test):
    at = app_test(
        DF
        + """
st.data_editor(df, num_rows="add", disabled=True,
               column_config={"age": st.column_config.NumberColumn(default=18)})
st.data_editor(df, column_config={"name": st.column_config.SelectboxColumn(options=["Ada", "Bob"], required=True)})
"""
    )
    at.run()
    a, b = at.data_editor
    assert a.props["editable"] == {} and a.props["defaults"] == {"age": 18}
    assert a.props["num_rows"] == "add" and at.dataframe[0].editing_mode == "add"
    assert b.props["editable"] == {"name": "selectbox", "age": "number"}
    assert b.props["required"] == ["name"]


def test_a_selectbox_column_only_takes_its_options(app_test):
    at = app_test(
        DF
        + "st.data_editor(df, key='e', column_config={'name': st.column_config.SelectboxColumn(options=['Ada', 'Bob'])})"
    )
    at.run()
    at.data_editor(key="e").edit_cell(0, "name", "Bob").run()
    with pytest.raises(ValueError, match="not one of"):
        at.data_editor(key="e").edit_cell(1, "name", "Eve").run()


def test_date_cells_take_iso_text_and_come_back_as_dates(app_test):
    at = app_test(
        """
import datetime as dt
import tidal as st
out = st.data_editor([{"d": dt.date(2024, 1, 1)}], key="e")
st.write(repr(out[0]["d"]))
"""
    )
    at.run()
    at.data_editor(key="e").edit_cell(0, "d", "2025-02-03").run()
    assert at.markdown.values == ["datetime.date(2025, 2, 3)"]
    with pytest.raises(ValueError, match="ISO date"):
        at.data_editor(key="e").edit_cell(0, "d", "soon").run()


# ----------------------------------------------------------------------------- table, metric
def test_a_table_holds_all_rows_and_the_stylers_colours(app_test):
    at = app_test(
        DF
        + "st.table(df.style.map(lambda v: 'color: red' if v == 41 else '', subset=['age']), border='horizontal', hide_header=True)"
    )
    at.run()
    t = at.table[0]
    assert t.value["age"].tolist() == [36, 41, 85]
    assert t.props["rows"] == [[0, "Ada", 36], [1, "Alan", 41], [2, "Grace", 85]]
    assert t.props["css"][1] == [None, "color: red"]
    assert (t.props["border"], t.props["hide_header"]) == ("horizontal", True)


def test_metric_value_delta_and_colour(app_test):
    at = app_test(
        """
import tidal as st
st.metric("Temp", 70, 1.5)
st.metric("Loss", "3 kg", "-1 kg")
st.metric("Cost", 10, -3, delta_color="inverse")
st.metric("Flat", 5, 1, delta_color="off", help="why")
st.metric("Money", 1234.5, 10, format="dollar")
st.metric("None", None)
"""
    )
    at.run()
    m = at.metric
    assert [x.value for x in m] == ["70", "3 kg", "10", "5", "$1,234.50", "—"]
    assert [x.delta for x in m] == ["1.5", "-1 kg", "-3", "1", "$10.00", ""]
    assert [x.color for x in m] == ["green", "red", "green", "gray", "green", "gray"]
    assert m[0].label == "Temp" and m[3].help == "why"
    assert m[1].props["arrow"] == "down" and m[0].props["arrow"] == "up"


def test_metric_sparkline_border_and_arrow_options(app_test):
    at = app_test(
        """
import pandas as pd
import tidal as st
st.metric("A", 1, 2, border=True, chart_data=pd.Series([1, 3, None]), chart_type="bar",
          delta_arrow="off", label_visibility="collapsed", delta_description="vs last week")
"""
    )
    at.run()
    p = at.metric[0].props
    assert p["chart"] == [1.0, 3.0, None] and p["chart_type"] == "bar" and p["border"] is True
    assert p["arrow"] == "off" and p["label_visibility"] == "collapsed"
    assert p["delta_description"] == "vs last week"


def test_metric_refuses_bad_values(app_test):
    for call in (
        "st.metric('a', [1])",
        "st.metric('a', 1, delta_color='purple')",
        "st.metric('a', 1, chart_type='pie')",
        "st.metric('a', 1, chart_data=['x'])",
    ):
        at = app_test("import tidal as st\n" + call)
        at.run()
        assert at.exception, call


# ----------------------------------------------------------------------------- st.write
def test_write_draws_frames_series_arrays_and_records_as_dataframes(app_test):
    at = app_test(
        """
import numpy as np
import pandas as pd
import tidal as st
st.write(pd.DataFrame({"a": [1]}))
st.write(pd.Series([1, 2]))
st.write(np.arange(3))
st.write([{"a": 1}, {"a": 2}])
st.write({"plain": "dict"})
"""
    )
    at.run()
    assert len(at.dataframe) == 4
    assert len(at.json) == 1


# ----------------------------------------------------------------------------- column config
def test_column_config_values_are_dicts_with_type_config():
    cc = st.column_config
    assert cc.NumberColumn("P", format="euro", min_value=0)["type_config"] == {
        "type": "number",
        "format": "euro",
        "min_value": 0,
    }
    assert cc.ProgressColumn(format="percent")["type_config"]["max_value"] == 100
    assert cc.LinkColumn(display_text="Open")["type_config"]["display_text"] == "Open"
    assert cc.DateColumn(default=__import__("datetime").date(2024, 1, 1))["default"] == "2024-01-01"
    assert cc.Column(width="small", pinned=True) == {"width": "small", "pinned": True}
    with pytest.raises(StreamlitAPIException, match="Invalid column width"):
        cc.Column(width="huge")


def test_media_and_chart_columns_carry_their_kind_and_read_like_functions():
    cc = st.column_config
    kinds = {cc.ImageColumn: "image", cc.AudioColumn: "audio", cc.VideoColumn: "video"}
    kinds |= {cc.JsonColumn: "json"}
    for column, kind in kinds.items():
        assert column("P", pinned=True) == {
            "label": "P",
            "pinned": True,
            "type_config": {"type": kind},
        }
        assert column.__name__ in repr(column) and ">>>" in (column.__doc__ or "")
    assert cc.BarChartColumn(y_min=0, y_max=5, color="red") == {
        "disabled": True,
        "type_config": {"type": "bar_chart", "y_min": 0, "y_max": 5, "color": "red"},
    }
    assert cc.LineChartColumn()["type_config"]["type"] == "line_chart"
    assert cc.AreaChartColumn("A")["label"] == "A"


# ----------------------------------------------------------------------------- forms, durability
def test_an_editor_in_a_form_sends_its_edits_on_submit(app_test):
    at = app_test(
        DF
        + """
with st.form("f"):
    edited = st.data_editor(df, key="ed")
    st.form_submit_button("Save")
st.write(repr(edited["age"].tolist()))
"""
    )
    at.run()
    at.data_editor(key="ed").edit_cell(0, "age", 1).run()
    assert at.markdown.values == ["[36, 41, 85]"]  # not without the form's submit button...
    at.data_editor(key="ed").edit_cell(0, "age", 1)
    at.button[0].click().run()  # ...clicked in the same run (as Streamlit's AppTest)
    assert at.markdown.values == ["[1, 41, 85]"]


def test_selections_and_edits_survive_the_safe_codec():
    from tidal.api.selection import AttributeDict
    from tidal.codec import Snapshot, make_codec

    codec = make_codec()
    selection = AttributeDict({"selection": {"rows": [1], "columns": [], "cells": [(0, "a")]}})
    edits = {"edited_rows": {1: {"a": 5}}, "added_rows": [], "deleted_rows": []}
    encoded = codec.encode(Snapshot({}, {"w1": selection, "w2": edits}, {}, "", 0))
    assert encoded.not_durable == ()
    back = codec.decode(encoded.data)
    assert back.widgets == {"w1": selection, "w2": edits}
    assert back.widgets["w1"].selection.cells == [(0, "a")]


def test_a_selection_can_be_set_through_session_state(app_test):
    at = app_test(
        DF
        + """
if st.button("First"):
    st.session_state.t = {"selection": {"rows": [0]}}
ev = st.dataframe(df, key="t", on_select="rerun")
st.write(repr(ev.selection.rows))
"""
    )
    at.run()
    at.button[0].click().run()
    assert at.markdown.values == ["[0]"]
    assert at.session_state.t.selection == {"rows": [0], "columns": [], "cells": []}


def test_a_bad_selection_in_session_state_raises(app_test):
    at = app_test(
        DF + "st.session_state.t = {'rows': [0]}\nst.dataframe(df, key='t', on_select='rerun')"
    )
    at.run()
    assert "must look like" in at.exception[0].value


def test_editor_callback_gets_args_and_kwargs_and_props_carry_sizes(app_test):
    at = app_test(
        DF
        + """
st.session_state.setdefault("got", None)
def changed(a, b=None):
    st.session_state.got = (a, b)
st.data_editor(df, key="ed", on_change=changed, args=(1,), kwargs={"b": 2},
               width=500, height=300, hide_index=True, column_order=["age"],
               row_height=30, placeholder="none", alt="team")
"""
    )
    at.run()
    p = at.data_editor[0].props
    assert (p["width"], p["height"], p["hide_index"], p["column_order"]) == (
        500,
        300,
        True,
        ["age"],
    )
    assert (p["row_height"], p["placeholder"], p["alt"]) == (30, "none", "team")
    at.data_editor(key="ed").edit_cell(0, "age", 1).run()
    assert at.session_state.got == (1, 2)


def test_table_and_metric_sizes_and_icon_reach_the_browser(app_test):
    at = app_test(
        DF
        + """
st.table(df, width=400, height=200, hide_index=True, alt="people")
st.metric("M", 1, icon="🔥", width=200, height=120)
"""
    )
    at.run()
    t, m = at.table[0].props, at.metric[0].props
    assert (t["width"], t["height"], t["hide_index"], t["alt"]) == (400, 200, True, "people")
    assert (m["icon"], m["width"], m["height"]) == ("🔥", 200, 120)
