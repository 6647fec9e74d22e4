"""The columnar table model every data element shows: ``Table`` and ``Column``.

A ``Table`` is what ``st.dataframe``, ``st.data_editor``, ``st.table`` (and later the charts)
hold of their data: named, typed columns of equal length, the index columns, and the cell
styles of a pandas Styler. It answers the questions the browser asks of a shown frame: a window
of rows as JSON (``rows``), in the order of a sort or a search over the whole table (``order``).
Numeric columns stay numpy arrays shared with the caller's frame (no copy); other columns are
Python lists. ``dataframes.py`` builds tables from pandas, numpy, pyarrow, polars and plain
Python data. Knows nothing about sessions, widgets or the wire beyond JSON values.

Example:
    >>> t = to_table({"a": [3, 1, 2]})          # from tidal.dataframes
    >>> t.rows(t.order(sort=(0, True)), 0, 3)
    ([1, 2, 0], [[1, 1], [2, 2], [0, 3]])       # positions, then index + cells per row
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal[
    "int",
    "float",
    "bool",
    "str",
    "datetime",
    "date",
    "time",
    "timedelta",
    "decimal",
    "bytes",
    "list",
    "dict",
    "category",
    "object",
    "empty",
]
"""What a column holds, as the grid and the editor need to know it."""

NUMERIC_KINDS = frozenset({"int", "float", "decimal"})
JSONValue = Any
Sort = tuple[int, bool]
"""``(column position, ascending)``; positions count the data columns, not the index."""

MAX_ORDERS = 4
"""Sort/search orders kept per table (each is one int per row)."""


@dataclass(slots=True, eq=False)
class Column:
    """One column: its label, what it holds, and its values (numpy array or list).

    ``key`` is the label as the source had it (any hashable); ``name`` its text.
    ``options`` lists a categorical column's categories.
    """

    name: str
    key: Any
    kind: Kind
    dtype: str
    values: Any
    options: list[Any] | None = None

    def __len__(self) -> int:
        return len(self.values)

    def cell(self, i: int) -> JSONValue:
        """The value at row position ``i`` as JSON."""
        return json_value(self.values[i])

    def cells(self, positions: Sequence[int]) -> list[JSONValue]:
        """The values at ``positions`` as JSON (vectorised for numeric numpy columns)."""
        values = self.values
        if _is_ndarray(values) and self.kind in ("int", "float", "bool"):
            return [
                None if isinstance(v, float) and not math.isfinite(v) else v
                for v in values[list(positions)].tolist()
            ]
        return [json_value(values[i]) for i in positions]

    def header(self) -> dict[str, JSONValue]:
        """What the browser needs to draw the column's header and cells."""
        out: dict[str, JSONValue] = {"name": self.name, "kind": self.kind, "dtype": self.dtype}
        if self.options is not None:
            out["options"] = [json_value(o) for o in self.options]
        return out


@dataclass(slots=True, eq=False)
class Styles:
    """A Styler's look: display text and CSS per cell (None where it sets nothing)."""

    display: list[list[str | None]]
    css: list[list[str | None]]


