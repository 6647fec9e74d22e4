"""``st.download_button``'s keyboard shortcut: checked and claimed as a button's."""

from __future__ import annotations


def test_a_download_shortcut_is_spelled_as_a_buttons(app_test):
    at = app_test("""
        import tidal as st
        st.download_button("Save", b"x", file_name="x.bin", shortcut="Ctrl+Shift+S", wrap=False)
    """).run()
    props = at.download_button[0].props
    assert props["shortcut"] == "ctrl+shift+s" and props["wrap"] is False


def test_a_bad_download_shortcut_is_refused(app_test):
    at = app_test("""
        import tidal as st
        st.download_button("Save", b"x", file_name="x.bin", shortcut="r")
    """).run()
    assert at.exception[0].value.startswith("shortcut='r' is reserved")  # as for st.button


def test_two_elements_cannot_share_a_shortcut(app_test):
    at = app_test("""
        import tidal as st
        st.button("Go", shortcut="Ctrl+K")
        st.download_button("Save", b"x", file_name="x.bin", shortcut="Ctrl+K")
    """).run()
    assert 'The shortcut "ctrl+k" is already used by another element' in at.exception[0].value
