"""``st.cache_data`` and ``st.cache_resource`` (spec rules SS-18 and QP-3, and Streamlit 1.67's
documented caching behaviour).

Caches are process-wide, so every test starts and ends with empty caches. Functions are called
directly (outside any script run) unless the behaviour needs a run.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import subprocess
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import tidal as st
from tests.conftest import AppTestFactory
from tidal.api.cache import ttl_seconds
from tidal.api.cache_disk import DiskCache
from tidal.context import maybe_run
from tidal.errors import StreamlitValueError, TidalAPIError

CACHED_WIDGET_WARNING = (
    "Your script uses a widget command in a cached function\n"
    "(function decorated with `@st.cache_data` or `@st.cache_resource`).\n"
    'This code will only be called when we detect a cache "miss",\n'
    "which can lead to unexpected results.\n\n"
    "To fix this, move all widget commands outside the cached function."
)


@pytest.fixture(autouse=True)
def empty_caches() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def counting(calls: list[Any]) -> Callable[..., list[Any]]:
    """A function that records its arguments and returns them in a new list."""

    def f(x: Any, y: Any = 0) -> list[Any]:
        calls.append((x, y))
        return [x, y]

    return f


# ---------------------------------------------------------------------------------- spec rules
def test_SS_18_session_state_inside_cache_data_changes_only_on_a_miss(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("calls", 0)
        @st.cache_data
        def f(x):
            st.session_state.calls += 1
            return x * 2
        st.text(f"{f(1)} {f(1)} calls={st.session_state.calls}")
    """).run()
    assert [t.value for t in at.text] == ["2 2 calls=1"]
    assert at.session_state.to_dict() == {"calls": 1}
    assert not at.exception
    at.run()
    assert [t.value for t in at.text] == ["2 2 calls=1"]


def test_QP_3_a_widget_in_a_cached_function_shows_the_cached_widget_warning(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        @st.cache_data
        def f():
            return st.text_input("inside cache")
        f()
    """).run()
    (warning,) = at.exception
    assert warning.value == CACHED_WIDGET_WARNING
    assert warning.message == CACHED_WIDGET_WARNING
    assert warning.is_markdown
    assert warning.exception_type == "CachedWidgetWarning"
    assert warning.stack_trace[-1].endswith('return st.text_input("inside cache")')
    assert at.text_input[0].label == "inside cache"
    assert at.session_state.to_dict() == {}


def test_QP_3_a_widget_in_a_cached_resource_function_warns_too(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        @st.cache_resource
        def f():
            return st.checkbox("inside cache", key="c")
        st.text(f"value={f()}")
    """).run()
    assert [e.value for e in at.exception] == [CACHED_WIDGET_WARNING]
    assert [t.value for t in at.text] == ["value=False"]
    assert at.session_state.to_dict() == {"c": False}


