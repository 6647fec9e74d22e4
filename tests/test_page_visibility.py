"""st.Page(visibility=..., help=...): hidden pages stay reachable but leave the menu."""

from __future__ import annotations

import textwrap

APP = """
import tidal as st

def home():
    st.write("home")

def secret():
    st.write("the hidden page")

pg = st.navigation([
    st.Page(home, title="Home", help="Start here"),
    st.Page(secret, title="Secret", url_path="secret", visibility="hidden"),
])
pg.run()
"""


def test_a_hidden_page_is_announced_hidden_and_still_opens_by_its_address(serve_app):
    server = serve_app(textwrap.dedent(APP))
    tab = server.client(page="secret")
    assert "the hidden page" in tab.texts()
    entries = {p["url"]: p for p in tab.pages[-1]["pages"]}
    assert entries["secret"]["hidden"] is True
    assert entries[""]["help"] == "Start here" and "hidden" not in entries[""]
    tab.close()


def test_page_visibility_must_be_visible_or_hidden(app_test):
    at = app_test("""
        import tidal as st
        st.Page(lambda: None, title="X", visibility="secret")
    """).run()
    assert "st.Page got visibility='secret'" in at.exception[0].value
