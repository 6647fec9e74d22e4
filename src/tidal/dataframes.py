"""Data in, ``Table`` out: the conversion every data element and chart starts with.

Owns ``to_table`` (pandas DataFrame/Series/Index/Styler, numpy arrays, pyarrow Tables, polars
frames, dicts, lists of records/rows/values, tuples, sets, generators), ``is_dataframe_like``
(what ``st.write`` draws as a dataframe), ``to_pandas`` and the error for unsupported data.
Libraries are imported only when given one of their objects: importing this module imports
neither pandas nor numpy. Equal content gives one shared ``Table`` per process
(``tablepool.py``), so a ``st.cache_data`` frame shown by many sessions is kept once. Knows
nothing about elements, sessions or the wire.

Example:
    >>> t = to_table([{"name": "Ada", "age": 36}, {"name": "Alan", "age": 41}])
    >>> [c.name for c in t.columns], [c.kind for c in t.columns], t.nrows
    (['name', 'age'], ['str', 'int'], 2)
"""

from __future__ import annotations

import datetime as dt
import decimal
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tidal.datakinds import is_dataframe_like as is_dataframe_like
from tidal.datakinds import is_list_of_records as is_list_of_records
from tidal.datakinds import type_key
from tidal.errors import TidalAPIError
from tidal.tablepool import fingerprint, shared
from tidal.tables import Column, Kind, Styles, Table, is_missing

ACCEPTED = (
    "pandas.DataFrame, pandas.Series, pandas.Index, pandas.Styler, numpy.ndarray, "
    "pyarrow.Table, polars.DataFrame/Series, a dict (of columns, or of values), a list or "
    "tuple (of dicts, rows or values), a set, a generator, or None"
)


# ----------------------------------------------------------------------------- conversion
def to_table(data: object, *, command: str = "st.dataframe") -> Table:
    """Convert any supported data into a ``Table`` (shared with equal tables of the process).

    Args:
        data: the data (see ``ACCEPTED``).
        command: the calling function, for the error message.

    Raises:
        TidalAPIError: ``data`` is of a type tidal cannot show; the message names it and the
            accepted types.

    Example:
        >>> to_table(np.zeros((3, 2))).ncols
        2
    """
    table = _convert(data, command)
    table.fingerprint = fingerprint(table)
    return shared(table)


def _convert(data: object, command: str) -> Table:
    if data is None:
        return Table([], [], 0, "None")
    module, name = type_key(data)
    if module == "pandas":
        return _from_pandas(data, name)
    if module == "numpy" and name == "ndarray":
        return _from_numpy(data)
    if module == "pyarrow":
        return _from_pyarrow(data, name)
    if module == "polars":
        return _from_polars(data, name)
    if isinstance(data, Mapping):
        return _from_dict(data)
    if isinstance(data, str | bytes) or not isinstance(data, Iterable):
        to_pandas_method = getattr(data, "to_pandas", None)
        if callable(to_pandas_method):  # dask, snowpark, modin...
            return _from_pandas(to_pandas_method(), "DataFrame")
        raise TidalAPIError(
            f"{command} cannot show an object of type {type(data).__module__}."
            f"{type(data).__qualname__}. It accepts {ACCEPTED}. Convert the data to one of "
            "these first (for example with pandas.DataFrame(...))."
        )
    return _from_rows(list(data), _source(data))


def _source(obj: object) -> str:
    module, name = type_key(obj)
    return name if module == "builtins" else f"{module}.{name}"


def _kind_of_values(values: Iterable[Any]) -> Kind:
    """The kind of a Python column: that of its first present value."""
    kinds: list[tuple[type | tuple[type, ...], Kind]] = [
        (bool, "bool"),
        (int, "int"),
        (float, "float"),
        (str, "str"),
        (dt.datetime, "datetime"),
        (dt.date, "date"),
        (dt.time, "time"),
        (dt.timedelta, "timedelta"),
        (decimal.Decimal, "decimal"),
        (bytes, "bytes"),
        ((list, tuple, set, frozenset), "list"),
        (dict, "dict"),
    ]
    for v in values:
        if is_missing(v):
            continue
        if type(v).__module__ == "numpy":
            kind = getattr(getattr(v, "dtype", None), "kind", "")
            return {"b": "bool", "i": "int", "u": "int", "f": "float", "M": "datetime"}.get(
                kind, "list" if kind == "O" or hasattr(v, "shape") else "object"
            )  # type: ignore[return-value]
        if type(v).__name__ == "Timestamp":
            return "datetime"
        if type(v).__name__ == "Timedelta":
            return "timedelta"
        for types, kind in kinds:
            if isinstance(v, types):
                return kind
        return "object"
    return "empty"


def _py_column(name: Any, values: list[Any]) -> Column:
    kind = _kind_of_values(values)
    return Column(str(name), name, kind, kind if kind != "empty" else "object", values)


def _range(n: int) -> list[Column]:
    return [Column("", None, "int", "int64", range(n))]