def test_a_widget_after_a_cached_call_does_not_warn(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        @st.cache_data
        def f():
            st.text_input("inside")
            return 1
        f()
        st.text_input("outside")
    """).run()
    assert len(at.exception) == 1
    assert [w.label for w in at.text_input] == ["inside", "outside"]


# -------------------------------------------------------------------------------- hits and misses
def test_a_hit_does_not_run_the_function_again() -> None:
    calls: list[Any] = []
    f = st.cache_data(counting(calls))
    assert f(1) == f(1) == [1, 0]
    assert calls == [(1, 0)]


def test_cached_functions_work_outside_a_script_run() -> None:
    assert maybe_run() is None
    calls: list[Any] = []
    f = st.cache_resource(counting(calls))
    assert f(3) is f(3)
    assert len(calls) == 1


@pytest.mark.parametrize("decorator", [st.cache_data, st.cache_data(), st.cache_resource()])
def test_the_decorators_work_with_and_without_parentheses(decorator: Any) -> None:
    calls: list[Any] = []
    f = decorator(counting(calls))
    f(1)
    f(1)
    assert calls == [(1, 0)]


def test_positional_and_keyword_arguments_for_one_parameter_share_an_entry() -> None:
    calls: list[Any] = []
    f = st.cache_data(counting(calls))
    f(1)
    f(x=1)
    f(1, 2)
    f(1, y=2)
    f(y=2, x=1)
    assert calls == [(1, 0), (1, 2)]


def test_different_arguments_are_different_entries() -> None:
    calls: list[Any] = []
    f = st.cache_data(counting(calls))
    f(1)
    f(1.0)
    f("1")
    f([1])
    assert len(calls) == 4


def test_containers_are_hashed_by_value() -> None:
    calls: list[Any] = []
    f = st.cache_data(counting(calls))
    f({"a": [1, 2], "b": {3, 4}})
    f({"a": [1, 2], "b": {4, 3}})
    f(dt.date(2024, 1, 31))
    f(dt.date(2024, 1, 31))
    assert len(calls) == 2


def test_an_exception_is_not_cached() -> None:
    calls: list[int] = []

    @st.cache_data
    def f(x: int) -> int:
        calls.append(x)
        raise ValueError("boom")

    for _ in range(2):
        with pytest.raises(ValueError, match="boom"):
            f(0)
    assert calls == [0, 0]


def test_a_changed_function_body_starts_a_new_cache() -> None:
    calls: list[int] = []

    def define(body: str) -> Callable[[int], int]:
        namespace: dict[str, Any] = {"calls": calls}
        exec(f"def f(x):\n    calls.append(x)\n    return {body}", namespace)
        return st.cache_data(namespace["f"])

    assert define("x + 1")(1) == 2
    assert define("x + 2")(1) == 3
    assert define("x + 1")(1) == 2  # the same code again: a hit on the first entry
    assert calls == [1, 1]


def test_every_session_shares_one_cache(app_test: AppTestFactory) -> None:
    script = """
        import tidal as st
        st.session_state.setdefault("computed", 0)
        @st.cache_data
        def total(n):
            st.session_state.computed += 1
            return sum(range(n))
        st.text(f"total={total(10)} computed={st.session_state.computed}")
    """
    first, second = app_test(script).run(), app_test(script).run()
    assert [t.value for t in first.text] == ["total=45 computed=1"]
    assert [t.value for t in second.text] == ["total=45 computed=0"]


# ----------------------------------------------------------------------------- copies and sharing
def test_cache_data_returns_a_fresh_copy_on_every_hit() -> None:
    f = st.cache_data(counting([]))
    first = f(1)
    first.append("changed by the caller")
    second, third = f(1), f(1)
    assert second == third == [1, 0]
    assert second is not third


def test_cache_resource_returns_the_same_object_to_every_caller() -> None:
    f = st.cache_resource(counting([]))
    first = f(1)
    first.append("shared")
    assert f(1) is first
    assert f(1) == [1, 0, "shared"]


def test_cache_data_copies_instances_of_a_class_the_script_defines(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        from dataclasses import dataclass
        @dataclass
        class Point:
            x: int
        @st.cache_data
        def points(p):
            return [p, Point(2)]
        a, b = points(Point(1)), points(Point(1))
        st.text(f"{b} equal={a == b} same={a is b}")
    """).run()
    assert not at.exception
    assert [t.value for t in at.text] == ["[Point(x=1), Point(x=2)] equal=True same=False"]


def test_an_unpicklable_return_value_raises_a_clear_error() -> None:
    @st.cache_data
    def make_lock() -> threading.Lock:
        return threading.Lock()

    with pytest.raises(TidalAPIError) as info:
        make_lock()
    message = str(info.value)
    assert message.startswith("Cannot serialize the return value (of type `_thread.lock`)")
    assert "in `make_lock()`" in message
    assert "st.cache_resource" in message


# -------------------------------------------------------------------------------- keys and hashing
def test_arguments_named_with_an_underscore_are_not_hashed() -> None:
    calls: list[Any] = []

    @st.cache_data
    def fetch(_connection: object, rows: int) -> int:
        calls.append(rows)
        return rows

    fetch(threading.Lock(), 10)
    fetch(threading.Lock(), rows=10)
    fetch(threading.Lock(), 20)
    assert calls == [10, 20]


def test_an_unhashable_argument_raises_an_error_naming_it_and_the_fixes() -> None:
    @st.cache_data
    def fetch(connection: object) -> int:
        return 1

    with pytest.raises(TidalAPIError) as info:
        fetch(threading.Lock())
    message = str(info.value)
    assert message.startswith("Cannot hash argument 'connection' (of type `_thread.lock`)")
    assert "in 'fetch'" in message
    assert "`def fetch(_connection, ...)`" in message
    assert 'hash_funcs={"_thread.lock": ...}' in message


def test_an_unhashable_value_inside_an_argument_is_named_too() -> None:
    f = st.cache_resource(counting([]))
    with pytest.raises(TidalAPIError, match=r"`builtins.list`, which holds a `_thread.lock`"):
        f([threading.Lock()])


