"""Text elements in real Chromium: Markdown extensions, LaTeX, highlighted code, icons,
emoji, anchors, st.html sanitising and st.iframe, in light and dark themes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

MARKDOWN_APP = r"""
import tidal as st
st.markdown(":red[Stop] and :blue-background[calm] and :rainbow[all] and :small[tiny] :shimmer[loading]")
st.markdown(":green-badge[Done] :violet-badge[:material/star: Fav]")
st.markdown(':color[custom]{foreground="#123456" background="rgb(255, 255, 0)"}')
st.markdown("Icon :material/thumb_up: and emoji :smile: and :+1: but `:smile:` in code")
st.markdown("a -> b <- c <-> d -- e >= f <= g ~= h, but [x -> y](#here)")
st.markdown("Escaped <b>bold</b> tag")
st.markdown("Kept <b>bold</b> tag", unsafe_allow_html=True)
st.markdown("[away](https://example.com) and [here](#top)")
st.checkbox("Happy :smile: at 10:30:45")
"""


def test_colour_directives_render_as_styled_spans(open_app):
    app = open_app(MARKDOWN_APP)
    page = app.page
    red = page.locator(".md-fg-red", has_text="Stop")
    expect(red).to_have_count(1)
    assert red.evaluate("e => getComputedStyle(e).color") != page.locator(".md p").first.evaluate(
        "e => getComputedStyle(e).color"
    )
    expect(page.locator(".md-bg-blue", has_text="calm")).to_have_count(1)
    assert "linear-gradient" in page.locator(".md-fg-rainbow").evaluate(
        "e => getComputedStyle(e).backgroundImage"
    )
    expect(page.locator(".md-small", has_text="tiny")).to_have_count(1)
    shimmer = page.locator(".md-shimmer", has_text="loading")
    assert shimmer.evaluate("e => getComputedStyle(e).animationName") == "md-shimmer"
    expect(page.locator(".md-badge-green", has_text="Done")).to_have_count(1)
    badge = page.locator(".md-badge-violet")
    expect(badge.locator(".material-icon")).to_have_text("star")
    custom = page.locator("span", has_text="custom").last
    assert custom.evaluate("e => getComputedStyle(e).color") == "rgb(18, 52, 86)"
    assert custom.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 0)"
    assert not app.console_errors


def test_material_icons_use_the_vendored_font_and_emoji_shortcodes_become_emoji(open_app):
    app = open_app(MARKDOWN_APP)
    page = app.page
    icon = page.locator(".md .material-icon", has_text="thumb_up")
    expect(icon).to_have_attribute("aria-label", "thumb_up icon")
    # function form: Playwright evals a bare expression in the page, which the app's CSP forbids
    page.wait_for_function(
        "() => document.fonts.check('24px \"Material Symbols Rounded\"', 'thumb_up')"
    )
    page.wait_for_function(
        "() => [...document.fonts].some(f => f.family.includes('Material Symbols') && f.status === 'loaded')"
    )
    # the ligature draws one glyph: the icon is about as wide as it is tall, not a word
    box = icon.bounding_box()
    assert box and box["width"] < 2 * box["height"]
    line = page.locator(".md p", has_text="Icon")
    expect(line).to_contain_text("emoji 😄 and 👍 but")
    expect(line.locator("code")).to_have_text(":smile:")
    # in widget labels too, and text that only looks like a shortcode stays as written
    expect(page.locator("label", has_text="Happy")).to_have_text("Happy 😄 at 10:30:45")
    expect(page.locator(".emoji-pending")).to_have_count(0)


def test_arrows_are_typeset_outside_links(open_app):
    app = open_app(MARKDOWN_APP)
    expect(app.page.locator(".md p", has_text="a → b")).to_contain_text(
        "a → b ← c ↔ d — e ≥ f ≤ g ≈ h"
    )
    expect(app.page.locator(".md a", has_text="x -> y")).to_have_count(1)


def test_raw_html_is_escaped_unless_allowed(open_app):
    app = open_app(MARKDOWN_APP)
    expect(app.page.locator(".md p", has_text="Escaped")).to_contain_text("Escaped <b>bold</b> tag")
    expect(app.page.locator(".md p", has_text="Kept").locator("b")).to_have_text("bold")


def test_links_leave_in_a_new_tab_and_anchors_stay(open_app):
    app = open_app(MARKDOWN_APP)
    away = app.page.get_by_role("link", name="away")
    expect(away).to_have_attribute("target", "_blank")
    expect(away).to_have_attribute("rel", "noopener noreferrer")
    expect(app.page.get_by_role("link", name="here", exact=True)).not_to_have_attribute(
        "target", "_blank"
    )


LATEX_APP = r"""
import tidal as st
st.latex(r"\int_0^1 x^2 \,dx = \frac{1}{3}")
st.checkbox(r"Accept $\alpha$")
st.markdown(r"Inline $e^{i\pi} + 1 = 0$ but $5 and $10 stay text")
st.markdown(r'''
$$
\sum_{k=1}^n k = \frac{n(n+1)}{2}
$$
''')
"""


def test_latex_is_typeset_by_katex(open_app):
    app = open_app(LATEX_APP)
    page = app.page
    expect(page.locator(".latex .katex-display .katex-html")).to_have_count(1)
    expect(page.locator(".latex .katex-html .mfrac")).to_have_count(1)
    expect(page.locator(".latex annotation")).to_have_text(r"\int_0^1 x^2 \,dx = \frac{1}{3}")
    # formulas in widget labels are typeset too
    expect(page.locator("label", has_text="Accept").locator(".katex")).to_have_count(1)
    inline = page.locator(".md p", has_text="Inline")
    expect(inline.locator(".katex")).to_have_count(1)
    expect(inline).to_contain_text("$5 and $10 stay text")
    expect(page.locator(".markdown:not(.latex) .math-display .katex-display")).to_have_count(1)
    # KaTeX's own fonts are used
    page.wait_for_function(
        "() => [...document.fonts].some(f => f.family === 'KaTeX_Main' && f.status === 'loaded')"
    )
    assert not app.console_errors


def test_a_page_without_latex_or_code_loads_neither_library(open_app):
    app = open_app("import tidal as st\nst.markdown('plain **text**')\n")
    scripts = app.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [
        s for s in scripts if "katex" in s or "highlight" in s or "purify" in s or "gemoji" in s
    ]


CODE_APP = '''
import tidal as st
st.code("""
def add(a, b):
    # sum
    return a + b
