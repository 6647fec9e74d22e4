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
  The tag scheme itself is ``tags.py``.
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

import hashlib
import hmac
import logging
import pickle
import struct
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import msgspec

from tidal.errors import CodecError as CodecError
from tidal.secret import load_or_create_secret as load_or_create_secret
from tidal.tags import ClassFinder, Tagger, Unrestorable, Unstorable, Untagger

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
_MAX_WARNED = 10_000


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
            except Unstorable as exc:
                out.append(key)
                self._warn_once(key, str(exc))
        return stored

    def _values_in(self, values: dict[str, Any]) -> dict[str, Any]:
        restored: dict[str, Any] = {}
        for key, stored in values.items():
            try:
                restored[key] = self._value_in(stored)
            except Unrestorable as exc:
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

    def __init__(self, finder: ClassFinder | None = None) -> None:
        super().__init__()
        self._finder = finder or ClassFinder()
        """Where the classes a row names may come from (never an arbitrary import)."""

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
            return msgspec.Raw(msgspec.msgpack.encode(Tagger().out(value)))
        except Unstorable:
            raise
        except RecursionError:
            raise Unstorable("nested too deeply") from None
        except Exception as exc:  # e.g. a str with a lone surrogate, a broken dataclass
            raise Unstorable(f"{type(exc).__name__}: {exc}") from None

    def _value_in(self, stored: Any) -> Any:
        return Untagger(self._finder).into(stored)


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
            raise Unstorable(f"{type(exc).__name__}: {exc}") from None

    def _value_in(self, stored: Any) -> Any:
        try:
            return pickle.loads(stored)  # signature verified by decode() before this runs
        except Exception as exc:  # a class renamed or removed since the value was stored
            raise Unrestorable(f"{type(exc).__name__}: {exc}") from None


def _check_text(key: str) -> None:
    try:
        key.encode()
    except UnicodeEncodeError as exc:
        raise Unstorable("the key is not valid Unicode text") from exc


def make_codec(
    kind: Literal["safe", "pickle"] = "safe",
    secret: bytes | None = None,
    *,
    finder: ClassFinder | None = None,
) -> Codec:
    """Make the codec named ``kind``.

    Args:
        kind: ``"safe"`` (tagged msgpack, the default) or ``"pickle"`` (signed pickle).
        secret: the signing key, required for ``"pickle"`` (see :func:`load_or_create_secret`).
        finder: where the safe codec may look up the Enum, dataclass and named-tuple classes
            a stored row names; by default only modules already imported.

    Raises:
        CodecError: an unknown kind, or ``"pickle"`` without a secret of 16 bytes or more.
    """
    if kind == "safe":
        return SafeCodec(finder)
    if kind == "pickle":
        if secret is None:
            raise CodecError(
                "The pickle codec needs a secret to sign snapshots. Pass "
                "secret=load_or_create_secret(app_folder)."
            )
        return PickleCodec(secret)
    raise CodecError(f"Unknown snapshot codec {kind!r}. Use 'safe' or 'pickle'.")