class Connection:
    def __init__(self, url: str) -> None:
        self.url = url
        self.lock = threading.Lock()


def test_hash_funcs_hash_a_type_by_what_the_function_returns() -> None:
    calls: list[str] = []

    @st.cache_resource(hash_funcs={Connection: lambda c: c.url})
    def table(connection: Connection) -> str:
        calls.append(connection.url)
        return connection.url

    @st.cache_resource(hash_funcs={f"{__name__}.Connection": lambda c: c.url})
    def by_name(connection: Connection) -> str:
        return connection.url

    table(Connection("db://a"))
    table(Connection("db://a"))
    table(Connection("db://b"))
    assert calls == ["db://a", "db://b"]
    assert by_name(Connection("db://c")) == "db://c"


def test_a_decorated_method_binds_like_a_plain_one() -> None:
    calls: list[int] = []

    class Model:
        @st.cache_data
        def predict(_self, x: int) -> int:
            calls.append(x)
            return x * 2

    assert Model().predict(3) == Model().predict(3) == 6
    assert calls == [3]


def test_an_async_function_is_cached_by_its_awaited_value() -> None:
    calls: list[int] = []

    @st.cache_data
    async def fetch(x: int) -> list[int]:
        calls.append(x)
        return [x]

    # in a thread of its own: Playwright's sync API (browser tests in the same process) keeps
    # an event loop running in the main thread, where asyncio.run() refuses to start
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(asyncio.run, fetch(1)).result()
        second = pool.submit(asyncio.run, fetch(1)).result()
    assert first == second == [1]
    assert calls == [1]


# ---------------------------------------------------------------------------------------- limits
def test_entries_expire_after_their_ttl(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    calls: list[Any] = []
    f = st.cache_data(ttl="10s")(counting(calls))
    f(1)
    now[0] += 9.9
    f(1)
    assert len(calls) == 1
    now[0] += 0.2
    f(1)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("ttl", "seconds"),
    [
        (None, None),
        (90, 90.0),
        (0.5, 0.5),
        (dt.timedelta(minutes=2), 120.0),
        ("10s", 10.0),
        ("30m", 1800.0),
        ("1h", 3600.0),
        ("1d", 86400.0),
        ("1h23s", 3623.0),
        ("1.5 days", 129600.0),
        ("2 hours 3 minutes", 7380.0),
        ("100ms", 0.1),
    ],
)
def test_ttl_accepts_seconds_timedeltas_and_duration_strings(
    ttl: Any, seconds: float | None
) -> None:
    assert ttl_seconds(ttl) == seconds


@pytest.mark.parametrize("ttl", ["abc", "1y", "1M", ""])
def test_a_ttl_that_is_not_a_duration_is_refused_when_decorating(ttl: str) -> None:
    with pytest.raises(TidalAPIError, match="Time string doesn't look right") as info:
        st.cache_data(ttl=ttl)
    assert str(info.value).endswith(f"Got: {ttl}")


def test_max_entries_evicts_the_least_recently_used_entry() -> None:
    calls: list[Any] = []
    f = st.cache_data(max_entries=2)(counting(calls))
    for x in (1, 2, 1, 3, 1, 2):
        f(x)
    assert [x for x, _ in calls] == [1, 2, 3, 2]


def test_max_size_keeps_the_pickled_values_under_the_limit() -> None:
    calls: list[int] = []

    @st.cache_data(max_size="1KiB")
    def blob(n: int) -> bytes:
        calls.append(n)
        return bytes(400)

    blob(1)
    blob(2)
    blob(3)  # 3 x ~400 bytes do not fit in 1024: the least recently used (1) goes
    blob(2)
    blob(1)
    assert calls == [1, 2, 3, 1]


def test_validate_false_discards_the_resource_and_computes_it_again() -> None:
    @st.cache_resource(validate=lambda conn: conn["open"])
    def connect() -> dict[str, bool]:
        return {"open": True}

    first = connect()
    assert connect() is first
    first["open"] = False
    second = connect()
    assert second is not first
    assert second == {"open": True}


def test_on_release_sees_every_resource_that_leaves_the_cache() -> None:
    released: list[int] = []

    @st.cache_resource(max_entries=1, on_release=released.append)
    def resource(x: int) -> int:
        return x

    resource(1)
    resource(2)
    assert released == [1]
    resource.clear()
    assert released == [1, 2]


