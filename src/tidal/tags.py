"""The tag scheme of the safe codec: Python values <-> values msgpack can carry.

A value msgpack has no type for (a tuple, a set, a datetime, a Decimal, a dataclass, a numpy
array, a dict with non-string keys...) becomes a one-key map ``{TAG: [name, payload]}``; plain
maps never hold that key, so tagging is unambiguous. :class:`Tagger` builds the tagged form and
raises :class:`Unstorable` for what it cannot store; :class:`Untagger` rebuilds values, looking
up a class named by ``module:qualname`` only to build an Enum member, a dataclass or a named
tuple, and raises :class:`Unrestorable` when the code no longer has it. A stored row is data,
not code: a class is looked up only in modules already imported, or (a :class:`ClassFinder`
with the app's folder) in the app's own modules; no other module named in a row is imported.
Knows nothing of snapshots, signing or stores: that is ``codec.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import importlib
import importlib.machinery
import io
import sys
import uuid
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tidal.errors import CodecError as CodecError

TAG = "\x00"  # a map {TAG: [name, payload]} is a tagged value; plain maps never hold this key
INT_RANGE = (-(2**63), 2**64 - 1)  # what msgpack carries natively


class Unstorable(Exception):
    """A value the codec cannot encode (becomes a not_durable key)."""


class Unrestorable(Exception):
    """A stored value that cannot be rebuilt by this code (the key is dropped)."""


# ----------------------------------------------------------------------------- safe values
def _tag(name: str, payload: Any) -> dict[str, Any]:
    return {TAG: [name, payload]}


def _class_path(cls: type) -> str:
    path = f"{cls.__module__}:{cls.__qualname__}"
    if _resolve(path, ClassFinder()) is not cls:
        raise Unstorable(
            f"its class {cls.__module__}.{cls.__qualname__} cannot be imported again by name "
            "(defined in a function or in the running script?); move it to a module"
        )
    return path


@dataclasses.dataclass(frozen=True, slots=True)
class ClassFinder:
    """Where a class named in a stored row may come from.

    Always from a module already imported (``sys.modules``). With ``app_dir``, also from the
    app's own modules, imported on demand so that a restarted server can restore them before
    the script ran: a top-level module or package whose file is in ``app_dir``, except the
    entrypoint ``script`` and the ``pages`` folder (scripts, not modules). Never any other
    module: importing one named by a crafted row would run its code.
    """

    app_dir: Path | None = None
    script: Path | None = None

    def module(self, name: str) -> Any:
        """The module ``name`` if a row may use it, else None."""
        loaded = sys.modules.get(name)
        if loaded is not None or self.app_dir is None:
            return loaded
        top = name.partition(".")[0]
        if top == "pages" or top in sys.builtin_module_names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(top, [str(self.app_dir)])
        origin = spec.origin if spec is not None else None
        if origin is None or (self.script is not None and Path(origin) == self.script):
            return None
        return importlib.import_module(name)


def _resolve(path: str, finder: ClassFinder) -> Any:
    module_name, _, qualname = path.partition(":")
    names = [*module_name.split("."), *qualname.split(".")]
    if not qualname or not all(name.isidentifier() for name in names):
        return None  # includes "<locals>" and anything that is not a dotted name
    try:
        obj: Any = finder.module(module_name)
        if obj is None:
            return None
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except Exception:  # ImportError, AttributeError or whatever the module raises on import
        return None
    return obj


def _tz_out(tz: dt.tzinfo | None) -> Any:
    if tz is None:
        return None
    if type(tz) is zoneinfo.ZoneInfo and tz.key is not None:
        return ["zone", tz.key]
    if type(tz) is dt.timezone:
        offset = tz.utcoffset(None)
        name = tz.tzname(None)
        explicit = name != dt.timezone(offset).tzname(None)
        return ["fixed", offset // dt.timedelta(microseconds=1), name if explicit else None]
    raise Unstorable(f"time zone {tz!r} is not a datetime.timezone or a zoneinfo.ZoneInfo")


def _tz_in(wire: Any) -> dt.tzinfo | None:
    if wire is None:
        return None
    if wire[0] == "zone":
        try:
            return zoneinfo.ZoneInfo(wire[1])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise Unrestorable(f"unknown time zone {wire[1]!r}") from exc
    if wire[0] == "fixed":
        offset = dt.timedelta(microseconds=wire[1])
        return dt.timezone(offset) if wire[2] is None else dt.timezone(offset, wire[2])
    raise CodecError(f"Malformed snapshot: bad time zone {wire!r}.")


_SIMPLE_OUT: dict[type, tuple[str, Callable[[Any], Any]]] = {
    dt.datetime: (
        "dt",
        lambda v: [*v.timetuple()[:6], v.microsecond, v.fold, _tz_out(v.tzinfo)],
    ),
    dt.date: ("date", lambda v: v.toordinal()),
    dt.time: (
        "time",
        lambda v: [v.hour, v.minute, v.second, v.microsecond, v.fold, _tz_out(v.tzinfo)],
    ),
    dt.timedelta: ("td", lambda v: [v.days, v.seconds, v.microseconds]),
    decimal.Decimal: ("dec", str),
    uuid.UUID: ("uuid", lambda v: v.bytes),
    complex: ("c", lambda v: [v.real, v.imag]),
    bytearray: ("ba", bytes),
    int: ("int", lambda v: v.to_bytes(v.bit_length() // 8 + 1, "big", signed=True)),
}

_SIMPLE_IN: dict[str, Callable[[Any], Any]] = {
    "dt": lambda w: dt.datetime(*w[:7]).replace(tzinfo=_tz_in(w[8]), fold=w[7]),
    "date": dt.date.fromordinal,
    "time": lambda w: dt.time(*w[:4]).replace(tzinfo=_tz_in(w[5]), fold=w[4]),
    "td": lambda w: dt.timedelta(*w),
    "dec": lambda w: decimal.Decimal(w) if type(w) is str else _malformed("dec", w),
    "uuid": lambda w: uuid.UUID(bytes=w) if type(w) is bytes else _malformed("uuid", w),
    "c": lambda w: complex(*w),
    "ba": lambda w: bytearray(w) if type(w) is bytes else _malformed("ba", w),
    "int": lambda w: int.from_bytes(w, "big", signed=True),
}


def _tidal_dict(cls: type) -> bool:
    """A dict subclass of tidal's own (only those are rebuilt from a snapshot by class name)."""
    return issubclass(cls, dict) and cls.__module__.startswith("tidal.")


