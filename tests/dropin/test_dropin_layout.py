"""Layout blocks and narrowing, tested as a Streamlit user tests them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def app(source: str) -> AppTest:
    return AppTest.from_string(source).run()


def test_columns_have_their_weight_and_gap_and_narrow_queries():
    at = app(
        """
import streamlit as st
left, right = st.columns([3, 1], gap="large")
left.button("in left")
with right:
    st.markdown("in right")
st.markdown("below")
"""
    )
    cols = at.columns
    assert cols.len == 2
    assert [c.weight for c in cols] == [0.75, 0.25]
    assert cols[0].gap == "large"
    assert cols[0].button[0].label == "in left"
    assert cols[0].markdown.len == 0
    assert [m.value for m in cols[1].markdown] == ["in right"]
    assert at.markdown.values == ["in right", "below"]


def test_tabs_expanders_and_status_have_their_labels():
    at = app(
        """
import streamlit as st
one, two = st.tabs(["One", "Two"])
two.text("second")
with st.expander("More", icon="📁"):
    st.text("hidden")
with st.status("Working", state="complete"):
    st.text("step")
"""
    )
    assert [t.label for t in at.tabs] == ["One", "Two"]
    assert at.tabs[1].text[0].value == "second"
    assert at.tabs[0].text.len == 0
    assert at.expander[0].label == "More"
    assert at.expander[0].icon == "📁"
    assert at.expander[0].text[0].value == "hidden"
    assert at.status[0].label == "Working"
    assert at.status[0].state == "complete"
    assert at.status[0].text[0].value == "step"


def test_chat_messages_have_a_name_and_their_contents():
    at = app(
        """
import streamlit as st
with st.chat_message("user"):
    st.markdown("hi")
with st.chat_message("assistant", avatar="🤖"):
    st.markdown("hello")
"""
    )
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    assert at.chat_message[1].avatar == "🤖"
    assert at.chat_message[1].markdown[0].value == "hello"
    assert at.chat_message[0].get("markdown")[0].value == "hi"


def test_main_and_sidebar_are_queried_apart():
    at = app(
        """
import streamlit as st
st.sidebar.radio("Page", ["a", "b"])
st.radio("Choice", ["x", "y"])
"""
    )
    assert [r.label for r in at.sidebar.radio] == ["Page"]
    assert [r.label for r in at.main.radio] == ["Choice"]
    assert at.radio.len == 2


def test_a_container_filled_later_keeps_its_place_on_the_page():
    at = app(
        """
import streamlit as st
box = st.container()
st.text("second")
box.text("first")
slot = st.empty()
st.text("fourth")
slot.text("third")
left, right = st.columns(2)
right.text("sixth")
left.text("fifth")
tab1, tab2 = st.tabs(["a", "b"])
tab2.text("eighth")
with tab1:
    st.text("seventh")
"""
    )
    assert at.text.values == [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
    ]


def test_a_block_lists_its_children_by_position():
    at = app(
        """
import streamlit as st
st.text("a")
with st.container():
    st.text("b")
"""
    )
    children = at.main.children
    assert list(children) == [0, 1]
    assert children[0].value == "a"
    assert children[1].type == "flex_container"  # Streamlit's name for st.container
    assert len(at.main) == 2
    assert at.container[0].text[0].value == "b"


def test_forms_hold_their_widgets_until_submitted():
    at = app(
        """
import streamlit as st
with st.form("signup"):
    name = st.text_input("Name")
    sent = st.form_submit_button("Send")
st.text(f"{name!r} {sent}")
"""
    )
    assert at.form[0].key == "signup"
    assert at.form_submit_button[0].label == "Send"
    at.text_input[0].input("Ada").run()
    assert at.text[0].value == "'' False"
    at.text_input[0].input("Ada")
    at.form_submit_button[0].click().run()
    assert at.text[0].value == "'Ada' True"
    assert at.form[0].text_input[0].value == "Ada"


def test_element_lists_slice_and_compare_like_lists():
    at = app("import streamlit as st\nfor i in range(4):\n    st.text(str(i))\n")
    assert len(at.text[1:3]) == 2
    assert at.text[1:3].values == ["1", "2"]
    assert at.text[-1].value == "3"
    assert at.text[1:3] == [at.text[1], at.text[2]]


def test_the_app_is_its_main_area_then_its_sidebar():
    at = app(
        """
import streamlit as st
st.sidebar.text_input("In the sidebar", key="side")
st.text("main")
"""
    )
    assert at[0].type == "main" and at[1].type == "sidebar"
    assert at[0].text[0].value == "main"
    assert at[1].text_input[0].label == "In the sidebar"
    assert at.get_by_key("side").label == "In the sidebar"
    assert [e.type for e in at if e.type in ("text", "text_input")] == ["text", "text_input"]
