"""``st.dialog``: a decorator whose function opens in a modal dialog.

Calling the decorated function opens the dialog and runs the function inside it as a fragment
(``api/fragment.py``): a widget inside the dialog reruns only the dialog. The dialog stays
open while each run calls the function; the person closes it with its close button, Escape or
a click outside (unless ``dismissible=False``), and the script closes it by not calling the
function in the next run (``st.rerun()`` after the work is done). ``on_dismiss`` makes the
closing a widget event: ``"rerun"`` reruns the app, a function is called first.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from tidal.api.fragment import as_fragment
from tidal.api.icons import check_icon
from tidal.context import RunContext, get_run
from tidal.errors import TidalAPIError
from tidal.tree import Node
from tidal.widgets import Spec, register_block

F = TypeVar("F", bound=Callable[..., Any])
DIALOG_WIDTHS = ("small", "medium", "large")
DIALOG_POSITIONS = ("center", "top")
_openings = itertools.count(1)
"""Each call that opens a dialog gets a new number: a dialog the person closed opens again
when a later run calls its function again (same props otherwise)."""

ONLY_ONE_DIALOG = (
    "Only one dialog is allowed to be opened at the same time. Please make sure to not call a "
    "dialog-decorated function more than once in a script run."
)


def dialog(
    title: str,
    *,
    width: str = "small",
    position: str = "center",
    dismissible: bool = True,
    icon: str | None = None,
    on_dismiss: str | Callable[..., Any] = "ignore",
) -> Callable[[F], F]:
    """Make a function open in a modal dialog when called.

    Args:
        title: the dialog's title (inline Markdown).
        width: ``"small"`` (500 px), ``"medium"`` (750 px) or ``"large"`` (1280 px).
        position: ``"center"`` or ``"top"`` of the window.
        dismissible: the person may close it (close button, Escape, click outside).
        icon: an emoji or ``":material/name:"`` shown before the title.
        on_dismiss: ``"ignore"`` (closing only closes it), ``"rerun"`` (closing reruns the
            app) or a function called when it is closed, before the rerun.

    Example:
        >>> @st.dialog("Cast your vote")
        ... def vote(item):
        ...     reason = st.text_input("Because...")
        ...     if st.button("Submit"):
        ...         st.session_state.vote = {"item": item, "reason": reason}
        ...         st.rerun()
        >>> if st.button("Vote for A"):
        ...     vote("A")
    """
    if width not in DIALOG_WIDTHS:
        raise TidalAPIError(f'st.dialog got width={width!r}. Use "small", "medium" or "large".')
    if position not in DIALOG_POSITIONS:
        raise TidalAPIError(f'st.dialog got position={position!r}. Use "center" or "top".')
    if not (on_dismiss in ("ignore", "rerun") or callable(on_dismiss)):
        raise TidalAPIError(
            f'st.dialog got on_dismiss={on_dismiss!r}. Pass "ignore", "rerun" or a function.'
        )
    if not dismissible and on_dismiss != "ignore":
        raise TidalAPIError(
            "st.dialog(dismissible=False) cannot be dismissed, so it takes no on_dismiss. "
            "Close it from the script with st.rerun() instead."
        )
    props: dict[str, Any] = {
        "title": str(title),
        "width": width,
        "position": position,
        "dismissible": bool(dismissible),
        "icon": check_icon(icon),
        "on_dismiss": "ignore" if on_dismiss == "ignore" else "rerun",
    }

    def decorate(func: F) -> F:
        if not callable(func):
            raise TidalAPIError(
                'st.dialog decorates a function: use it as `@st.dialog("Title")` above a `def`.'
            )
        body = as_fragment(func)

        @functools.wraps(func)
        def open_dialog(*args: Any, **kwargs: Any) -> Any:
            ctx = get_run()
            ctx.forbid_in_parallel("A `@st.dialog` function")
            if any(n.type == "dialog" for n in _nodes(ctx)):
                raise TidalAPIError(ONLY_ONE_DIALOG)
            shown = {**props, "opening": next(_openings)}
            if on_dismiss == "ignore":
                block = ctx.add(Node("dialog", shown, container=True))
            else:
                _, block = register_block(
                    ctx,
                    Spec(
                        kind="dialog",
                        label=str(title),
                        key=None,
                        identity=(str(title), func.__qualname__),
                        keyed_identity=(),
                        default=False,
                        from_wire=_dismissed,
                        callback=on_dismiss if callable(on_dismiss) else None,
                        trigger=True,
                        props=shown,
                        container=True,
                    ),
                )
            with ctx.inside(block):
                return body(*args, **kwargs)

        return open_dialog  # type: ignore[return-value]

    return decorate


def _dismissed(v: Any) -> bool:
    if v is not True:
        raise ValueError("a dialog only reports being dismissed (true)")
    return True


def _nodes(ctx: RunContext) -> Iterator[Node]:
    stack = list(ctx.roots)
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(node.children)
