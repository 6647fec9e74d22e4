"""The event loop of a run's thread: coroutines of scripts, callbacks and fragments.

Owns ``run_awaitable``, which drives a coroutine to completion from synchronous code in the
run's thread, and the per-thread event loop it uses. Each worker thread has its own loop, so
one session's ``await`` never blocks another session's. A run that is interrupted (a newer
event, ``Flag`` raised) has its pending awaits cancelled at once, and whatever tasks the run
left behind are cancelled when it ends. Knows nothing about scripts, sessions or elements.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import AsyncIterator, Awaitable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from tidal.context import Flag
from tidal.errors import ScriptInterrupted

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")

POLL_SECONDS = 0.005
"""How often a waiting run looks at its interrupt flag (the flag is a plain bool)."""

_local = threading.local()


class _ThreadLoop:
    """Owns one thread's loop; closes it when the thread ends (its locals are dropped)."""

    __slots__ = ("loop",)

    def __init__(self) -> None:
        import asyncio  # heavy: imported when a run first awaits

        self.loop = asyncio.new_event_loop()

    def __del__(self) -> None:
        if not self.loop.is_closed():
            self.loop.close()


def thread_loop() -> asyncio.AbstractEventLoop:
    """This thread's event loop, created on first use and kept for the thread's life."""
    holder: _ThreadLoop | None = getattr(_local, "holder", None)
    if holder is None or holder.loop.is_closed():
        holder = _ThreadLoop()
        _local.holder = holder
    return holder.loop


def _running_loop() -> asyncio.AbstractEventLoop | None:
    import asyncio  # heavy: imported when a run first awaits

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _as_coroutine(awaitable: Awaitable[T]) -> T:
    return await awaitable


def run_awaitable(awaitable: Awaitable[T], interrupt: Flag) -> T:
    """Run ``awaitable`` to completion and return its result, from synchronous code.

    On this thread's loop when none is running here (a script's top-level ``await``, an async
    callback); from code that a running loop called synchronously (``st.write_stream`` of an
    async generator inside an ``async`` script), on a helper thread with a loop of its own,
    this thread waiting. Either way the awaitable sees the caller's context variables (the
    current run).

    Raises:
        ScriptInterrupted: ``interrupt`` was raised while it waited; its task was cancelled.
    """
    if _running_loop() is None:
        return _drive(thread_loop(), awaitable, interrupt)
    result: list[T] = []
    failure: list[BaseException] = []
    ctx = contextvars.copy_context()

    def helper() -> None:
        import asyncio  # heavy: imported when a run first awaits

        loop = asyncio.new_event_loop()
        try:
            result.append(ctx.run(_drive, loop, awaitable, interrupt))
        except BaseException as exc:  # handed to the waiting thread, raised there
            failure.append(exc)
        finally:
            loop.close()

    thread = threading.Thread(target=helper, name="tidal-await", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


def _drive(
    loop: asyncio.AbstractEventLoop,
    awaitable: Awaitable[T],
    interrupt: Flag,
    *,
    leftovers: bool = True,
) -> T:
    """Run ``awaitable`` on ``loop`` until done or interrupted; then cancel the tasks it left
    behind, unless ``leftovers`` is False (one item of an async iterator: tasks it started,
    such as a producer feeding it, must live on until the iteration ends)."""
    import asyncio  # heavy: imported when a run first awaits

    task = loop.create_task(_as_coroutine(awaitable))

    def watch() -> None:
        if task.done():
            return
        if interrupt.is_set():
            task.cancel()
        else:
            loop.call_later(POLL_SECONDS, watch)

    loop.call_soon(watch)
    try:
        return loop.run_until_complete(task)
    except asyncio.CancelledError:
        if interrupt.is_set():
            raise ScriptInterrupted from None
        raise
    finally:
        if leftovers or not task.done() or task.cancelled():
            _cancel_leftovers(loop)


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel every task still pending on ``loop`` (the run is over) and let them unwind."""
    import asyncio  # heavy: imported when a run first awaits

    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        # the tasks' own exceptions (CancelledError included) are theirs: gathered, not raised
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def iterate_async(agen: AsyncIterator[T], interrupt: Flag) -> Iterator[T]:
    """Iterate an async iterator from synchronous code in the run's thread.

    With no loop running here, each item is awaited on this thread's loop. Inside a running
    loop (an ``async`` script calling a synchronous ``st.*`` function), a helper thread with a
    loop of its own pumps the items to this thread.
    """
    if _running_loop() is None:
        loop = thread_loop()
        try:
            while True:
                try:
                    item = _drive(loop, _next(agen), interrupt, leftovers=False)
                except StopAsyncIteration:
                    return
                yield item
        finally:
            aclose = getattr(agen, "aclose", None)
            if aclose is not None:
                _drive(loop, aclose(), Flag())
            _cancel_leftovers(loop)
        return
    yield from _pumped(agen, interrupt)


_END = object()


def _pumped(agen: AsyncIterator[T], interrupt: Flag) -> Iterator[T]:
    import asyncio  # heavy: imported when a run first awaits

    items: queue.SimpleQueue[Any] = queue.SimpleQueue()
    stop = Flag()

    async def pump() -> None:
        try:
            async for item in agen:
                items.put(item)
                if stop.is_set():
                    break
        except BaseException as exc:  # handed to the consuming thread, raised there
            items.put(_Failure(exc))
        finally:
            items.put(_END)

    ctx = contextvars.copy_context()

    def helper() -> None:
        loop = asyncio.new_event_loop()
        try:
            ctx.run(_drive, loop, pump(), _Either(interrupt, stop))
        except BaseException:  # the pump reports its own failures through the queue
            pass
        finally:
            loop.close()

    thread = threading.Thread(target=helper, name="tidal-await", daemon=True)
    thread.start()
    try:
        while True:
            item = items.get()
            if item is _END:
                break
            if isinstance(item, _Failure):
                if isinstance(item.exc, asyncio.CancelledError) and interrupt.is_set():
                    raise ScriptInterrupted
                raise item.exc
            yield item
    finally:
        stop.set()
        thread.join()


class _Failure:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


class _Either(Flag):
    """Raised when either of two flags is."""

    __slots__ = ("_a", "_b")

    def __init__(self, a: Flag, b: Flag) -> None:
        super().__init__()
        self._a, self._b = a, b

    def is_set(self) -> bool:
        return self._a.is_set() or self._b.is_set()


def _next(agen: AsyncIterator[T]) -> Coroutine[Any, Any, T]:
    async def step() -> T:
        return await agen.__anext__()

    return step()
