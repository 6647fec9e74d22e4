"""Menus, chat, downloads, links and file inputs, tested as a Streamlit user tests them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def app(source: str) -> AppTest:
    return AppTest.from_string(source).run()


def test_chat_input_sends_a_message_once():
    at = app(
        """
import streamlit as st
st.session_state.setdefault("said", [])
if prompt := st.chat_input("Say something"):
    st.session_state.said.append(prompt)
for line in st.session_state.said:
    with st.chat_message("user"):
        st.markdown(line)
"""
    )
    assert at.chat_input[0].placeholder == "Say something"
    at.chat_input[0].set_value("hello").run()
    assert at.chat_message[0].markdown[0].value == "hello"
    at.run()
    assert at.session_state.said == ["hello"]


def test_download_button_click_is_true_for_one_run():
    at = app(
        """
import streamlit as st
st.text(str(st.download_button("Get", b"data", file_name="d.bin", on_click="rerun")))
"""
    )
    assert at.download_button[0].label == "Get"
    at.download_button[0].click().run()
    assert at.text[0].value == "True"
    at.run()
    assert at.text[0].value == "False"


def test_a_link_buttons_value_is_its_label():
    at = app('import streamlit as st\nst.link_button("Docs", "https://example.com")\n')
    assert at.link_button[0].value == "Docs"


def test_feedback_takes_an_index():
    at = app('import streamlit as st\nst.text(repr(st.feedback("stars")))\n')
    at.feedback[0].set_value(3).run()
    assert at.text[0].value == "3"


def test_menu_button_and_pagination():
    at = app(
        """
import streamlit as st
choice = st.menu_button("Export", ["csv", "json"], format_func=str.upper)
page = st.pagination(5)
st.text(repr((choice, page)))
"""
    )
    assert at.menu_button[0].format_func("csv") == "CSV"
    at.menu_button[0].click("json").run()
    assert at.text[0].value == "('json', 1)"
    at.pagination[0].select(3).run()
    assert at.text[0].value == "(None, 3)"
    assert at.pagination[0].num_pages == 5


def test_file_uploader_takes_staged_files():
    at = app(
        """
import streamlit as st
files = st.file_uploader("Files", accept_multiple_files=True, type=["csv"])
for f in files or []:
    st.text(f"{f.name}: {f.getvalue().decode()}")
"""
    )
    uploader = at.file_uploader[0]
    assert uploader.accept_multiple_files is True
    uploader.upload("a.csv", b"x,y", "text/csv").upload("b.csv", b"1,2", "text/csv").run()
    assert at.text.values == ["a.csv: x,y", "b.csv: 1,2"]
    at.file_uploader[0].clear().run()
    assert at.text.len == 0


def test_a_page_outside_the_pagination_is_refused():
    import pytest
    from streamlit.testing.v1 import AppTestError

    at = app('import streamlit as st\nst.pagination(3, key="p")\n')
    with pytest.raises(AppTestError, match="Page must be an int between 1 and 3"):
        at.pagination[0].select(9)
    with pytest.raises(AppTestError):
        at.pagination[0].set_value(True)


def test_help_shows_a_name_and_a_summary():
    at = app(
        """
import streamlit as st
def greet(name):
    '''Say hello.'''
st.help(greet)
st.help("Hello")
"""
    )
    assert (at.help[0].name, at.help[0].value, at.help[0].doc_string) == (
        "greet",
        "greet",
        "Say hello.",
    )
    assert at.help[1].value == "'Hello'"
