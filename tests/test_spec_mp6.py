"""Spec MP-6: ``bind="query-params"`` and ``persist_state`` keep a widget's value in the URL
or across unmounts and page switches (Streamlit 1.67)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from tests.conftest import AppTestFactory
from tidal.testing import AppTest


def folder_app(root: Path, main: str, page: str) -> AppTest:
    (root / "pages").mkdir()
    (root / "main.py").write_text(textwrap.dedent(main))
    (root / "pages" / "1_other.py").write_text(textwrap.dedent(page))
    return AppTest.from_file(root / "main.py", default_timeout=10).run()


# ----------------------------------------------------------------------------- bind
def test_MP_6_a_bound_widget_reads_its_value_from_the_query_on_its_first_run(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.text(st.selectbox("Colour", ["red", "green"], key="colour", bind="query-params"))
    """)
    at.query_params["colour"] = "green"
    at.run()
    assert at.text[0].value == "green"
    assert at.query_params == {"colour": "green"}


def test_MP_6_a_change_is_written_to_the_query_and_the_default_is_left_out(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.slider("N", 0, 10, 3, key="n", bind="query-params")
    """).run()
    assert at.query_params == {}
    at.slider(key="n").set_value(7).run()
    assert at.query_params == {"n": "7"}
    at.slider(key="n").set_value(3).run()
    assert at.query_params == {}


def test_MP_6_a_value_that_does_not_fit_is_dropped_from_the_query(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.text(str(st.number_input("N", 0, 10, key="n", bind="query-params")))
        st.text(str(st.checkbox("C", key="c", bind="query-params")))
    """)
    at.query_params.update({"n": "99", "c": "maybe", "other": "kept"})
    at.run()
    assert [t.value for t in at.text] == ["0", "False"]
    assert at.query_params == {"other": "kept"}


def test_MP_6_a_multiselect_uses_a_repeated_param(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.multiselect("Tags", ["a", "b", "c"], key="t",
                                              bind="query-params")
    """)
    at.query_params["t"] = ["c", "a", "zzz", "a"]
    at.run()
    assert at.session_state.got == ["c", "a"]
    assert at.query_params == {"t": ["c", "a"]}


def test_MP_6_a_cleared_multiselect_with_a_default_shows_an_empty_param(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.multiselect("Tags", ["a", "b"], default=["a"], key="t", bind="query-params")
    """).run()
    at.multiselect(key="t").unselect("a").run()
    assert at.query_params == {"t": ""}


@pytest.mark.parametrize(
    ("call", "param", "value"),
    [
        ('st.text_input("T", key="k", bind="query-params")', "hi there", "hi there"),
        ('st.toggle("T", key="k", bind="query-params")', "true", True),
        (
            'st.date_input("T", dt.date(2024, 1, 1), key="k", bind="query-params")',
            "2024-02-03",
            dt.date(2024, 2, 3),
        ),
        ('st.time_input("T", dt.time(9), key="k", bind="query-params")', "10:30", dt.time(10, 30)),
        ('st.color_picker("T", key="k", bind="query-params")', "#ff0000", "#ff0000"),
        ('st.pills("T", ["x", "y"], key="k", bind="query-params")', "y", "y"),
        ('st.feedback("stars", key="k", bind="query-params")', "4", 4),
        ('st.pagination(9, key="k", bind="query-params")', "5", 5),
        ('st.radio("T", ["x", "y"], key="k", bind="query-params")', "y", "y"),
        ('st.select_slider("T", ["lo", "hi"], key="k", bind="query-params")', "hi", "hi"),
    ],
)
def test_MP_6_every_bindable_widget_reads_its_param(
    app_test: AppTestFactory, call: str, param: str, value: object
) -> None:
    at = app_test(f"""
        import datetime as dt
        import tidal as st
        st.session_state.got = {call}
    """)
    at.query_params["k"] = param
    at.run()
    assert not at.exception
    assert at.session_state.got == value
    assert at.query_params == {"k": param}


def test_MP_6_bind_needs_a_key_and_the_only_value_is_query_params(
    app_test: AppTestFactory,
) -> None:
    at = app_test('import tidal as st\nst.checkbox("C", bind="query-params")').run()
    assert "needs a `key`" in at.exception[0].value
    at = app_test('import tidal as st\nst.checkbox("C", key="c", bind="url")').run()
    assert 'only supported value is "query-params"' in at.exception[0].value


