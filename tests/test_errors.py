"""The error classes a script sees and catches carry Streamlit's names (issue 15)."""

from __future__ import annotations

import tidal as st
from tidal import errors


def test_api_errors_are_named_as_on_streamlit():
    exc = errors.TidalAPIError("bad")
    assert type(exc).__name__ == "StreamlitAPIException"
    assert errors.TidalAPIError is errors.StreamlitAPIException


def test_markdown_formatted_exception_is_the_parent_of_api_errors():
    assert issubclass(errors.StreamlitAPIException, errors.MarkdownFormattedException)
    assert issubclass(errors.MarkdownFormattedException, errors.Error)
    assert errors.TidalError is errors.Error


def test_st_errors_is_reachable_from_the_public_module():
    assert st.errors.MarkdownFormattedException is errors.MarkdownFormattedException


def test_the_exception_element_shows_streamlits_class_name(app_test):
    at = app_test("""
        import tidal as st
        st.columns(0)
    """).run()
    assert at.exception[0].exception_type == "StreamlitAPIException"
    assert at.exception[0].is_markdown


def test_a_script_catches_api_errors_by_streamlits_name(app_test):
    at = app_test("""
        import tidal as st
        from tidal.errors import StreamlitAPIException
        try:
            st.columns(0)
        except StreamlitAPIException as e:
            st.write(type(e).__name__)
    """).run()
    assert at.markdown[0].value == "StreamlitAPIException"


def test_a_syntax_error_shows_the_offending_line_of_the_app_not_the_parser(app_test):
    at = app_test("""
        import tidal as st
        st.write(1)
        x = (1,
    """).run()
    error = at.exception[0]
    assert error.exception_type == "SyntaxError"
    lines = error.value.splitlines()
    assert lines[0].startswith('File "') and lines[0].endswith(", line 4")
    assert lines[1] == "  x = (1,"
    assert lines[2].strip() == "^"
    assert lines[3] == "SyntaxError: '(' was never closed"
    assert error.stack_trace == []
    assert not any("ast.py" in line for line in error.stack_trace)