""", line_numbers=True)
st.code("SELECT name FROM users WHERE id = 1", language="sql", wrap_lines=True, height=120)
st.code("just text", language=None)
st.markdown("```python\\nimport os  # fenced\\n```")
'''


def test_code_is_highlighted_with_token_spans_and_numbered(open_app):
    app = open_app(CODE_APP)
    page = app.page
    py = page.locator(".code").nth(0)
    expect(py.locator(".hljs-keyword", has_text="def")).to_have_count(1)
    expect(py.locator(".hljs-keyword", has_text="return")).to_have_count(1)
    expect(py.locator(".hljs-comment")).to_have_text("# sum")
    expect(py.locator(".code-line")).to_have_count(3)
    first_number = py.locator(".code-line").first.evaluate(
        "e => getComputedStyle(e, '::before').content"
    )
    assert first_number == "counter(line)"  # numbered by a CSS counter, one per line
    sql = page.locator(".code").nth(1)
    expect(sql.locator(".hljs-keyword", has_text="SELECT")).to_have_count(1)
    assert sql.locator("pre").evaluate("e => getComputedStyle(e).whiteSpace") == "pre-wrap"
    assert sql.locator("pre").evaluate("e => getComputedStyle(e).maxHeight") == "120px"
    assert (
        sql.locator(".code-line").first.evaluate("e => getComputedStyle(e, '::before').content")
        == "none"
    )
    plain = page.locator(".code").nth(2)
    expect(plain).to_have_attribute("data-lang", "plaintext")
    expect(plain.locator("[class^=hljs-]")).to_have_count(0)
    fenced = page.locator(".markdown pre code")
    expect(fenced.locator(".hljs-keyword", has_text="import")).to_have_count(1)
    expect(fenced.locator(".hljs-comment")).to_have_text("# fenced")
    assert not app.console_errors


LAYOUT_APP = """
import tidal as st
st.markdown("centred", text_alignment="center")
st.text("narrow", width=120)
st.caption("a caption that is far too long to fit " * 10, wrap=False)
st.warning("Careful", icon=":material/warning:", title="Heads up", width="content")
st.divider(width=200)
"""


def test_width_alignment_wrap_and_callout_titles_apply(open_app):
    page = open_app(LAYOUT_APP).page
    assert (
        page.locator(".markdown", has_text="centred").evaluate("e => getComputedStyle(e).textAlign")
        == "center"
    )
    assert page.locator(".text").evaluate("e => e.getBoundingClientRect().width") == 120
    caption = page.locator(".caption")
    assert caption.evaluate("e => e.scrollHeight < 40 && e.scrollWidth > e.clientWidth")
    warning = page.locator(".callout-warning")
    expect(warning.locator(".callout-title")).to_have_text("Heads up")
    expect(warning.locator(".callout-icon .material-icon")).to_have_text("warning")
    assert warning.evaluate(
        "e => e.getBoundingClientRect().width < e.parentElement.getBoundingClientRect().width / 2"
    )
    assert page.locator("hr.divider").evaluate("e => e.getBoundingClientRect().width") == 200


HEADINGS_APP = """
import tidal as st
st.title("My App :material/home:", help="The title")
st.header("Getting Started", divider="rainbow")
st.subheader("Hidden anchor", anchor=False)
st.header("Custom", anchor="custom-spot", icon="🔥")
st.markdown("## Inside markdown")
st.markdown("## No anchors here", anchors=False)
for i in range(40):
    st.text(f"filler {i}")
