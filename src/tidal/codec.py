"""Session snapshots as bytes.

Owns the :class:`Snapshot` document, the two codecs that turn it into bytes and back, and the
per-app signing secret. Knows nothing about sessions, widgets, stores or the server: it sees
plain dicts of values and returns plain bytes.

* ``"safe"`` (the default) writes tagged msgpack (via msgspec) and never runs pickle. It stores
  None, bool, int (any size), float (nan and inf too), complex, str, bytes, bytearray, list,
  tuple, dict (keys of any storable type, their types kept), set, frozenset, datetime (naive or
  aware with a ``datetime.timezone`` or ``zoneinfo.ZoneInfo``), date, time, timedelta, Decimal,
  UUID, and, when their class can be imported again by ``module:qualname`` (so not a class made
  inside a function, nor one defined in a running script), Enum members (by value), dataclass
  instances (by field, restored without calling ``__init__``) and named tuples. When numpy or
  pandas is already imported it also stores numpy arrays and scalars (``.npy`` bytes,
  ``allow_pickle=False``) and pandas DataFrames and Series (column by column, same rules).
  Exact types only: a subclass of a storable type (an ``OrderedDict``...) is not storable.
  Shared references are stored as copies; a value that contains itself is not storable.
  Decoding may import the module named for such a class (as unpickling does), but it only ever
  builds Enum members, dataclasses and named tuples from it, never calling their ``__init__``.
* ``"pickle"`` (opt-in) pickles each value and signs the whole snapshot with HMAC-SHA256; the
  signature is checked before anything is unpickled, so bytes not made with this secret are
  refused, never unpickled.

Values a codec cannot store are left out and named in :attr:`Encoded.not_durable` (and logged
once per key on the ``tidal.codec`` logger); the rest of the snapshot is stored. Each top-level
key is all or nothing. On decode, a value whose class can no longer be found or built (the code
changed since it was stored) is dropped with a warning, so the app's own
``if "x" not in st.session_state:`` makes it again; bytes that are malformed, tampered, foreign
or from a newer tidal raise :class:`CodecError`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import hmac
import importlib
import io
import logging
import os
import pickle
import secrets
import struct
import sys
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import msgspec

from tidal.errors import TidalError

__all__ = [
    "SCHEMA_VERSION",
    "Codec",
    "CodecError",
    "Encoded",
    "PickleCodec",
    "SafeCodec",
    "Snapshot",
    "load_or_create_secret",
    "make_codec",
]

SCHEMA_VERSION = 1
"""Version of the snapshot document; bytes from a newer version are refused."""

logger = logging.getLogger("tidal.codec")

_SAFE_MAGIC = b"TDLs"
_PICKLE_MAGIC = b"TDLp"
_HEADER = struct.Struct(">4sH")  # magic, schema version
_MAC_SIZE = hashlib.sha256().digest_size
_MIN_SECRET = 16
_TAG = "\x00"  # a map {_TAG: [name, payload]} is a tagged value; plain maps never hold this key
_INT_RANGE = (-(2**63), 2**64 - 1)  # what msgpack carries natively
_MAX_WARNED = 10_000


class CodecError(TidalError):
    """Snapshot bytes could not be decoded: malformed, tampered, foreign or too new."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One session's document: everything needed to resume a tab elsewhere."""

    user: dict[str, Any]
    """Plain session-state keys -> values."""
    widgets: dict[str, Any]
    """Widget id (``"$$ID-..."``) -> widget value."""
    keys: dict[str, str]
    """User key -> widget id."""
    page: str
    """Current page (``""`` is the main page)."""
    seq: int
    """Last processed browser event sequence number."""
    version: int = SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class Encoded:
    """Snapshot bytes plus the keys (user keys or widget ids) that had to be left out."""

    data: bytes
    not_durable: tuple[str, ...]


class Codec(Protocol):
    """Turns a :class:`Snapshot` into bytes and back."""

    name: str

    def encode(self, snap: Snapshot) -> Encoded:
        """Encode ``snap``; values that cannot be stored go to ``not_durable``."""
        ...

    def decode(self, data: bytes) -> Snapshot:
        """Decode bytes made by ``encode``.

        Raises:
            CodecError: the bytes are malformed, tampered, foreign or from a newer tidal.
        """
        ...


class _Unstorable(Exception):
    """A value the codec cannot encode (internal; becomes a not_durable key)."""


class _Unrestorable(Exception):
    """A stored value that cannot be rebuilt by this code (internal; the key is dropped)."""


