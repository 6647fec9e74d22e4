"""Feedback while a script runs: spinners, progress bars, status containers, toasts,
balloons, snow, and ``st.empty`` placeholders.

Each call adds one element (a status is a container) and returns its handle; what can change
later (a progress bar's value, a status's state) changes in place through that handle. Knows
nothing about how the browser draws them.
"""

from __future__ import annotations

import functools
import inspect
import itertools
from collections.abc import Callable
from types import TracebackType
from typing import Any, Literal, TypeVar

from tidal.api.handle import ElementHandle, add_element
from tidal.context import RunContext, api_function, get_run
from tidal.errors import TidalAPIError
from tidal.tree import Block, Node

F = TypeVar("F", bound=Callable[..., Any])

_shown = itertools.count(1)
"""Numbers each toast, balloons and snow call: the same call in the next run is a new event
(its props differ), so the browser shows it again, as Streamlit does on every run."""


def _width(width: object, name: str, *, allow_content: bool = True) -> str | int:
    if isinstance(width, int) and not isinstance(width, bool) and width > 0:
        return width
    allowed = ("stretch", "content") if allow_content else ("stretch",)
    if width in allowed:
        return str(width)
    raise TidalAPIError(
        f"{name}(width={width!r}) is not a valid width. Use "
        + (' "stretch", "content"' if allow_content else ' "stretch"')
        + " or a positive number of pixels."
    )


def _refresh(ctx: RunContext, block: Block, **changes: Any) -> None:
    """Change the props of the element a handle points at, keeping its children."""
    node = block.node
    node.props = {**node.props, **changes}  # a new dict: the writer compares old and new
    if ctx.writer is not None:
        ctx.writer.set(block.path, node)
        if ctx.on_flush is not None:
            ctx.on_flush()


# ----------------------------------------------------------------------------- empty
@api_function
def empty() -> ElementHandle:
    """A placeholder for one element: write to it to replace what it shows, ``.empty()`` it
    to clear it, or use ``.container()`` to show several elements in its place.

    Example:
        >>> slot = st.empty()
        >>> slot.text("Loading...")
        >>> slot.success("Done")  # replaces the text
        >>> slot.empty()  # clears it
    """
    return add_element("empty", {})


# ----------------------------------------------------------------------------- spinner
def _transient(ctx: RunContext, node: Node, slot: Block | None = None) -> Block:
    """Add ``node`` without recording it for a cached function's replay: a spinner inside a
    cached function shows while it computes, never again on a cache hit."""
    recordings, ctx.recordings = ctx.recordings, []
    try:
        return ctx.add(node, slot)
    finally:
        ctx.recordings = recordings


class _Spinner:
    """What ``st.spinner`` returns: a context manager, and a decorator for functions."""

    __slots__ = ("_slot", "props")

    def __init__(self, props: dict[str, Any]) -> None:
        self.props = props
        self._slot: tuple[RunContext, Block] | None = None

    def __enter__(self) -> None:
        ctx = get_run()
        # a leaf's block is its slot: leaving the block puts an empty placeholder there
        self._slot = (ctx, _transient(ctx, Node("spinner", dict(self.props))))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._slot is not None:
            ctx, slot = self._slot
            self._slot = None
            _transient(ctx, Node("empty", {}), slot)

    def __call__(self, func: F) -> F:
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with _Spinner(self.props):
                    return await func(*args, **kwargs)

            return async_wrapper  # type: ignore[return-value]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with _Spinner(self.props):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


def spinner(
    text: str = "In progress...",
    *,
    show_time: bool = False,
    _cache: bool = False,
    width: int | Literal["stretch", "content"] = "content",
) -> _Spinner:
    """Show a spinner with a message while a block of code runs; it goes when the block ends.

    Works as a context manager and as a decorator (of ``def`` and ``async def``).
    ``show_time=True`` shows the seconds elapsed beside the message.

    Example:
        >>> with st.spinner("Wait for it...", show_time=True):
        ...     time.sleep(2)
        >>> st.success("Done!")
    """
    if not isinstance(text, str):
        text = str(text)
    return _Spinner(
        {"text": text, "show_time": bool(show_time), "width": _width(width, "st.spinner")}
    )


# ----------------------------------------------------------------------------- progress
def _progress_value(value: object) -> int:
    if isinstance(value, bool):
        raise TidalAPIError(f"Progress Value has invalid type: {type(value).__name__}")
    if isinstance(value, int):
        if 0 <= value <= 100:
            return value
        raise TidalAPIError(f"Progress Value has invalid value [0, 100]: {value}")
    if isinstance(value, float):
        if 0.0 <= value <= 1.0:
            return int(value * 100)
        raise TidalAPIError(f"Progress Value has invalid value [0.0, 1.0]: {value:f}")
    raise TidalAPIError(f"Progress Value has invalid type: {type(value).__name__}")