@dataclass(slots=True, eq=False, weakref_slot=True)
class Table:
    """A frame as tidal holds it. Build one with ``tidal.dataframes.to_table``.

    ``index`` holds the index levels (empty when the source has none, such as a list of
    records); ``range_index`` says the index is the default 0..n-1 one (hidden by default for
    sources without an index). ``source`` names the input's type (``"pandas.DataFrame"``).
    ``fingerprint`` identifies the content: equal data gives equal fingerprints.
    """

    columns: list[Column]
    index: list[Column]
    nrows: int
    source: str
    range_index: bool = True
    styles: Styles | None = None
    fingerprint: str = ""
    _orders: OrderedDict[tuple[Any, ...], Any] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def ncols(self) -> int:
        """Number of data columns (the index not counted)."""
        return len(self.columns)

    def column(self, name: str) -> Column:
        """The data column named ``name`` (KeyError if none)."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def headers(self) -> dict[str, JSONValue]:
        """Column and index headers, as element props carry them."""
        return {
            "columns": [c.header() for c in self.columns],
            "index": [c.header() for c in self.index],
        }

    # ------------------------------------------------------------------ rows
    def rows(
        self, order: Sequence[int] | None, start: int, count: int
    ) -> tuple[list[int], list[list[JSONValue]]]:
        """Rows ``start``..``start+count`` of the table seen in ``order`` (None: as is).

        Returns the rows' positions in the table and, per row, the index cells then the
        data cells, as JSON.
        """
        total = self.nrows if order is None else len(order)
        start = max(0, min(start, total))
        stop = max(start, min(start + count, total))
        if order is None:
            positions = list(range(start, stop))
        else:
            positions = [int(p) for p in order[start:stop]]
        cols = [c.cells(positions) for c in (*self.index, *self.columns)]
        return positions, [list(row) for row in zip(*cols, strict=True)] if cols else [
            [] for _ in positions
        ]

    def styled(
        self, positions: Sequence[int]
    ) -> tuple[list[list[str | None]], list[list[str | None]]] | None:
        """Display text and CSS of the data cells at ``positions`` (None: not styled)."""
        if self.styles is None:
            return None
        d, s = self.styles.display, self.styles.css
        return [d[p] for p in positions], [s[p] for p in positions]

    def all_rows(self) -> list[list[JSONValue]]:
        """Every row (index cells, then data cells) as JSON: for small tables sent whole."""
        return self.rows(None, 0, self.nrows)[1]

    # ------------------------------------------------------------------ order
    def order(self, sort: Sort | None = None, search: str = "") -> Sequence[int] | None:
        """Row positions sorted by one column and/or filtered by a search, or None for the
        table as it is. Computed on the whole table, and kept for the next windows."""
        search = search.strip().lower()
        if sort is None and not search:
            return None
        if sort is not None and not 0 <= sort[0] < self.ncols:
            raise IndexError(f"no column {sort[0]} (the table has {self.ncols})")
        key = (sort, search)
        with self._lock:
            cached = self._orders.get(key)
            if cached is not None:
                self._orders.move_to_end(key)
                return cached  # type: ignore[no-any-return]
        order: Any = None
        if sort is not None:
            col = self.columns[sort[0]]
            with self._lock:  # sorted the other way already: reverse that (a header's 2nd click)
                other = self._orders.get(((sort[0], not sort[1]), ""))
            order = None if other is None else flip_order(col, other)
            if order is None:
                order = sort_positions(col, ascending=sort[1])
        if search:
            hits = self._search(search)
            if order is None:
                order = hits
            else:
                keep = set(hits)
                order = [p for p in order if p in keep]
        with self._lock:
            self._orders[key] = order
            while len(self._orders) > MAX_ORDERS:
                self._orders.popitem(last=False)
        return order  # type: ignore[no-any-return]

    def _search(self, needle: str) -> list[int]:
        """Positions of rows where any cell's text contains ``needle`` (lower case)."""
        found = bytearray(self.nrows)
        for col in (*self.index, *self.columns):
            mark_matches(col, needle, found)
        return [i for i, hit in enumerate(found) if hit]


# ----------------------------------------------------------------------------- values
def json_value(v: Any) -> JSONValue:
    """A cell value as JSON: numbers, text, booleans, lists, dicts; None for missing."""
    if v is None or isinstance(v, bool | str):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    tname = type(v).__name__
    if tname in ("NAType", "NaTType"):
        return None
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return str(v)
    if isinstance(v, decimal.Decimal):
        return float(v) if v.is_finite() else None
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, list | tuple | set | frozenset):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    item = getattr(v, "item", None)  # numpy scalars
    if callable(item) and type(v).__module__ == "numpy":
        if tname.startswith("datetime64"):
            return None if str(v) == "NaT" else str(v)[:26]
        if tname.startswith("timedelta64"):
            return str(v)
        return json_value(item())
    tolist = getattr(v, "tolist", None)  # numpy arrays inside cells
    if callable(tolist):
        return json_value(tolist())
    isoformat = getattr(v, "isoformat", None)  # pandas Timestamp
    if callable(isoformat):
        return str(isoformat())
    return str(v)


