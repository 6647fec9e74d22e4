"""The ``data`` a ``components.v2`` component is mounted with, as the browser receives it.

Owns the conversion Streamlit applies to a mount's ``data``: bytes stay bytes, a data frame
becomes an Arrow IPC stream, a dict's first-level data frames become Arrow blobs referenced
from its JSON (``{"__streamlit_arrow_ref__": id}``), anything else is JSON. On tidal's JSON
wire, bytes and Arrow streams travel as base64; ``static/elements/bidi.js`` turns them back
into ``Uint8Array``. Knows nothing about widgets or runs.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from tidal.dataframes import is_dataframe_like
from tidal.errors import TidalAPIError

ARROW_REF_KEY = "__streamlit_arrow_ref__"
"""The key of an Arrow blob reference in a mixed payload (Streamlit's name)."""


class BidiComponentUnserializableDataError(TidalAPIError):
    """A component's ``data`` is neither JSON, bytes, nor a data frame."""

    def __init__(self) -> None:
        super().__init__(
            "The `data` provided to the bidirectional component could not be serialized. "
            "Please ensure the data is JSON-serializable, or is a supported data structure "
            "like a pandas DataFrame."
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


class NeedsPyarrow(TidalAPIError):
    """A data frame was passed to a component, and pyarrow is not installed."""


def arrow_bytes(obj: Any) -> bytes:
    """A data frame (pandas, pyarrow, polars, numpy) as an Arrow IPC stream (needs pyarrow).

    Raises:
        NeedsPyarrow: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
    except ImportError:
        raise NeedsPyarrow(
            "A data frame in a component's `data` needs pyarrow: `pip install pyarrow`."
        ) from None

    module = type(obj).__module__.split(".", 1)[0]
    if isinstance(obj, pa.Table):
        table = obj
    elif isinstance(obj, pa.RecordBatch):
        table = pa.Table.from_batches([obj])
    elif module == "polars":
        table = obj.to_arrow() if hasattr(obj, "to_arrow") else obj.collect().to_arrow()
    else:
        import pandas as pd  # type: ignore[import-untyped]

        frame = obj.data if type(obj).__name__ == "Styler" else obj
        if not isinstance(frame, pd.DataFrame):
            frame = pd.DataFrame(frame)
        frame = frame.copy()
        frame.columns = [str(c) for c in frame.columns]
        table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def _mixed(data: Any) -> dict[str, Any]:
    """A dict/list/tuple: JSON, with a dict's first-level data frames as Arrow blobs."""
    blobs: dict[str, str] = {}
    processed: Any = data
    if isinstance(data, dict):
        processed = {}
        for key, value in data.items():
            if is_dataframe_like(value):
                try:
                    raw = arrow_bytes(value)
                except NeedsPyarrow:
                    raise
                except Exception:  # as Streamlit: the value stays, JSON decides
                    processed[key] = value
                    continue
                ref = hashlib.md5(raw, usedforsecurity=False).hexdigest()
                blobs[ref] = _b64(raw)
                processed[key] = {ARROW_REF_KEY: ref}
            else:
                processed[key] = value
    try:
        text = json.dumps(processed)
    except (TypeError, ValueError):
        text = json.dumps(str(processed))  # Streamlit's last resort: the value's str()
    if blobs:
        return {"data_kind": "mixed", "data": json.loads(text), "blobs": blobs}
    return {"data_kind": "json", "data": json.loads(text)}


def serialize_data(data: Any) -> dict[str, Any]:
    """The element props that carry ``data``: ``data_kind`` (``json``, ``bytes``, ``arrow``,
    ``mixed`` or None), ``data`` (the JSON part) and ``blobs`` (base64).

    Raises:
        BidiComponentUnserializableDataError: nothing can represent ``data``.

    Example:
        >>> serialize_data({"a": 1})
        {'data_kind': 'json', 'data': {'a': 1}}
    """
    if data is None:
        return {"data_kind": None}
    try:
        if isinstance(data, bytes | bytearray):
            return {"data_kind": "bytes", "blobs": _b64(bytes(data))}
        if isinstance(data, Mapping | list | tuple):
            return _mixed(data)
        if is_dataframe_like(data):
            return {"data_kind": "arrow", "blobs": _b64(arrow_bytes(data))}
        return {"data_kind": "json", "data": json.loads(json.dumps(data))}
    except NeedsPyarrow:
        raise
    except Exception:  # as Streamlit: JSON is the last resort
        try:
            return {"data_kind": "json", "data": json.loads(json.dumps(data))}
        except (TypeError, ValueError):
            raise BidiComponentUnserializableDataError() from None


def data_digest(props: Mapping[str, Any]) -> str:
    """A short stable digest of the serialized data (part of a keyless component's id)."""
    text = json.dumps(
        [props.get("data_kind"), props.get("data"), props.get("blobs")],
        sort_keys=True,
        default=str,
    )
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
