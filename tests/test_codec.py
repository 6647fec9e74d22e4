"""Snapshot codecs: what round-trips, what is left out, and what bytes are refused."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import hmac
import logging
import math
import os
import pickle
import stat
import struct
import sys
import threading
import uuid
import zoneinfo
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidal.codec import (
    SCHEMA_VERSION,
    Codec,
    CodecError,
    Snapshot,
    load_or_create_secret,
    make_codec,
)
from tidal.tags import ClassFinder

SECRET = bytes(range(32))
SAFE = make_codec("safe")
PICKLE = make_codec("pickle", secret=SECRET)
CODECS = [pytest.param(SAFE, id="safe"), pytest.param(PICKLE, id="pickle")]


# ----------------------------------------------------------------------------- helpers
class Color(enum.Enum):
    RED = "red"
    BLUE = (0, 0, 255)


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Perm(enum.Flag):
    R = 4
    W = 2
    X = 1


@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclasses.dataclass
class Shape:
    name: str
    points: list[Point]
    color: Color = Color.RED
    area: float = dataclasses.field(init=False, default=0.0)
    inits = 0

    def __post_init__(self) -> None:
        type(self).inits += 1


class Pair(NamedTuple):
    left: Any
    right: Any


UNPICKLED: list[str] = []


def _record(tag: str) -> str:
    UNPICKLED.append(tag)
    return tag


class Tripwire:
    """Unpickling this records it: proof that bytes were (or were not) unpickled."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (_record, ("tripwire",))