st.subheader("Far down")
"""


def test_headings_get_anchors_that_link_to_them(open_app):
    app = open_app(HEADINGS_APP)
    page = app.page
    expect(page.locator("h1#my-app-home")).to_have_count(1)
    expect(page.locator("h2#getting-started .anchor-link")).to_have_attribute(
        "href", "#getting-started"
    )
    expect(
        page.locator("h3.heading", has_text="Hidden anchor").locator(".anchor-link")
    ).to_have_count(0)
    custom = page.locator("h2#custom-spot")
    expect(custom.locator(".heading-icon")).to_have_text("🔥")
    expect(page.get_by_role("heading", name="Custom", exact=True)).to_have_count(1)
    expect(page.locator(".md h2#inside-markdown .anchor-link")).to_have_count(1)
    expect(page.locator(".md h2#no-anchors-here .anchor-link")).to_have_count(0)
    assert "linear-gradient" in page.locator("h2#getting-started").evaluate(
        "e => getComputedStyle(e, '::after').backgroundImage"
    )


def test_opening_a_link_with_an_anchor_scrolls_to_the_heading(open_app):
    app = open_app(HEADINGS_APP)
    app.page.goto(app.url + "/#far-down")
    app.idle()
    far = app.page.locator("h3#far-down")
    expect(far).to_be_in_viewport()


HTML_APP = """
import tidal as st
st.html('''
<p id="safe-p" onclick="window.__clicked = 1">safe <b>html</b></p>
<script>window.__ranSafe = true</script>
<img src="x" onerror="window.__ranOnerror = true">
''')
st.html('''
<p id="js-p">with js</p>
<script>window.__ranUnsafe = true; document.getElementById("js-p").dataset.touched = "yes"</script>
''', unsafe_allow_javascript=True)
st.html("<style>#safe-p { letter-spacing: 3px; }</style>")
st.iframe("<p id='inner'>inside the frame</p>", alt="Demo frame")
"""


def test_st_html_drops_scripts_unless_javascript_is_allowed(open_app):
    app = open_app(HTML_APP)
    page = app.page
    expect(page.locator("#safe-p b")).to_have_text("html")
    expect(page.locator("#js-p")).to_have_attribute("data-touched", "yes")
    assert page.evaluate("window.__ranUnsafe") is True
    assert page.evaluate("window.__ranSafe") is None
    assert page.evaluate("window.__ranOnerror") is None
    expect(page.locator("#safe-p")).not_to_have_attribute("onclick", re.compile(".*"))
    expect(page.locator(".html-el script")).to_have_count(1)  # only the allowed one
    # a style-only st.html styles the page and takes no room
    assert page.locator("#safe-p").evaluate("e => getComputedStyle(e).letterSpacing") == "3px"
    assert (
        page.locator(".html-el.style-only").evaluate("e => e.getBoundingClientRect().height") == 0
    )


def test_iframe_shows_an_html_string_sized_to_its_content(open_app):
    app = open_app(HTML_APP)
    frame = app.page.frame_locator("iframe[title='Demo frame']")
    expect(frame.locator("#inner")).to_have_text("inside the frame")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_colours_follow_the_theme(browser, serve_app, theme):
    server = serve_app(MARKDOWN_APP + "st.code('x = 1')\n")
    context = browser.new_context(color_scheme=theme, viewport={"width": 1100, "height": 800})
    try:
        page = context.new_page()
        page.goto(server.url)
        page.wait_for_function(
            "() => { const t = window.__tidal; return !!t && t.connected && !t.running && t.runs > 0 && !t.loading; }"
        )
        expect(page.locator("html")).to_have_attribute("data-theme", theme)
        expect(page.locator(".code .hljs-number")).to_have_count(1)
        red = page.locator(".md-fg-red").evaluate("e => getComputedStyle(e).color")
        number = page.locator(".code .hljs-number").evaluate("e => getComputedStyle(e).color")
        expected = {
            "light": ("rgb(207, 34, 46)", "rgb(5, 80, 174)"),
            "dark": ("rgb(255, 123, 114)", "rgb(121, 192, 255)"),
        }
        assert (red, number) == expected[theme]
    finally:
        context.close()


ECHO_HELP_APP = """
import tidal as st
with st.echo():
    st.write("echoed")
st.help(st.badge)
"""


def test_echo_shows_highlighted_code_and_help_shows_documentation(open_app):
    app = open_app(ECHO_HELP_APP)
    page = app.page
    expect(page.locator(".code").first.locator(".hljs-string")).to_have_text('"echoed"')
    doc = page.locator(".doc")
    expect(doc.locator(".doc-name")).to_contain_text("badge(label: 'str'")
    expect(doc.locator(".doc-string")).to_contain_text("Show a small coloured badge")
    assert not app.console_errors
