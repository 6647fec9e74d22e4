"""Data kinds: whether a value is frame-like data (``st.write`` draws it as a dataframe).

Owns ``is_dataframe_like`` and ``is_list_of_records``, cheap checks by type name that import no
data library, kept apart from ``dataframes.py`` (the conversion itself) so that the text
elements can ask without loading the data family. Knows nothing else.
"""

from __future__ import annotations

_DATAFRAME_TYPES = {
    ("pandas", "DataFrame"),
    ("pandas", "Series"),
    ("pandas", "Index"),
    ("pandas", "RangeIndex"),
    ("pandas", "Styler"),
    ("numpy", "ndarray"),
    ("pyarrow", "Table"),
    ("pyarrow", "RecordBatch"),
    ("pyarrow", "ChunkedArray"),
    ("pyarrow", "Array"),
    ("polars", "DataFrame"),
    ("polars", "Series"),
    ("polars", "LazyFrame"),
}


def type_key(obj: object) -> tuple[str, str]:
    t = type(obj)
    return t.__module__.split(".", 1)[0], t.__name__


def is_dataframe_like(obj: object) -> bool:
    """Whether ``obj`` is a frame, series, array or Styler of a supported library (no import).

    Example:
        >>> is_dataframe_like(pd.DataFrame({"a": [1]})), is_dataframe_like([1, 2])
        (True, False)
    """
    return type_key(obj) in _DATAFRAME_TYPES


def is_list_of_records(obj: object) -> bool:
    """Whether ``obj`` is a non-empty list whose items are all dicts."""
    return isinstance(obj, list) and bool(obj) and all(isinstance(r, dict) for r in obj)