def same(a: Any, b: Any) -> bool:
    """Equal, of the same exact types all the way down, with nan equal to nan."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float | complex | decimal.Decimal | dt.datetime | dt.time):
        return repr(a) == repr(b)  # nan, -0.0, tzinfo and fold included
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return same(list(a), list(b)) and all(same(a[k], b[k]) for k in a)
    if dataclasses.is_dataclass(a):
        return same(dataclasses.astuple(a), dataclasses.astuple(b))  # type: ignore[arg-type]
    return bool(a == b)


def snapshot(**user: Any) -> Snapshot:
    return Snapshot(user=user, widgets={}, keys={}, page="", seq=0)


def round_trip(codec: Codec, value: Any) -> Any:
    encoded = codec.encode(snapshot(v=value))
    assert encoded.not_durable == ()
    return codec.decode(encoded.data).user["v"]


# ----------------------------------------------------------------------------- round trips
fixed_offsets = st.builds(
    dt.timezone, st.timedeltas(min_value=dt.timedelta(hours=-23), max_value=dt.timedelta(hours=23))
)
zones = st.none() | st.just(dt.UTC) | fixed_offsets | st.timezones()
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.complex_numbers()
    | st.text()
    | st.binary()
    | st.builds(bytearray, st.binary())
    | st.datetimes(timezones=zones)
    | st.dates()
    | st.times(timezones=st.none() | st.just(dt.UTC) | fixed_offsets)
    | st.timedeltas()
    | st.decimals()
    | st.uuids()
    | st.sampled_from([*Color, *Level, Perm.R | Perm.W])
)
hashables = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.binary()
    | st.dates()
    | st.uuids(),
    lambda kids: st.tuples(kids, kids) | st.frozensets(kids, max_size=3),
    max_leaves=6,
)
values = st.recursive(
    scalars,
    lambda kids: (
        st.lists(kids, max_size=4)
        | st.lists(kids, max_size=4).map(tuple)
        | st.dictionaries(st.text(), kids, max_size=4)
        | st.dictionaries(hashables, kids, max_size=4)
        | st.sets(hashables, max_size=4)
        | st.frozensets(hashables, max_size=4)
        | st.builds(Pair, kids, kids)
        | st.builds(Point, st.floats(), st.floats())
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(value=values)
def test_the_safe_codec_round_trips_nested_values_exactly(value: Any) -> None:
    assert same(round_trip(SAFE, value), value)


@settings(max_examples=150, deadline=None)
@given(value=values)
def test_the_pickle_codec_round_trips_nested_values_exactly(value: Any) -> None:
    assert same(round_trip(PICKLE, value), value)


@settings(max_examples=50, deadline=None)
@given(
    user=st.dictionaries(st.text(), values, max_size=4),
    widgets=st.dictionaries(st.text().map(lambda s: f"$$ID-{s}"), values, max_size=4),
    keys=st.dictionaries(st.text(), st.text(), max_size=4),
    page=st.text(),
    seq=st.integers(min_value=0, max_value=2**63 - 1),
)
def test_a_whole_snapshot_round_trips(
    user: dict[str, Any], widgets: dict[str, Any], keys: dict[str, str], page: str, seq: int
) -> None:
    snap = Snapshot(user=user, widgets=widgets, keys=keys, page=page, seq=seq)
    for codec in (SAFE, PICKLE):
        back = codec.decode(codec.encode(snap).data)
        assert same(back.user, user) and same(back.widgets, widgets)
        assert (back.keys, back.page, back.seq, back.version) == (keys, page, seq, SCHEMA_VERSION)


EVERY_TYPE = {
    "none": None,
    "bool": True,
    "small int": -(2**63),
    "huge int": 2**200 + 1,
    "huge negative int": -(2**64) - 5,
    "float": 0.1,
    "nan": math.nan,
    "inf": -math.inf,
    "negative zero": -0.0,
    "complex": 1 - 2j,
    "str": "héllo \x00 wörld",
    "bytes": b"\x00\xff",
    "bytearray": bytearray(b"abc"),
    "list": [1, [2, [3]]],
    "tuple": (1, (2,), ()),
    "dict with text keys": {"a": 1, "\x00": 2},
    "dict with other keys": {1: "int", (1, "t"): "tuple", Color.RED: "enum", None: 0},
    "set": {1, "two", (3,)},
    "frozenset": frozenset({frozenset({1})}),
    "naive datetime": dt.datetime(2024, 2, 29, 23, 59, 59, 999999),
    "utc datetime": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    "offset datetime": dt.datetime(2024, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5), "EST")),
    "zoned datetime": dt.datetime(
        2024, 10, 27, 2, 30, fold=1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")
    ),
    "date": dt.date(1, 1, 1),
    "time": dt.time(12, 30, 15, 5, tzinfo=dt.timezone(dt.timedelta(minutes=90))),
    "timedelta": dt.timedelta(days=-1, seconds=5, microseconds=7),
    "decimal": decimal.Decimal("-1.500"),
    "decimal nan": decimal.Decimal("NaN"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "enum": Color.BLUE,
    "int enum": Level.HIGH,
    "flag combination": Perm.R | Perm.X,
    "dataclass": Shape("tri", [Point(0, 0), Point(1, 0)], Color.BLUE),
    "named tuple": Pair(Level.LOW, {"nested": [Point(1.5, -2.0)]}),
}


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("name", list(EVERY_TYPE))
def test_each_storable_type_round_trips(codec: Codec, name: str) -> None:
    value = EVERY_TYPE[name]
    assert same(round_trip(codec, value), value)


def test_the_safe_codec_restores_dataclasses_without_calling_init() -> None:
    shape = Shape("square", [])
    object.__setattr__(shape, "area", 4.0)
    inits = Shape.inits
    back = round_trip(SAFE, shape)
    assert Shape.inits == inits
    assert back == shape and back.area == 4.0


def test_enum_members_come_back_as_the_same_objects() -> None:
    assert round_trip(SAFE, [Color.RED, Level.LOW])[0] is Color.RED


# ----------------------------------------------------------------------------- not durable
def test_values_the_safe_codec_cannot_store_are_left_out_and_named() -> None:
    class Local:
        pass

    script_namespace: dict[str, Any] = {"__name__": "__main__"}
    exec("import enum\nclass Mode(enum.Enum):\n    ON = 1\n", script_namespace)
    cycle: list[Any] = []
    cycle.append(cycle)
    broken = Shape("no points", [])
    del broken.points
    snap = Snapshot(
        user={
            "fn": lambda: 1,
            "lock": threading.Lock(),
            "local": Local(),
            "script enum": script_namespace["Mode"].ON,
            "nested": [1, {"deep": lambda: 2}],
            "cycle": cycle,
            "subclass": type("MyDict", (dict,), {})(),
            "lone surrogate": "\ud800",
            "key \udc00": 1,
            "broken dataclass": broken,
            "kept": [1, 2],
        },
        widgets={"$$ID-a": threading.Lock(), "$$ID-b": "text"},
        keys={"k": "$$ID-b"},
        page="p",
        seq=7,
    )
    encoded = SAFE.encode(snap)
    assert encoded.not_durable == (
        "fn",
        "lock",
        "local",
        "script enum",
        "nested",
        "cycle",
        "subclass",
        "lone surrogate",
        "key \udc00",
        "broken dataclass",
        "$$ID-a",
    )
    back = SAFE.decode(encoded.data)
    assert back.user == {"kept": [1, 2]}
    assert back.widgets == {"$$ID-b": "text"}


def test_values_pickle_cannot_store_are_left_out_and_named() -> None:
    class Local:
        pass

    snap = snapshot(fn=lambda: 1, lock=threading.Lock(), local=Local(), kept={1, 2})
    encoded = PICKLE.encode(snap)
    assert encoded.not_durable == ("fn", "lock", "local")
    assert PICKLE.decode(encoded.data).user == {"kept": {1, 2}}


def test_a_value_that_is_not_durable_is_logged_once_per_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    codec = make_codec("safe")
    with caplog.at_level(logging.WARNING, logger="tidal.codec"):
        for _ in range(3):
            codec.encode(snapshot(fn=lambda: 1, other=threading.Lock()))
    messages = [r.getMessage() for r in caplog.records if r.name == "tidal.codec"]
    assert len(messages) == 2
    assert "'fn'" in messages[0] and "not durable" in messages[0]


def test_a_value_whose_class_disappeared_is_dropped_on_decode(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    data = SAFE.encode(snapshot(color=Color.RED, kept=1)).data
    monkeypatch.delattr(sys.modules[__name__], "Color")
    with caplog.at_level(logging.WARNING, logger="tidal.codec"):
        assert SAFE.decode(data).user == {"kept": 1}
    assert "'color'" in caplog.text


# ----------------------------------------------------------------------------- refused bytes
SIGNED = PICKLE.encode(snapshot(trip=Tripwire(), n=1)).data


def test_a_signed_snapshot_is_unpickled_once_verified() -> None:
    UNPICKLED.clear()
    assert PICKLE.decode(SIGNED).user == {"trip": "tripwire", "n": 1}
    assert UNPICKLED == ["tripwire"]


@settings(max_examples=300, deadline=None)
@given(bit=st.integers(min_value=0, max_value=len(SIGNED) * 8 - 1))
def test_the_pickle_codec_refuses_any_flipped_bit_without_unpickling(bit: int) -> None:
    UNPICKLED.clear()
    tampered = bytearray(SIGNED)
    tampered[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(CodecError):
        PICKLE.decode(bytes(tampered))
    assert UNPICKLED == []


def test_the_pickle_codec_refuses_bytes_signed_with_another_key() -> None:
    UNPICKLED.clear()
    other = make_codec("pickle", secret=os.urandom(32))
    with pytest.raises(CodecError, match="another secret"):
        other.decode(SIGNED)
    assert UNPICKLED == []


def test_the_pickle_codec_refuses_every_truncation() -> None:
    UNPICKLED.clear()
    for length in range(len(SIGNED)):
        with pytest.raises(CodecError):
            PICKLE.decode(SIGNED[:length])
    assert UNPICKLED == []


def test_the_pickle_codec_refuses_unsigned_pickle_bytes() -> None:
    UNPICKLED.clear()
    raw = pickle.dumps(Tripwire())
    with pytest.raises(CodecError, match="Not a tidal snapshot"):
        PICKLE.decode(raw)
    with pytest.raises(CodecError):
        PICKLE.decode(b"TDLp\x00\x01" + raw)  # our header, no signature
    assert UNPICKLED == []


@pytest.mark.parametrize(
    ("writer", "reader", "named"), [(SAFE, PICKLE, "'safe'"), (PICKLE, SAFE, "'pickle'")]
)
def test_each_codec_refuses_the_others_bytes_clearly(
    writer: Codec, reader: Codec, named: str
) -> None:
    UNPICKLED.clear()
    data = writer.encode(snapshot(n=1)).data
    with pytest.raises(CodecError, match=f"written by the {named} codec"):
        reader.decode(data)
    assert UNPICKLED == []


def test_a_snapshot_from_a_newer_schema_is_refused_clearly() -> None:
    safe = bytearray(SAFE.encode(snapshot(n=1)).data)
    safe[4:6] = struct.pack(">H", SCHEMA_VERSION + 1)
    with pytest.raises(CodecError, match="newer tidal"):
        SAFE.decode(bytes(safe))
    header = struct.pack(">4sH", b"TDLp", SCHEMA_VERSION + 1)
    payload = SIGNED[6 + 32 :]
    mac = hmac.new(SECRET, header + payload, hashlib.sha256).digest()
    with pytest.raises(CodecError, match="newer tidal"):
        PICKLE.decode(header + mac + payload)


def test_encoding_a_snapshot_of_an_unknown_version_is_refused() -> None:
    with pytest.raises(CodecError, match="version 2"):
        SAFE.encode(Snapshot({}, {}, {}, "", 0, version=2))


@pytest.mark.parametrize("data", [b"", b"TDL", b"garbage bytes", b"TDLs\x00\x01"])
def test_the_safe_codec_refuses_bytes_that_are_no_snapshot(data: bytes) -> None:
    with pytest.raises(CodecError):
        SAFE.decode(data)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=200)
    | st.integers(min_value=0, max_value=8 * 300).map(
        lambda bit: bytes(
            b ^ (1 << (bit % 8)) if i == bit // 8 else b
            for i, b in enumerate(SAFE.encode(snapshot(**EVERY_TYPE)).data)
        )
    )
)
def test_the_safe_codec_decodes_or_raises_codec_error_never_anything_else(data: bytes) -> None:
    for body in (data, b"TDLs\x00\x01" + data):
        with contextlib.suppress(CodecError):
            SAFE.decode(body)


# ----------------------------------------------------------------------------- making codecs
def test_make_codec_refuses_pickle_without_a_long_enough_secret() -> None:
    with pytest.raises(CodecError, match="needs a secret"):
        make_codec("pickle")
    with pytest.raises(CodecError, match="at least 16 bytes"):
        make_codec("pickle", secret=b"short")


def test_make_codec_refuses_an_unknown_kind() -> None:
    with pytest.raises(CodecError, match="'json'"):
        make_codec("json")  # type: ignore[arg-type]


def test_codecs_say_their_names() -> None:
    assert (SAFE.name, PICKLE.name) == ("safe", "pickle")


# ----------------------------------------------------------------------------- the secret
def test_the_secret_is_created_private_and_then_reused(tmp_path: Path) -> None:
    secret = load_or_create_secret(tmp_path)
    path = tmp_path / ".tidal" / "secret"
    assert len(secret) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() == secret.hex()
    assert load_or_create_secret(tmp_path) == secret
    assert [p.name for p in path.parent.iterdir()] == ["secret"]  # no temporary file left


def test_two_folders_get_two_different_secrets(tmp_path: Path) -> None:
    assert load_or_create_secret(tmp_path / "a") != load_or_create_secret(tmp_path / "b")


def test_a_damaged_secret_file_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / ".tidal" / "secret"
    path.parent.mkdir()
    path.write_text("not hex")
    with pytest.raises(CodecError, match="Delete it"):
        load_or_create_secret(tmp_path)


def test_snapshots_signed_with_the_folder_secret_survive_a_new_codec(tmp_path: Path) -> None:
    data = make_codec("pickle", load_or_create_secret(tmp_path)).encode(snapshot(n=1)).data
    assert make_codec("pickle", load_or_create_secret(tmp_path)).decode(data).user == {"n": 1}


# ----------------------------------------------------------------------------- numpy, pandas
def test_numpy_arrays_and_scalars_round_trip_without_pickle() -> None:
    import numpy as np

    values = {
        "matrix": np.arange(12, dtype=np.int16).reshape(3, 4),
        "floats": np.array([1.5, np.nan, -np.inf]),
        "strings": np.array(["a", "bc"]),
        "dates": np.array(["2024-01-01"], dtype="datetime64[D]"),
        "scalar": np.float32(2.5),
        "int scalar": np.int64(-3),
    }
    back = SAFE.decode(SAFE.encode(snapshot(**values)).data).user
    for key, value in values.items():
        assert type(back[key]) is type(value)
        assert back[key].dtype == value.dtype
        np.testing.assert_array_equal(back[key], value)
    encoded = SAFE.encode(snapshot(objects=np.array([object()])))
    assert encoded.not_durable == ("objects",)


def test_pandas_frames_and_series_round_trip_without_pickle() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {
            "n": [1, 2, 3],
            "x": [0.5, None, 2.5],
            "s": ["a", "b", None],
            "when": pd.to_datetime(["2024-01-01", "2024-06-01", None]),
            "zoned": pd.to_datetime(["2024-01-01", None, "2024-03-01"]).tz_localize("UTC"),
            "cat": pd.Categorical(["lo", "hi", "lo"], categories=["lo", "hi"], ordered=True),
            "nullable": pd.array([1, None, 3], dtype="Int64"),
            "mixed": pd.Series([1, "two", (3,)], dtype=object),
        },
        index=pd.Index(["r1", "r2", "r3"], name="row"),
    )
    series = pd.Series(
        [1.0, 2.0],
        index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"]),
        name="values",
    )
    back = SAFE.decode(SAFE.encode(snapshot(frame=frame, series=series)).data).user
    pd.testing.assert_frame_equal(back["frame"], frame)
    pd.testing.assert_series_equal(back["series"], series)
    empty = pd.DataFrame(index=pd.RangeIndex(2, 8, 3))
    pd.testing.assert_frame_equal(round_trip(SAFE, empty), empty)


# ----------------------------------------------------------------------------- crafted rows
PROBE = """
import enum
import pathlib
pathlib.Path({marker!r}).write_text("imported")
class Color(enum.Enum):
    RED = 1
