"""The first load in real Chromium: a page of text and a button (the counter) fetches the page, theme.js,
one stylesheet and the modules every page needs (16 requests in all, 28 before the widget
families became lazy and the small always-needed modules were merged); a page with inputs,
choices, sliders and button groups fetches their families when it first shows them, and they
work as before."""

from __future__ import annotations

from typing import Any

from tests.fixtures.server import COUNTER

WIDGETS = """
import tidal as st
name = st.text_input("Name", "Ada")
size = st.slider("Size", 0, 10, 3)
ok = st.checkbox("Agree")
pick = st.pills("Pick", ["a", "b"])
st.write(f"name={name} size={size} ok={ok} pick={pick}")
"""

FAMILIES = ("widgets/inputs.js", "widgets/choices.js", "widgets/slider.js", "widgets/groups.js")

RARE_TEXT = """
import tidal as st
st.json({"a": 1.0, "b": [True, None]}, expanded=True)
st.help(st.badge)
one, two = st.tabs(["One", "Two"])
one.write("first tab")
two.write("second tab")
st.markdown(r"Euler: $e^{i\\pi} + 1 = 0$")
st.markdown("```python\\nx = 'fenced'\\n```")
"""

RARE_MODULES = ("elements/inspect.js", "elements/tabs.js", "typeset.js")


def _requests_on_reload(app: Any) -> list[str]:
    urls: list[str] = []
    app.page.on("request", lambda r: urls.append(r.url.removeprefix(app.url)))
    app.page.reload()
    app.idle()
    app.page.wait_for_timeout(300)  # late requests (fonts, icons)
    return [u for u in urls if not u.startswith("/ws")]


def test_a_page_of_text_and_a_button_makes_16_requests_and_no_widget_family(open_app):
    app = open_app(COUNTER)
    urls = _requests_on_reload(app)
    assert len(urls) <= 16, urls
    assert "/_tidal/page.css" in urls
    assert not any(u.endswith(".css") and u != "/_tidal/page.css" for u in urls)
    assert not any(u.endswith(family) for u in urls for family in FAMILIES + RARE_MODULES)
    app.click("Increment")
    app.expect_text("Count = 1")
    assert not app.console_errors


def test_the_widget_families_load_when_a_page_shows_them_and_work(open_app):
    app = open_app(WIDGETS)
    urls = _requests_on_reload(app)
    assert all(any(u.endswith(family) for u in urls) for family in FAMILIES)
    app.expect_text("name=Ada size=3 ok=False pick=None")
    app.type_and_enter("Name", "Grace")
    app.expect_text("name=Grace size=3")
    app.page.get_by_text("Agree").click()
    app.idle()
    app.expect_text("ok=True")
    app.page.get_by_role("button", name="b", exact=True).click()
    app.idle()
    app.expect_text("pick=b")
    assert not app.console_errors


def test_json_help_tabs_formulas_and_fenced_code_load_their_modules_once_when_shown(open_app):
    app = open_app(RARE_TEXT)
    urls = _requests_on_reload(app)
    for module in RARE_MODULES:
        assert sum(u.endswith(module) for u in urls) == 1, (module, urls)
    page = app.page
    assert page.locator(".json .jn").first.text_content() == "1.0"
    assert page.locator(".doc .doc-name").text_content().startswith("badge(")
    assert page.get_by_role("tab").all_text_contents() == ["One", "Two"]
    assert page.get_by_text("first tab").is_visible()
    assert not page.get_by_text("second tab").is_visible()
    page.get_by_role("tab", name="Two").click()
    assert page.get_by_text("second tab").is_visible()
    page.wait_for_function("() => document.querySelector('.math[data-typeset] .katex') !== null")
    page.wait_for_function(
        "() => document.querySelector('.md pre > code.hljs .hljs-string') !== null"
    )
    assert not app.console_errors
