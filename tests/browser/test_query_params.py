"""``st.query_params`` in Chromium: the address's query reaches the script, the address follows
what the script sets (in place, no reload, no history entry), a refresh and a reconnect keep
it, and going to another page clears it while back/forward bring each page's query back."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from playwright.sync_api import expect

GREETER = """
import tidal as st
qp = st.query_params
st.title(f"Hello {qp.get('name', 'stranger')}")
if st.button("Next"):
    qp["n"] = int(qp.get("n", "0")) + 1
if st.button("Tag"):
    qp.tag = ["a b", "c"]
st.text(f"n={qp.get('n', '0')} tags={qp.get_all('tag')}")
"""


def test_the_address_query_reaches_the_script_and_follows_what_it_sets(open_app):
    app = open_app(GREETER)
    page = app.page
    app.expect_text("Hello stranger")
    app.open("/?name=Ada")
    app.expect_text("Hello Ada")
    page.evaluate("window.__same_document = true")
    entries = page.evaluate("history.length")

    app.click("Next")
    expect(page).to_have_url(re.compile(r"/\?name=Ada&n=1$"))
    app.expect_text("n=1 tags=[]")
    app.click("Tag")
    expect(page).to_have_url(re.compile(r"/\?name=Ada&n=1&tag=a\+b&tag=c$"))
    app.expect_text("n=1 tags=['a b', 'c']")
    assert page.evaluate("window.__same_document") is True  # no reload
    assert page.evaluate("history.length") == entries  # in place: no history entry

    page.reload()
    app.idle()
    expect(page).to_have_url(re.compile(r"/\?name=Ada&n=1&tag=a\+b&tag=c$"))
    app.expect_text("Hello Ada")
    app.expect_text("n=1 tags=['a b', 'c']")

    # a reconnect's hello names the query the address shows now, not the one of the page load
    app.click("Next")
    expect(page).to_have_url(re.compile(r"n=2"))
    runs = page.evaluate("window.__tidal.runs")
    app.server.drop_connections()
    page.wait_for_function(f"() => window.__tidal.runs > {runs}")
    app.idle()
    app.click("Next")
    expect(page).to_have_url(re.compile(r"/\?name=Ada&n=3&tag=a\+b&tag=c$"))
    app.expect_text("n=3")
    assert not app.console_errors


PAGES = {
    "pages/1_second.py": """
        import tidal as st
        st.title("Second page")
        st.text(f"second sees {st.query_params.to_dict()}")
        if st.button("Mark"):
            st.query_params.mark = "yes"
    """,
}

MAIN = """
import tidal as st
st.title("Main page")
st.text(f"main sees {st.query_params.to_dict()}")
if st.button("Switch"):
    st.switch_page("pages/1_second.py")
"""


def write_pages(root: Path, files: dict[str, str]) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))


def test_another_page_starts_without_query_params_and_back_forward_restore_them(open_app, tmp_path):
    write_pages(tmp_path, PAGES)
    app = open_app(MAIN)
    page = app.page
    app.open("/?a=1")
    app.expect_text("main sees {'a': '1'}")
    menu = page.get_by_role("navigation", name="Pages")

    menu.get_by_role("link", name="second").click()
    app.idle()
    expect(page).to_have_url(re.compile(r"/second$"))
    app.expect_text("second sees {}")
    app.click("Mark")
    expect(page).to_have_url(re.compile(r"/second\?mark=yes$"))

    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?a=1$"))
    app.idle()
    app.expect_text("main sees {'a': '1'}")
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/second\?mark=yes$"))
    app.idle()
    app.expect_text("second sees {'mark': 'yes'}")
    page.go_back()
    app.idle()

    app.click("Switch")  # st.switch_page clears them too, and adds a history entry
    expect(page).to_have_url(re.compile(r"/second$"))
    app.expect_text("second sees {}")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?a=1$"))
    app.idle()
    app.expect_text("main sees {'a': '1'}")
    assert not app.console_errors


def test_the_embed_params_stay_in_the_address_across_pages(open_app, tmp_path):
    write_pages(tmp_path, PAGES)
    app = open_app(MAIN)
    page = app.page
    app.open("/?embed=true&a=1")
    app.expect_text("main sees {'a': '1'}")  # reserved: the script does not see them
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="second").click()
    app.idle()
    expect(page).to_have_url(re.compile(r"/second\?embed=true$"))
    app.expect_text("second sees {}")
    app.click("Mark")
    expect(page).to_have_url(re.compile(r"/second\?embed=true&mark=yes$"))
    assert not app.console_errors


def test_page_links_and_switch_page_can_open_a_page_with_query_params(open_app):
    app = open_app(
        """
        import tidal as st

        def home():
            st.page_link(orders, label="Order 42", query_params={"id": 42})
            if st.button("Open order 7"):
                st.switch_page(orders, query_params={"id": 7})

        def show_order():
            st.text(f"order id={st.query_params.get('id', 'none')}")

        home_page = st.Page(home, title="Home", default=True)
        orders = st.Page(show_order, title="Orders", url_path="orders")
        st.navigation([home_page, orders]).run()
        """
    )
    page = app.page
    link = page.get_by_role("link", name="Order 42")
    expect(link).to_have_attribute("href", re.compile(r"/orders\?id=42$"))
    link.click()
    app.idle()
    expect(page).to_have_url(re.compile(r"/orders\?id=42$"))
    app.expect_text("order id=42")
    page.go_back()
    app.idle()
    app.click("Open order 7")
    expect(page).to_have_url(re.compile(r"/orders\?id=7$"))
    app.expect_text("order id=7")
    page.reload()  # the address holds the params: a refresh shows the same order
    app.idle()
    app.expect_text("order id=7")
    assert not app.console_errors
