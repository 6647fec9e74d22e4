"""Spec MP-6 for panels: ``st.expander`` and ``st.tabs`` with ``bind="query-params"`` keep
their state in the query param named after their key (``?key=true`` for an open expander,
``?key=<label>`` for the selected tab), left out while the state is the default."""

from __future__ import annotations

import pytest

from tests.conftest import AppTestFactory
from tidal.testing import AppTest


def tabs_id(at: AppTest) -> str:
    return str(next(n for n in at._walk() if n.type == "tabs").props["id"])


# ----------------------------------------------------------------------------- expander
def test_MP_6_a_bound_expander_opens_from_the_query_on_its_first_run(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        e = st.expander("Filters", key="filters", bind="query-params")
        st.write("open:", e.open)
    """)
    at.query_params["filters"] = "true"
    at.run()
    assert at.expander[0].expanded is True
    assert at.session_state.filters is True
    assert at.markdown[0].value == "open: `True`"
    assert at.query_params == {"filters": "true"}


def test_MP_6_opening_a_bound_expander_writes_true_and_closing_it_leaves_the_param_out(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.expander("Filters", key="filters", bind="query-params")
    """).run()
    assert at.query_params == {}
    wid = at.expander[0].props["id"]
    at._staged[wid] = True
    at.run()
    assert at.query_params == {"filters": "true"}
    at._staged[wid] = False
    at.run()
    assert at.query_params == {}


def test_MP_6_closing_an_expander_open_by_default_writes_false(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.expander("Notes", expanded=True, key="notes", bind="query-params")
    """).run()
    assert at.query_params == {}
    at._staged[at.expander[0].props["id"]] = False
    at.run()
    assert at.query_params == {"notes": "false"}
    assert at.expander[0].expanded is False


def test_MP_6_an_expander_param_that_is_not_true_or_false_is_dropped(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.expander("Filters", key="filters", bind="query-params")
    """)
    at.query_params.update({"filters": "maybe", "other": "kept"})
    at.run()
    assert at.expander[0].expanded is False
    assert at.query_params == {"other": "kept"}


def test_MP_6_a_bound_expander_tells_the_browser_its_param_and_default(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.expander("Filters", key="filters", bind="query-params")
        st.expander("Rerun", key="r", bind="query-params", on_change="rerun")
    """).run()
    ignore, rerun = at.expander
    assert ignore.props["bind"] == {"param": "filters", "default": "false"}
    assert ignore.props["ignore_rerun"] is True
    assert "ignore_rerun" not in rerun.props


def test_MP_6_an_expander_state_set_through_session_state_wins_over_the_query(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "filters" not in st.session_state:
            st.session_state.filters = False
        st.expander("Filters", key="filters", bind="query-params")
    """)
    at.query_params["filters"] = "true"
    at.run()
    assert at.expander[0].expanded is False
    assert at.query_params == {}


def test_MP_6_a_bound_expander_callback_runs_on_a_change(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.expander("E", key="e", bind="query-params",
                    on_change=lambda: st.session_state.log.append(st.session_state.e))
    """).run()
    at._staged[at.expander[0].props["id"]] = True
    at.run()
    assert at.session_state.log == [True]
    assert at.query_params == {"e": "true"}


# ----------------------------------------------------------------------------- tabs
def test_MP_6_bound_tabs_select_the_tab_the_query_names(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        intro, data = st.tabs(["Intro", "Data"], key="tab", bind="query-params")
        st.write(intro.open, data.open)
    """)
    at.query_params["tab"] = "Data"
    at.run()
    assert at.session_state.tab == "Data"
    assert at.markdown[0].value == "`False` `True`"
    assert at.query_params == {"tab": "Data"}


def test_MP_6_choosing_a_tab_writes_its_label_and_the_default_tab_is_left_out(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.tabs(["Intro", "Raw data"], key="tab", bind="query-params", default="Intro")
    """).run()
    assert at.query_params == {}
    at._staged[tabs_id(at)] = "Raw data"
    at.run()
    assert at.query_params == {"tab": "Raw data"}
    at._staged[tabs_id(at)] = "Intro"
    at.run()
    assert at.query_params == {}


def test_MP_6_a_tab_param_that_names_no_tab_is_dropped(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.tabs(["A", "B"], key="tab", bind="query-params", default="B")
    """)
    at.query_params["tab"] = "Z"
    at.run()
    assert at.session_state.tab == "B"
    assert at.query_params == {}


def test_MP_6_bound_tabs_tell_the_browser_their_param_and_default_label(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.tabs(["A", "B"], key="tab", bind="query-params", default="B")
    """).run()
    props = next(n for n in at._walk() if n.type == "tabs").props
    assert props["bind"] == {"param": "tab", "default": "B"}
    assert props["ignore_rerun"] is True


# ----------------------------------------------------------------------------- arguments
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.expander("x", bind="query-params")',
            'st.expander(bind="query-params") needs a `key`',
        ),
        ('st.tabs(["A"], bind="query-params")', 'st.tabs(bind="query-params") needs a `key`'),
        ('st.tabs(["A"], key="t", bind="url")', "st.tabs got bind='url'"),
        (
            'st.expander("x", key="embed", bind="query-params")',
            "embed and embed_options are reserved query params",
        ),
    ],
)
def test_MP_6_a_bound_panel_needs_a_key_and_the_only_bind_is_query_params(
    app_test: AppTestFactory, call: str, message: str
) -> None:
    at = app_test(f"import tidal as st\n{call}\n").run()
    assert message in at.exception[0].value
