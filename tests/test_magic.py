"""Magic (bare expressions written with st.write), st.echo and st.help."""

from __future__ import annotations

from tidal.context import RunOptions


def test_magic_writes_bare_values_in_the_script_and_in_function_bodies(app_test):
    at = app_test(
        '''
        """The module docstring is not shown."""
        import tidal as st
        x = 10
        x
        def show(n):
            """A docstring is not shown."""
            f"in function {n}"
        show(1)
        class Thing:
            """Not shown."""
            def method(self):
                f"in method"  # an f-string is never a docstring
        Thing().method()
        '''
    ).run()
    assert [m.value for m in at.markdown] == ["`10`", "in function 1", "in method"]


def test_magic_reaches_loops_with_blocks_and_async_code(app_test):
    at = app_test(
        """
        import asyncio
        import contextlib
        import tidal as st
        for i in range(2):
            f"for {i}"
        with contextlib.nullcontext():
            "with"
        async def agen():
            yield "a"
        async def main():
            f"async def"
            async for item in agen():
                f"async for {item}"
            async with contextlib.AsyncExitStack():
                "async with"
        await main()
        while True:
            "while"
            break
        try:
            "try"
        finally:
            "finally"
        """
    ).run()
    assert [m.value for m in at.markdown] == [
        "for 0", "for 1", "with", "async def", "async for a", "async with", "while", "try",
        "finally",
    ]  # fmt: skip


def test_a_bare_tuple_is_written_as_separate_arguments(app_test):
    at = app_test(
        """
        import tidal as st
        x = 10
        'x', x
        """
    ).run()
    assert at.markdown[0].value == "x `10`"


def test_a_bare_function_class_or_module_is_shown_with_help(app_test):
    at = app_test(
        """
        import json
        import tidal as st
        def greet(name: str) -> str:
            "Say hello."
            return f"hi {name}"
        greet
        json
        """
    ).run()
    assert [h.props["name"] for h in at.help] == ["greet(name: str) -> str", "json"]
    assert at.help[0].doc_string == "Say hello."


def test_calls_awaits_and_yields_are_not_written(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        def gen():
            yield 1
        len("abc")
        await asyncio.sleep(0)
        list(gen())
        """
    ).run()
    assert len(at.markdown) == 0


def test_magic_can_be_turned_off(app_test):
    at = app_test(
        "import tidal as st\n'hidden'\nst.write('shown')", options=RunOptions(magic=False)
    )
    at._script.magic = False
    at.run()
    assert [m.value for m in at.markdown] == ["shown"]


def test_echo_shows_the_code_of_its_block_above_or_below(app_test):
    at = app_test(
        """
        import tidal as st
        with st.echo():
            st.write("above")

        with st.echo(code_location="below"):
            x = 1
            st.write("below", x)
        st.write("after")
        """
    ).run()
    kinds = [(n.type, n.props.get("body")) for n in at.main.children.values()]
    assert kinds == [
        ("code", 'st.write("above")'),
        ("markdown", "above"),
        ("markdown", "below `1`"),
        ("code", 'x = 1\nst.write("below", x)'),
        ("markdown", "after"),
    ]


def test_echo_with_another_location_shows_the_code_above_as_streamlit_does(app_test):
    at = app_test("import tidal as st\nwith st.echo('left'):\n    pass").run()
    assert not at.exception and at.code[0].value == "pass"


def test_help_describes_an_object_with_its_members(app_test):
    at = app_test(
        """
        import tidal as st
        class Point:
            "A point."
            x = 1
            def norm(self):
                "Its length."
        st.help(Point())
        st.help()
        """
    ).run()
    point, module = at.help
    assert point.doc_string == "A point."
    members = {m["name"]: m for m in point.props["members"]}
    assert members["x"]["value"] == "1"
    assert members["norm"]["doc"] == "Its length."
    assert module.name == "tidal"