# ----------------------------------------------------------------------------------------- clear
def test_clear_empties_one_function_only() -> None:
    calls_f: list[Any] = []
    calls_g: list[Any] = []
    f = st.cache_data(counting(calls_f))
    g = st.cache_data(lambda x: calls_g.append(x))
    f(1)
    g(1)
    f.clear()
    f(1)
    g(1)
    assert len(calls_f) == 2
    assert len(calls_g) == 1


def test_clear_with_arguments_drops_only_the_entry_they_would_hit() -> None:
    calls: list[Any] = []
    f = st.cache_data(counting(calls))
    f(1)
    f(2)
    f.clear(x=1)
    f(1)
    f(2)
    assert [x for x, _ in calls] == [1, 2, 1]


def test_st_cache_data_clear_empties_every_data_cache_but_no_resource_cache() -> None:
    data_calls: list[Any] = []
    resource_calls: list[Any] = []
    f = st.cache_data(counting(data_calls))
    r = st.cache_resource(counting(resource_calls))
    f(1)
    r(1)
    st.cache_data.clear()
    f(1)
    r(1)
    assert len(data_calls) == 2
    assert len(resource_calls) == 1
    st.cache_resource.clear()
    r(1)
    assert len(resource_calls) == 2


# ------------------------------------------------------------------------------------ threads
def test_threads_missing_the_same_key_at_once_compute_it_once() -> None:
    calls: list[int] = []
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    results: list[list[int]] = []

    @st.cache_data
    def slow(x: int) -> list[int]:
        calls.append(x)
        time.sleep(0.05)
        return [x]

    def worker() -> None:
        barrier.wait()
        results.append(slow(7))

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert calls == [7]
    assert results == [[7]] * threads_count


def test_threads_computing_different_keys_do_not_wait_for_each_other() -> None:
    started = threading.Event()
    release = threading.Event()

    @st.cache_resource
    def value(x: int) -> int:
        if x == 1:
            started.set()
            release.wait(timeout=10)
        return x

    blocked = threading.Thread(target=value, args=(1,))
    blocked.start()
    assert started.wait(timeout=10)
    assert value(2) == 2  # returns while key 1 is still being computed
    release.set()
    blocked.join(timeout=10)
    assert value(1) == 1


