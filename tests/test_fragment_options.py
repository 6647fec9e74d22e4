"""st.fragment's parallel and key parameters."""

from __future__ import annotations

APP = """
import tidal as st
if st.session_state.get("shift"):
    st.write("an element before the fragment")

@st.fragment(key=KEY, parallel=True)
def part():
    st.text_input("Name", key="name")

part()
"""


def fragment_of(at) -> str:
    return at._session.state.meta(at.text_input(key="name").id).fragment


def test_a_keyed_fragment_keeps_its_identity_when_it_moves(app_test):
    at = app_test(APP.replace("KEY", '"profile"')).run()
    before = fragment_of(at)
    at.session_state.shift = True
    at.run()
    assert fragment_of(at) == before != ""


def test_a_keyless_fragment_is_identified_by_where_it_is(app_test):
    at = app_test(APP.replace("KEY", "None")).run()
    before = fragment_of(at)
    at.session_state.shift = True
    at.run()
    assert fragment_of(at) != before


def test_parallel_must_be_a_boolean(app_test):
    at = app_test("""
        import tidal as st
        @st.fragment(parallel="yes")
        def f():
            pass
    """).run()
    assert "st.fragment(parallel='yes') takes True or False" in at.exception[0].value
