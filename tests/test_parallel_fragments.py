"""st.fragment(parallel=True): during a full run the fragment runs beside the rest of the script.

Its container is added where it is called; its body runs on a worker thread into that
container while the script goes on; the run ends once every parallel fragment has. A widget
inside reruns only the fragment, in sequence, like any fragment's.
"""

from __future__ import annotations

import time

from tidal.context import RunOptions

SLOW_DASHBOARD = """
import time
import tidal as st

st.session_state.runs = st.session_state.get("runs", 0) + 1
st.write("top")

@st.fragment(parallel=True)
def card(name, seconds):
    time.sleep(seconds)
    st.write(f"{name} loaded")
    st.session_state[name] = st.session_state.get(name, 0) + 1
    if st.button(f"Refresh {name}", key=f"refresh-{name}"):
        st.write(f"{name} refreshed")

returned = card("sales", 0.3)
st.write("middle")
card("costs", 0.2)
time.sleep(0.3)
st.write(f"bottom {returned}")
"""


def texts(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_two_slow_parallel_fragments_and_the_script_overlap(app_test):
    at = app_test(SLOW_DASHBOARD)
    started = time.perf_counter()
    at.run()
    took = time.perf_counter() - started
    assert not at.exception
    assert took < 0.7, f"0.3 + 0.2 + 0.3 s of sleep took {took:.2f} s: they did not overlap"


def test_output_goes_where_each_fragment_was_called_not_where_it_finished(app_test):
    at = app_test(SLOW_DASHBOARD).run()
    # "costs" finishes first but was called second; the script's own lines keep their places
    assert texts(at) == ["top", "sales loaded", "middle", "costs loaded", "bottom None"]


def test_each_fragment_fills_its_own_container(app_test):
    at = app_test(SLOW_DASHBOARD).run()
    containers = [b for b in at.main.children.values() if b.type == "flex_container"]
    assert [[m.value for m in c.markdown] for c in containers] == [
        ["sales loaded"],
        ["costs loaded"],
    ]
    assert all("loading" not in c.props for c in containers)  # they are done


def test_a_parallel_fragments_container_says_it_is_loading_until_it_is_done(serve_app):
    client = serve_app(SLOW_DASHBOARD).client()
    client.event({"t": "rerun"}, wait=False)
    loading: list[bool] = []
    while True:
        msg = client.recv()
        for op in msg.get("ops", []):
            if op["o"] == "set" and op["e"]["t"] == "container":
                loading.append(op["e"].get("p", {}).get("loading", False))
        if msg["t"] == "end" and msg["status"] == "ok":
            break
    assert loading == [True, True, False, False]  # both start loading; each ends done
    containers = [e for e in client.elements() if e["t"] == "container"]
    assert [c["p"].get("loading") for c in containers] == [None, None]


def test_calling_a_parallel_fragment_returns_none(app_test):
    at = app_test(SLOW_DASHBOARD).run()
    assert texts(at)[-1] == "bottom None"


def test_session_state_written_by_both_fragments_is_there_after_the_run(app_test):
    at = app_test(SLOW_DASHBOARD).run()
    assert (at.session_state.sales, at.session_state.costs, at.session_state.runs) == (1, 1, 1)


def test_a_click_inside_reruns_only_that_fragment_over_the_protocol(serve_app):
    server = serve_app(SLOW_DASHBOARD)
    client = server.client()
    assert client.texts() == ["top", "sales loaded", "middle", "costs loaded", "bottom None"]
    client.click("Refresh costs")
    state = server.sessions.get(client.token).state
    assert (state["runs"], state["sales"], state["costs"]) == (1, 1, 2)
    assert client.texts() == [
        "top",
        "sales loaded",
        "middle",
        "costs loaded",
        "costs refreshed",
        "bottom None",
    ]


def test_a_fragment_rerun_runs_in_sequence_in_the_run_thread(serve_app):
    client = serve_app("""
        import threading
        import tidal as st

        @st.fragment(parallel=True)
        def where():
            st.write(threading.current_thread().name)
            st.button("again")

        where()
    """).client()
    assert client.texts() == ["tidal-parallel"]
    client.click("again")
    assert client.texts() != ["tidal-parallel"]
    assert client.texts()[0].startswith("tidal-run")


HANGING = """
import time
import tidal as st

hang = st.checkbox("hang")

@st.fragment(parallel=True)
def card(hang):
    while hang:  # no st.* call in the loop: only an exception raised in it stops it
        time.sleep(0.01)
    st.write("loaded")

card(hang)
st.write("rest")
"""


def test_a_new_event_interrupts_the_parallel_fragments_of_the_run(serve_app):
    client = serve_app(HANGING).client()
    client.change("hang", True, wait=False)
    time.sleep(0.2)  # the run is waiting for its stuck fragment
    started = time.perf_counter()
    client.change("hang", False)  # interrupts it; the next run completes
    assert time.perf_counter() - started < 3
    assert client.texts() == ["loaded", "rest"]


def test_max_run_seconds_stops_a_stuck_parallel_fragment_with_a_message(serve_app):
    client = serve_app(HANGING, runner__maxRunSeconds=0.5).client()
    client.change("hang", True)
    page = [e["p"] for e in client.elements()]
    assert any("maxRunSeconds" in str(p.get("message", "")) for p in page), page
    assert "rest" in client.texts()


def test_widgets_of_parallel_fragments_survive_the_full_run_cleanup(app_test):
    at = app_test("""
        import time
        import tidal as st

        @st.fragment(parallel=True)
        def form():
            time.sleep(0.1)
            st.text_input("Name", key="name")

        form()
    """).run()
    at.text_input(key="name").input("Ada").run()
    at.run()
    at.run()
    assert at.text_input(key="name").value == "Ada"
    assert at.session_state.name == "Ada"


def test_an_exception_in_one_shows_in_its_container_and_the_rest_lives_on(app_test):
    at = app_test("""
        import time
        import tidal as st

        @st.fragment(parallel=True)
        def broken():
            st.write("half")
            raise ValueError("the query failed")

        @st.fragment(parallel=True)
        def fine():
            time.sleep(0.1)
            st.write("fine")

        broken()
        fine()
        st.write("end")
    """).run()
    assert [e.value for e in at.exception] == ["the query failed"]
    containers = [b for b in at.main.children.values() if b.type == "flex_container"]
    assert [m.value for m in containers[0].markdown] == ["half"]
    assert len(containers[0].exception) == 1
    assert [m.value for m in containers[1].markdown] == ["fine"]
    assert texts(at) == ["half", "fine", "end"]


def test_st_rerun_inside_one_reruns_the_whole_app(app_test):
    at = app_test("""
        import tidal as st

        st.session_state.runs = st.session_state.get("runs", 0) + 1

        @st.fragment(parallel=True)
        def once():
            if not st.session_state.get("reran"):
                st.session_state.reran = True
                st.rerun()
            st.write("after the rerun")

        once()
        st.write(f"run {st.session_state.runs}")
    """).run()
    assert not at.exception
    assert at.session_state.runs == 2
    assert texts(at) == ["after the rerun", "run 2"]


def test_rerun_scope_fragment_inside_one_during_a_full_run_is_an_error(app_test):
    at = app_test("""
        import tidal as st

        @st.fragment(parallel=True)
        def again():
            st.rerun(scope="fragment")

        again()
        st.write("end")
    """).run()
    assert 'scope="fragment" can only be specified' in at.exception[0].value
    assert texts(at) == ["end"]


def test_it_may_not_write_outside_its_own_container(app_test):
    at = app_test("""
        import tidal as st

        @st.fragment(parallel=True)
        def leaky():
            st.sidebar.write("outside")

        leaky()
    """).run()
    assert "can only write into its own container" in at.exception[0].value
    assert not at.sidebar.markdown


def test_it_may_not_switch_pages(app_test):
    at = app_test("""
        import tidal as st

        @st.fragment(parallel=True)
        def go():
            st.switch_page("app.py")

        go()
    """).run()
    assert "st.switch_page cannot be called from a parallel fragment" in at.exception[0].value


def test_nested_parallel_fragments_run_with_their_outer_fragment(app_test):
    at = app_test("""
        import threading
        import tidal as st

        @st.fragment(parallel=True)
        def inner():
            st.write(threading.current_thread().name)

        @st.fragment
        def outer():
            inner()

        outer()
    """).run()
    assert texts(at) != ["tidal-parallel"]
    assert len(texts(at)) == 1


def test_an_async_parallel_fragment_runs_beside_the_script(app_test):
    at = app_test("""
        import asyncio
        import threading
        import tidal as st

        @st.fragment(parallel=True)
        async def fetch():
            await asyncio.sleep(0.05)
            st.write(threading.current_thread().name)

        await fetch()
        st.write("end")
    """).run()
    assert not at.exception
    assert texts(at) == ["tidal-parallel", "end"]


def test_parallel_max_workers_bounds_how_many_run_at_once(app_test):
    source = """
        import time
        import tidal as st

        @st.fragment(parallel=True)
        def slow(n):
            time.sleep(0.2)
            st.write(f"card {n}")

        for n in range(3):
            slow(n)
    """
    at = app_test(source, options=RunOptions(parallel_workers=1))
    started = time.perf_counter()
    at.run()
    assert time.perf_counter() - started >= 0.6
    assert texts(at) == ["card 0", "card 1", "card 2"]
    at = app_test(source, options=RunOptions(parallel_workers=3))
    started = time.perf_counter()
    at.run()
    assert time.perf_counter() - started < 0.55
    assert texts(at) == ["card 0", "card 1", "card 2"]


def test_st_stop_in_the_script_stops_the_parallel_fragments_it_started(app_test):
    at = app_test("""
        import time
        import tidal as st

        @st.fragment(parallel=True)
        def ticker():
            for i in range(100):
                st.session_state.ticks = i
                time.sleep(0.02)

        ticker()
        time.sleep(0.05)
        st.stop()
    """)
    started = time.perf_counter()
    at.run()
    assert time.perf_counter() - started < 1.5
    assert at.session_state.ticks < 99


def test_st_stop_inside_one_stops_the_whole_run(app_test):
    at = app_test("""
        import time
        import tidal as st

        @st.fragment(parallel=True)
        def gate():
            st.write("no data: stopping")
            st.stop()

        gate()
        for i in range(50):
            time.sleep(0.02)
            st.session_state.ticks = i  # an st.* call: the run stops here
    """).run()
    assert not at.exception
    assert "ticks" not in at.session_state or at.session_state.ticks < 49
    assert texts(at) == ["no data: stopping"]


def test_it_may_not_open_a_dialog(app_test):
    at = app_test("""
        import tidal as st

        @st.dialog("Details")
        def details():
            st.write("inside")

        @st.fragment(parallel=True)
        def card():
            details()

        card()
    """).run()
    assert "A `@st.dialog` function cannot be called from a parallel fragment" in (
        at.exception[0].value
    )


def test_called_in_columns_and_the_sidebar_it_fills_its_container_there(app_test):
    at = app_test("""
        import time
        import tidal as st

        @st.fragment(parallel=True)
        def card(name):
            time.sleep(0.05)
            st.write(name)

        left, right = st.columns(2)
        with left:
            card("left card")
        with right:
            card("right card")
        with st.sidebar:
            card("sidebar card")
    """).run()
    assert not at.exception
    assert [m.value for m in at.columns[0].markdown] == ["left card"]
    assert [m.value for m in at.columns[1].markdown] == ["right card"]
    assert [m.value for m in at.sidebar.markdown] == ["sidebar card"]


def test_the_script_and_its_parallel_fragments_share_state_and_widgets_safely(app_test):
    at = app_test("""
        import tidal as st

        @st.fragment(parallel=True)
        def writer(name):
            for i in range(300):
                st.session_state[f"{name}-{i}"] = i
                st.checkbox(f"{name} box {i}", key=f"{name}-box-{i}")

        writer("a")
        writer("b")
        seen = 0
        for _ in range(200):  # lists the state while the fragments add to it
            seen = max(seen, len(st.session_state.items()))
            st.checkbox(f"main box {_}")
        st.write("listed")
    """).run()
    assert not at.exception
    assert "listed" in texts(at)
    assert len(at.checkbox) == 800
    assert at.session_state["a-299"] == at.session_state["b-299"] == 299
    at.checkbox(key="b-box-7").check().run()
    assert at.checkbox(key="b-box-7").value is True


def test_query_params_written_in_parallel_fragments_reach_the_address(app_test):
    at = app_test("""
        import tidal as st

        @st.fragment(parallel=True)
        def region(name):
            st.query_params[name] = "on"

        region("north")
        region("south")
        st.write("end")
    """).run()
    assert not at.exception
    assert at.query_params == {"north": "on", "south": "on"}


def test_fragments_still_waiting_for_a_worker_do_not_start_once_the_run_is_cut_short(app_test):
    at = app_test(
        """
        import time
        import tidal as st

        started = st.session_state.started = []

        @st.fragment(parallel=True)
        def card(n, started):
            started.append(n)  # before any st.* call: only a fragment that starts gets here
            time.sleep(0.2)

        for n in range(3):
            card(n, started)
        time.sleep(0.1)  # the first card has started; the others wait for the one worker
        st.stop()
        """,
        options=RunOptions(parallel_workers=1),
    ).run()
    assert at.session_state.started == [0]
