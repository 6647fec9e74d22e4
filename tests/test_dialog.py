"""st.dialog: a decorator whose function opens in a modal dialog and reruns like a fragment."""

from __future__ import annotations

import pytest

VOTE = """
import tidal as st
st.session_state.setdefault("full_runs", 0)
st.session_state.full_runs += 1

@st.dialog("Cast your vote", width="large", icon="🗳️")
def vote(item):
    st.write(f"Why is {item} your favorite?")
    reason = st.text_input("Because...", key="reason")
    if st.button("Submit"):
        st.session_state.vote = {"item": item, "reason": reason}
        st.rerun()

if "vote" not in st.session_state:
    if st.button("Vote for A"):
        vote("A")
else:
    st.write(f"You voted for {st.session_state.vote['item']}")
"""


def test_calling_a_dialog_function_opens_the_dialog_with_its_content(app_test):
    at = app_test(VOTE).run()
    assert len(at.dialog) == 0
    at.button[0].click().run()
    dialog = at.dialog[0]
    assert dialog.label == "Cast your vote"
    assert dialog.props["width"] == "large" and dialog.props["icon"] == "🗳️"
    assert dialog.markdown[0].value == "Why is A your favorite?"
    assert dialog.text_input(key="reason").label == "Because..."


def test_the_script_closes_a_dialog_by_not_calling_it_again(app_test):
    # AppTest runs whole interactions (as Streamlit's does); a browser reruns only the
    # dialog's fragment (tests/browser/test_layout.py), so this app keeps it open by state
    at = app_test(
        VOTE.replace(
            'if st.button("Vote for A"):',
            'if st.button("Vote for A") or st.session_state.get("reason") is not None:',
        )
    ).run()
    at.button[0].click().run()
    at.text_input(key="reason").input("blue").run()
    assert at.dialog[0].text_input(key="reason").value == "blue"
    at.dialog[0].button[0].click().run()
    assert at.session_state.vote == {"item": "A", "reason": "blue"}
    assert len(at.dialog) == 0
    assert at.markdown[0].value == "You voted for A"


def test_a_dialogs_body_is_a_fragment(app_test):
    at = app_test(VOTE).run()
    at.button[0].click().run()
    dialog = next(n for n in at._walk() if n.type == "dialog")
    assert dialog.children is not None and dialog.children[0].type == "container"
    wid = at.text_input(key="reason").id
    assert at._session.state.meta(wid).fragment != ""


def test_opening_a_second_dialog_in_one_run_is_streamlits_error(app_test):
    at = app_test("""
        import tidal as st
        @st.dialog("One")
        def one():
            st.write("1")
        @st.dialog("Two")
        def two():
            st.write("2")
        one()
        two()
    """).run()
    assert "Only one dialog is allowed to be opened at the same time" in at.exception[0].value


def test_on_dismiss_calls_its_function_before_the_rerun(app_test):
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        def closed():
            st.session_state.log.append("dismissed")
        @st.dialog("Hi", on_dismiss=closed)
        def hi():
            st.write("hello")
        if not st.session_state.log:
            hi()
        st.session_state.log.append("run")
    """).run()
    at.dialog[0].dismiss().run()
    assert at.session_state.log == ["run", "dismissed", "run"]
    assert len(at.dialog) == 0


def test_a_dialog_that_ignores_dismissal_cannot_be_dismissed_from_a_test(app_test):
    at = app_test("""
        import tidal as st
        @st.dialog("Hi")
        def hi():
            st.write("hello")
        hi()
    """).run()
    with pytest.raises(ValueError, match="on_dismiss='ignore'"):
        at.dialog[0].dismiss()


def test_a_dismissal_from_the_browser_must_be_true(app_test):
    at = app_test("""
        import tidal as st
        @st.dialog("Hi", on_dismiss="rerun")
        def hi():
            st.write("hello")
        hi()
    """).run()
    wid = at.dialog[0].props["id"]
    assert at._session.validate({wid: "x"}) == {}
    assert at._session.validate({wid: True}) == {wid: True}


def test_each_run_that_calls_the_dialog_opens_it_anew(app_test):
    at = app_test("""
        import tidal as st
        @st.dialog("Hi")
        def hi():
            st.write("hello")
        hi()
    """).run()
    first = at.dialog[0].props["opening"]
    at.run()
    assert at.dialog[0].props["opening"] != first


@pytest.mark.parametrize(
    ("decorator", "message"),
    [
        ('st.dialog("x", width="huge")', "st.dialog got width='huge'"),
        ('st.dialog("x", position="left")', "st.dialog got position='left'"),
        ('st.dialog("x", on_dismiss="close")', "st.dialog got on_dismiss='close'"),
        ('st.dialog("x", dismissible=False, on_dismiss="rerun")', "cannot be dismissed"),
        ('st.dialog("x", icon="smile")', 'The value "smile" is not a valid emoji'),
    ],
)
def test_dialog_refuses_bad_arguments(app_test, decorator, message):
    at = app_test(f"import tidal as st\n@{decorator}\ndef f():\n    pass\n").run()
    assert message in at.exception[0].value