"""


def _probe_modules(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.py").write_text(PROBE.format(marker=str(folder / f"{name}.ran")))


def _row_naming(module: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> bytes:
    """A stored row whose value is tagged with ``module:Color``, built by encoding a
    member of an imported twin module and renaming it in the bytes (same length)."""
    twin = "tidal_twin_" + module[-4:]
    assert len(twin) == len(module)
    _probe_modules(tmp_path / "twin", twin)
    monkeypatch.syspath_prepend(str(tmp_path / "twin"))
    color = __import__(twin).Color.RED
    data = SAFE.encode(snapshot(c=color, n=1)).data
    crafted = data.replace(f"{twin}:Color".encode(), f"{module}:Color".encode())
    assert crafted != data
    return crafted


def test_a_crafted_row_never_imports_the_module_it_names(monkeypatch, tmp_path):
    _probe_modules(tmp_path / "elsewhere", "tidal_evil_a1b2")
    monkeypatch.syspath_prepend(str(tmp_path / "elsewhere"))  # importable, never imported
    crafted = _row_naming("tidal_evil_a1b2", monkeypatch, tmp_path)
    for codec in (SAFE, make_codec("safe", finder=ClassFinder(tmp_path / "app", None))):
        restored = codec.decode(crafted)
        assert restored.user == {"n": 1}  # the tagged value is dropped, the rest restored
    assert "tidal_evil_a1b2" not in sys.modules
    assert not (tmp_path / "elsewhere" / "tidal_evil_a1b2.ran").exists()


def test_a_row_may_name_a_class_of_the_apps_own_modules_before_the_app_ran(monkeypatch, tmp_path):
    app = tmp_path / "app"
    _probe_modules(app, "tidal_mine_c3d4")
    (app / "app.py").write_text("import tidal_mine_c3d4\n")
    monkeypatch.syspath_prepend(str(app))
    crafted = _row_naming("tidal_mine_c3d4", monkeypatch, tmp_path)
    try:
        codec = make_codec("safe", finder=ClassFinder(app, app / "app.py"))
        assert codec.decode(crafted).user["c"] is sys.modules["tidal_mine_c3d4"].Color.RED
    finally:
        sys.modules.pop("tidal_mine_c3d4", None)


def test_a_row_never_imports_the_apps_entrypoint_as_a_module(monkeypatch, tmp_path):
    app = tmp_path / "app"
    _probe_modules(app, "tidal_main_e5f6")
    monkeypatch.syspath_prepend(str(app))
    crafted = _row_naming("tidal_main_e5f6", monkeypatch, tmp_path)
    codec = make_codec("safe", finder=ClassFinder(app, app / "tidal_main_e5f6.py"))
    assert codec.decode(crafted).user == {"n": 1}
    assert "tidal_main_e5f6" not in sys.modules