def _from_dict(data: Mapping[Any, Any]) -> Table:
    values = list(data.values())
    scalar = [not _is_columnar(v) for v in values]
    if values and all(scalar):  # {"a": 1, "b": 2}: one "value" column indexed by the keys
        keys = list(data.keys())
        index = [_py_column("", keys)]
        return Table([_py_column("value", values)], index, len(values), "dict", False)
    if any(scalar):
        raise TidalAPIError(
            "A dict of data must map every column name to a list of values (or every key to "
            f"one value); got a mix of both ({list(data.keys())!r}). Make all values lists."
        )
    if all(isinstance(v, Mapping) for v in values):  # {column: {row key: value}}
        row_keys: list[Any] = []
        seen: set[Any] = set()
        for col in values:
            for k in col:
                if k not in seen:
                    seen.add(k)
                    row_keys.append(k)
        cols = [_py_column(k, [c.get(r) for r in row_keys]) for k, c in data.items()]
        return Table(cols, [_py_column("", row_keys)], len(row_keys), "dict", False)
    cols = [_py_column(k, list(v)) for k, v in data.items()]
    lengths = {len(c.values) for c in cols}
    if len(lengths) > 1:
        raise TidalAPIError(
            f"All columns of a dict of data must have the same length; got lengths "
            f"{sorted(lengths)}. Pad the shorter columns (with None) or pass a list of records."
        )
    n = lengths.pop() if lengths else 0
    return Table(cols, _range(n), n, "dict")


def _is_columnar(v: object) -> bool:
    if isinstance(v, str | bytes):
        return False
    return isinstance(v, Iterable) or is_dataframe_like(v)


def _from_rows(rows: list[Any], source: str) -> Table:
    n = len(rows)
    if rows and all(isinstance(r, Mapping) for r in rows):  # records
        names: list[Any] = []
        seen: set[Any] = set()
        for r in rows:
            for k in r:
                if k not in seen:
                    seen.add(k)
                    names.append(k)
        cols = [_py_column(k, [r.get(k) for r in rows]) for k in names]
        return Table(cols, _range(n), n, source)
    if rows and all(isinstance(r, list | tuple) for r in rows):  # rows of cells
        width = max(len(r) for r in rows)
        cols = [_py_column(j, [r[j] if j < len(r) else None for r in rows]) for j in range(width)]
        return Table(cols, _range(n), n, source)
    return Table([_py_column("value", rows)], _range(n), n, source)


# ----------------------------------------------------------------------------- libraries
_NUMPY_KINDS: dict[str, Kind] = {
    "b": "bool",
    "i": "int",
    "u": "int",
    "f": "float",
    "M": "datetime",
    "m": "timedelta",
    "U": "str",
    "S": "bytes",
}


def _array_column(name: Any, arr: Any) -> Column:
    kind = _NUMPY_KINDS.get(arr.dtype.kind)
    if kind is None:
        return _py_column(name, arr.tolist())
    if kind in ("str", "bytes", "timedelta"):
        return Column(str(name), name, kind, str(arr.dtype), arr.tolist())
    return Column(str(name), name, kind, str(arr.dtype), arr)


def _from_numpy(arr: Any) -> Table:
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim == 1:
        return Table([_array_column(0, arr)], _range(len(arr)), len(arr), "numpy.ndarray")
    if arr.ndim != 2:
        raise TidalAPIError(
            f"A numpy array to show must have 1 or 2 dimensions; got shape {arr.shape}. "
            "Reshape it (for example arr.reshape(len(arr), -1))."
        )
    cols = [_array_column(j, arr[:, j].copy()) for j in range(arr.shape[1])]
    return Table(cols, _range(arr.shape[0]), arr.shape[0], "numpy.ndarray")


def _pandas_column(name: Any, series: Any) -> Column:
    dtype = series.dtype
    dname = str(dtype)
    if dname == "category":
        cats = list(dtype.categories)
        values = series.astype(object).where(series.notna(), None).tolist()
        return Column(str(name), name, "category", dname, values, cats)
    kind = _NUMPY_KINDS.get(getattr(dtype, "kind", ""))
    if dname.startswith("datetime64[") and "," in dname:  # tz-aware
        return Column(str(name), name, "datetime", dname, series.tolist())
    if kind in ("int", "float", "bool") and getattr(dtype, "kind", "") in "biuf":
        if type(dtype).__module__.startswith("numpy"):
            return Column(str(name), name, kind, dname, series.to_numpy())
        # nullable Int64/Float64/boolean: missing values become None
        return Column(str(name), name, kind, dname, series.to_numpy(object, na_value=None))
    if kind == "datetime":
        return Column(str(name), name, "datetime", dname, series.to_numpy())
    if kind == "timedelta":
        return Column(str(name), name, "timedelta", dname, series.tolist())
    values = series.tolist()
    col = _py_column(name, values)
    col.dtype = dname
    return col


