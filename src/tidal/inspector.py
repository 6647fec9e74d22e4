"""The state inspector's view of one session: its keys, its timeline, its document.

Owns what the inspector panel and ``AppTest`` read about a session (``state_rows``,
``timeline_rows``, ``Inspection``), the session document as JSON (``export_document``,
``import_document``) and the secret values no summary may show (``secret_strings``). Reads the
runtime's own records (``timeline.Timeline``, ``removal.Removal``): it explains nothing the
runtime did not record. Knows nothing about sockets or the page.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tidal.api.secrets import secrets_files
from tidal.errors import TidalAPIError
from tidal.run_record import RunRecord
from tidal.state import SessionState
from tidal.state_keys import WIDGET_ID_PREFIX
from tidal.summary import summarise

DOCUMENT_FORMAT = "tidal-session/1"
"""The ``format`` of an exported session document."""
MIN_SECRET_CHARS = 4
"""Shorter secret values are not masked (they would mask most of every text)."""
MAX_RUNS_SENT = 50

_file_cache: dict[tuple[tuple[str, float], ...], list[str]] = {}


def _leaves(value: Any) -> Iterator[str]:
    if isinstance(value, Mapping):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value)
        if len(text) >= MIN_SECRET_CHARS:
            yield text


def secret_strings(given: Mapping[str, Any] | None, app_dir: Path | None) -> list[str]:
    """Every secret value (``st.secrets``) as text: the test's secrets when given, else the
    secrets files' (read again only when a file changed).

    Example:
        >>> secret_strings({"db": {"password": "hunter22"}}, None)
        ['hunter22']
    """
    if given is not None:
        return list(_leaves(given))
    files = [f for f in secrets_files(app_dir) if f.is_file()]
    stamp = tuple((str(f), f.stat().st_mtime) for f in files)
    cached = _file_cache.get(stamp)
    if cached is None:
        values: list[str] = []
        for f in files:
            try:
                values += _leaves(tomllib.loads(f.read_text("utf-8")))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue  # st.secrets reports a broken file; nothing to mask from it
        _file_cache.clear()
        _file_cache[stamp] = cached = values
    return cached


def state_rows(
    state: SessionState, not_durable: tuple[str, ...], secrets: list[str], *, durable: bool
) -> list[dict[str, Any]]:
    """One row per visible session-state key: value summary, kind (``user``/``widget``), the
    widget bound to it, and whether the store keeps it (``durable``: the store is durable and
    the codec did not leave the value out)."""
    masked = frozenset(secrets)
    rows = []
    skipped = set(not_durable)
    for key in state:
        wid = state.bound_widget(key)
        meta = state.meta(wid) if wid is not None else None
        value = state.get(key)
        rows.append(
            {
                "key": key,
                "value": summarise(value, masked),
                "type": type(value).__name__,
                "kind": "widget" if wid is not None else "user",
                "widget": f"{meta.kind} {meta.label!r}" if meta is not None else None,
                "durable": durable and key not in skipped and (wid is None or wid not in skipped),
            }
        )
    return rows


def run_row(record: RunRecord) -> dict[str, Any]:
    """A run record as JSON-able data (what the panel shows of one run)."""
    t = record.trigger
    d = record.diff
    return {
        "run": record.number,
        "trigger": t.describe(),
        "kind": t.kind,
        "widget": t.widget,
        "status": record.status,
        "ms": round(record.duration * 1000, 2),
        "callbacks": list(record.callbacks),
        "added": dict(d.added),
        "changed": {k: list(v) for k, v in d.changed.items()},
        "removed": dict(d.removed),
        "explanations": record.explanations,
        "errors": list(record.errors),
        "warnings": list(record.warnings),
        "fragment": record.fragment,
    }


# ---------------------------------------------------------------------- session document
def _to_json(value: Any) -> Any:
    """A value as JSON with tags for what JSON lacks; TypeError for what it cannot hold."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [_to_json(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"$set": [_to_json(v) for v in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and not any(k.startswith("$") for k in value):
            return {k: _to_json(v) for k, v in value.items()}
        return {"$dict": [[_to_json(k), _to_json(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    raise TypeError(type(value).__name__)


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((tag, body),) = value.items()
        if tag == "$tuple":
            return tuple(_from_json(v) for v in body)
        if tag == "$set":
            return {_from_json(v) for v in body}
        if tag == "$dict":
            return {_from_json(k): _from_json(v) for k, v in body}
        if tag == "$datetime":
            return dt.datetime.fromisoformat(body)
        if tag == "$date":
            return dt.date.fromisoformat(body)
        if tag == "$time":
            return dt.time.fromisoformat(body)
    return {k: _from_json(v) for k, v in value.items()}


def export_document(
    parts: tuple[dict[str, Any], dict[str, Any], dict[str, str]],
    page: str,
    secrets: list[str],
) -> dict[str, Any]:
    """A session's state as a JSON-able document: user values, and widget values by key
    (keyless widgets have no stable name and are left out, as are values JSON cannot hold
    and values holding a secret; both are listed under ``left_out``).

    Example:
        >>> export_document(({"n": 1}, {}, {}), "", [])["user"]
        {'n': 1}
    """
    user, widgets, keys = parts
    masked = frozenset(secrets)
    left_out: list[str] = []
    out_user: dict[str, Any] = {}
    out_widgets: dict[str, Any] = {}
    by_id = {wid: k for k, wid in keys.items()}
    items = [(k, v, out_user) for k, v in user.items()]
    items += [(by_id[w], v, out_widgets) for w, v in widgets.items() if w in by_id]
    for key, value, into in items:
        if summarise(value, masked) == summarise(value) or not masked:
            try:
                into[key] = _to_json(value)
                continue
            except TypeError:
                pass
        left_out.append(key)
    return {
        "format": DOCUMENT_FORMAT,
        "page": page,
        "user": out_user,
        "widgets": out_widgets,
        "left_out": sorted(left_out),
    }


def import_document(doc: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(user values, widget values by key)`` from an exported document.

    Raises:
        TidalAPIError: ``doc`` is not a tidal session document.
    """
    if not isinstance(doc, Mapping) or doc.get("format") != DOCUMENT_FORMAT:
        got = doc.get("format") if isinstance(doc, Mapping) else type(doc).__name__
        raise TidalAPIError(
            f"Not a tidal session document (format {got!r}, expected {DOCUMENT_FORMAT!r}). "
            "Export one from the inspector's Export button or with `at.export_state()`."
        )
    user, widgets = doc.get("user", {}), doc.get("widgets", {})
    if not isinstance(user, Mapping) or not isinstance(widgets, Mapping):
        raise TidalAPIError("A session document's `user` and `widgets` must be JSON objects.")
    for key in [*user, *widgets]:
        if not isinstance(key, str) or key.startswith(WIDGET_ID_PREFIX) or not key:
            raise TidalAPIError(f"A session document holds an invalid key {key!r}.")
    return _from_json(dict(user)), _from_json(dict(widgets))
