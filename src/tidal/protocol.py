"""The wire protocol between the browser and the server.

Owns every message shape (msgspec Structs, JSON on the wire), ``PROTOCOL_VERSION`` and the
decoding of inbound frames with their size and shape checks. Knows nothing about sessions,
scripts or widgets: whether a widget id exists and whether a value fits it is checked by the
session with ``widgets.py``.

Elements travel as ``Element`` structs addressed by a *path*: ``[root, i, j, ...]`` where
``root`` is 0 for the main area, 1 for the sidebar and 2 for the bar pinned below the main area,
and each further number is the index of a child inside its container. See ``docs/protocol.md``
for every element type and its props.

Client -> server: ``Hello``, ``Change``, ``Submit``, ``Sync``, ``Rerun``, ``Navigate``, ``Ping``,
``RowsRequest``.
Server -> client: ``Welcome``, ``RunStarted``, ``Delta``, ``RunFinished``, ``Error``,
``SourceChanged``, ``StateWarning``, ``Pages``, ``Query``, ``Pong``, ``Rows``.

Query strings (``hello``, ``navigate``, ``query``) are read, spelled and bounded by
``querystring.py``.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from tidal.querystring import MAX_QUERY_CHARS

PROTOCOL_VERSION = 1
MAX_INBOUND_BYTES = 1 << 20
"""Largest frame the server accepts from a browser (1 MiB); bigger frames close the socket."""
MAX_NESTING = 64
"""Deepest nesting of lists and objects the server accepts in a frame from a browser (no
widget's value comes near it); deeper frames are refused with an ``error``."""
MAX_SEQ = 2**53 - 1
"""Largest event ``seq`` (the browser's counter is a JavaScript number: exact up to 2**53)."""

JSONValue = Any
"""A value as JSON carries it: None, bool, int, float, str, list or dict."""


class Element(msgspec.Struct, omit_defaults=True):
    """One element of the page: ``t`` is its type, ``p`` its props.

    Widgets carry their widget id in ``p["id"]`` and their current value in ``p["value"]``.
    Containers (``columns``, ``column``, ``form``, ``container``, ``expander``) have children
    addressed by longer paths; their own props never list the children.
    """

    t: str
    p: dict[str, JSONValue] = {}


# ----------------------------------------------------------------------------- delta ops
class SetOp(msgspec.Struct, tag="set", tag_field="o"):
    """Put ``e`` at path ``p``: append it, or replace what is there (dropping its children
    when the element type changes)."""

    p: list[int]
    e: Element


class TrimOp(msgspec.Struct, tag="trim", tag_field="o"):
    """Keep only the first ``n`` children of the container (or root) at path ``p``."""

    p: list[int]
    n: int


class AppendOp(msgspec.Struct, tag="append", tag_field="o"):
    """Append text ``s`` to the string prop ``k`` of the element at path ``p`` (a streaming
    ``st.write_stream``: each delta carries only the new text, not the whole message)."""

    p: list[int]
    k: str
    s: str


DeltaOp = SetOp | TrimOp | AppendOp


# ----------------------------------------------------------------------------- client -> server
class Hello(msgspec.Struct, tag="hello", tag_field="t"):
    """First frame on every connection.

    ``token`` is the tab's session token from sessionStorage (None on a first visit);
    ``nonce`` is random per page load, so a duplicated tab (same token, other nonce, while the
    first is still connected) is told apart from a reconnect of the same page. ``query`` is the
    address's query string without ``?``: the session's ``st.query_params``.
    """

    v: int
    nonce: str
    token: str | None = None
    page: str = ""
    query: str = ""
    url: str = ""
    """What only the browser knows, for ``st.context``: the address it shows (``url``), its
    IANA ``timezone`` and UTC offset in minutes (``tz_offset``, JavaScript's sign), its
    preferred language (``locale``), the theme it shows and whether it is in an iframe."""
    timezone: str = ""
    tz_offset: int | None = None
    locale: str = ""
    theme: str = ""
    embedded: bool = False


class Change(msgspec.Struct, tag="change", tag_field="t"):
    """One committed widget change; a button click is ``v=True``.

    ``seq`` increases by one per event from a page load; the server processes events in
    ``seq`` order and drops duplicates.
    """

    seq: int
    id: str
    v: JSONValue = None


class Submit(msgspec.Struct, tag="submit", tag_field="t"):
    """A form submit: the form's pending values plus the submit button that was pressed."""

    seq: int
    form: str
    button: str
    values: dict[str, JSONValue] = {}


class Sync(msgspec.Struct, tag="sync", tag_field="t"):
    """Values the browser changed without asking for a rerun (a form cleared after submit).

    They join the changes of the next run.
    """

    seq: int
    values: dict[str, JSONValue] = {}


class Rerun(msgspec.Struct, tag="rerun", tag_field="t"):
    """Ask for a plain rerun (the "Rerun" menu entry, or "source changed: rerun")."""

    seq: int


class Navigate(msgspec.Struct, tag="navigate", tag_field="t"):
    """The person went to another page of the app (menu, page link, back/forward).

    ``page`` is the page's url path without the leading ``/`` (``""``: the main page);
    ``query`` is the query string the address shows now (without ``?``): it replaces the
    session's ``st.query_params`` (going to a page clears them; back/forward restores them).
    """

    seq: int
    page: str = ""
    query: str = ""


class Ping(msgspec.Struct, tag="ping", tag_field="t"):
    """Keep-alive; answered with ``Pong``."""


MAX_ROWS_PER_REQUEST = 2000
"""Most rows one ``RowsRequest`` may ask for."""


class RowsRequest(msgspec.Struct, tag="rows", tag_field="t"):
    """The browser asks for the rows a data grid shows (plus a margin) as the person scrolls.

    ``data`` is the grid element's ``p["data"]``; ``start``/``count`` count rows in the order
    of ``sort`` (``[column position, ascending]``, or None) and ``search`` (text every shown
    row contains, or ""), both applied on the server to the whole frame. ``req`` is echoed in
    the answer so the browser can drop answers it no longer needs. Not an event: it carries no
    ``seq`` and never starts a run.
    """

    req: int
    data: str
    start: int
    count: int
    sort: tuple[int, bool] | None = None
    search: str = ""


class Inspect(msgspec.Struct, tag="inspect", tag_field="t"):
    """The state inspector panel opened (``open``) or closed; ``export``: send the session
    document now. Not an event: it starts no run. While open, the server sends one
    ``Inspection`` after each run. Refused when the server's inspector is off."""

    open: bool = True
    export: bool = False


class Rewind(msgspec.Struct, tag="rewind", tag_field="t"):
    """Put the session state back as run ``run`` left it, then rerun (the inspector)."""

    seq: int
    run: int


class LoadState(msgspec.Struct, tag="load_state", tag_field="t"):
    """Replace the session state with an exported session document, then rerun."""

    seq: int
    doc: dict[str, JSONValue] = {}


Inbound = (
    Hello
    | Change
    | Submit
    | Sync
    | Rerun
    | Navigate
    | Ping
    | RowsRequest
    | Inspect
    | Rewind
    | LoadState
)
Event = Change | Submit | Sync | Rerun | Navigate | Rewind | LoadState
"""Inbound messages that carry a ``seq`` and go to the session in order."""


# ----------------------------------------------------------------------------- server -> client
class Welcome(msgspec.Struct, tag="welcome", tag_field="t"):
    """Answer to ``Hello``: the token to keep, and whether the session is new or resumed."""

    v: int
    token: str
    resumed: bool
    title: str = "tidal"
    theme: str | None = None
    """``"light"`` or ``"dark"`` to force a theme; None follows the browser."""
    media: str = ""
    """The session's name in media URLs (``/_tidal/media/<media>/<id>``), not its token."""
    inspector: bool = False
    """Whether the page may open the state inspector (``client.inspector``)."""


class RunStarted(msgspec.Struct, tag="start", tag_field="t", omit_defaults=True):
    """A run began; the browser shows its running indicator and may fade old elements.

    ``scope`` is the path of the container a fragment-only run redraws (the rest of the page
    is not part of the run and must not fade); empty for a run of the whole page."""

    run: int
    scope: list[int] = msgspec.field(default_factory=list)


class Delta(msgspec.Struct, tag="delta", tag_field="t"):
    """Element changes of run ``run``, in document order; ``at`` is the path of the last
    element the run has produced so far (everything before it in document order is current)."""

    run: int
    ops: list[SetOp | TrimOp | AppendOp]
    at: list[int] = []


RunStatus = Literal["ok", "stopped", "error", "rerun", "interrupted"]


class RunFinished(msgspec.Struct, tag="end", tag_field="t"):
    """The run ended. After ``ok``, ``stopped`` and ``error`` the page is exactly the run's
    output (the last ``Delta`` carried the trims). ``rerun``/``interrupted`` mean another run
    follows at once, so stale elements stay until it ends."""

    run: int
    status: RunStatus
    ack: int = 0
    """The highest event ``seq`` this run has taken into account."""


class Error(msgspec.Struct, tag="error", tag_field="t"):
    """A message the server refused, or a problem the user should see (not a script error)."""

    message: str
    fatal: bool = False


class SourceChanged(msgspec.Struct, tag="source_changed", tag_field="t"):
    """The app's source files changed on disk."""


class StateWarning(msgspec.Struct, tag="state_warning", tag_field="t"):
    """The session's state could not be saved to the store (or is saved again: ``ok``)."""

    message: str
    ok: bool = False


class PageEntry(msgspec.Struct, omit_defaults=True):
    """One page in the navigation menu: ``url`` is its url path (``""``: the main page)."""

    url: str
    title: str
    icon: str | None = None
    section: str | None = None
    hidden: bool = False
    """Reachable, but not listed in the menu."""
    help: str | None = None
    """A tooltip for the menu entry."""


class Pages(msgspec.Struct, tag="pages", tag_field="t"):
    """The app's pages and the current one (multipage apps), sent when either changes.

    ``switched``: the script moved to ``current`` with ``st.switch_page`` (the browser adds a
    history entry; otherwise it replaces its address when it differs, e.g. an unknown page).
    ``ack`` is the highest event ``seq`` taken into account: an older ``Pages`` must not undo
    a navigation the browser sent since.
    """

    pages: list[PageEntry]
    current: str
    position: Literal["sidebar", "hidden"] = "sidebar"
    switched: bool = False
    ack: int = 0


class Query(msgspec.Struct, tag="query", tag_field="t"):
    """The script changed ``st.query_params``: the browser shows ``query`` (without ``?``) in
    its address, in place (no new history entry, no reload).

    ``ack`` is the highest event ``seq`` taken into account: the browser ignores a ``Query``
    older than a ``navigate`` it sent since (that navigation replaced the params).
    """

    query: str
    ack: int = 0


class Redirect(msgspec.Struct, tag="redirect", tag_field="t"):
    """Load ``url`` in the tab (a same-origin path such as ``/auth/login?...``): the page
    leaves the app, as for signing in with ``st.login`` and out with ``st.logout``."""

    url: str


class Pong(msgspec.Struct, tag="pong", tag_field="t"):
    """Answer to ``Ping``."""


class Rows(msgspec.Struct, tag="rows", tag_field="t", omit_defaults=True):
    """Answer to ``RowsRequest``: rows ``start``.. of ``total`` (rows after sort and search).

    ``pos`` is each row's position in the data (what selections and edits refer to); each
    row lists the index cells, then the data cells, as JSON. ``display``/``css`` are a pandas
    Styler's text and CSS per data cell (None where it sets nothing), only for styled frames.
    """

    req: int
    data: str
    start: int
    total: int
    pos: list[int]
    rows: list[list[JSONValue]]
    display: list[list[str | None]] | None = None
    css: list[list[str | None]] | None = None


class Inspection(msgspec.Struct, tag="inspection", tag_field="t", omit_defaults=True):
    """What the state inspector shows of this tab's session (only while its panel is open):
    every visible key (``keys``: key, value summary, type, kind, widget, durable), the runs
    since the last ``Inspection`` (``runs``; all kept runs when ``reset``), and the exported
    session document when asked for (``doc``)."""

    keys: list[dict[str, JSONValue]]
    runs: list[dict[str, JSONValue]]
    reset: bool = False
    doc: dict[str, JSONValue] | None = None


Outbound = (
    Welcome
    | Inspection
    | RunStarted
    | Delta
    | RunFinished
    | Error
    | SourceChanged
    | StateWarning
    | Pages
    | Query
    | Redirect
    | Pong
    | Rows
)

_decoder = msgspec.json.Decoder(Inbound)
_encoder = msgspec.json.Encoder()


class ProtocolError(ValueError):
    """An inbound frame that is too large or not one of the ``Inbound`` shapes."""


def decode_inbound(frame: str | bytes) -> Inbound:
    """Decode and shape-check one frame from a browser.

    Raises:
        ProtocolError: the frame is larger than ``MAX_INBOUND_BYTES``, has the wrong shape,
            nests deeper than ``MAX_NESTING``, has a ``seq`` outside ``0..MAX_SEQ``, or
            carries a query string longer than ``MAX_QUERY_CHARS``.
    """
    if len(frame) > MAX_INBOUND_BYTES:
        raise ProtocolError(f"frame of {len(frame)} bytes exceeds {MAX_INBOUND_BYTES}")
    try:
        msg: Inbound = _decoder.decode(frame)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise ProtocolError(str(exc)) from None
    except RecursionError:  # msgspec recurses once per level: ~1000 levels exhaust the stack
        raise ProtocolError(f"nesting deeper than {MAX_NESTING} levels") from None
    if isinstance(msg, Change | Submit | Sync | Rerun | Navigate | Rewind | LoadState):
        if not 0 <= msg.seq <= MAX_SEQ:
            raise ProtocolError(f"seq must be in 0..{MAX_SEQ}")
        nested = msg.doc if isinstance(msg, LoadState) else getattr(msg, "values", None)
        if _nesting(msg.v if isinstance(msg, Change) else nested) > (MAX_NESTING):
            raise ProtocolError(f"nesting deeper than {MAX_NESTING} levels")
    if isinstance(msg, RowsRequest) and not (
        msg.start >= 0 and 0 <= msg.count <= MAX_ROWS_PER_REQUEST and len(msg.search) <= 1000
    ):
        raise ProtocolError(
            f"rows request start={msg.start} count={msg.count}: start must be >= 0 and count "
            f"in 0..{MAX_ROWS_PER_REQUEST} (search at most 1000 characters)"
        )
    if isinstance(msg, Hello | Navigate) and len(msg.query) > MAX_QUERY_CHARS:
        raise ProtocolError(
            f"query string of {len(msg.query)} characters exceeds {MAX_QUERY_CHARS}"
        )
    if isinstance(msg, Hello):
        _check_hello(msg)
    return msg


def _nesting(value: JSONValue) -> int:
    """How deeply lists and objects nest in ``value`` (0 for a scalar), without recursion."""
    deepest = 0
    stack: list[tuple[JSONValue, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        elif not isinstance(item, list):
            continue
        depth += 1
        if depth > MAX_NESTING:
            return depth
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in item if isinstance(child, list | dict))
    return deepest


MAX_URL_CHARS = 8192
MAX_HELLO_FIELD_CHARS = 64


def _check_hello(msg: Hello) -> None:
    """The browser facts in a hello are bounded and well formed."""
    if len(msg.url) > MAX_URL_CHARS:
        raise ProtocolError(f"url of {len(msg.url)} characters exceeds {MAX_URL_CHARS}")
    for name in ("timezone", "locale"):
        if len(getattr(msg, name)) > MAX_HELLO_FIELD_CHARS:
            raise ProtocolError(f"{name} longer than {MAX_HELLO_FIELD_CHARS} characters")
    if msg.theme not in ("", "light", "dark"):
        raise ProtocolError('theme must be "light" or "dark"')
    if msg.tz_offset is not None and not -24 * 60 <= msg.tz_offset <= 24 * 60:
        raise ProtocolError("tz_offset must be within a day of UTC, in minutes")


def encode(msg: Outbound) -> bytes:
    """Encode one outbound message as JSON bytes."""
    return _encoder.encode(msg)


def encode_json(value: JSONValue) -> bytes:
    """Encode any JSON value (parts of a message: the connection merges deltas' ops)."""
    return _encoder.encode(value)


def encode_inbound(msg: Inbound) -> bytes:
    """Encode a client message (used by tests and protocol-level benchmark clients)."""
    return _encoder.encode(msg)


_out_decoder = msgspec.json.Decoder(Outbound)


def decode_outbound(frame: str | bytes) -> Outbound:
    """Decode a server message (used by tests and protocol-level clients)."""
    msg: Outbound = _out_decoder.decode(frame)
    return msg
