"""Panels: st.expander, st.tabs and st.popover, with their open state as a widget."""

from __future__ import annotations

import pytest


def test_an_expander_by_default_is_a_plain_container_without_state(app_test):
    at = app_test("""
        import tidal as st
        e = st.expander("Details", expanded=True, icon="🚨", width=300)
        e.write("inside")
        st.write("open:", e.open)
    """).run()
    exp = at.expander[0]
    assert exp.label == "Details" and exp.icon == "🚨" and exp.expanded is True
    assert exp.open is None
    assert exp.markdown[0].value == "inside"
    assert "id" not in exp.props and exp.props["width"] == 300
    assert at.markdown[1].value == "open: `None`"


def test_a_compact_expander_keeps_its_type(app_test):
    at = app_test('import tidal as st\nst.expander("Thinking...", type="compact")\n').run()
    assert at.expander[0].props["type"] == "compact"


def test_an_expander_with_on_change_rerun_keeps_its_state_under_its_key(app_test):
    at = app_test("""
        import tidal as st
        e = st.expander("More", key="more", on_change="rerun")
        if e.open:
            e.write("expensive content")
        st.write("open:", st.session_state.more)
    """).run()
    assert at.session_state.more is False
    assert at.expander[0].open is False and not at.expander[0].markdown
    wid = at.expander[0].props["id"]
    at._staged[wid] = True
    at.run()
    assert at.session_state.more is True
    assert at.expander[0].markdown[0].value == "expensive content"


def test_an_expanders_state_can_be_set_through_session_state(app_test):
    at = app_test("""
        import tidal as st
        st.expander("More", key="more", on_change="rerun")
    """)
    at.session_state.more = True
    at.run()
    assert at.expander[0].expanded is True


def test_an_expander_callback_runs_with_its_args_before_the_rerun(app_test):
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        def opened(who):
            st.session_state.log.append((who, st.session_state.ex))
        st.expander("Ex", key="ex", on_change=opened, args=("me",))
        st.session_state.log.append("run")
    """).run()
    at._staged[at.expander[0].props["id"]] = True
    at.run()
    assert at.session_state.log == ["run", ("me", True), "run"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.expander("x", on_change="always")', "st.expander got on_change='always'"),
        ('st.expander("x", icon=":smile:")', 'The value ":smile:" is not a valid emoji'),
        ('st.expander("x", icon=":material/Not Valid:")', "is not a valid Material icon"),
        ('st.expander("x", bind="cookies")', "st.expander got bind='cookies'"),
        ('st.expander("x", type="flat")', 'must be "default" or "compact"'),
    ],
)
def test_an_expander_refuses_bad_arguments(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}\n").run()
    assert message in at.exception[0].value


def test_tabs_by_default_keep_their_selection_in_the_browser(app_test):
    at = app_test("""
        import tidal as st
        a, b = st.tabs(["A", "B"], default="B", width=500, height=300)
        b.write("in B")
        st.write(a.open, b.open)
    """).run()
    assert [t.label for t in at.tabs] == ["A", "B"]
    assert at.tabs[1].markdown[0].value == "in B"
    tabs = next(n for n in at._walk() if n.type == "tabs")
    assert tabs.props["default"] == "B" and tabs.props["height"] == 300
    assert at.markdown[1].value == "`None` `None`"


def test_tabs_with_on_change_rerun_make_the_selected_label_state(app_test):
    at = app_test("""
        import tidal as st
        tabs = st.tabs(["Intro", "Data"], key="tab", on_change="rerun")
        for t in tabs:
            if t.open:
                t.write("computed")
        st.write("selected:", st.session_state.tab)
    """).run()
    assert at.session_state.tab == "Intro"
    assert len(at.tabs[0].markdown) == 1 and len(at.tabs[1].markdown) == 0
    tabs = next(n for n in at._walk() if n.type == "tabs")
    at._staged[tabs.props["id"]] = "Data"
    at.run()
    assert at.session_state.tab == "Data"
    assert len(at.tabs[0].markdown) == 0 and len(at.tabs[1].markdown) == 1


def test_a_browser_value_that_is_not_a_tab_label_is_refused(app_test):
    at = app_test("""
        import tidal as st
        st.tabs(["A", "B"], key="tab", on_change="rerun")
    """).run()
    tabs = next(n for n in at._walk() if n.type == "tabs")
    session = at._session
    assert session.validate({tabs.props["id"]: "B"}) == {tabs.props["id"]: "B"}
    assert session.validate({tabs.props["id"]: "C"}) == {}
    assert session.validate({tabs.props["id"]: 1}) == {}


def test_an_expander_state_from_the_browser_must_be_a_boolean(app_test):
    at = app_test("""
        import tidal as st
        st.expander("E", key="e", on_change="rerun")
    """).run()
    wid = at.expander[0].props["id"]
    assert at._session.validate({wid: "yes"}) == {}
    assert at._session.validate({wid: True}) == {wid: True}


def test_a_tab_label_assigned_through_session_state_that_is_gone_falls_back_to_default(app_test):
    at = app_test("""
        import tidal as st
        st.tabs(["A", "B"], key="tab", on_change="rerun", default="B")
    """)
    at.session_state.tab = "Z"
    at.run()
    assert at.session_state.tab == "B"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.tabs([])", "must contain at least one tab label"),
        ('st.tabs(["A"], default="B")', "st.tabs got default='B'"),
        ('st.tabs("AB")', "takes a list of tab labels"),
        ('st.tabs(["A"], height="stretch")', "Invalid height value: 'stretch'"),
    ],
)
def test_tabs_refuse_bad_arguments(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}\n").run()
    assert message in at.exception[0].value


def test_a_popover_is_a_container_with_a_button(app_test):
    at = app_test("""
        import tidal as st
        with st.popover("Settings", type="primary", help="tip", icon=":material/settings:",
                        use_container_width=True, wrap=False):
            st.checkbox("Dark")
    """).run()
    pop = at.popover[0]
    assert pop.label == "Settings" and pop.open is None
    assert pop.props["type"] == "primary" and pop.props["width"] == "stretch"
    assert pop.props["help"] == "tip" and pop.props["icon"] == ":material/settings:"
    assert pop.checkbox[0].label == "Dark"


def test_a_tracked_popover_reports_whether_it_is_open(app_test):
    at = app_test("""
        import tidal as st
        pop = st.popover("Menu", key="menu", on_change="rerun")
        st.write("open:", pop.open)
    """).run()
    assert at.popover[0].open is False
    at._staged[at.popover[0].props["id"]] = True
    at.run()
    assert at.session_state.menu is True and at.markdown[0].value == "open: `True`"


def test_a_popover_refuses_an_unknown_type(app_test):
    at = app_test('import tidal as st\nst.popover("x", type="danger")\n').run()
    assert 'The type argument to st.popover must be "primary", "secondary", or "tertiary"' in (
        at.exception[0].value
    )