def _malformed(name: str, payload: Any) -> Any:
    raise CodecError(f"Malformed snapshot: bad {name!r} value {payload!r:.80}.")


def _npy_out(np: Any, array: Any) -> bytes:
    buf = io.BytesIO()
    try:
        np.save(buf, array, allow_pickle=False)
    except ValueError as exc:  # object arrays need pickle
        raise Unstorable(f"numpy array of dtype {array.dtype} needs pickle") from exc
    return buf.getvalue()


def _npy_in(wire: Any) -> Any:
    np = _optional("numpy")
    if type(wire) is not bytes:
        raise CodecError("Malformed snapshot: bad numpy array.")
    try:
        return np.load(io.BytesIO(wire), allow_pickle=False)
    except Exception as exc:  # numpy parses the header with ast and tokenize: many errors
        raise CodecError(f"Malformed snapshot: bad numpy array ({exc}).") from exc


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise Unrestorable(f"{module} is not installed") from exc


class Tagger:
    """Turns one value into msgpack-native data, tagging what msgpack cannot say."""

    def __init__(self) -> None:
        self._open: set[int] = set()  # containers being encoded, to refuse cycles
        self._paths: dict[type, str] = {}
        self._np = sys.modules.get("numpy")
        self._pd = sys.modules.get("pandas")

    def out(self, v: Any) -> Any:
        t = type(v)
        if v is None or t is bool or t is str or t is bytes or t is float:
            return v
        if t is int and INT_RANGE[0] <= v <= INT_RANGE[1]:
            return v
        if t in _SIMPLE_OUT:
            name, fn = _SIMPLE_OUT[t]
            return _tag(name, fn(v))
        if id(v) in self._open:
            raise Unstorable("it contains itself")
        self._open.add(id(v))
        try:
            return self._compound(t, v)
        finally:
            self._open.discard(id(v))

    def _compound(self, t: type, v: Any) -> Any:
        out = self.out
        if t is list:
            return [out(x) for x in v]
        if t is dict:
            if all(type(k) is str for k in v) and TAG not in v:
                return {k: out(x) for k, x in v.items()}
            return _tag("dict", [out(x) for pair in v.items() for x in pair])
        if t is tuple:
            return _tag("tuple", [out(x) for x in v])
        if t is set or t is frozenset:
            return _tag("set" if t is set else "fset", [out(x) for x in v])
        if isinstance(v, enum.Enum):
            return _tag("enum", [self._path(t), out(v.value)])
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            fields = {f.name: out(getattr(v, f.name)) for f in dataclasses.fields(v)}
            return _tag("dc", [self._path(t), fields])
        if isinstance(v, tuple) and hasattr(t, "_fields"):
            return _tag("nt", [self._path(t), [out(x) for x in v]])
        np, pd = self._np, self._pd
        if np is not None and t is np.ndarray:
            return _tag("np", _npy_out(np, v))
        if np is not None and isinstance(v, np.generic):
            return _tag("npg", _npy_out(np, np.asarray(v)))
        if pd is not None and t is pd.Series:
            return _tag("pds", [self._index(v.index), self._column(v), out(v.name)])
        if pd is not None and t is pd.DataFrame:
            columns = [self._column(v.iloc[:, i]) for i in range(v.shape[1])]
            return _tag("pdf", [self._index(v.columns), self._index(v.index), columns])
        if isinstance(v, dict) and _tidal_dict(t):  # AttributeDict: a dataframe selection
            return _tag("tdict", [self._path(t), [out(x) for pair in v.items() for x in pair]])
        raise Unstorable(f"the safe codec does not store {t.__module__}.{t.__qualname__}")

    def _path(self, cls: type) -> str:
        path = self._paths.get(cls)
        if path is None:
            path = self._paths[cls] = _class_path(cls)
        return path

    def _column(self, col: Any) -> list[Any]:
        """A Series' or Index's values, by dtype."""
        np: Any = self._np
        pd: Any = self._pd
        dtype = col.dtype
        if isinstance(dtype, np.dtype):
            if dtype.kind != "O":
                return ["npy", _npy_out(np, col.to_numpy())]
            return ["obj", [self.out(x) for x in col.tolist()]]
        if isinstance(dtype, pd.CategoricalDtype):
            codes = _npy_out(np, np.asarray(col.array.codes))
            return ["cat", self._column(pd.Index(dtype.categories)), codes, dtype.ordered]
        if isinstance(dtype, pd.DatetimeTZDtype):
            utc = np.asarray(col.array.tz_convert("UTC").tz_localize(None))
            return ["dtz", str(dtype.tz), _npy_out(np, utc)]
        items = [None if x is pd.NA or x is pd.NaT else self.out(x) for x in col.tolist()]
        return ["ext", str(dtype), items]

    def _index(self, index: Any) -> list[Any]:
        pd: Any = self._pd
        if type(index) is pd.RangeIndex:
            return ["range", index.start, index.stop, index.step, self.out(index.name)]
        if type(index) is pd.MultiIndex:
            levels = [self._column(index.get_level_values(i)) for i in range(index.nlevels)]
            return ["multi", levels, [self.out(n) for n in index.names]]
        return ["index", self._column(index), self.out(index.name)]


