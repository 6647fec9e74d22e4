"""Sessions leave memory when they expire: nothing of tidal's keeps a gone session alive."""

from __future__ import annotations

import gc
import time
import weakref

from tests.fixtures.server import COUNTER

BIG_STATE_APP = (
    COUNTER
    + """
class Blob:
    def __init__(self) -> None:
        self.data = bytearray(50_000_000)  # 50 MB the session holds

st.session_state.setdefault("blob", Blob())
"""
)


def test_an_expired_session_is_freed_with_what_it_held(serve_app):
    server = serve_app(BIG_STATE_APP, session__ttl="0.3")
    client = server.client()
    client.click("Increment")
    session = server.sessions.get(client.token)
    ref, blob = weakref.ref(session), weakref.ref(session.state["blob"])
    del session
    client.close()
    deadline = time.monotonic() + 5
    while server.sessions.get(client.token) is not None:  # the server's housekeeping
        assert time.monotonic() < deadline, "the session never expired"
        time.sleep(0.01)
    while ref() is not None or blob() is not None:
        gc.collect()
        if time.monotonic() > deadline:
            holders = [type(r).__name__ for r in gc.get_referrers(ref())] if ref() else []
            raise AssertionError(f"the expired session is still referenced by {holders}")
        time.sleep(0.05)
