"""Rows on demand: answering a data grid's ``RowsRequest`` from the frame the server keeps.

Owns ``answer`` (find the grid element the browser still shows, sort/search its table, cut
the window) and ``serve_rows`` (do that off the event loop, so that sorting a million rows
never stalls other sessions, and send the answer). The table is found in the session's
mirror of the page, so a frame is kept exactly as long as an element showing it is on the
page. Knows nothing about runs, widgets or sockets.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from tidal.dataframes import Shown
from tidal.protocol import RowsRequest
from tidal.server_messages import Error, Outbound, Rows
from tidal.tables import Table
from tidal.tree import Node

if TYPE_CHECKING:
    from tidal.session import Session

log = logging.getLogger("tidal.rowserver")


def _walk(roots: list[Node]) -> Iterator[Node]:
    stack = list(roots)
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(list(node.children))


def find_table(roots: list[Node], data: str) -> Table | None:
    """The table of the grid element showing ``data`` (a table fingerprint), if one is shown."""
    try:
        for node in _walk(roots):
            if node.props.get("data") == data and isinstance(node.extra, Shown):
                return node.extra.table
    except (IndexError, RuntimeError):  # a run is changing the page right now
        return None
    return None


def answer(session: Session, msg: RowsRequest) -> Outbound:
    """The ``Rows`` for ``msg``, or an ``Error`` saying why there are none."""
    table = find_table(session.writer.client, msg.data)
    if table is None:
        return Error(
            message=f"Refused rows request {msg.req}: no table {msg.data[:12]!r} is on the page "
            "(it was removed or replaced). The page shows the current one."
        )
    try:
        order = table.order(msg.sort, msg.search)
    except IndexError as exc:
        return Error(message=f"Refused rows request {msg.req}: {exc}.")
    total = table.nrows if order is None else len(order)
    if msg.start > total or (msg.start == total and total > 0):
        return Error(
            message=f"Refused rows request {msg.req}: start {msg.start} is past the last row "
            f"({total} rows)."
        )
    pos, rows = table.rows(order, msg.start, msg.count)
    styled = table.styled(pos)
    display, css = styled if styled is not None else (None, None)
    return Rows(
        req=msg.req,
        data=msg.data,
        start=msg.start,
        total=total,
        pos=pos,
        rows=rows,
        display=display,
        css=css,
    )


MAX_IN_FLIGHT = 4
"""Rows requests one session may have waiting or running at once (a grid sends one at a
time; a page rarely shows more than a few grids). More are refused, not queued: a search
over a million rows costs seconds of CPU."""

_in_flight: dict[str, int] = {}
_in_flight_lock = threading.Lock()


def serve_rows(session: Session, msg: RowsRequest, send: Callable[[Outbound], None]) -> None:
    """Answer ``msg`` on a worker thread and ``send`` the answer (call on the event loop)."""
    token = session.token
    with _in_flight_lock:
        busy = _in_flight.get(token, 0)
        if busy >= MAX_IN_FLIGHT:
            send(Error(message=f"Refused rows request {msg.req}: {busy} are still being answered."))
            return
        _in_flight[token] = busy + 1

    def work() -> None:
        try:
            send(answer(session, msg))
        except Exception:  # a bug here must not cost the session: say so and go on
            log.exception("rows request %s failed", msg.req)
            send(Error(message=f"Refused rows request {msg.req}: the server failed to read it."))
        finally:
            with _in_flight_lock:
                left = _in_flight.pop(token, 1) - 1
                if left > 0:
                    _in_flight[token] = left

    asyncio.get_running_loop().run_in_executor(None, work)
