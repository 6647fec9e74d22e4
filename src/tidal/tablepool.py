"""The process's pool of shown tables: equal data is kept once, whoever shows it.

Owns ``fingerprint`` (a digest of a table's content that samples big numeric columns) and
``shared`` (the live table equal to a new one, compared value for value, or the new one with
a fingerprint no other table has). A ``st.cache_data`` frame, unpickled once per session that
reads it, is then held once in the process; it goes when the last element showing it goes.
Knows nothing about where tables come from or who shows them.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from typing import Any

from tidal.tables import Table

_pool: dict[str, list[weakref.ref[Table]]] = {}
_pool_lock = threading.Lock()
_suffixes = itertools.count(1)


def shared(table: Table) -> Table:
    """The process's table with the same content as ``table`` (``table`` itself if new).

    Sessions showing equal data (a ``st.cache_data`` result unpickled once per caller) then
    keep one table between them; it goes when the last element showing it goes. Tables are
    found by their digest (which samples big numeric columns) and then compared value for
    value, so a table is only ever shared with an equal one; a different table with the same
    digest gets a fingerprint of its own.
    """
    digest = table.fingerprint
    with _pool_lock:
        refs = [r for r in _pool.get(digest, []) if r() is not None]
        for ref in refs:
            found = ref()
            if found is not None and same_content(found, table):
                return found
        if refs:  # same digest, other values: a fingerprint no other table has
            table.fingerprint = f"{digest[:24]}{next(_suffixes):08x}"
        refs.append(weakref.ref(table))
        _pool[digest] = refs
        for key in [k for k, v in _pool.items() if not any(r() is not None for r in v)]:
            del _pool[key]
        return table


def same_content(a: Table, b: Table) -> bool:
    """Whether two tables with equal digests hold the same values (numeric columns compared
    byte for byte; the digest already covers every other column in full)."""
    if a.nrows != b.nrows or len(a.columns) != len(b.columns) or len(a.index) != len(b.index):
        return False
    for x, y in zip((*a.index, *a.columns), (*b.index, *b.columns), strict=True):
        if _sampled(x.values) != _sampled(y.values):
            return False
        if _sampled(x.values):
            import numpy as np

            if x.values.dtype != y.values.dtype:
                return False
            if not np.array_equal(_raw(x.values), _raw(y.values)):
                return False
    return True


def _sampled(values: Any) -> bool:
    return type(values).__name__ == "ndarray" and values.dtype.kind in "biufmM"


def _raw(values: Any) -> Any:
    """The bytes of a numeric column as unsigned integers (NaN equals NaN, -0.0 is not 0.0)."""
    import numpy as np

    flat = np.ascontiguousarray(values)
    return flat.view(f"u{flat.dtype.itemsize}") if flat.dtype.itemsize in (1, 2, 4, 8) else flat


SAMPLE = 4096
"""Values of a big numeric column that go into its digest (evenly spaced, plus the ends)."""


def fingerprint(table: Table) -> str:
    """A digest of the table's content: names, kinds, index, and the values (all of them for
    text and other Python columns; a sample of big numeric columns, whose full comparison
    ``shared`` does only when two digests match).
    """
    import hashlib  # OpenSSL's loader costs milliseconds at `import tidal`; only frames need it

    h = hashlib.sha256(table.source.encode())
    h.update(repr((table.range_index, table.nrows)).encode())
    for col in (*table.index, *table.columns):
        h.update(repr((col.name, col.key, col.kind, col.dtype, col.options)).encode())
        values = col.values
        if _sampled(values):
            h.update(str(values.dtype).encode())
            raw = _raw(values)
            if len(raw) > 4 * SAMPLE:
                step = len(raw) // SAMPLE
                raw = [raw[:SAMPLE], raw[::step], raw[-SAMPLE:]]
                for part in raw:
                    h.update(memoryview(_contiguous(part)).cast("B"))
            else:
                h.update(memoryview(raw).cast("B"))
        elif isinstance(values, range):
            h.update(repr(values).encode())
        else:
            h.update(repr(list(values)).encode())
    if table.styles is not None:
        h.update(repr((table.styles.display, table.styles.css)).encode())
    return h.hexdigest()[:32]


def _contiguous(part: Any) -> Any:
    import numpy as np

    return np.ascontiguousarray(part)
