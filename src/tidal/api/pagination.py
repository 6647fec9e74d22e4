"""``st.pagination``: page numbers to move through, 1 to ``num_pages``.

Returns the current page (an int from 1). The browser shows at most ``max_visible_pages``
numbered buttons (with ellipses) and previous/next arrows, and sends the page number, checked
here (``max_visible_pages=0`` shows only the arrows, 1 the current page, 2 the current or
first page and the last). Knows nothing about other widget kinds.
"""

from __future__ import annotations

from typing import Any

from tidal.api.widget_args import (
    Args,
    Bind,
    Kwargs,
    OnChange,
    PersistState,
    Width,
    check_bind,
    check_persist,
    check_width,
)
from tidal.context import api_function, get_run
from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, register


def _positive(name: str, v: object, minimum: int = 1) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise StreamlitAPIException(
            f"st.pagination got {name}={v!r}: pass a whole number of at least {minimum}."
        )
    return v


@api_function
def pagination(
    num_pages: int,
    *,
    default: int = 1,
    max_visible_pages: int = 7,
    width: Width = "content",
    key: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    bind: Bind = None,
    persist_state: PersistState = None,
) -> int:
    """Page numbers with previous/next arrows; returns the current page (1 to ``num_pages``).

    Example:
        >>> rows = list(range(95))
        >>> page = st.pagination(10, key="page")
        >>> st.write(rows[(page - 1) * 10 : page * 10])
    """
    n = _positive("num_pages", num_pages)
    _positive("max_visible_pages", max_visible_pages, 0)
    if _positive("default", default) > n:
        raise StreamlitAPIException(
            f"st.pagination got default={default}, past the last page ({n}). Pass a page "
            f"from 1 to {n}."
        )

    def from_wire(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= n:
            raise ValueError(f"expected a page number in 1..{n}")
        return v

    def coerce(v: Any) -> tuple[Any, bool]:
        if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= n:
            return v, False
        return default, True

    result: int = register(
        get_run(),
        Spec(
            kind="pagination",
            label="",
            key=key,
            identity=(n, default, max_visible_pages),
            keyed_identity=(n,),
            default=default,
            from_wire=from_wire,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            label_visibility="collapsed",
            explicit_default=default != 1,
            props={
                "num_pages": n,
                "default": default,
                "max_visible_pages": max_visible_pages,
                "width": check_width(width),
            },
            clear_default=default,
            bind=check_bind("pagination", bind, key),
            persist=check_persist("pagination", persist_state, key),
        ),
    )
    return result
