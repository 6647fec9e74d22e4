"""st.set_page_config and st.logo: what the page itself shows."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def page_config(at):
    nodes = [n for n in at._walk() if n.type == "page_config"]
    assert len(nodes) <= 1
    return nodes[0].props if nodes else None


def test_set_page_config_sends_title_icon_layout_sidebar_and_menu(app_test):
    at = app_test("""
        import tidal as st
        st.set_page_config(
            page_title="Sales", page_icon="📈", layout="wide",
            initial_sidebar_state="collapsed",
            menu_items={"Get help": "https://example.com/help", "Report a bug": None,
                        "About": "# Sales\\nMarkdown"},
        )
    """).run()
    assert page_config(at) == {
        "title": "Sales",
        "icon": "📈",
        "layout": "wide",
        "sidebar": "collapsed",
        "menu": {
            "get_help": "https://example.com/help",
            "report_a_bug": None,
            "about": "# Sales\nMarkdown",
        },
    }


def test_set_page_config_may_be_called_again_and_changes_only_what_it_is_given(app_test):
    at = app_test("""
        import tidal as st
        st.set_page_config(page_title="First", layout="wide")
        st.write("body")
        st.set_page_config(page_title="Second", page_icon=":material/home:")
    """).run()
    assert page_config(at) == {"title": "Second", "layout": "wide", "icon": ":material/home:"}
    assert at.markdown[0].value == "body"  # the page config is not part of the main area
    assert len(at.main.children) == 1


def test_a_run_without_set_page_config_drops_the_previous_one(app_test):
    at = app_test("""
        import tidal as st
        if not st.session_state.get("done"):
            st.set_page_config(page_title="Once")
        st.session_state.done = True
    """).run()
    assert page_config(at)["title"] == "Once"
    at.run()
    assert page_config(at) is None


def test_the_sidebar_may_start_with_a_width_in_pixels(app_test):
    at = app_test("import tidal as st\nst.set_page_config(initial_sidebar_state=400)\n").run()
    assert page_config(at)["sidebar"] == 400


def test_page_icon_random_picks_an_emoji(app_test):
    at = app_test('import tidal as st\nst.set_page_config(page_icon="random")\n').run()
    icon = page_config(at)["icon"]
    assert icon and not icon.isascii()


def test_page_icon_takes_image_bytes_a_file_and_a_url(app_test, tmp_path: Path):
    (tmp_path / "icon.png").write_bytes(PNG)
    at = app_test(f"""
        import tidal as st
        choice = st.session_state.get("choice", 0)
        icons = [{PNG!r}, {str(tmp_path / "icon.png")!r}, "https://example.com/favicon.ico"]
        st.set_page_config(page_icon=icons[choice])
    """).run()
    assert page_config(at)["icon_url"] == "data:image/png;base64," + base64.b64encode(PNG).decode()
    at.session_state.choice = 1
    at.run()
    assert page_config(at)["icon_url"].startswith("data:image/png;base64,")
    at.session_state.choice = 2
    at.run()
    assert page_config(at)["icon_url"] == "https://example.com/favicon.ico"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('layout="full"', '`layout` must be `"centered"` or `"wide"` (got `"full"`)'),
        ('initial_sidebar_state="open"', "`initial_sidebar_state` must be"),
        ('menu_items={"Help": "https://x.org"}', 'We only accept the keys: `"Get help"`'),
        ('menu_items={"Get help": "not a url"}', '"not a url" is a not a valid URL!'),
        ('page_icon=":material/Home Icon:"', "is not a valid Material icon"),
        ('page_icon="no/such/file.png"', "is not an emoji, a Material icon, a URL or an image"),
        ("page_icon=3.5", "got a float"),
    ],
)
def test_set_page_config_refuses_bad_arguments_with_streamlits_messages(app_test, call, message):
    at = app_test(f"import tidal as st\nst.set_page_config({call})\n").run()
    assert message in at.exception[0].value


def test_logo_goes_to_the_page_with_its_size_and_link(app_test):
    at = app_test(f"""
        import tidal as st
        st.logo({PNG!r}, size="large", link="https://example.com", icon_image="https://e.org/i.png")
    """).run()
    logo = next(n for n in at._walk() if n.type == "logo")
    assert logo.props["image"].startswith("data:image/png;base64,")
    assert logo.props["size"] == "large" and logo.props["link"] == "https://example.com"
    assert logo.props["icon_image"] == "https://e.org/i.png"
    assert not at.main.children


def test_logo_refuses_an_unknown_size(app_test):
    at = app_test('import tidal as st\nst.logo("https://e.org/l.png", size="huge")\n').run()
    assert "st.logo got size='huge'" in at.exception[0].value