def _progress_text(text: object) -> str | None:
    if text is None or isinstance(text, str):
        return text
    raise TidalAPIError(
        f"Progress Text is of type {type(text)}, which is not an accepted type. Text only "
        "accepts: str. Please convert the text to an accepted type."
    )


@api_function
def progress(
    value: int | float,
    text: str | None = None,
    width: int | Literal["stretch"] = "stretch",
) -> ElementHandle:
    """A progress bar: ``value`` is an int from 0 to 100 or a float from 0.0 to 1.0.

    Call ``.progress()`` on the returned handle to move the same bar.

    Example:
        >>> bar = st.progress(0, text="Working...")
        >>> for pct in range(100):
        ...     bar.progress(pct + 1, text=f"{pct + 1}%")
    """
    props = {
        "value": _progress_value(value),
        "text": _progress_text(text),
        "width": _width(width, "st.progress", allow_content=False),
    }
    return add_element("progress", props)


# ----------------------------------------------------------------------------- status
StatusState = Literal["running", "complete", "error"]
_STATE_ICONS = {"running": "spinner", "complete": ":material/check:", "error": ":material/error:"}


def _check_state(state: object) -> str:
    if state not in _STATE_ICONS:
        raise TidalAPIError(
            f"Unknown state ({state}). Must be one of 'running', 'complete', or 'error'."
        )
    return str(state)


class StatusContainer(ElementHandle):
    """What ``st.status`` returns: a container with a label and a state.

    Leaving its ``with`` block marks a running status ``complete`` (``error`` when an
    exception left the block).
    """

    __slots__ = ()

    def update(
        self,
        *,
        label: str | None = None,
        expanded: bool | None = None,
        state: StatusState | None = None,
    ) -> None:
        """Change the label, the expanded state or the state in place.

        Example:
            >>> status = st.status("Downloading data...")
            >>> status.update(label="Download complete!", state="complete", expanded=False)
        """
        changes: dict[str, Any] = {}
        if label is not None:
            changes["label"] = str(label)
        if expanded is not None:
            changes["expanded"] = bool(expanded)
        if state is not None:
            changes["state"] = _check_state(state)
            changes["icon"] = _STATE_ICONS[changes["state"]]
        if changes:
            _refresh(self._ctx, self._block, **changes)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._block.node.props.get("state") == "running":
            failed = exc_type is not None and issubclass(exc_type, Exception)
            self.update(state="error" if failed else "complete")
        super().__exit__(exc_type, exc, tb)


@api_function
def status(
    label: str,
    *,
    expanded: bool = False,
    state: StatusState = "running",
    type: str = "default",
    width: int | Literal["stretch"] = "stretch",
) -> StatusContainer:
    """A container that shows the state of a long task: ``running`` (a spinner),
    ``complete`` (a check mark) or ``error``; click its label to expand it.

    Example:
        >>> with st.status("Downloading data...", expanded=True) as status:
        ...     st.write("Searching for data...")
        ...     status.update(label="Download complete!", state="complete")
    """
    ctx = get_run()
    checked = _check_state(state)
    props = {
        "label": str(label),
        "expanded": bool(expanded),
        "state": checked,
        "icon": _STATE_ICONS[checked],
        "kind": str(type),
        "width": _width(width, "st.status", allow_content=False),
    }
    return StatusContainer(ctx, ctx.add(Node("status", props, container=True)))


# ----------------------------------------------------------------------------- toast
_DURATIONS = {"short": 4, "long": 10, "infinite": None}


def _duration(duration: object) -> int | None:
    if isinstance(duration, str) and duration in _DURATIONS:
        return _DURATIONS[duration]
    if isinstance(duration, int) and not isinstance(duration, bool) and duration > 0:
        return duration
    raise TidalAPIError(
        f"st.toast(duration={duration!r}) is not a valid duration. Use 'short' (4 seconds), "
        "'long' (10 seconds), 'infinite', or a positive number of seconds."
    )


@api_function
def toast(
    body: str,
    *,
    icon: str | None = None,
    duration: Literal["short", "long", "infinite"] | int = "short",
) -> ElementHandle:
    """A short message in the corner of the page; several stack up. Call ``.toast()`` on the
    returned handle to change the same message.

    Example:
        >>> msg = st.toast("Saving...", icon="💾")
        >>> msg.toast("Saved!", icon="✅")
    """
    text = "" if body is None else str(body)
    if not text.strip():
        raise TidalAPIError("Toast body cannot be blank - please provide a message.")
    props = {"body": text, "icon": icon, "duration": _duration(duration), "n": next(_shown)}
    return add_element("toast", props)


# ----------------------------------------------------------------------------- celebrations
@api_function
def balloons() -> ElementHandle:
    """Float celebratory balloons up the page.

    Example:
        >>> st.balloons()
    """
    return add_element("balloons", {"n": next(_shown)})


@api_function
def snow() -> ElementHandle:
    """Let it snow on the page.

    Example:
        >>> st.snow()
    """
    return add_element("snow", {"n": next(_shown)})
