"""Refused browser values cost the server little: short replies, short and few log lines,
and a client that sends nothing but refused values is disconnected."""

from __future__ import annotations

import logging

import pytest
from websockets.exceptions import ConnectionClosed

from tests.fixtures.server import serve_app  # noqa: F401
from tidal.refusals import LOG_BURST, MAX_DESCRIPTION, describe

NUMBER_APP = """
import tidal as st
n = st.number_input("N", min_value=0, max_value=10, key="n")
st.text(f"n={n!r}")
"""


def refusal_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]


def test_a_huge_refused_value_is_echoed_and_logged_in_a_few_hundred_characters(
    serve_app,  # noqa: F811
    caplog,
):
    caplog.set_level(logging.WARNING, logger="tidal")
    tab = serve_app(NUMBER_APP).client()
    tab.change("N", "9" * 900_000)
    [reply] = tab.errors
    assert reply.startswith("Refused value '99999")
    assert len(reply) <= MAX_DESCRIPTION + 20
    [line] = refusal_lines(caplog)
    assert len(line) <= MAX_DESCRIPTION + 40
    tab.event({"t": "change", "id": "x" * 500_000, "v": 1})
    assert len(tab.errors[-1]) <= MAX_DESCRIPTION + 20
    assert "n=0" in tab.texts()


def test_refusals_are_logged_at_a_bounded_rate_per_session(serve_app, caplog):  # noqa: F811
    caplog.set_level(logging.WARNING, logger="tidal")
    tab = serve_app(NUMBER_APP).client()
    for i in range(15):
        tab.change("N", 100 + i)
    assert len(tab.errors) == 15  # every refusal is still answered
    assert len(refusal_lines(caplog)) == LOG_BURST


def test_a_client_that_keeps_sending_refused_values_is_disconnected(serve_app):  # noqa: F811
    tab = serve_app(NUMBER_APP).client()
    with pytest.raises(ConnectionClosed):
        for i in range(60):
            tab.change("N", 100 + i)
    assert tab.ws.close_code == 1008
    assert tab.ws.close_reason == "too many bad messages"
    assert 20 <= len(tab.errors) <= 23


def test_describe_is_bounded_for_huge_nested_values():
    value = [["x" * 1_000_000] * 1000] * 1000
    text = describe(value)
    assert len(text) < MAX_DESCRIPTION
    assert text.startswith("[['xxx")


def test_a_malformed_message_quoting_a_huge_value_is_answered_and_logged_briefly(
    serve_app,  # noqa: F811
    caplog,
):
    caplog.set_level(logging.WARNING, logger="tidal")
    tab = serve_app(NUMBER_APP).client()
    tab.send({"t": "x" * 500_000, "seq": 1})
    tab.event({"t": "rerun"})
    [reply] = tab.errors
    assert reply.startswith("Refused malformed message (Invalid value 'xxxx")
    assert len(reply) <= MAX_DESCRIPTION + 20
    assert all(len(line) <= MAX_DESCRIPTION + 40 for line in refusal_lines(caplog))
