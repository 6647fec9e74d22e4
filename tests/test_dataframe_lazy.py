"""st.dataframe(lazy=...): whether the rows travel with the element or load as the person
scrolls. None (the default) loads frames of more than 200 rows lazily; True any frame; False
sends every row with the element."""

from __future__ import annotations

import pytest

APP = """
import tidal as st
st.dataframe({{"n": list(range({n}))}}, lazy={lazy})
"""


def props(app_test, n, lazy):
    at = app_test(APP.format(n=n, lazy=lazy)).run()
    assert not at.exception
    return at.dataframe[0].props


def test_by_default_a_small_frame_travels_whole_and_a_big_one_lazily(app_test):
    small, big = props(app_test, 200, None), props(app_test, 201, None)
    assert len(small["rows"]) == 200 and "head" not in small
    assert len(big["head"]) == 100 and "rows" not in big


def test_lazy_true_loads_even_a_small_frame_as_the_person_scrolls(app_test):
    p = props(app_test, 150, True)
    assert "rows" not in p and len(p["head"]) == 100 and p["nrows"] == 150


def test_lazy_false_sends_every_row_of_a_big_frame(app_test):
    p = props(app_test, 5000, False)
    assert "head" not in p and len(p["rows"]) == 5000 and p["rows"][4999] == [4999, 4999]


@pytest.mark.parametrize("bad", ["'yes'", "1"])
def test_lazy_is_a_bool_or_none(app_test, bad):
    at = app_test(APP.format(n=3, lazy=bad)).run()
    assert at.exception and "lazy must be True, False or None" in at.exception[0].message
