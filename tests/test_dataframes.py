"""Data in, Table out: every supported input becomes one columnar table (tidal.dataframes)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from tidal.dataframes import is_dataframe_like, to_pandas, to_table
from tidal.errors import StreamlitAPIException


def names(t):
    return [c.name for c in t.columns]


def kinds(t):
    return [c.kind for c in t.columns]


def test_a_pandas_frame_keeps_its_columns_kinds_and_index():
    df = pd.DataFrame(
        {
            "i": [1, 2],
            "f": [1.5, np.nan],
            "b": [True, False],
            "s": ["x", None],
            "t": pd.to_datetime(["2024-01-02", None]),
            "c": pd.Categorical(["p", "q"]),
            "n": pd.array([1, None], dtype="Int64"),
        },
        index=["r1", "r2"],
    )
    t = to_table(df)
    assert names(t) == ["i", "f", "b", "s", "t", "c", "n"]
    assert kinds(t) == ["int", "float", "bool", "str", "datetime", "category", "int"]
    assert t.columns[5].options == ["p", "q"]
    assert not t.range_index and t.index[0].kind == "str"
    assert t.all_rows()[1] == ["r2", 2, None, False, None, None, "q", None]
    assert t.all_rows()[0][5].startswith("2024-01-02T00:00:00")


def test_numeric_columns_share_the_frames_memory():
    df = pd.DataFrame(np.zeros((10, 2)), columns=["a", "b"])
    t = to_table(df)
    assert np.shares_memory(t.columns[0].values, df["a"].to_numpy())


def test_a_series_an_index_and_a_styler_convert():
    assert names(to_table(pd.Series([1, 2], name="s"))) == ["s"]
    assert names(to_table(pd.Series([1, 2]))) == ["value"]
    assert to_table(pd.Index([3, 4], name="k")).all_rows() == [[0, 3], [1, 4]]
    styler = (
        pd.DataFrame({"a": [0.5, 2.0]})
        .style.format("{:.0%}")
        .map(lambda v: "color: red" if v > 1 else "")
    )
    t = to_table(styler)
    assert t.source == "pandas.Styler"
    assert t.styles is not None
    assert t.styles.display == [["50%"], ["200%"]]
    assert t.styles.css == [[None], ["color: red"]]


def test_numpy_arrays_of_one_and_two_dimensions_convert():
    assert to_table(np.array([1, 2, 3])).all_rows() == [[0, 1], [1, 2], [2, 3]]
    t = to_table(np.arange(6).reshape(3, 2))
    assert names(t) == ["0", "1"] and t.nrows == 3
    with pytest.raises(StreamlitAPIException, match="1 or 2 dimensions"):
        to_table(np.zeros((2, 2, 2)))


def test_plain_python_data_converts():
    records = to_table([{"a": 1, "b": "x"}, {"a": 2, "c": dt.date(2024, 1, 1)}])
    assert names(records) == ["a", "b", "c"] and kinds(records) == ["int", "str", "date"]
    assert records.all_rows()[1] == [1, 2, None, "2024-01-01"]
    assert to_table({"a": [1, 2], "b": [3, 4]}).all_rows() == [[0, 1, 3], [1, 2, 4]]
    assert to_table({"x": 1, "y": 2}).all_rows() == [["x", 1], ["y", 2]]
    assert to_table([[1, 2], [3, 4]]).all_rows() == [[0, 1, 2], [1, 3, 4]]
    assert to_table(i * i for i in range(3)).all_rows() == [[0, 0], [1, 1], [2, 4]]
    assert to_table({3, 1}).nrows == 2
    assert to_table(None).nrows == 0


def test_unsupported_data_names_its_type_and_what_is_accepted():
    with pytest.raises(StreamlitAPIException, match=r"builtins\.int.*pandas\.DataFrame"):
        to_table(42)
    with pytest.raises(StreamlitAPIException, match="same length"):
        to_table({"a": [1, 2], "b": [1]})


class FakeArrowTable:
    """The duck-typed face of a pyarrow Table (pyarrow is not a test dependency)."""

    __module__ = "pyarrow.lib"

    def __init__(self, data):
        self._data = data
        self.num_rows = len(next(iter(data.values())))

    def to_pydict(self):
        return self._data


FakeArrowTable.__name__ = "Table"


def test_a_pyarrow_table_converts_through_its_columns():
    t = to_table(FakeArrowTable({"a": [1, 2], "b": ["x", "y"]}))
    assert t.source == "pyarrow.Table" and t.all_rows() == [[0, 1, "x"], [1, 2, "y"]]


def test_equal_data_gives_one_shared_table():
    a = pd.DataFrame({"x": np.arange(1000.0)})
    assert to_table(a) is to_table(a.copy())
    assert to_table(a) is not to_table(a + 1)


def test_big_frames_differing_outside_the_sample_are_not_shared():
    a = pd.DataFrame({"x": np.arange(1_000_000.0)})
    b = a.copy()
    b.iloc[500_001, 0] = -1.0  # not among the sampled values
    ta, tb = to_table(a), to_table(b)
    assert ta is not tb and ta.fingerprint != tb.fingerprint
    assert tb.rows(None, 500_001, 1)[1] == [[500_001, -1.0]]
    assert to_table(b.copy()) is tb


def test_sorting_puts_missing_values_last_both_ways():
    t = to_table({"v": [2.0, None, 1.0, 3.0]})
    assert list(t.order((0, True))) == [2, 0, 3, 1]
    assert list(t.order((0, False))) == [3, 0, 2, 1]
    s = to_table({"w": ["b", None, "a"]})
    assert list(s.order((0, True))) == [2, 0, 1]


def test_search_finds_rows_in_any_column_case_insensitively():
    t = to_table({"n": [10, 20, 30], "w": ["Apple", "pear", "grape"]})
    assert list(t.order(None, "AP")) == [0, 2]
    assert list(t.order((0, False), "ap")) == [2, 0]
    assert list(t.order(None, "20")) == [1]


def test_rows_windows_follow_an_order():
    t = to_table({"v": [3, 1, 2]})
    assert t.rows(t.order((0, True)), 1, 5) == ([2, 0], [[2, 2], [0, 3]])


def test_is_dataframe_like_needs_no_import():
    assert is_dataframe_like(pd.DataFrame()) and is_dataframe_like(np.zeros(2))
    assert not is_dataframe_like([1]) and not is_dataframe_like({"a": 1})


def test_to_pandas_rebuilds_a_frame():
    out = to_pandas(to_table({"a": [1, 2], "b": ["x", "y"]}))
    assert out.to_dict("list") == {"a": [1, 2], "b": ["x", "y"]}


def test_importing_tidal_imports_neither_pandas_nor_numpy():
    code = "import sys, tidal; print('pandas' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_search_matches_numbers_as_the_grid_shows_them():
    t = to_table(pd.DataFrame({"f": [0.123456, 2.5], "b": [True, False]}))
    assert list(t.order(None, "0.1235")) == [0]  # floats show at most 4 decimals
    assert list(t.order(None, "fal")) == [1]
    assert t.order(None, "zzz") == []  # text skips the numeric columns


@pytest.mark.parametrize("dtype", ["f8", "i8", "bool", "datetime64[s]"])
def test_the_other_direction_of_a_cached_sort_equals_a_new_sort(dtype):
    """A header's second click reverses the cached order instead of sorting 1M rows again;
    the result must be exactly what a new sort gives: ties, missing values last."""
    from tidal.tables import flip_order, sort_positions

    rng = np.random.default_rng(7)
    raw = rng.integers(0, 50, 2_000)  # many ties
    values = raw.astype(dtype)
    if dtype == "f8":
        values[rng.integers(0, 2_000, 100)] = np.nan
    if dtype.startswith("datetime"):
        values[rng.integers(0, 2_000, 50)] = np.datetime64("NaT")
    t = to_table(pd.DataFrame({"v": values}))
    col = t.columns[0]
    for ascending in (True, False):
        first = sort_positions(col, ascending=ascending)
        flipped = flip_order(col, first)
        again = sort_positions(col, ascending=not ascending)
        assert flipped is not None
        assert list(flipped) == list(again)
    # through the table: the second click is served from the first click's order
    assert list(t.order((0, True))) == list(sort_positions(col, ascending=True))
    assert list(t.order((0, False))) == list(sort_positions(col, ascending=False))
    assert flip_order(to_table({"s": ["b", "a"]}).columns[0], [1, 0]) is None  # text: sorts again
