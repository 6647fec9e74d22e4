"""The demo's "Gallery" page: every element and widget tidal has, in one place.

One function per section; every widget key starts with ``gallery_`` so the page never
collides with the other examples.
"""

import datetime

import tidal as st
from tidal.components.v1 import html as component_html


def text_section() -> None:
    st.header("Text", divider=True)
    st.title("A title")
    st.subheader("A subheader")
    st.markdown("**Markdown** with _emphasis_, `code` and a [link](https://example.com).")
    st.caption("A caption: small and muted.")
    st.text("Plain   text,   spaces   kept.")
    st.code("def hello():\n    return 'world'", language="python")
    st.json({"numbers": [1, 2, 3], "nested": {"ok": True}}, expanded=False)
    st.write("st.write of a number:", 42)
    left, right = st.columns(2)
    left.info("Information")
    left.success("Success")
    right.warning("Warning")
    right.error("Error")
    st.divider(width=240)


def layout_section() -> None:
    st.header("Layout", divider=True)
    a, b, c = st.columns([1, 2, 1], gap="medium", vertical_alignment="center", border=True)
    a.write("A narrow column")
    b.write("A column twice as wide, vertically centered with its neighbours")
    c.button("Button", key="gallery_column_button")
    with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
        st.button("Cancel", key="gallery_cancel")
        st.button("Save", type="primary", key="gallery_save")
    st.caption("A container of a fixed height scrolls:")
    log = st.container(height=160, key="gallery_log")
    for i in range(1, 21):
        log.write(f"Log line {i}")
    st.caption("A grid puts each element in the next cell:")
    with st.grid(4, gap="small", border=True):
        for name in ("North", "East", "South", "West", "Up", "Down"):
            st.write(name)
    st.space("small")
    slot = st.skeleton(height=48)
    slot.success("A skeleton, replaced once its content was ready")
    with st.expander("An expander", icon="📦"):
        st.write("Hidden until opened.")
    tracked = st.expander(
        "An expander whose state is a widget", key="gallery_more", on_change="rerun"
    )
    tracked.write(f"Open: {tracked.open} (st.session_state.gallery_more)")
    overview, details = st.tabs(["Overview", "Details"], key="gallery_tab", on_change="rerun")
    overview.write("The first tab.")
    details.write("Only computed while selected." if details.open else "(not computed)")
    with st.popover("A popover", icon="⚙️"):
        st.checkbox("A checkbox in a popover", key="gallery_popover_check")


@st.dialog("A dialog", width="medium")
def gallery_dialog() -> None:
    st.write("A dialog's body reruns on its own, like a fragment.")
    name = st.text_input("Your name", key="gallery_dialog_name")
    if st.button("Done", key="gallery_dialog_done"):
        st.session_state.gallery_greeting = f"Hello, {name or 'stranger'}!"
        st.rerun()


def overlay_section() -> None:
    st.header("Dialogs", divider=True)
    if st.button("Open a dialog", key="gallery_open_dialog"):
        gallery_dialog()
    if "gallery_greeting" in st.session_state:
        st.write(st.session_state.gallery_greeting)


def input_section() -> None:
    st.header("Inputs", divider=True)
    left, right = st.columns(2)
    with left:
        st.button("A button", key="gallery_button")
        st.checkbox("A checkbox", key="gallery_checkbox")
        st.toggle("A toggle", key="gallery_toggle")
        st.radio("A radio", ["One", "Two", "Three"], horizontal=True, key="gallery_radio")
        st.selectbox("A selectbox", ["Apples", "Pears", "Plums"], key="gallery_selectbox")
        st.multiselect("A multiselect", ["Red", "Green", "Blue"], ["Red"], key="gallery_multi")
        st.color_picker("A color picker", "#0B7285", key="gallery_color")
    with right:
        st.slider("A slider", 0, 100, 40, key="gallery_slider")
        st.slider("A range slider", 0, 100, (20, 80), key="gallery_range")
        st.select_slider("A select slider", ["S", "M", "L", "XL"], "M", key="gallery_size")
        st.text_input("A text input", placeholder="Type here", key="gallery_text")
        st.number_input("A number input", 0.0, 10.0, 2.5, step=0.5, key="gallery_number")
        st.date_input("A date input", datetime.date(2026, 1, 15), key="gallery_date")
        st.time_input("A time input", datetime.time(9, 30), key="gallery_time")
    st.text_area("A text area", "Several\nlines", key="gallery_area")
    with st.form("gallery_form", enter_to_submit=False):
        st.text_input("In a form", key="gallery_form_text")
        if st.form_submit_button("Submit the form"):
            st.write("Submitted:", st.session_state.gallery_form_text)


def page_section() -> None:
    st.header("The page and the browser", divider=True)
    st.write(
        'This page calls `st.set_page_config(layout="wide")`; the page menu (top right) has '
        "rerun, settings (theme, wide mode, run on save) and the app's links."
    )
    ctx = st.context
    st.write("Your timezone:", ctx.timezone, "| language:", ctx.locale, "| theme:", ctx.theme.type)
    st.write("Logged in:", st.user.is_logged_in, "| secrets:", len(st.secrets))
    component_html(
        "<div style='font:14px system-ui;color:#0b7285'>"
        "A <b>components.v1.html</b> frame: <span id='n'>0</span> clicks "
        '<button onclick="n.textContent=+n.textContent+1">+1</button></div>',
        height=40,
    )


def gallery() -> None:
    """The whole gallery page."""
    st.set_page_config(page_title="Gallery · tidal", layout="wide")
    st.header("Gallery")
    st.caption("Every element tidal has, on one page.")
    text_section()
    layout_section()
    overlay_section()
    input_section()
    page_section()
