"""``st.menu_button``, ``st.pagination`` and ``st.link_button``."""

from __future__ import annotations

import pytest

from tests.conftest import AppTestFactory
from tidal.testing import AppTest


def test_menu_button_returns_the_chosen_option_for_one_run(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.session_state.log.append(st.menu_button("Export", ["CSV", "JSON"], key="m"))
    """).run()
    at.menu_button(key="m").click("JSON").run()
    at.run()
    assert at.session_state.log == [None, "JSON", None]


def test_menu_button_click_index_and_format_func(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.menu_button(
            "Size", [1, 2], format_func=lambda n: f"{n} kg", key="m", help="Pick"
        )
    """).run()
    m = at.menu_button[0]
    assert m.options == ["1 kg", "2 kg"]
    assert m.help == "Pick"
    assert m.format_func(2) == "2 kg"
    m.click_index(1).run()
    assert at.session_state.got == 2


def test_menu_button_callback_runs_before_the_script(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.menu_button("Go", ["a", "b"], key="m",
                       on_click=lambda: st.session_state.log.append(st.session_state.m))
        st.session_state.log.append("run")
    """).run()
    at.menu_button(key="m").click("b").run()
    assert at.session_state.log == ["run", "b", "run"]


def test_menu_button_refuses_a_bad_index_from_the_browser() -> None:
    at = AppTest.from_string('import tidal as st\nst.menu_button("M", ["a"], key="m")').run()
    meta = at._session.state.meta(at.menu_button[0].id)
    assert meta is not None
    for bad in (1, -1, "a", None, True):
        with pytest.raises(ValueError):
            meta.from_wire(bad)


def test_menu_button_is_not_allowed_in_a_form(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        with st.form("f"):
            st.menu_button("M", ["a"])
            st.form_submit_button()
    """).run()
    assert at.exception


def test_pagination_starts_on_default_and_moves(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.page = st.pagination(10, default=3, key="p")
    """).run()
    assert at.session_state.page == 3
    p = at.pagination[0]
    assert (p.num_pages, p.default) == (10, 3)
    p.select(10).run()
    assert at.session_state.page == 10


@pytest.mark.parametrize("bad", [0, 11, "2", 2.0, None, True])
def test_pagination_refuses_pages_outside_the_range(bad: object) -> None:
    at = AppTest.from_string('import tidal as st\nst.pagination(10, key="p")').run()
    meta = at._session.state.meta(at.pagination[0].id)
    assert meta is not None
    with pytest.raises(ValueError):
        meta.from_wire(bad)


def test_pagination_checks_its_arguments(app_test: AppTestFactory) -> None:
    for call, words in [
        ("st.pagination(0)", "num_pages=0"),
        ("st.pagination(3, default=4)", "past the last page"),
        ("st.pagination(3, max_visible_pages=-1)", "max_visible_pages=-1"),
    ]:
        at = app_test(f"import tidal as st\n{call}").run()
        assert words in at.exception[0].value


def test_link_button_is_a_link_with_url_and_target(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.link_button("Docs", "https://example.com/docs", icon="📖", type="primary")
    """).run()
    lb = at.link_button[0]
    assert lb.value == "Docs"  # the label, as Streamlit's AppTest
    assert lb.url == "https://example.com/docs"
    assert lb.label == "Docs"
    assert lb.props["icon"] == "📖"
    assert lb.props["kind"] == "primary"


def test_link_button_with_on_click_reruns_and_is_true_for_the_click(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.session_state.log.append(
            st.link_button("Docs", "https://example.com", on_click="rerun", key="l")
        )
    """).run()
    at.link_button(key="l").click().run()
    assert at.session_state.log == [False, True]


def test_link_button_needs_a_url(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.link_button("Docs", "")').run()
    assert "needs a URL" in at.exception[0].value
