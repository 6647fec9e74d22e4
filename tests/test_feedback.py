"""Spinner, progress, status, toast, balloons, snow and st.empty, driven with AppTest."""

from __future__ import annotations

import pytest

from tests.fixtures.server import serve_app  # noqa: F401


def test_a_progress_bar_is_updated_in_place_through_its_handle(app_test):
    at = app_test(
        """
        import tidal as st
        bar = st.progress(0, text="start")
        bar.progress(0.5, text="half")
        st.progress(100)
        """
    ).run()
    assert [(p.value, p.text) for p in at.progress] == [(50, "half"), (100, "")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (101, "Progress Value has invalid value [0, 100]: 101"),
        (-1, "Progress Value has invalid value [0, 100]: -1"),
        (1.5, "Progress Value has invalid value [0.0, 1.0]: 1.500000"),
        ("'50'", "Progress Value has invalid type: str"),
    ],
)
def test_bad_progress_values_are_streamlits_errors(app_test, value, message):
    at = app_test(f"import tidal as st\nst.progress({value})").run()
    assert at.exception[0].value == message


def test_progress_text_must_be_a_string(app_test):
    at = app_test("import tidal as st\nst.progress(10, text=5)").run()
    assert "Progress Text is of type <class 'int'>" in at.exception[0].value


def test_a_status_completes_when_its_block_ends(app_test):
    at = app_test(
        """
        import tidal as st
        with st.status("Working", expanded=True) as s:
            st.write("step")
        st.session_state.after = "done"
        """
    ).run()
    status = at.status[0]
    assert (status.label, status.state, status.icon) == ("Working", "complete", ":material/check:")
    assert status.markdown[0].value == "step"


def test_a_status_shows_an_error_when_its_block_raises(app_test):
    at = app_test(
        """
        import tidal as st
        with st.status("Working"):
            raise ValueError("boom")
        """
    ).run()
    assert at.status[0].state == "error"
    assert at.exception[0].value == "boom"


def test_status_update_changes_label_state_and_expanded(app_test):
    at = app_test(
        """
        import tidal as st
        s = st.status("Downloading")
        s.update(label="Done", state="complete", expanded=True)
        """
    ).run()
    status = at.status[0]
    assert (status.label, status.state, status.props["expanded"]) == ("Done", "complete", True)


def test_an_unknown_status_state_is_an_error(app_test):
    at = app_test('import tidal as st\nst.status("x", state="paused")').run()
    assert at.exception[0].value == (
        "Unknown state (paused). Must be one of 'running', 'complete', or 'error'."
    )


def test_toasts_stack_and_a_handle_updates_its_toast(app_test):
    at = app_test(
        """
        import tidal as st
        st.toast("one", icon="🍞")
        msg = st.toast("saving")
        msg.toast("saved", duration="long")
        """
    ).run()
    assert [(t.value, t.icon) for t in at.toast] == [("one", "🍞"), ("saved", "")]
    assert at.toast[1].props["duration"] == 10


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.toast("")', "Toast body cannot be blank"),
        ('st.toast("x", duration="forever")', "is not a valid duration"),
    ],
)
def test_bad_toasts_are_errors(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}").run()
    assert message in at.exception[0].value


def test_a_toast_shows_again_on_every_run(app_test):
    at = app_test('import tidal as st\nst.toast("hi")').run()
    first = at.toast[0].props["n"]
    at.run()
    assert at.toast[0].props["n"] != first


def test_a_spinner_is_gone_when_its_block_ends(app_test):
    at = app_test(
        """
        import tidal as st
        with st.spinner("Thinking..."):
            st.session_state.inside = True
        @st.spinner("Working", show_time=True)
        def work():
            return 42
        st.session_state.result = work()
        """
    ).run()
    assert len(at.spinner) == 0
    assert at.session_state.result == 42
    assert [n.type for n in at.main.children.values()] == ["empty", "empty"]


def test_the_browser_gets_the_spinner_then_an_empty_placeholder(serve_app):  # noqa: F811
    client = serve_app(
        """
        import time
        import tidal as st
        if st.button("Run"):
            with st.spinner("Thinking..."):
                time.sleep(0.2)
            st.write("done")
        """
    ).client()
    seq = client.click("Run", wait=False)
    shown: list[str] = []
    while True:
        msg = client.recv()
        if msg["t"] == "delta":
            shown += [op["e"]["t"] for op in msg["ops"] if op["o"] == "set" and op["p"][1] == 1]
        if msg["t"] == "end" and msg["ack"] >= seq:
            break
    assert shown == ["spinner", "empty"]
    assert "done" in client.texts()


def test_an_empty_placeholder_is_replaced_cleared_and_used_as_a_container(app_test):
    at = app_test(
        """
        import tidal as st
        a = st.empty()
        a.text("one")
        a.text("two")
        b = st.empty()
        b.write("gone")
        b.empty()
        c = st.empty()
        with c.container():
            st.write("x")
            st.write("y")
        st.write("last")
        """
    ).run()
    kinds = [n.type for n in at.main.children.values()]
    assert kinds == ["text", "empty", "flex_container", "markdown"]
    assert at.text[0].value == "two"
    assert [m.value for m in at.container[0].markdown] == ["x", "y"]


def test_balloons_and_snow_are_elements_that_show_each_run(app_test):
    at = app_test("import tidal as st\nst.balloons()\nst.snow()").run()
    assert [n.type for n in at.main.children.values()] == ["balloons", "snow"]


def test_a_progress_update_sends_one_small_set_op(serve_app):  # noqa: F811
    client = serve_app(
        """
        import tidal as st
        bar = st.progress(0)
        if st.button("Step"):
            bar.progress(60)
        """
    ).client()
    client.click("Step")
    bars = [e for e in client.elements() if e["t"] == "progress"]
    assert len(bars) == 1 and bars[0]["p"]["value"] == 60


def test_a_spinner_decorates_an_async_function(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        @st.spinner("Fetching")
        async def fetch():
            await asyncio.sleep(0)
            return "data"
        st.write(await fetch())
        """
    ).run()
    assert at.markdown[0].value == "data"
    assert len(at.spinner) == 0


def test_a_spinner_inside_a_cached_function_is_not_shown_again_on_a_hit(app_test):
    at = app_test(
        """
        import tidal as st
        @st.cache_data
        def slow(x):
            with st.spinner("Computing"):
                st.write("computed", x)
            return x * 2
        st.write("result", slow(21))
        """
    ).run()
    at.run()  # a cache hit: the recorded output shows again, the spinner does not
    assert len(at.spinner) == 0
    assert [m.value for m in at.markdown] == ["computed `21`", "result `42`"]


def test_every_feedback_element_handle_can_be_emptied(app_test):
    at = app_test(
        """
        import tidal as st
        bar = st.progress(30)
        bar.empty()
        note = st.toast("hi")
        note.empty()
        st.write("after")
        """
    ).run()
    assert [n.type for n in at.main.children.values()] == ["empty", "empty", "markdown"]
