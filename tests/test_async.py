"""Async scripts: top-level await, async callbacks and fragments, cancelling on interrupt."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from tests.fixtures.server import serve_app  # noqa: F401
from tidal.context import Flag
from tidal.errors import ScriptInterrupted
from tidal.eventloop import iterate_async, run_awaitable


def test_a_script_may_await_at_the_top_level(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        async def fetch():
            await asyncio.sleep(0.01)
            return 42
        value = await fetch()
        st.write("value:", value)
        """
    ).run()
    assert at.markdown[0].value == "value: `42`"


def test_an_async_callback_is_awaited_before_the_rerun(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        st.session_state.setdefault("log", [])
        async def clicked(tag):
            await asyncio.sleep(0)
            st.session_state.log.append(tag)
        st.button("Go", key="go", on_click=clicked, args=("cb",))
        st.session_state.log.append("run")
        """
    ).run()
    at.button(key="go").click().run()
    assert at.session_state.log == ["run", "cb", "run"]


def test_an_async_fragment_reruns_alone(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        st.session_state.setdefault("full", 0)
        st.session_state.full += 1
        @st.fragment
        async def panel():
            await asyncio.sleep(0)
            st.session_state.setdefault("clicks", 0)
            if st.button("More", key="more"):
                st.session_state.clicks += 1
            st.write("clicks:", st.session_state.clicks)
        await panel()
        """
    ).run()
    assert at.markdown[0].value == "clicks: `0`"


def test_an_async_fragment_rerun_over_the_socket_runs_only_the_fragment(serve_app):  # noqa: F811
    client = serve_app(
        """
        import asyncio
        import tidal as st
        st.session_state.setdefault("full", 0)
        st.session_state.full += 1
        @st.fragment
        async def panel():
            await asyncio.sleep(0)
            st.session_state.setdefault("clicks", 0)
            if st.button("More"):
                st.session_state.clicks += 1
            st.write("clicks:", st.session_state.clicks, "full:", st.session_state.full)
        await panel()
        """
    ).client()
    client.click("More")
    client.click("More")
    assert "clicks: `2` full: `1`" in client.texts()


def test_an_exception_after_an_await_is_shown(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        await asyncio.sleep(0)
        raise RuntimeError("late")
        """
    ).run()
    assert at.exception[0].value == "late"


def test_st_stop_and_rerun_work_in_an_async_script(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        st.session_state.setdefault("n", 0)
        await asyncio.sleep(0)
        st.session_state.n += 1
        if st.session_state.n < 3:
            st.rerun()
        st.write("n:", st.session_state.n)
        st.stop()
        st.write("never")
        """
    ).run()
    assert [m.value for m in at.markdown] == ["n: `3`"]


def test_an_interrupt_cancels_a_pending_await_promptly():
    flag = Flag()
    cancelled = threading.Event()

    async def sleeper() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    threading.Timer(0.05, flag.set).start()
    started = time.monotonic()
    with pytest.raises(ScriptInterrupted):
        run_awaitable(sleeper(), flag)
    assert time.monotonic() - started < 1
    assert cancelled.is_set()


def test_tasks_a_run_leaves_behind_are_cancelled_when_it_ends():
    seen: list[str] = []

    async def background() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            seen.append("cancelled")
            raise

    async def main() -> str:
        asyncio.get_running_loop().create_task(background())
        await asyncio.sleep(0)
        return "done"

    assert run_awaitable(main(), Flag()) == "done"
    assert seen == ["cancelled"]


def test_each_thread_has_its_own_loop_so_awaits_do_not_block_each_other():
    results: dict[str, float] = {}

    def run(name: str, delay: float) -> None:
        started = time.monotonic()
        run_awaitable(asyncio.sleep(delay), Flag())
        results[name] = time.monotonic() - started

    slow = threading.Thread(target=run, args=("slow", 0.5))
    slow.start()
    time.sleep(0.02)
    run("fast", 0.01)
    assert results["fast"] < 0.25
    slow.join()


def test_an_async_iterator_is_read_from_sync_code_inside_a_running_loop():
    async def numbers():
        for i in range(3):
            await asyncio.sleep(0)
            yield i

    async def main() -> list[int]:
        # synchronous code (as st.write_stream) called by a coroutine on a running loop
        return list(iterate_async(numbers(), Flag()))

    assert run_awaitable(main(), Flag()) == [0, 1, 2]


def test_a_second_session_answers_while_the_first_awaits(serve_app):  # noqa: F811
    server = serve_app(
        """
        import asyncio
        import tidal as st
        if st.checkbox("Wait"):
            await asyncio.sleep(1.0)
        st.session_state.setdefault("n", 0)
        if st.button("Count"):
            st.session_state.n += 1
        st.write("n:", st.session_state.n)
        """
    )
    a, b = server.client(nonce="a"), server.client(nonce="b")
    a.change("Wait", True, wait=False)
    time.sleep(0.1)
    started = time.monotonic()
    b.click("Count")
    assert time.monotonic() - started < 0.5
    assert "n: `1`" in b.texts()
    a.wait_end()


def test_a_stream_fed_by_a_background_task_is_read_to_the_end(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st

        async def produce(queue):
            for word in ["fed ", "by ", "a ", "task"]:
                await asyncio.sleep(0.005)
                await queue.put(word)
            await queue.put(None)

        async def stream():
            queue = asyncio.Queue()
            producer = asyncio.create_task(produce(queue))
            while (word := await queue.get()) is not None:
                yield word
            await producer

        st.session_state.text = st.write_stream(stream())
        """
    ).run()
    assert at.session_state.text == "fed by a task"
    assert not at.exception


def test_apptest_times_out_a_script_that_awaits_too_long(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        await asyncio.sleep(10)
        """,
        default_timeout=0.5,
    )
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"timed out after 0\.5"):
        at.run()
    assert time.monotonic() - started < 3