def _pandas_index(index: Any) -> tuple[list[Column], bool]:
    import pandas as pd  # type: ignore[import-untyped]

    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        return [Column("", None, "int", "int64", range(len(index)))], True
    if isinstance(index, pd.MultiIndex):
        levels = [
            _pandas_column(n if n is not None else "", index.get_level_values(i).to_series())
            for i, n in enumerate(index.names)
        ]
        return levels, False
    name = index.name if index.name is not None else ""
    return [_pandas_column(name, index.to_series())], False


def _from_pandas(data: Any, name: str) -> Table:
    if name == "Styler":
        table = _from_pandas(data.data, "DataFrame")
        table.styles = _styler_styles(data, table.nrows, table.ncols)
        table.source = "pandas.Styler"
        return table
    if name == "Series":
        data = data.to_frame(name=data.name if data.name is not None else "value")
        name = "Series"
    elif name in ("Index", "RangeIndex"):
        data = data.to_frame(index=False, name=data.name if data.name is not None else "value")
        name = "Index"
    labels = [" / ".join(str(p) for p in c) if isinstance(c, tuple) else c for c in data.columns]
    cols = [_pandas_column(labels[j], data.iloc[:, j]) for j in range(data.shape[1])]
    for col, key in zip(cols, data.columns, strict=True):
        col.key = key
    index, plain = _pandas_index(data.index)
    return Table(cols, index, len(data), f"pandas.{name}", plain)


def _styler_styles(styler: Any, nrows: int, ncols: int) -> Styles:
    """Display text and CSS of a Styler's cells (``format``, ``map``, ``background_gradient``
    and the other cell styles; not captions, tooltips or bars)."""
    styler._compute()
    css: list[list[str | None]] = [[None] * ncols for _ in range(nrows)]
    for (r, c), props in styler.ctx.items():
        if r < nrows and c < ncols and props:
            css[r][c] = "; ".join(f"{k}: {v}" for k, v in props)
    display: list[list[str | None]] = [[None] * ncols for _ in range(nrows)]
    funcs = styler._display_funcs
    frame = styler.data
    for r in range(nrows):
        row = display[r]
        for c in range(ncols):
            fn = funcs.get((r, c))
            if fn is not None:
                row[c] = str(fn(frame.iat[r, c]))
    return Styles(display, css)


def _from_pyarrow(data: Any, name: str) -> Table:
    if name in ("ChunkedArray", "Array"):
        return _from_rows(data.to_pylist(), f"pyarrow.{name}")
    columns = data.to_pydict()
    cols = [_py_column(k, list(v)) for k, v in columns.items()]
    n = data.num_rows
    return Table(cols, _range(n), n, f"pyarrow.{name}")


def _from_polars(data: Any, name: str) -> Table:
    if name == "LazyFrame":
        data, name = data.collect(), "DataFrame"
    if name == "Series":
        column = _py_column(data.name or "value", data.to_list())
        return Table([column], _range(len(data)), len(data), "polars.Series")
    columns = data.to_dict(as_series=False)
    cols = [_py_column(k, list(v)) for k, v in columns.items()]
    for col, dtype in zip(cols, data.dtypes, strict=True):
        col.dtype = str(dtype)
    return Table(cols, _range(data.height), data.height, "polars.DataFrame")


def to_pandas(table: Table) -> Any:
    """The table as a pandas DataFrame (pandas must be installed).

    Example:
        >>> to_pandas(to_table({"a": [1, 2]}))["a"].tolist()
        [1, 2]
    """
    import pandas as pd

    data = {c.key if c.key is not None else c.name: list(c.values) for c in table.columns}
    frame = pd.DataFrame(data, columns=list(data))
    if not table.range_index and table.index:
        if len(table.index) == 1:
            frame.index = pd.Index(list(table.index[0].values), name=table.index[0].name or None)
        else:
            frame.index = pd.MultiIndex.from_arrays(
                [list(c.values) for c in table.index], names=[c.name for c in table.index]
            )
    for c in table.columns:
        if type(c.values).__name__ == "ndarray":
            frame[c.key if c.key is not None else c.name] = c.values
    return frame


class Shown:
    """What a grid element keeps on the server: its table, and the data as given for as long
    as the script keeps it (``AppTest``'s ``.value``).

    The data is held weakly when it can be: a session must not keep its own copy of a
    ``st.cache_data`` frame alive when the shared table already holds the values.
    """

    __slots__ = ("_data", "_ref", "table")

    def __init__(self, table: Table, data: Any) -> None:
        self.table = table
        try:
            self._ref: Callable[[], Any] | None = weakref.ref(data)
            self._data: Any = None
        except TypeError:  # lists, dicts, None: no weak references
            self._ref, self._data = None, data

    @property
    def data(self) -> Any:
        """The data as given, or (once the script let go of it) a pandas frame of the table."""
        if self._ref is None:
            return self._data
        data = self._ref()
        if data is None:
            return to_pandas(self.table)
        return data.data if type(data).__name__ == "Styler" else data