# ----------------------------------------------------------------------------------- settings
def test_an_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="experimental_allow_widgets"):
        st.cache_data(experimental_allow_widgets=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"persist": "memory"}, "Invalid `persist` value. Supported values: 'disk', None."),
        ({"scope": "tab"}, "Invalid `scope` value. Supported values: 'global', 'session'."),
        (
            {"refresh_mode": "sideways"},
            "Invalid `refresh_mode` value. Supported values: foreground, background.",
        ),
        ({"max_size": "500"}, "Invalid `max_size` value. Supported values: a positive byte"),
        ({"max_entries": 0}, "Invalid `max_entries` value: 0."),
    ],
)
def test_invalid_settings_are_refused_with_streamlits_messages(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(StreamlitValueError) as info:
        st.cache_data(**kwargs)
    assert str(info.value).startswith(message)


def test_background_refresh_needs_a_ttl() -> None:
    with pytest.raises(TidalAPIError, match="The `ttl` parameter is required"):
        st.cache_resource(refresh_mode="background")
    assert callable(st.cache_resource(refresh_mode="background", ttl=60)(lambda: 1))


SESSION_SCOPED = """
    import tidal as st
    import tidal_test_release_log as log
    st.session_state.setdefault("made", 0)

    @st.cache_resource(scope="session", on_release=lambda r: log.released.append(r["n"]))
    def connection(n):
        st.session_state.made += 1
        return {"n": n}

    first, again = connection(1), connection(1)
    st.text(f"same={first is again} made={st.session_state.made}")
"""


def test_a_session_scoped_cache_keeps_one_entry_per_session(
    app_test: AppTestFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = types.ModuleType("tidal_test_release_log")
    log.released = []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tidal_test_release_log", log)
    a = app_test(SESSION_SCOPED).run()
    b = app_test(SESSION_SCOPED).run()
    a.run()
    assert [t.value for t in a.text] == ["same=True made=1"]  # a hit in a's second run
    assert [t.value for t in b.text] == ["same=True made=1"]  # b computed its own
    assert log.released == []  # type: ignore[attr-defined]
    del a  # the session ends: its entry goes, and on_release sees it
    gc.collect()
    assert log.released == [1]  # type: ignore[attr-defined]
    b.run()
    assert [t.value for t in b.text] == ["same=True made=1"]  # b's entry is still there


def test_a_session_scoped_cache_cannot_be_called_outside_a_session() -> None:
    @st.cache_data(scope="session")
    def per_tab(x: int) -> int:
        return x

    with pytest.raises(TidalAPIError, match=r'per_tab\(\) is cached with scope="session"'):
        per_tab(1)


# ---------------------------------------------------------------------------------------- replay
REPLAY_APP = """
    import tidal as st
    st.session_state.setdefault("calls", 0)

    @st.cache_data
    def load(n):
        st.session_state.calls += 1
        st.write(f"loading {n}")
        with st.expander("inside"):
            st.text("nested")
        return n * 2

    st.text("before")
    v = load(3)
    st.text(f"v={v} calls={st.session_state.calls}")
"""


def test_a_hit_shows_again_what_the_cached_function_showed(app_test: AppTestFactory) -> None:
    at = app_test(REPLAY_APP).run()
    assert [t.value for t in at.text] == ["before", "nested", "v=6 calls=1"]
    at.run()  # a hit: the function does not run, its elements still show, in place
    # exactly what Streamlit 1.67 shows on this hit
    assert [(e.type, getattr(e, "value", None)) for e in at.main] == [
        ("main", None),
        ("text", "before"),
        ("markdown", "loading 3"),
        ("expander", None),
        ("text", "nested"),
        ("text", "v=6 calls=1"),
    ]
    assert [t.value for t in at.expander[0].text] == ["nested"]
    assert [m.value for m in at.markdown] == ["loading 3"]
    assert len(at.expander) == 1
    other = app_test(REPLAY_APP).run()  # another session hits the same entry
    assert [t.value for t in other.text] == ["before", "nested", "v=6 calls=0"]
    assert [m.value for m in other.markdown] == ["loading 3"]


def test_a_hit_does_not_show_the_functions_widgets_again(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st

        @st.cache_data
        def pick():
            st.write("shown")
            return st.text_input("inside cache")

        pick()
        """
    ).run()
    assert len(at.text_input) == 1 and len(at.exception) == 1  # the QP-3 warning
    at.run()
    assert [m.value for m in at.markdown] == ["shown"]
    assert len(at.text_input) == 0 and len(at.exception) == 0


# ---------------------------------------------------------------------------------------- disk
PERSISTED = """
import tidal as st

calls = []

@st.cache_data(persist="disk")
def squares(n):
    calls.append(n)
    return [i * i for i in range(n)]

print(squares(4), len(calls))
"""


def run_persisted(folder: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PERSISTED],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout.strip()


def test_persist_disk_keeps_values_across_processes(tmp_path: Path) -> None:
    assert run_persisted(tmp_path) == "[0, 1, 4, 9] 1"  # computed
    assert run_persisted(tmp_path) == "[0, 1, 4, 9] 0"  # read back by a new process
    assert len(list((tmp_path / ".tidal" / "cache").glob("*.pickle"))) == 1
    assert (tmp_path / ".tidal" / "secret").stat().st_mode & 0o077 == 0


def test_a_persisted_file_this_app_did_not_sign_is_never_unpickled(tmp_path: Path) -> None:
    assert run_persisted(tmp_path) == "[0, 1, 4, 9] 1"
    (stored,) = (tmp_path / ".tidal" / "cache").glob("*.pickle")
    forged = bytearray(stored.read_bytes())
    forged[-1] ^= 0xFF  # any change to the value or its expiry breaks the signature
    stored.write_bytes(bytes(forged))
    assert run_persisted(tmp_path) == "[0, 1, 4, 9] 1"  # computed again, not loaded
    (tmp_path / ".tidal" / "secret").unlink()  # another app's secret: nothing it wrote loads
    assert run_persisted(tmp_path) == "[0, 1, 4, 9] 1"


def test_persisted_entries_expire_and_clear_on_disk_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = DiskCache(tmp_path)
    disk.write("f", "k", b"value", ttl=10)
    assert disk.read("f", "k") == b"value"
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 11)
    assert disk.read("f", "k") is None  # expired: removed
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    calls: list[int] = []

    @st.cache_data(persist="disk")
    def double(n: int) -> int:
        calls.append(n)
        return 2 * n

    double(1), double(2)
    folder = tmp_path / ".tidal" / "cache"
    assert len(list(folder.glob("*.pickle"))) == 2
    double.clear(1)
    assert len(list(folder.glob("*.pickle"))) == 1
    st.cache_data.clear()
    assert list(folder.glob("*.pickle")) == []
    assert double(2) == 4 and calls == [1, 2, 2]
