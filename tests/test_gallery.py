"""The demo's Gallery page shows every element, and the demo configures its page."""

from __future__ import annotations

from tidal.testing import AppTest

DEMO = "../src/tidal/hello/app.py"
VISITOR = {"is_logged_in": False}
"""``at.user`` for a visitor of the served demo (AppTest's default user, as Streamlit's, has
only an email, and the gallery shows ``st.user.is_logged_in``)."""


def test_the_gallery_page_shows_every_element_without_an_exception():
    at = AppTest.from_file(DEMO)
    at.user = VISITOR
    at.run().switch_page("pages/gallery.py").run()
    assert not at.exception
    types = {n.type for n in at._walk()}
    expected = {
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "code",
        "json",
        "info",
        "success",
        "warning",
        "error",
        "divider",
        "columns",
        "column",
        "container",
        "grid",
        "space",
        "expander",
        "tabs",
        "tab",
        "popover",
        "button",
        "checkbox",
        "toggle",
        "radio",
        "selectbox",
        "multiselect",
        "color_picker",
        "slider",
        "select_slider",
        "text_input",
        "number_input",
        "date_input",
        "time_input",
        "text_area",
        "form",
        "component_html",
        "page_config",
    }
    assert expected <= types, sorted(expected - types)
    config = next(n for n in at._walk() if n.type == "page_config").props
    assert config["title"] == "Gallery · tidal" and config["layout"] == "wide"
    assert config["icon"] == "🌊"  # from the entrypoint's call, kept by the page's


def test_the_gallery_dialog_opens_with_its_widgets():
    # its "Done" button works in a browser, where the dialog reruns alone (a fragment); AppTest
    # always reruns the whole script, in which the "Open" button is no longer pressed
    at = AppTest.from_file(DEMO)
    at.user = VISITOR
    at.run().switch_page("pages/gallery.py").run()
    at.button(key="gallery_open_dialog").click().run()
    dialog = at.dialog[0]
    assert dialog.label == "A dialog" and dialog.props["width"] == "medium"
    assert dialog.text_input(key="gallery_dialog_name").label == "Your name"
    assert dialog.button(key="gallery_dialog_done").label == "Done"


def test_every_demo_page_sets_the_page_config():
    at = AppTest.from_file(DEMO).run()
    config = next(n for n in at._walk() if n.type == "page_config").props
    assert config["title"] == "tidal demo" and config["icon"] == "🌊"
    assert config["menu"]["about"].startswith("**tidal**")