class Untagger:
    """Rebuilds a value from what :class:`Tagger` made; checks shapes as it goes. Classes
    are looked up as ``finder`` allows (by default: modules already imported only)."""

    def __init__(self, finder: ClassFinder | None = None) -> None:
        self._finder = finder or ClassFinder()

    def into(self, w: Any) -> Any:
        t = type(w)
        if w is None or t is bool or t is int or t is float or t is str or t is bytes:
            return w
        if t is list:
            return [self.into(x) for x in w]
        if t is dict:
            if TAG not in w:
                if not all(type(k) is str for k in w):
                    raise CodecError("Malformed snapshot: a plain map with non-text keys.")
                return {k: self.into(x) for k, x in w.items()}
            tagged = w[TAG]
            if len(w) != 1 or type(tagged) is not list or len(tagged) != 2:
                raise CodecError("Malformed snapshot: bad tagged value.")
            name, payload = tagged
            try:
                return self._tagged(name, payload)
            except (CodecError, Unrestorable, RecursionError):
                raise
            except Exception as exc:  # whatever the constructors of stdlib/numpy/pandas raise
                raise CodecError(f"Malformed snapshot: bad {name!r} value ({exc!r:.200}).") from exc
        raise CodecError(f"Malformed snapshot: unexpected {t.__name__}.")

    def _tagged(self, name: Any, w: Any) -> Any:
        simple = _SIMPLE_IN.get(name)
        if simple is not None:
            return simple(w)
        into = self.into
        if type(w) is not list and name not in ("np", "npg"):
            raise CodecError(f"Malformed snapshot: bad {name!r} value.")
        if name == "tuple":
            return tuple(into(x) for x in w)
        if name == "set" or name == "fset":
            return (set if name == "set" else frozenset)(into(x) for x in w)
        if name == "dict":
            items = [into(x) for x in w]
            return dict(zip(items[::2], items[1::2], strict=True))
        if name == "tdict":
            cls = _class_in(w[0], self._finder, _tidal_dict)
            items = [into(x) for x in w[1]]
            return cls(zip(items[::2], items[1::2], strict=True))
        if name == "enum":
            cls = _class_in(w[0], self._finder, lambda c: issubclass(c, enum.Enum))
            value = into(w[1])
            try:
                return cls(value)
            except Exception as exc:  # ValueError, or whatever the enum's _missing_ raises
                raise Unrestorable(f"{w[0]} has no member {value!r:.80} any more") from exc
        if name == "dc":
            cls = _class_in(w[0], self._finder, dataclasses.is_dataclass)
            if {f.name for f in dataclasses.fields(cls)} != set(w[1]):
                raise Unrestorable(f"the fields of {w[0]} changed")
            obj = object.__new__(cls)
            for field, value in w[1].items():
                object.__setattr__(obj, field, into(value))  # no __init__: no user code runs
            return obj
        if name == "nt":
            cls = _class_in(
                w[0], self._finder, lambda c: issubclass(c, tuple) and hasattr(c, "_fields")
            )
            if len(cls._fields) != len(w[1]):
                raise Unrestorable(f"the fields of {w[0]} changed")
            return tuple.__new__(cls, [into(x) for x in w[1]])
        if name == "np":
            return _npy_in(w)
        if name == "npg":
            return _npy_in(w)[()]
        if name == "pds":
            pd = _optional("pandas")
            values, dtype = self._column(w[1])
            return pd.Series(values, index=self._index(w[0]), dtype=dtype, name=into(w[2]))
        if name == "pdf":
            pd = _optional("pandas")
            index, columns = self._index(w[1]), self._index(w[0])
            if not w[2]:
                return pd.DataFrame(index=index, columns=columns)
            series = {}
            for i, column in enumerate(w[2]):
                values, dtype = self._column(column)
                series[i] = pd.Series(values, dtype=dtype)
            frame = pd.DataFrame(series)
            frame.index, frame.columns = index, columns
            return frame
        raise CodecError(f"Malformed snapshot: unknown tag {name!r}.")

    def _column(self, w: Any) -> tuple[Any, Any]:
        """Values and dtype (None: infer) of a Series or Index."""
        np, pd = _optional("numpy"), _optional("pandas")
        if w[0] == "npy":
            return _npy_in(w[1]), None
        if w[0] == "obj":
            values = np.empty(len(w[1]), dtype=object)
            for i, x in enumerate(w[1]):
                values[i] = self.into(x)
            return values, object
        if w[0] == "cat":
            categories, dtype = self._column(w[1])
            cats = pd.Index(categories, dtype=dtype)
            return pd.Categorical.from_codes(_npy_in(w[2]), categories=cats, ordered=w[3]), None
        if w[0] == "dtz":
            utc = pd.DatetimeIndex(_npy_in(w[2])).tz_localize("UTC")
            return utc.tz_convert(w[1]).array, None
        if w[0] == "ext":
            try:
                return pd.array([self.into(x) for x in w[2]], dtype=w[1]), None
            except (TypeError, ValueError) as exc:
                raise Unrestorable(f"pandas cannot rebuild dtype {w[1]!r}: {exc}") from exc
        raise CodecError(f"Malformed snapshot: bad pandas column {w[0]!r}.")

    def _index(self, w: Any) -> Any:
        pd = _optional("pandas")
        if w[0] == "range":
            return pd.RangeIndex(w[1], w[2], w[3], name=self.into(w[4]))
        if w[0] == "multi":
            levels = [self._index(["index", level, None]) for level in w[1]]
            return pd.MultiIndex.from_arrays(levels, names=[self.into(n) for n in w[2]])
        values, dtype = self._column(w[1])
        return pd.Index(values, dtype=dtype, name=self.into(w[2]))


def _class_in(path: Any, finder: ClassFinder, accepts: Callable[[type], bool]) -> Any:
    if type(path) is not str:
        raise CodecError(f"Malformed snapshot: bad class path {path!r:.80}.")
    cls = _resolve(path, finder)
    if not isinstance(cls, type) or not accepts(cls):
        raise Unrestorable(f"{path} cannot be imported (or is no longer the same kind of class)")
    return cls
