"""``st.pills``, ``st.segmented_control`` and ``st.feedback``: button groups (api/button_group.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import AppTestFactory
from tidal.api.choice_options import options_list
from tidal.errors import StreamlitAPIException
from tidal.session import Session
from tidal.testing import AppTest


def test_pills_return_none_until_an_option_is_chosen(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.pills("Colour", ["red", "green", "blue"], key="c")
    """).run()
    assert at.session_state.got is None
    at.pills(key="c").select("green").run()
    assert at.session_state.got == "green"
    assert at.pills[0].indices == [1]


def test_pills_unselect_returns_to_none(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.pills("Colour", ["red", "green"], default="red", key="c")
    """).run()
    assert at.session_state.got == "red"
    at.pills(key="c").unselect("red").run()
    assert at.session_state.got is None


def test_multi_pills_return_the_chosen_options_in_option_order(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.pills(
            "Tags", ["a", "b", "c"], selection_mode="multi", default=["c"], key="t"
        )
    """).run()
    assert at.session_state.got == ["c"]
    at.pills(key="t").select("a").run()
    assert at.session_state.got == ["a", "c"]
    at.pills(key="t").unselect("c").run()
    assert at.session_state.got == ["a"]


def test_options_show_format_func_labels_and_value_is_the_python_value(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.segmented_control("Size", [1, 2, 3], format_func=lambda n: f"{n} kg", default=2)
    """).run()
    sc = at.segmented_control[0]
    assert sc.options == ["1 kg", "2 kg", "3 kg"]
    assert sc.value == 2
    assert sc.format_func(3) == "3 kg"
    assert sc.formatted_values == ["2 kg"]
    assert at.button_group[0].value == 2


def test_options_may_be_a_dataframe_or_a_series(app_test: AppTestFactory) -> None:
    at = app_test("""
        import pandas as pd
        import tidal as st
        df = pd.DataFrame({"city": ["Oslo", "Rome"], "pop": [1, 3]})
        st.pills("City", df, key="df")
        st.segmented_control("Pop", df["pop"], key="s")
    """).run()
    assert at.pills[0].options == ["Oslo", "Rome"]
    assert at.segmented_control[0].options == ["1", "3"]
    at.segmented_control(key="s").select(3).run()
    assert at.segmented_control[0].value == 3


def test_required_pills_refuse_an_empty_choice_from_the_browser() -> None:
    at = AppTest.from_string(
        'import tidal as st\nst.pills("P", ["a", "b"], default="a", required=True, key="p")'
    ).run()
    wid = at.pills[0].id
    session: Session = at._session
    meta = session.state.meta(wid)
    assert meta is not None
    with pytest.raises(ValueError):
        meta.from_wire(None)
    assert meta.from_wire(1) == "b"


@pytest.mark.parametrize(
    "wire", [5, -1, "0", True, [0], 1.5], ids=["past", "negative", "text", "bool", "list", "float"]
)
def test_a_bad_index_from_the_browser_is_refused(wire: object) -> None:
    at = AppTest.from_string('import tidal as st\nst.pills("P", ["a", "b"], key="p")').run()
    meta = at._session.state.meta(at.pills[0].id)
    assert meta is not None
    with pytest.raises(ValueError):
        meta.from_wire(wire)


def test_multi_refuses_duplicates_from_the_browser() -> None:
    at = AppTest.from_string(
        'import tidal as st\nst.pills("P", ["a", "b"], selection_mode="multi", key="p")'
    ).run()
    meta = at._session.state.meta(at.pills[0].id)
    assert meta is not None
    with pytest.raises(ValueError):
        meta.from_wire([0, 0])
    assert meta.from_wire([1, 0]) == ["a", "b"]


def test_bad_arguments_raise_streamlits_errors(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.pills("P", ["a"], selection_mode="many")
    """).run()
    assert "selection_mode argument must be one of" in at.exception[0].value
    at = app_test("""
        import tidal as st
        st.pills("P", ["a"], default="z")
    """).run()
    assert "is not part of the options" in at.exception[0].value
    at = app_test("""
        import tidal as st
        st.segmented_control("P", ["a", "b"], default=["a", "b"])
    """).run()
    assert "must be a single value" in at.exception[0].value


def test_callback_runs_on_change(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.pills("P", ["a", "b"], key="p",
                 on_change=lambda: st.session_state.log.append(st.session_state.p))
    """).run()
    at.pills(key="p").select("b").run()
    assert at.session_state.log == ["b"]


@pytest.mark.parametrize(("kind", "count"), [("thumbs", 2), ("faces", 5), ("stars", 5)])
def test_feedback_offers_its_kinds_icons(app_test: AppTestFactory, kind: str, count: int) -> None:
    at = app_test(f"""
        import tidal as st
        st.session_state.got = st.feedback("{kind}", key="f")
    """).run()
    assert at.session_state.got is None
    assert len(at.feedback[0].options) == count
    at.feedback(key="f").set_value(count - 1).run()
    assert at.session_state.got == count - 1


def test_feedback_default_and_bad_default(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.write(st.feedback("stars", default=2))
    """).run()
    assert at.feedback[0].value == 2
    at = app_test("""
        import tidal as st
        st.feedback("thumbs", default=3)
    """).run()
    assert "must be a number between 0 and 1" in at.exception[0].value
    at = app_test("""
        import tidal as st
        st.feedback("hearts")
    """).run()
    assert "must be one of ['thumbs', 'faces', 'stars']" in at.exception[0].value


def test_help_and_disabled_reach_the_test(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.pills("P", ["a"], help="Pick one", disabled=True)
    """).run()
    assert at.pills[0].help == "Pick one"
    assert at.pills[0].disabled is True


def test_options_are_required() -> None:
    at = AppTest.from_string('import tidal as st\nst.pills("P", [])').run()
    assert "needs at least one option" in at.exception[0].value


def test_options_list_reads_a_series_a_dataframe_and_a_dict() -> None:
    assert options_list(pd.Series(["x", "y"])) == ["x", "y"]
    assert options_list(pd.DataFrame({"a": [1, 2], "b": [3, 4]})) == [1, 2]
    assert options_list({"k": 1, "j": 2}) == ["k", "j"]
    assert options_list("abc") == ["abc"]
    with pytest.raises(StreamlitAPIException):
        options_list(object())