def test_MP_6_a_value_set_through_session_state_wins_over_the_query(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("c", "red")
        st.selectbox("Colour", ["red", "green"], key="c", bind="query-params")
    """)
    at.query_params["c"] = "green"
    at.run()
    assert at.selectbox(key="c").value == "red"


# ----------------------------------------------------------------------------- persist_state
SHOW_HIDE = """
    import tidal as st
    if st.checkbox("Show", value=True, key="show"):
        st.text_input("Name", key="name", persist_state={scope})
    st.text(repr(st.session_state.get("name")))
"""


@pytest.mark.parametrize("scope", ['"page"', '"session"'])
def test_MP_6_persist_state_keeps_the_value_while_the_widget_is_hidden(
    app_test: AppTestFactory, scope: str
) -> None:
    at = app_test(SHOW_HIDE.format(scope=scope)).run()
    at.text_input(key="name").input("Ada").run()
    at.checkbox(key="show").uncheck().run()
    at.run()
    assert at.text[0].value == "'Ada'"
    at.checkbox(key="show").check().run()
    assert at.text_input(key="name").value == "Ada"


def test_MP_6_without_persist_state_a_hidden_widget_loses_its_value(
    app_test: AppTestFactory,
) -> None:
    at = app_test(SHOW_HIDE.format(scope="None")).run()
    at.text_input(key="name").input("Ada").run()
    at.checkbox(key="show").uncheck().run()
    at.run()
    at.checkbox(key="show").check().run()
    assert at.text_input(key="name").value == ""


PAGE = """
    import tidal as st
    st.text_input("Name", key="name", persist_state={scope})
"""
OTHER = """
    import tidal as st
    st.text("other page")
"""


def test_MP_6_session_scope_survives_a_page_switch(tmp_path: Path) -> None:
    at = folder_app(tmp_path, PAGE.format(scope='"session"'), OTHER)
    at.text_input(key="name").input("Ada").run()
    at.switch_page("pages/1_other.py").run()
    assert at.session_state.name == "Ada"
    at.switch_page("main.py").run()
    assert at.text_input(key="name").value == "Ada"


def test_MP_6_page_scope_is_dropped_on_a_page_switch(tmp_path: Path) -> None:
    at = folder_app(tmp_path, PAGE.format(scope='"page"'), OTHER)
    at.text_input(key="name").input("Ada").run()
    at.switch_page("pages/1_other.py").run()
    assert "name" not in at.session_state
    at.switch_page("main.py").run()
    assert at.text_input(key="name").value == ""


def test_MP_6_persist_state_needs_a_key_and_a_known_scope(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.slider("S", persist_state="page")').run()
    assert "needs a `key`" in at.exception[0].value
    at = app_test('import tidal as st\nst.slider("S", key="s", persist_state="tab")').run()
    assert 'Use "page", "session" or None' in at.exception[0].value


def test_MP_6_a_bound_widget_keeps_its_value_across_pages(tmp_path: Path) -> None:
    at = folder_app(
        tmp_path,
        'import tidal as st\nst.text_input("Q", key="q", bind="query-params")\n',
        OTHER,
    )
    at.text_input(key="q").input("tide").run()
    assert at.query_params == {"q": "tide"}
    at.switch_page("pages/1_other.py").run()
    at.switch_page("main.py").run()
    assert at.text_input(key="q").value == "tide"
    assert at.query_params == {"q": "tide"}


def test_MP_6_a_value_too_long_for_an_address_stays_out_of_it(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.text_area("Essay", key="essay", bind="query-params")
    """).run()
    at.text_area(key="essay").input("x" * 10_000).run()
    assert at.text_area(key="essay").value == "x" * 10_000
    assert at.query_params == {}


def test_MP_6_embed_cannot_be_a_bound_key(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.checkbox("C", key="embed", bind="query-params")').run()
    assert "reserved query params" in at.exception[0].value


def test_MP_6_a_page_scoped_entrypoint_widget_belongs_to_the_page_shown(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st

        def home():
            st.text("home")

        def other():
            st.text("other")

        pg = st.navigation([st.Page(home, default=True), st.Page(other)])
        if st.session_state.get("show", True):
            st.sidebar.text_input("Common", key="common", persist_state="page")
        pg.run()
    """).run()
    at.text_input(key="common").input("C").run()
    at.session_state["show"] = False
    at.run()
    assert at.session_state["common"] == "C"
    at.session_state["show"] = True
    at.run()
    assert at.text_input(key="common").value == "C"


def test_MP_6_an_emptied_widget_shows_an_empty_param_and_comes_back_empty(
    app_test: AppTestFactory,
) -> None:
    source = """
        import tidal as st
        st.session_state.got = st.selectbox("S", ["a", "b"], key="s", bind="query-params")
    """
    at = app_test(source).run()
    at.selectbox(key="s").set_value(None).run()
    assert at.query_params == {"s": ""}
    again = app_test(source)
    again.query_params["s"] = ""
    again.run()
    assert again.session_state.got is None