class _Body(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    user: dict[str, Any]
    widgets: dict[str, Any]
    keys: dict[str, str]
    page: str
    seq: int


class _PickledBody(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    user: dict[str, bytes]
    widgets: dict[str, bytes]
    keys: dict[str, str]
    page: str
    seq: int


# ----------------------------------------------------------------------------- codecs
class _BaseCodec:
    name = "base"
    _magic = b""

    def _snapshot(self, body: _Body | _PickledBody, version: int) -> Snapshot:
        """The snapshot a decoded body describes (values restored one by one)."""
        return Snapshot(
            self._values_in(body.user),
            self._values_in(body.widgets),
            body.keys,
            body.page,
            body.seq,
            version,
        )

    def __init__(self) -> None:
        self._warned: set[str] = set()

    def _values_out(self, values: dict[str, Any], out: list[str]) -> dict[str, Any]:
        stored: dict[str, Any] = {}
        for key, value in values.items():
            try:
                _check_text(key)
                stored[key] = self._value_out(value)
            except _Unstorable as exc:
                out.append(key)
                self._warn_once(key, str(exc))
        return stored

    def _values_in(self, values: dict[str, Any]) -> dict[str, Any]:
        restored: dict[str, Any] = {}
        for key, stored in values.items():
            try:
                restored[key] = self._value_in(stored)
            except _Unrestorable as exc:
                logger.warning(
                    "Session state key %r was stored but cannot be restored by this code "
                    "(%s); it is dropped and the app will recreate it.",
                    key,
                    exc,
                )
            except RecursionError as exc:
                raise CodecError(f"Snapshot value {key!r} is nested too deeply.") from exc
        return restored

    def _warn_once(self, key: str, reason: str) -> None:
        if key in self._warned:
            return
        if len(self._warned) >= _MAX_WARNED:
            self._warned.clear()
        self._warned.add(key)
        logger.warning(
            "Session state key %r is not durable with the %s codec (%s): it stays in this "
            "process's memory only and is lost on restart or on a move to another server.",
            key,
            self.name,
            reason,
        )

    def _value_out(self, value: Any) -> Any:
        raise NotImplementedError

    def _value_in(self, stored: Any) -> Any:
        raise NotImplementedError

    def _header(self, version: int) -> bytes:
        if not 1 <= version <= SCHEMA_VERSION:
            raise CodecError(f"Cannot encode a snapshot of version {version}.")
        return _HEADER.pack(self._magic, version)

    def _read_header(self, data: bytes) -> int:
        if len(data) < _HEADER.size:
            raise CodecError(f"Not a tidal snapshot: only {len(data)} bytes.")
        magic, version = _HEADER.unpack_from(data)
        if magic != self._magic:
            other = {_SAFE_MAGIC: "safe", _PICKLE_MAGIC: "pickle"}.get(magic)
            if other is None:
                raise CodecError("Not a tidal snapshot: unknown header (corrupt or foreign data).")
            raise CodecError(
                f"This snapshot was written by the {other!r} codec but this server uses the "
                f"{self.name!r} codec. Configure the same codec on every server that shares "
                "the session store."
            )
        return int(version)

    @staticmethod
    def _check_version(version: int) -> None:
        if version > SCHEMA_VERSION:
            raise CodecError(
                f"This snapshot has schema version {version}, written by a newer tidal; this "
                f"one reads up to version {SCHEMA_VERSION}. Upgrade tidal on this server."
            )
        if version < 1:
            raise CodecError(f"Not a tidal snapshot: schema version {version}.")


class SafeCodec(_BaseCodec):
    """Tagged msgpack; never runs pickle. See the module docstring for what it stores."""

    name = "safe"
    _magic = _SAFE_MAGIC

    def encode(self, snap: Snapshot) -> Encoded:
        left_out: list[str] = []
        body = _Body(
            user=self._values_out(snap.user, left_out),
            widgets=self._values_out(snap.widgets, left_out),
            keys=dict(snap.keys),
            page=snap.page,
            seq=snap.seq,
        )
        data = self._header(snap.version) + msgspec.msgpack.encode(body)
        return Encoded(data, tuple(left_out))

    def decode(self, data: bytes) -> Snapshot:
        version = self._read_header(data)
        self._check_version(version)
        try:
            body = msgspec.msgpack.decode(memoryview(data)[_HEADER.size :], type=_Body)
        except (msgspec.DecodeError, ValueError, RecursionError) as exc:
            raise CodecError(f"Malformed snapshot: {exc}") from exc
        return self._snapshot(body, version)

    def _value_out(self, value: Any) -> Any:
        # Each value becomes msgpack bytes on its own, so that one that fails cannot fail the
        # snapshot; msgspec splices the Raw bytes into the body without copying them again.
        try:
            return msgspec.Raw(msgspec.msgpack.encode(_Tagger().out(value)))
        except _Unstorable:
            raise
        except RecursionError:
            raise _Unstorable("nested too deeply") from None
        except Exception as exc:  # e.g. a str with a lone surrogate, a broken dataclass
            raise _Unstorable(f"{type(exc).__name__}: {exc}") from None

    def _value_in(self, stored: Any) -> Any:
        return _Untagger().into(stored)


class PickleCodec(_BaseCodec):
    """Pickle per value, inside an HMAC-SHA256-signed envelope keyed by ``secret``.

    Layout: ``magic(4) version(2) mac(32) body``, the mac covering header and body.
    """

    name = "pickle"
    _magic = _PICKLE_MAGIC

    def __init__(self, secret: bytes) -> None:
        super().__init__()
        if len(secret) < _MIN_SECRET:
            raise CodecError(
                f"The pickle codec needs a secret of at least {_MIN_SECRET} bytes, got "
                f"{len(secret)}. Use load_or_create_secret(app_folder)."
            )
        self._secret = bytes(secret)

    def _mac(self, header: bytes | memoryview, payload: bytes | memoryview) -> bytes:
        mac = hmac.new(self._secret, header, hashlib.sha256)
        mac.update(payload)
        return mac.digest()

    def encode(self, snap: Snapshot) -> Encoded:
        left_out: list[str] = []
        body = _PickledBody(
            user=self._values_out(snap.user, left_out),
            widgets=self._values_out(snap.widgets, left_out),
            keys=dict(snap.keys),
            page=snap.page,
            seq=snap.seq,
        )
        header = self._header(snap.version)
        payload = msgspec.msgpack.encode(body)
        return Encoded(header + self._mac(header, payload) + payload, tuple(left_out))

    def decode(self, data: bytes) -> Snapshot:
        version = self._read_header(data)
        if len(data) < _HEADER.size + _MAC_SIZE:
            raise CodecError("Signed snapshot is truncated: no room for its signature.")
        view = memoryview(data)
        mac = view[_HEADER.size : _HEADER.size + _MAC_SIZE]
        payload = view[_HEADER.size + _MAC_SIZE :]
        expected = self._mac(view[: _HEADER.size], payload)
        if not hmac.compare_digest(expected, mac):
            raise CodecError(
                "Snapshot signature does not match: the bytes were altered, truncated or "
                "signed with another secret. They were not unpickled."
            )
        self._check_version(version)
        try:
            body = msgspec.msgpack.decode(payload, type=_PickledBody)
        except (msgspec.DecodeError, ValueError, RecursionError) as exc:
            raise CodecError(f"Malformed signed snapshot: {exc}") from exc
        return self._snapshot(body, version)

    def _value_out(self, value: Any) -> bytes:
        try:
            return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # pickle raises many types; each means "not storable"
            raise _Unstorable(f"{type(exc).__name__}: {exc}") from None

    def _value_in(self, stored: Any) -> Any:
        try:
            return pickle.loads(stored)  # signature verified by decode() before this runs
        except Exception as exc:  # a class renamed or removed since the value was stored
            raise _Unrestorable(f"{type(exc).__name__}: {exc}") from None


def _check_text(key: str) -> None:
    try:
        key.encode()
    except UnicodeEncodeError as exc:
        raise _Unstorable("the key is not valid Unicode text") from exc


def make_codec(kind: Literal["safe", "pickle"] = "safe", secret: bytes | None = None) -> Codec:
    """Make the codec named ``kind``.

    Args:
        kind: ``"safe"`` (tagged msgpack, the default) or ``"pickle"`` (signed pickle).
        secret: the signing key, required for ``"pickle"`` (see :func:`load_or_create_secret`).

    Raises:
        CodecError: an unknown kind, or ``"pickle"`` without a secret of 16 bytes or more.
    """
    if kind == "safe":
        return SafeCodec()
    if kind == "pickle":
        if secret is None:
            raise CodecError(
                "The pickle codec needs a secret to sign snapshots. Pass "
                "secret=load_or_create_secret(app_folder)."
            )
        return PickleCodec(secret)
    raise CodecError(f"Unknown snapshot codec {kind!r}. Use 'safe' or 'pickle'.")


def load_or_create_secret(folder: Path) -> bytes:
    """Read ``<folder>/.tidal/secret`` (32 random bytes, hex), creating it (mode 0600) if absent.

    Every process that shares a session store must use the same secret; several processes
    starting at once agree on one file (it is created atomically).

    Raises:
        CodecError: the file exists but does not hold 32 hex-encoded bytes.
    """
    path = Path(folder) / ".tidal" / "secret"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".secret.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, secrets.token_hex(32).encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic; fails if another process created it first
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    text = path.read_text().strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != 32:
        raise CodecError(
            f"{path} does not hold a tidal secret (64 hex digits). Delete it to make a new "
            "one; snapshots signed with the old secret will not be readable."
        )
    if path.stat().st_mode & 0o077:
        logger.warning("%s is readable by other users; run: chmod 600 %s", path, path)
    return secret


# ----------------------------------------------------------------------------- safe values
def _tag(name: str, payload: Any) -> dict[str, Any]:
    return {_TAG: [name, payload]}


def _class_path(cls: type) -> str:
    path = f"{cls.__module__}:{cls.__qualname__}"
    if _resolve(path) is not cls:
        raise _Unstorable(
            f"its class {cls.__module__}.{cls.__qualname__} cannot be imported again by name "
            "(defined in a function or in the running script?); move it to a module"
        )
    return path


def _resolve(path: str) -> Any:
    module_name, _, qualname = path.partition(":")
    names = [*module_name.split("."), *qualname.split(".")]
    if not qualname or not all(name.isidentifier() for name in names):
        return None  # includes "<locals>" and anything that is not a dotted name
    try:
        obj: Any = importlib.import_module(module_name)
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
    raise _Unstorable(f"time zone {tz!r} is not a datetime.timezone or a zoneinfo.ZoneInfo")


def _tz_in(wire: Any) -> dt.tzinfo | None:
    if wire is None:
        return None
    if wire[0] == "zone":
        try:
            return zoneinfo.ZoneInfo(wire[1])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise _Unrestorable(f"unknown time zone {wire[1]!r}") from exc
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


def _malformed(name: str, payload: Any) -> Any:
    raise CodecError(f"Malformed snapshot: bad {name!r} value {payload!r:.80}.")


def _npy_out(np: Any, array: Any) -> bytes:
    buf = io.BytesIO()
    try:
        np.save(buf, array, allow_pickle=False)
    except ValueError as exc:  # object arrays need pickle
        raise _Unstorable(f"numpy array of dtype {array.dtype} needs pickle") from exc
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
        raise _Unrestorable(f"{module} is not installed") from exc


class _Tagger:
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
        if t is int and _INT_RANGE[0] <= v <= _INT_RANGE[1]:
            return v
        if t in _SIMPLE_OUT:
            name, fn = _SIMPLE_OUT[t]
            return _tag(name, fn(v))
        if id(v) in self._open:
            raise _Unstorable("it contains itself")
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
            if all(type(k) is str for k in v) and _TAG not in v:
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
        raise _Unstorable(f"the safe codec does not store {t.__module__}.{t.__qualname__}")

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


class _Untagger:
    """Rebuilds a value from what :class:`_Tagger` made; checks shapes as it goes."""

    def into(self, w: Any) -> Any:
        t = type(w)
        if w is None or t is bool or t is int or t is float or t is str or t is bytes:
            return w
        if t is list:
            return [self.into(x) for x in w]
        if t is dict:
            if _TAG not in w:
                if not all(type(k) is str for k in w):
                    raise CodecError("Malformed snapshot: a plain map with non-text keys.")
                return {k: self.into(x) for k, x in w.items()}
            tagged = w[_TAG]
            if len(w) != 1 or type(tagged) is not list or len(tagged) != 2:
                raise CodecError("Malformed snapshot: bad tagged value.")
            name, payload = tagged
            try:
                return self._tagged(name, payload)
            except (CodecError, _Unrestorable, RecursionError):
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
        if name == "enum":
            cls = _class_in(w[0], lambda c: issubclass(c, enum.Enum))
            value = into(w[1])
            try:
                return cls(value)
            except Exception as exc:  # ValueError, or whatever the enum's _missing_ raises
                raise _Unrestorable(f"{w[0]} has no member {value!r:.80} any more") from exc
        if name == "dc":
            cls = _class_in(w[0], dataclasses.is_dataclass)
            if {f.name for f in dataclasses.fields(cls)} != set(w[1]):
                raise _Unrestorable(f"the fields of {w[0]} changed")
            obj = object.__new__(cls)
            for field, value in w[1].items():
                object.__setattr__(obj, field, into(value))  # no __init__: no user code runs
            return obj
        if name == "nt":
            cls = _class_in(w[0], lambda c: issubclass(c, tuple) and hasattr(c, "_fields"))
            if len(cls._fields) != len(w[1]):
                raise _Unrestorable(f"the fields of {w[0]} changed")
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
                raise _Unrestorable(f"pandas cannot rebuild dtype {w[1]!r}: {exc}") from exc
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


def _class_in(path: Any, accepts: Callable[[type], bool]) -> Any:
    if type(path) is not str:
        raise CodecError(f"Malformed snapshot: bad class path {path!r:.80}.")
    cls = _resolve(path)
    if not isinstance(cls, type) or not accepts(cls):
        raise _Unrestorable(f"{path} cannot be imported (or is no longer the same kind of class)")
    return cls
