"""st.empty, st.echo and st.help."""

from __future__ import annotations


def test_empty_holds_one_element_each_write_replacing_the_last(app_test):
    at = app_test("""
        import tidal as st
        slot = st.empty()
        slot.text("working...")
        slot.success("done")
        st.write("after")
        with st.empty():
            for i in range(3):
                st.write(f"tick {i}")
    """).run()
    assert [n.type for n in at.main.node.children] == ["success", "markdown", "markdown"]
    assert at.success[0].value == "done"
    assert [m.value for m in at.markdown] == ["after", "tick 2"]


def test_empty_on_a_placeholder_clears_it(app_test):
    at = app_test("""
        import tidal as st
        slot = st.empty()
        slot.write("shown")
        slot.empty()
    """).run()
    assert [n.type for n in at.main.node.children] == ["empty"]


def test_echo_shows_the_code_of_its_block_above_then_runs_it(app_test):
    at = app_test("""
        import tidal as st
        with st.echo():
            x = 1 + 1
            st.write("x is", x)

        st.write("after")
    """).run()
    assert at.code[0].value == 'x = 1 + 1\nst.write("x is", x)'
    assert [m.value for m in at.markdown] == ["x is `2`", "after"]
    assert [n.type for n in at.main.node.children] == ["code", "markdown", "markdown"]


def test_echo_below_shows_the_code_after_the_output(app_test):
    at = app_test("""
        import tidal as st
        with st.echo(code_location="below"):
            st.write("output")
    """).run()
    assert [n.type for n in at.main.node.children] == ["markdown", "code"]
    assert at.code[0].value == 'st.write("output")'


def test_echo_of_an_unknown_location_shows_the_code_above_as_streamlit_does(app_test):
    at = app_test("""
        import tidal as st
        with st.echo("left"):
            st.write("output")
    """).run()
    assert not at.exception
    assert [n.type for n in at.main.node.children] == ["code", "markdown"]
