"""``st.fragment``: fragment-only reruns over a real server (R-7, R-9..R-11, R-13).

AppTest always runs the whole script (R-13), as Streamlit's does, so fragment-only reruns are
driven here through the protocol, as the browser drives them. The app is
``exp_fragment.py``'s (``shared/spec/experiments``); the expected texts are what Streamlit
1.67 showed.
"""

from __future__ import annotations

import textwrap
import time

import pytest

import tidal as st
from tidal.errors import TidalAPIError

APP = """
import tidal as st
for k in ("full", "frag"):
    if k not in st.session_state: st.session_state[k] = 0
st.session_state.full += 1
st.text(f"full runs={st.session_state.full}")
@st.fragment
def f():
    st.session_state.frag += 1
    st.text(f"frag runs={st.session_state.frag} full_seen={st.session_state.full}")
    st.number_input("fn", key="fn")
    if st.button("frag-rerun", key="fr"):
        st.rerun(scope="fragment")
    if st.button("app-rerun", key="ar"):
        st.rerun()
    if st.session_state.get("hide_inner"):
        pass
    else:
        st.text_input("inner", key="inner")
f()
st.number_input("mn", key="mn")
st.text(f"end full={st.session_state.full} frag={st.session_state.frag}")
st.text(f"state={sorted((k, v) for k, v in st.session_state.to_dict().items() if k in ('fn', 'mn', 'inner'))}")
"""


def test_R_9_a_widget_inside_a_fragment_reruns_only_the_fragment(serve_app):
    client = serve_app(APP).client()
    assert client.texts()[:3] == ["full runs=1", "frag runs=1 full_seen=1", "end full=1 frag=1"]
    client.change("fn", 1.0)
    texts = client.texts()
    # the fragment ran again; the text after it still shows the full run's numbers
    assert texts[:3] == ["full runs=1", "frag runs=2 full_seen=1", "end full=1 frag=1"]
    client.change("mn", 5.0)  # outside: a full run, which sees the fragment's value
    assert client.texts()[:3] == ["full runs=2", "frag runs=3 full_seen=2", "end full=2 frag=3"]
    assert client.texts()[3] == "state=[('fn', 1.0), ('inner', ''), ('mn', 5.0)]"


def test_R_10_rerun_scope_fragment_reruns_the_fragment_and_plain_rerun_the_app(serve_app):
    client = serve_app(APP).client()
    client.click("frag-rerun")  # the fragment runs for the click, then once more
    assert client.texts()[:3] == ["full runs=1", "frag runs=3 full_seen=1", "end full=1 frag=1"]
    client.click("app-rerun")  # the fragment runs for the click, then the whole app
    assert client.texts()[:3] == ["full runs=2", "frag runs=5 full_seen=2", "end full=2 frag=5"]


def test_R_11_a_fragment_rerun_cleans_up_only_the_fragments_widgets(serve_app):
    server = serve_app(APP)
    client = server.client()
    client.change("mn", 5.0)
    client.change("inner", "abc")  # a fragment run: the text after the fragment is not redrawn
    session = server.sessions.get(client.token)
    state = session.state
    assert (state["fn"], state["inner"], state["mn"]) == (0.0, "abc", 5.0)
    state["hide_inner"] = True  # as exp_fragment does between two fragment runs
    client.change("fn", 2.0)  # "inner" is not rendered: it goes; "mn" outside stays
    assert "inner" not in [e["p"].get("label") for e in client.elements()]
    assert "inner" not in state
    assert (state["fn"], state["mn"]) == (2.0, 5.0)
    client.change("fn", 3.0)
    assert state["mn"] == 5.0


def test_a_fragment_rerun_sends_only_what_changed_inside_the_fragment(serve_app):
    client = serve_app(APP).client()
    before = len(client.runs)
    client.bytes_in = 0
    client.change("fn", 3.0)
    assert client.bytes_in < 600, client.bytes_in  # one text and the number input at most
    assert client.texts()[0] == "full runs=1"
    assert len(client.runs) == before


def test_an_exception_in_a_fragment_rerun_shows_inside_it_and_the_app_lives_on(serve_app):
    client = serve_app(
        """
        import tidal as st
        st.text("top")
        @st.fragment
        def f():
            if st.button("boom"):
                raise ValueError("inside the fragment")
            st.text("fragment body")
        f()
        st.text("bottom")
        """
    ).client()
    client.click("boom")
    kinds = [e["t"] for e in client.elements()]
    assert "exception" in kinds
    assert client.texts()[0] == "top" and client.texts()[-1] == "bottom"
    client.event({"t": "rerun"})
    assert "exception" not in [e["t"] for e in client.elements()]
    assert client.texts() == ["top", "fragment body", "bottom"]


def test_R_7_rerun_scope_fragment_in_a_full_run_raises(app_test):
    at = app_test(
        """
        import tidal as st
        @st.fragment
        def f():
            st.rerun(scope="fragment")
        f()
        """
    ).run()
    assert at.exception[0].value == (
        'scope="fragment" can only be specified from `@st.fragment`-decorated functions '
        "during fragment reruns."
    )


def test_R_13_apptest_always_runs_the_whole_script(app_test):
    at = app_test(textwrap.dedent(APP)).run()
    at.number_input(key="fn").set_value(1).run()
    assert [t.value for t in at.text][:3] == [
        "full runs=2",
        "frag runs=2 full_seen=2",
        "end full=2 frag=2",
    ]


def test_a_fragment_outside_a_run_is_a_plain_call():
    @st.fragment
    def double(x: int) -> int:
        return 2 * x

    assert double(21) == 42


@pytest.mark.parametrize("bad", [0, -1, "soon", float("nan"), [1]])
def test_run_every_must_be_a_positive_interval(bad):
    with pytest.raises(TidalAPIError, match=r"needs a positive interval"):
        st.fragment(run_every=bad)


TICKING = """
import tidal as st
st.session_state.setdefault("page", 0)
st.session_state.page += 1
st.text(f"page runs={st.session_state.page}")

@st.fragment(run_every="0.2s")
def clock():
    st.session_state.setdefault("ticks", 0)
    st.session_state.ticks += 1
    st.text(f"ticks={st.session_state.ticks}")

clock()
"""


def ticks(client) -> int:
    return int(next(t for t in client.texts() if t.startswith("ticks=")).split("=")[1])


def test_run_every_reruns_the_fragment_alone_while_the_tab_is_connected(serve_app):
    server = serve_app(TICKING)
    client = server.client()
    assert ticks(client) == 1
    deadline = time.monotonic() + 10
    while ticks(client) < 4 and time.monotonic() < deadline:
        client.wait_end(timeout=2)  # each tick is a run of its own, sent as it happens
    assert ticks(client) >= 4
    assert client.texts()[0] == "page runs=1"  # the page itself did not run again
    session = server.sessions.get(client.token)
    client.close()
    deadline = time.monotonic() + 5
    while session.connected and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # a tick already due may still run
    stopped_at = session.state["ticks"]
    time.sleep(0.6)  # three intervals: no tick without a browser
    assert session.state["ticks"] == stopped_at


def test_a_timed_fragment_does_not_interrupt_a_click(serve_app):
    client = serve_app(
        TICKING.replace(
            'st.text(f"page runs={st.session_state.page}")',
            'st.text(f"page runs={st.session_state.page}")\n'
            'if st.button("slow"):\n'
            "    import time; time.sleep(0.6)\n"
            '    st.text("slow done")',
        )
    ).client()
    client.click("slow")  # ticks fall due during the 0.6 s run: they wait, they do not cut it
    assert "slow done" in client.texts()
