"""Stopping a run that never calls st.*: the exception lands in the script's own code."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tidal.context import Flag
from tidal.errors import RunTimedOut, ScriptInterrupted
from tidal.interrupt import HARD_AFTER, RunInterrupt
from tidal.runner import Script, exec_script


def _run_in_thread(
    stop: RunInterrupt, source: str, **names: object
) -> tuple[threading.Thread, list[str]]:
    """Run ``source`` as a script (``names`` as globals) in a thread; the list gets how it
    ended."""
    ended: list[str] = []
    started = threading.Event()
    script = Script(Path("loop.py"), source=source)
    script.extra_globals.update(names)

    def run() -> None:
        stop.begin()
        started.set()
        try:
            exec_script(script)
            ended.append("ok")
        except (ScriptInterrupted, RunTimedOut) as exc:
            ended.append(type(exc).__name__)
        finally:
            stop.end()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(5)
    time.sleep(0.05)  # inside the loop
    return thread, ended


def test_a_request_stops_a_loop_without_st_calls():
    stop = RunInterrupt(Flag())
    thread, ended = _run_in_thread(stop, "while True:\n    pass\n")
    stop.request()
    stop.watch(time.monotonic())  # too early: the run may still notice the flag itself
    assert thread.is_alive()
    stop.watch(time.monotonic() + HARD_AFTER)
    thread.join(5)
    assert ended == ["ScriptInterrupted"]


def test_a_run_past_max_seconds_is_stopped_with_run_timed_out():
    stop = RunInterrupt(Flag(), max_seconds=0.01)
    thread, ended = _run_in_thread(stop, "while True:\n    pass\n")
    deadline = time.monotonic() + 5
    while not ended and time.monotonic() < deadline:  # as the pool's watchdog does, a few
        stop.watch(time.monotonic())  # times a second (once could come before the run began)
        time.sleep(0.01)
    thread.join(5)
    assert ended == ["RunTimedOut"]


def test_an_exception_is_raised_once_per_run():
    stop, done = RunInterrupt(Flag()), threading.Event()
    source = (  # a script that swallows the interrupt
        "while not done.is_set():\n"
        "    try:\n"
        "        while not done.is_set():\n"
        "            pass\n"
        "    except BaseException:\n"
        "        pass\n"
    )
    thread, ended = _run_in_thread(stop, source, done=done)
    assert stop.force()
    time.sleep(0.05)
    assert not stop.force()  # one exception per run: a second could land in tidal's code
    assert thread.is_alive() and ended == []
    done.set()
    thread.join(5)
    assert ended == ["ok"]
