"""Text, callouts and status elements, tested as a Streamlit user tests them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def app(source: str) -> AppTest:
    return AppTest.from_string(source).run()


def test_headings_have_their_text_tag_anchor_and_icon():
    at = app(
        """
import streamlit as st
st.title("Hello", anchor="top")
st.header("Part :blue[one]")
st.subheader("Details", anchor=False)
"""
    )
    assert at.title[0].value == "Hello"
    assert at.title[0].tag == "h1"
    assert at.title[0].anchor == "top"
    assert at.header[0].value == "Part :blue[one]"
    assert at.header[0].tag == "h2"
    assert at.subheader[0].tag == "h3"
    assert at.subheader[0].hide_anchor is True
    assert at.title[0].icon == ""


def test_markdown_caption_latex_and_divider_values():
    at = app(
        """
import streamlit as st
st.markdown("**bold**", unsafe_allow_html=True)
st.caption("small print")
st.latex("e^{i\\\\pi}")
st.divider()
"""
    )
    assert at.markdown[0].value == "**bold**"
    assert at.markdown[0].allow_html is True
    assert at.markdown[0].is_caption is False
    assert at.caption[0].value == "small print"
    assert at.caption[0].is_caption is True
    assert at.latex[0].value == "$$\ne^{i\\pi}\n$$"
    assert at.divider[0].value == "---"


def test_text_code_and_json():
    at = app(
        """
import streamlit as st
st.text("plain")
st.code("x = 1", language="python")
st.json({"a": 1}, expanded=False)
"""
    )
    assert at.text[0].value == "plain"
    assert at.code[0].value == "x = 1"
    assert at.code[0].language == "python"
    assert at.json[0].expanded is False
    assert at.json.len == 1


def test_callouts_have_their_message_and_icon():
    at = app(
        """
import streamlit as st
st.error("bad", icon="🚨")
st.warning("careful")
st.info("note")
st.success("done", icon="✅")
"""
    )
    assert at.error[0].value == "bad"
    assert at.error[0].icon == "🚨"
    assert at.warning.values == ["careful"]
    assert at.info[0].value == "note"
    assert at.success[0].icon == "✅"
    assert at.warning[0].icon == ""


def test_an_uncaught_exception_is_shown_not_raised():
    at = app(
        """
import streamlit as st
st.text("before")
1 / 0
"""
    )
    assert at.text[0].value == "before"
    exc = at.exception[0]
    assert exc.value == "division by zero"
    assert exc.message == "division by zero"
    assert exc.is_markdown is False
    assert exc.stack_trace


def test_an_api_error_is_streamlits_class():
    at = app(
        """
import streamlit as st
from streamlit.errors import StreamlitAPIException
try:
    st.session_state["$$ID-forged"] = 1
except StreamlitAPIException as e:
    st.text(type(e).__name__)
"""
    )
    assert at.text[0].value == "StreamlitAPIException"


def test_toast_progress_and_metric():
    at = app(
        """
import streamlit as st
st.toast("saved", icon="💾")
st.progress(40, text="loading")
st.progress(0.25)
st.metric("Temp", "21 °C", "1.2 °C")
"""
    )
    assert at.toast[0].value == "saved"
    assert at.toast[0].icon == "💾"
    assert at.progress[0].text == "loading"
    assert at.progress.values == [40, 25]
    assert at.metric[0].value == "21 °C"
    assert at.metric[0].label == "Temp"
    assert at.metric[0].delta == "1.2 °C"


def test_elements_can_be_found_by_type_name():
    at = app(
        """
import streamlit as st
st.markdown("a")
st.text("b")
st.markdown("c")
"""
    )
    assert [e.value for e in at.get("markdown")] == ["a", "c"]
    assert at.get("text")[0].value == "b"


def test_elements_cannot_be_clicked_or_set():
    import pytest
    from streamlit.testing.v1 import AppTestError

    at = app('import streamlit as st\nst.markdown("m")\nst.checkbox("c")\n')
    with pytest.raises(AppTestError, match="not supported for markdown"):
        at.markdown[0].set_value("x")
    with pytest.raises(AppTestError, match="not supported for checkbox"):
        at.checkbox[0].click()
    assert list(at.markdown[0]) == [at.markdown[0]]
