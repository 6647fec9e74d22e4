"""AppTest's chat input: ``set_value`` stages the text, ``upload`` attaches files to a chat
input with ``accept_file`` (issue 11), ``clear`` stages nothing; the next ``run()`` sends the
message, which the script gets once."""

from __future__ import annotations

import pytest

from tidal.testing import AppTestError

SHOW = """
    import tidal as st
    st.session_state.setdefault("got", [])
    v = st.chat_input("Say", {args})
    if v is not None:
        st.session_state.got.append(
            (v.text, [(f.name, f.type, f.read()) for f in v.files])
        )
"""


def app(app_test, args):
    return app_test(SHOW.format(args=args)).run()


def test_an_uploaded_file_reaches_the_script_with_the_text(app_test):
    at = app(app_test, "accept_file=True")
    at.chat_input[0].set_value("read this").upload("notes.txt", b"hello", "text/plain").run()
    assert at.session_state.got == [("read this", [("notes.txt", "text/plain", b"hello")])]


def test_a_message_of_files_alone_has_empty_text(app_test):
    at = app(app_test, "accept_file=True")
    at.chat_input[0].upload("a.bin", b"\x00\x01").run()
    assert at.session_state.got == [("", [("a.bin", "application/octet-stream", b"\x00\x01")])]


def test_the_value_is_the_staged_message_until_the_run_then_none_on_the_next_run(app_test):
    at = app(app_test, "accept_file=True")
    box = at.chat_input[0].upload("a.txt", b"x", "text/plain").set_value("hi")
    assert box.value.text == "hi" and [f.name for f in box.value.files] == ["a.txt"]
    at.run()
    assert at.chat_input[0].value.files[0].getvalue() == b"x"
    at.run()
    assert at.chat_input[0].value is None
    assert len(at.session_state.got) == 1


def test_text_staged_before_or_after_the_files_goes_with_them(app_test):
    at = app(app_test, "accept_file=True")
    at.chat_input[0].set_value("first").upload("a.txt", b"x", "text/plain").run()
    at.chat_input[0].upload("b.txt", b"y", "text/plain").set_value("second").run()
    assert [(text, [f[0] for f in files]) for text, files in at.session_state.got] == [
        ("first", ["a.txt"]),
        ("second", ["b.txt"]),
    ]


def test_accept_file_true_takes_one_file_per_message_the_first_staged(app_test):
    at = app(app_test, "accept_file=True")
    at.chat_input[0].upload("a.txt", b"1", "text/plain").upload("b.txt", b"2", "text/plain")
    at.run()
    assert at.session_state.got == [("", [("a.txt", "text/plain", b"1")])]


def test_accept_file_multiple_takes_every_staged_file_in_order(app_test):
    at = app(app_test, "accept_file='multiple'")
    box = at.chat_input[0]
    box.upload("a.csv", b"a", "text/csv").upload("b.png", b"b", "image/png")
    box.set_value("two").run()
    assert at.session_state.got == [
        ("two", [("a.csv", "text/csv", b"a"), ("b.png", "image/png", b"b")])
    ]


def test_accept_file_directory_takes_a_folders_files_by_path(app_test):
    at = app(app_test, "accept_file='directory'")
    box = at.chat_input[0]
    box.upload("docs/a.md", b"# A", "text/markdown").upload(
        "docs/sub/b.md", b"# B", "text/markdown"
    )
    at.run()
    assert [name for name, _, _ in at.session_state.got[0][1]] == ["docs/a.md", "docs/sub/b.md"]


def test_a_file_type_the_chat_input_does_not_take_is_refused_at_once(app_test):
    at = app(app_test, "accept_file='multiple', file_type=['csv', 'image']")
    box = at.chat_input[0]
    with pytest.raises(
        ValueError, match=r"tool\.exe.*application/x-msdownload files are not allowed"
    ):
        box.upload("tool.exe", b"MZ", "application/x-msdownload")
    box.upload("data.csv", b"a,b", "text/csv").upload("cat.png", b"png", "image/png").run()
    assert [name for name, _, _ in at.session_state.got[0][1]] == ["data.csv", "cat.png"]


def test_a_file_over_max_upload_size_is_refused_at_once(app_test):
    at = app(app_test, "accept_file=True, max_upload_size=1")
    with pytest.raises(ValueError, match=r"File must be 1\.0MB or smaller"):
        at.chat_input[0].upload("big.bin", b"x" * (1024 * 1024 + 1))
    at.run()
    assert at.session_state.got == []


def test_upload_on_a_chat_input_without_accept_file_says_how_to_take_files(app_test):
    at = app(app_test, "key='c'")
    with pytest.raises(AppTestError, match="accept_file=True, 'multiple' or 'directory'"):
        at.chat_input(key="c").upload("a.txt", b"x", "text/plain")


def test_upload_on_a_disabled_chat_input_is_refused(app_test):
    at = app(app_test, "accept_file=True, disabled=True")
    with pytest.raises(AppTestError, match="disabled"):
        at.chat_input[0].upload("a.txt", b"x", "text/plain")


def test_clear_drops_the_staged_text_and_files_so_no_message_is_sent(app_test):
    at = app(app_test, "accept_file='multiple'")
    box = at.chat_input[0].set_value("oops").upload("a.txt", b"x", "text/plain")
    box.clear()
    assert box.value is None
    at.run()
    assert at.session_state.got == []
    assert at.chat_input[0].value is None


def test_clear_then_a_new_message_sends_only_the_new_one(app_test):
    at = app(app_test, "accept_file='multiple'")
    at.chat_input[0].upload("old.txt", b"o", "text/plain").clear()
    at.chat_input[0].set_value("new").upload("new.txt", b"n", "text/plain").run()
    assert at.session_state.got == [("new", [("new.txt", "text/plain", b"n")])]


def test_set_value_none_is_clear(app_test):
    at = app(app_test, "accept_file=True")
    at.chat_input[0].upload("a.txt", b"x", "text/plain").set_value(None).run()
    assert at.session_state.got == []


def test_a_text_only_chat_input_still_gets_a_plain_string(app_test):
    at = app_test(
        """
        import tidal as st
        if v := st.chat_input("Say"):
            st.text(repr(v))
        """
    ).run()
    at.chat_input[0].set_value("hi").run()
    assert at.text[0].value == "'hi'"


def test_on_submit_sees_the_files_in_session_state(app_test):
    at = app_test(
        """
        import tidal as st
        def got():
            st.session_state.names = [f.name for f in st.session_state.box.files]
        st.chat_input("Say", key="box", accept_file="multiple", on_submit=got)
        """
    ).run()
    at.chat_input(key="box").upload("a.txt", b"x", "text/plain").upload("b.txt", b"y").run()
    assert at.session_state.names == ["a.txt", "b.txt"]


def test_text_over_max_chars_is_cut_to_it_with_files_too(app_test):
    at = app(app_test, "accept_file=True, max_chars=3")
    at.chat_input[0].set_value("abcdef").upload("a.txt", b"x", "text/plain").run()
    assert at.session_state.got == [("abc", [("a.txt", "text/plain", b"x")])]