def is_missing(v: Any) -> bool:
    """Whether a cell holds no value (None, NaN, NaT, pd.NA)."""
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    return type(v).__name__ in ("NAType", "NaTType") or (
        type(v).__module__ == "numpy" and str(v) in ("nan", "NaT")
    )


def _is_ndarray(values: Any) -> bool:
    return type(values).__name__ == "ndarray"


def sort_positions(col: Column, *, ascending: bool) -> Sequence[int]:
    """Positions of ``col``'s rows in sorted order, missing values last either way."""
    values = col.values
    if _is_ndarray(values) and values.dtype.kind in "biufmM":
        import numpy as np

        keys = values.view("i8") if values.dtype.kind in "mM" else values
        if values.dtype.kind in "mM":
            missing = np.isnat(values)
        elif values.dtype.kind == "f":
            missing = np.isnan(values)
        else:
            missing = np.zeros(len(values), dtype=bool)
        valid = np.flatnonzero(~missing)
        if values.dtype.kind == "b":
            keys = keys.astype("i1")
        ordered = valid[np.argsort(keys[valid], kind="stable")]
        if not ascending:
            ordered = ordered[::-1]
        result: Any = np.concatenate([ordered, np.flatnonzero(missing)])
        return result  # type: ignore[no-any-return]
    present = [i for i in range(len(values)) if not is_missing(values[i])]
    absent = [i for i in range(len(values)) if is_missing(values[i])]
    try:
        present.sort(key=lambda i: values[i], reverse=not ascending)
    except TypeError:  # mixed types: order by type name, then text
        present.sort(
            key=lambda i: (type(values[i]).__name__, str(values[i])), reverse=not ascending
        )
    return present + absent


def flip_order(col: Column, order: Sequence[int]) -> Sequence[int] | None:
    """``order`` (``sort_positions`` of ``col`` one way) the other way round, equal to sorting
    again, without the sort: for numeric arrays only (None otherwise). Missing values stay last;
    ties come out as the new sort gives them (a stable sort, reversed)."""
    values = col.values
    if not (_is_ndarray(values) and values.dtype.kind in "biufmM" and _is_ndarray(order)):
        return None
    import numpy as np

    kind = values.dtype.kind
    missing = int(np.isnat(values).sum()) if kind in "mM" else 0
    if kind == "f":
        missing = int(np.isnan(values).sum())
    valid = len(order) - missing
    ordered: Any = order
    result: Any = np.concatenate([ordered[:valid][::-1], ordered[valid:]])
    return result  # type: ignore[no-any-return]


_CHUNK = 100_000
_NUMERIC_TEXT = re.compile(r"[-+0-9.e]+|nan|inf")


def mark_matches(col: Column, needle: str, found: bytearray) -> None:
    """Set ``found[i]`` for each row whose cell text contains ``needle`` (lower case)."""
    values = col.values
    if isinstance(values, range):  # the default index: numbers 0..n-1
        if not needle.isdigit():
            return
        import numpy as np

        values = np.arange(values.start, values.stop, values.step)
    if _is_ndarray(values) and values.dtype.kind in "biuf":
        import numpy as np

        if values.dtype.kind == "b":
            if needle in "true" or needle in "false":
                for hit in np.flatnonzero(values if needle in "true" else ~values):
                    found[int(hit)] = 1
            return
        if not _NUMERIC_TEXT.fullmatch(needle):
            return  # no number's text contains it: skip the column (the slow part below)
        for lo in range(0, len(values), _CHUNK):
            chunk = values[lo : lo + _CHUNK]
            if values.dtype.kind == "f":  # as the grid shows floats: at most 4 decimals
                chunk = np.round(chunk, 4)
            text = np.char.lower(chunk.astype(str))
            for hit in np.flatnonzero(np.char.find(text, needle) >= 0):
                found[lo + int(hit)] = 1
        return
    for i in range(len(values)):
        if not found[i]:
            v = values[i]
            if isinstance(v, float) and math.isfinite(v):
                v = round(v, 4)  # as the grid shows it
            if not is_missing(v) and needle in str(json_value(v)).lower():
                found[i] = 1
