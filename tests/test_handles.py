"""Element handles: every element call returns a place on the page that can be written again."""

from __future__ import annotations


def test_writing_to_an_element_handle_replaces_the_element(app_test):
    at = app_test("""
        import tidal as st
        x = st.text("a")
        st.markdown("after")
        x.text("b")
    """).run()
    assert [t.value for t in at.text] == ["b"]
    assert [m.value for m in at.markdown] == ["after"]


def test_a_handle_can_be_replaced_by_another_element_type(app_test):
    at = app_test("""
        import tidal as st
        x = st.text("loading")
        x.success("done")
    """).run()
    assert len(at.text) == 0
    assert [s.value for s in at.success] == ["done"]


def test_the_handle_follows_each_replacement(app_test):
    at = app_test("""
        import tidal as st
        x = st.text("1")
        y = x.text("2")
        y.text("3")
        x.text("4")
    """).run()
    assert [t.value for t in at.text] == ["4"]


def test_a_handle_can_become_a_container(app_test):
    at = app_test("""
        import tidal as st
        x = st.text("placeholder")
        with x.container():
            st.write("one")
            st.write("two")
    """).run()
    assert len(at.text) == 0
    assert [m.value for m in at.markdown] == ["one", "two"]


def test_layout_handles_still_append(app_test):
    at = app_test("""
        import tidal as st
        c = st.container()
        c.write("a")
        c.write("b")
    """).run()
    assert [m.value for m in at.markdown] == ["a", "b"]


def test_a_replaced_element_is_sent_as_one_set_op():
    from pathlib import Path

    from tidal.api.text import text
    from tidal.context import Flag, RunContext, RunOptions, current_run
    from tidal.delta import DeltaWriter
    from tidal.state import SessionState

    writer = DeltaWriter()
    ctx = RunContext(SessionState(), writer, Path("app.py"), "h", RunOptions(), Flag())
    token = current_run.set(ctx)
    try:
        x = text("a")
        x.text("b")
    finally:
        current_run.reset(token)
    ops = writer.take()
    assert [(op.p, op.e.p["body"]) for op in ops] == [([0, 0], "a"), ([0, 0], "b")]
    assert len(ctx.roots[0].children) == 1
