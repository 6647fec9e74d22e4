"""Multipage apps (MP-1..5, AT-10): the ``pages/`` folder, ``st.navigation``/``st.Page``,
``st.switch_page``, ``st.page_link``, and the ``pages``/``navigate`` messages."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tidal.pagefiles import icon_and_name, page_sort_key
from tidal.pages import App
from tidal.runner import Script
from tidal.testing import AppTest


def write_app(root: Path, files: dict[str, str]) -> Path:
    """Write the files (the first is the entrypoint) under ``root``; returns the entrypoint."""
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return root / next(iter(files))


FOLDER_APP = {
    "main.py": """
        import tidal as st
        st.session_state.setdefault("visits", [])
        st.session_state.visits.append("main")
        st.text_input("main widget", key="mw")
        st.text_input("shared label")
        st.text(f"main: keys={sorted(st.session_state.keys())}")
    """,
    "pages/1_page_one.py": """
        import tidal as st
        st.session_state.setdefault("visits", [])
        st.session_state.visits.append("p1")
        st.text_input("p1 widget", key="p1w")
        st.text_input("shared label")
        st.text(f"p1: keys={sorted(st.session_state.keys())}")
    """,
}

NAV_APP = {
    "app.py": """
        import tidal as st
        st.session_state.setdefault("log", [])
        st.session_state.log.append("entrypoint")
        st.text_input("common (entrypoint)", key="common")

        def home():
            st.text_input("home widget", key="hw")
            st.text_input("same label")
            st.text(f"home keys={sorted(st.session_state.keys())}")

        def other():
            st.text_input("other widget", key="ow")
            st.text_input("same label")
            st.text(f"other keys={sorted(st.session_state.keys())}")

        home_p = st.Page(home, title="Home", icon="🏠", url_path="home", default=True)
        other_p = st.Page(other, title="Other", url_path="other")
        pg = st.navigation([home_p, other_p])
        goto = st.session_state.pop("goto", None)
        if goto:
            st.switch_page(home_p if goto == "home" else other_p)
        st.text(f"current page title={pg.title}")
        pg.run()
    """,
}

NAV_FILES_APP = {
    "app.py": """
        import tidal as st
        st.text_input("common (entrypoint)", key="common")
        pg = st.navigation([st.Page("home.py", default=True), st.Page("other.py")])
        goto = st.session_state.pop("goto", None)
        if goto:
            st.switch_page(goto)
        pg.run()
    """,
    "home.py": """
        import tidal as st
        st.text_input("home widget", key="hw")
        st.text(f"home keys={sorted(st.session_state.keys())}")
    """,
    "other.py": """
        import tidal as st
        st.text_input("other widget", key="ow")
        st.text(f"other keys={sorted(st.session_state.keys())}")
    """,
}


def app_at(tmp_path: Path, files: dict[str, str]) -> AppTest:
    return AppTest.from_file(write_app(tmp_path, files), default_timeout=10).run()


def state_of(at: AppTest) -> dict[str, object]:
    return at.session_state.to_dict()


# ----------------------------------------------------------------------------- MP rules
def test_MP_1_one_session_state_is_shared_by_all_pages(tmp_path):
    at = app_at(tmp_path, FOLDER_APP)
    at.switch_page("pages/1_page_one.py").run()
    at.switch_page("main.py").run()
    assert at.session_state.visits == ["main", "p1", "main"]


def test_MP_1_user_keys_are_shared_across_st_navigation_pages(tmp_path):
    at = app_at(tmp_path, NAV_APP)
    at.session_state.goto = "other"
    at.run()
    assert at.session_state.log == ["entrypoint", "entrypoint", "entrypoint"]


def test_MP_2_a_keyless_widget_with_the_same_label_on_two_pages_is_two_widgets(tmp_path):
    at = app_at(tmp_path, FOLDER_APP)
    main_id = at.text_input[1].id
    at.text_input[1].input("typed on main").run()
    at.switch_page("pages/1_page_one.py").run()
    assert at.text_input[1].label == "shared label"
    assert at.text_input[1].id != main_id
    assert at.text_input[1].value == ""


def test_MP_2_entrypoint_widgets_keep_their_id_on_every_page(tmp_path):
    at = app_at(tmp_path, NAV_APP)
    on_home = at.text_input(key="common").id
    at.session_state.goto = "other"
    at.run()
    assert at.text_input(key="common").id == on_home
    assert at.text_input[2].id != on_home


def test_MP_2_code_run_by_a_page_uses_the_page_hash_even_when_defined_in_the_entrypoint(
    tmp_path,
):
    at = app_at(
        tmp_path,
        {
            "app.py": """
                import tidal as st
                def shared():
                    return st.text_input("shared")
                def a():
                    shared()
                def b():
                    shared()
                pa, pb = st.Page(a, default=True), st.Page(b)
                pg = st.navigation([pa, pb])
                if st.session_state.pop("go", False):
                    st.switch_page(pb)
                pg.run()
            """
        },
    )
    id_on_a = at.text_input[0].id
    at.session_state.go = True
    at.run()
    assert at.text_input[0].id != id_on_a


def test_MP_2_a_page_starts_from_defaults_when_you_come_back(tmp_path):
    at = app_at(tmp_path, FOLDER_APP)
    at.text_input(key="mw").input("M").run()
    at.switch_page("pages/1_page_one.py").run()
    at.switch_page("main.py").run()
    assert at.text_input(key="mw").value == ""
    assert state_of(at)["mw"] == ""


def test_MP_3_the_old_pages_widgets_are_readable_during_the_first_run_of_the_new_page(tmp_path):
    at = app_at(tmp_path, FOLDER_APP)
    at.text_input(key="mw").input("M").run()
    at.switch_page("pages/1_page_one.py").run()
    assert at.text[0].value == "p1: keys=['mw', 'p1w', 'visits']"
    assert "mw" not in at.session_state  # cleaned up at the end of that run
    at.text_input(key="p1w").input("P").run()
    assert at.text[0].value == "p1: keys=['p1w', 'visits']"


def test_MP_4_entrypoint_widgets_keep_their_value_across_user_navigation(tmp_path):
    at = app_at(tmp_path, NAV_FILES_APP)
    at.text_input(key="common").input("C")
    at.text_input(key="hw").input("H")
    at.run()
    at.switch_page("other.py").run()
    assert at.text[0].value == "other keys=['common', 'hw', 'ow']"
    assert state_of(at) == {"common": "C", "ow": ""}


def test_MP_5_switch_page_drops_every_widget_value_including_the_entrypoints(tmp_path):
    at = app_at(tmp_path, NAV_FILES_APP)
    at.text_input(key="common").input("C").run()
    at.switch_page("other.py").run()
    at.text_input(key="ow").input("O").run()
    at.session_state.goto = "home.py"
    at.run()
    assert at.text[0].value == "home keys=['common', 'hw']"  # `ow` was never readable
    assert state_of(at) == {"common": "", "hw": ""}


def test_MP_5_user_keys_survive_switch_page(tmp_path):
    at = app_at(tmp_path, NAV_APP)
    at.text_input(key="common").input("C").run()
    at.session_state.goto = "other"
    at.run()
    assert at.text[0].value == "current page title=Other"
    assert at.session_state.common == ""
    assert len(at.session_state.log) == 4  # the run that switched, and the new page's run


def test_switch_page_works_from_a_callback(tmp_path):
    at = app_at(
        tmp_path,
        {
            "main.py": """
                import tidal as st
                st.button("Go", key="go", on_click=st.switch_page, args=("pages/1_next.py",))
                st.text("main")
            """,
            "pages/1_next.py": """
                import tidal as st
                st.text("next")
            """,
        },
    )
    at.button(key="go").click().run()
    assert at.text.values == ["next"]


def test_switch_page_to_a_file_that_is_not_a_page_explains_what_is_supported(tmp_path):
    at = app_at(
        tmp_path,
        {
            "main.py": """
                import tidal as st
                st.switch_page("elsewhere.py")
            """,
            "elsewhere.py": "",
        },
    )
    assert at.exception[0].value.startswith(
        "Could not find page: `elsewhere.py`. Must be the file path relative to the main script"
    )


def test_pages_that_keep_switching_stop_after_a_bound(tmp_path):
    at = app_at(
        tmp_path,
        {
            "main.py": """
                import tidal as st
                st.switch_page("pages/1_ping.py")
            """,
            "pages/1_ping.py": """
                import tidal as st
                st.switch_page("main.py")
            """,
        },
    )
    assert at._session.last_status == "stopped"


# ----------------------------------------------------------------------------- pages/ folder
@pytest.mark.parametrize(
    ("filename", "icon", "name"),
    [
        ("1_page_one.py", "", "page_one"),
        ("02_Page Two.py", "", "Page_Two"),
        ("2_📈_Plotting.py", "📈", "Plotting"),
        ("settings.py", "", "settings"),
        ("10_-_dashes.py", "", "dashes"),
        ("3.py", "", "3"),
    ],
)
def test_a_page_files_name_gives_its_icon_and_url_name(filename, icon, name):
    assert icon_and_name(filename) == (icon, name)


def test_pages_are_ordered_by_number_prefix_then_name_and_unnumbered_last(tmp_path):
    main = write_app(
        tmp_path,
        {
            "main.py": "",
            "pages/10_ten.py": "",
            "pages/2_two.py": "",
            "pages/beta.py": "",
            "pages/Alpha.py": "",
            "pages/1_page_one.py": "",
            "pages/__init__.py": "",
            "pages/.hidden.py": "",
            "pages/notes.txt": "",
        },
    )
    pages = App(Script(main)).folder_pages()
    assert [(p.url_path, p.title) for p in pages] == [
        ("", "main"),
        ("page_one", "page one"),
        ("two", "two"),
        ("ten", "ten"),
        ("Alpha", "Alpha"),
        ("beta", "beta"),
    ]
    assert sorted(["b.py", "1_z.py", "a.py"], key=page_sort_key) == ["1_z.py", "a.py", "b.py"]


def test_a_new_page_file_appears_without_a_restart(tmp_path):
    main = write_app(tmp_path, FOLDER_APP)
    app = App(Script(main))
    assert len(app.folder_pages()) == 2
    (tmp_path / "pages" / "2_late.py").write_text("")
    assert [p.url_path for p in app.folder_pages()] == ["", "page_one", "late"]


def test_AT_10_switching_an_apptest_to_a_file_that_does_not_exist_raises(tmp_path):
    at = app_at(tmp_path, FOLDER_APP)
    with pytest.raises(ValueError, match=r"Unable to find script at pages/nope\.py"):
        at.switch_page("pages/nope.py")


def test_AT_10_switching_an_apptest_to_a_file_that_is_not_a_page_raises_at_run(tmp_path):
    at = app_at(tmp_path, {**NAV_APP, "stray.py": ""})
    with pytest.raises(ValueError, match="Could not find page"):
        at.switch_page("stray.py").run()


# ----------------------------------------------------------------------------- st.navigation
def test_navigation_returns_the_default_page_with_its_title_icon_and_url_path(tmp_path):
    at = app_at(
        tmp_path,
        {
            "app.py": """
                import tidal as st
                def first(): st.text("first")
                def second_page(): st.text("second")
                pg = st.navigation([st.Page(first), st.Page(second_page, icon="⭐", default=True)])
                st.text(f"{pg.title}|{pg.icon}|{pg.url_path!r}")
                pg.run()
            """
        },
    )
    assert at.text.values == ["second page|⭐|''", "second"]


def test_navigation_infers_file_pages_titles_icons_and_url_paths(tmp_path):
    at = app_at(
        tmp_path,
        {
            "app.py": """
                import tidal as st
                pages = [st.Page("views/1_📊_sales_report.py"), st.Page("views/a.py", title="A!")]
                pg = st.navigation(pages)
                for p in pages:
                    st.text(f"{p.title}|{p.icon}|{p.url_path}")
            """,
            "views/1_📊_sales_report.py": "",
            "views/a.py": "",
        },
    )
    assert at.text.values == ["sales report|📊|sales_report", "A!|None|a"]


def test_navigation_ignores_the_pages_folder(tmp_path):
    main = write_app(
        tmp_path,
        {
            "app.py": """
                import tidal as st
                def home(): st.text("home")
                st.navigation([st.Page(home)]).run()
            """,
            "pages/1_folder_page.py": "import tidal as st\nst.text('folder page')\n",
        },
    )
    at = AppTest.from_file(main).run()
    assert at.text.values == ["home"]
    with pytest.raises(ValueError, match="Could not find page"):
        at.switch_page("pages/1_folder_page.py").run()


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ("[]", "`st.navigation` must be called with at least one `st.Page`."),
        (
            "[st.Page(a, default=True), st.Page(b, default=True)]",
            "Multiple Pages specified with `default=True`",
        ),
        (
            "[st.Page(a), st.Page(b, url_path='x'), st.Page(c, url_path='x')]",
            "Two pages resolve to the URL pathname `/x`",
        ),
        ("[st.Page(a, url_path='x/y')]", "The URL path cannot contain a nested path"),
        (
            "[st.Page('missing.py')]",
            "Unable to create Page. The file `missing.py` could not be found.",
        ),
        ("[st.Page(a, title='  ')]", "The title of the page cannot be empty"),
        ("[st.Page(a)], position='top'", "Invalid position 'top'"),
        ("['a.py']", "Invalid page: 'a.py'"),
    ],
)
def test_navigation_refuses_bad_page_lists(app_test, pages, message):
    at = app_test(
        f"""
        import tidal as st
        def a(): pass
        def b(): pass
        def c(): pass
        st.navigation({pages})
        """
    ).run()
    assert at.exception[0].value.startswith(message), at.exception[0].value


def test_only_the_page_navigation_returned_can_run(app_test):
    at = app_test(
        """
        import tidal as st
        def a(): pass
        def b(): pass
        pb = st.Page(b)
        st.navigation([st.Page(a), pb])
        pb.run()
        """
    ).run()
    assert "This page cannot be called directly" in at.exception[0].value


def test_sections_of_pages_are_accepted(app_test):
    at = app_test(
        """
        import tidal as st
        def a(): st.text("a")
        def b(): st.text("b")
        st.navigation({"Main": [st.Page(a)], "More": [st.Page(b)]}).run()
        """
    ).run()
    assert at.text.values == ["a"]


# ----------------------------------------------------------------------------- st.page_link
def test_page_link_shows_a_link_with_the_pages_title_and_icon(tmp_path):
    at = app_at(
        tmp_path,
        {
            "main.py": """
                import tidal as st
                st.page_link("main.py", label="Home", icon="🏠")
                st.page_link("pages/2_📈_charts.py")
                st.sidebar.page_link("https://example.com", label="Docs", help="Read")
            """,
            "pages/2_📈_charts.py": "",
        },
    )
    links = [e.props for e in at.get("page_link")]
    assert [(p["url"], p["label"], p["icon"], p["external"]) for p in links] == [
        ("", "Home", "🏠", False),
        ("charts", "charts", "📈", False),
        ("https://example.com", "Docs", None, True),
    ]
    assert at.sidebar.get("page_link")[0].props["help"] == "Read"


def test_page_link_takes_an_st_page(app_test):
    at = app_test(
        """
        import tidal as st
        def a(): pass
        def b(): pass
        pb = st.Page(b, title="Bee", url_path="bee")
        st.navigation([st.Page(a), pb], position="hidden")
        st.page_link(pb)
        """
    ).run()
    assert at.get("page_link")[0].props["url"] == "bee"
    assert at.get("page_link")[0].props["label"] == "Bee"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.page_link('https://example.com')", "The label param is required for external links"),
        (
            "st.page_link('nowhere.py')",
            "Could not find page: `nowhere.py`. You must provide a file path",
        ),
    ],
)
def test_page_link_refuses_links_it_cannot_make(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}\n").run()
    assert at.exception[0].value.startswith(message)


# ----------------------------------------------------------------------------- over the wire
def pages_files(root: Path) -> None:
    write_app(
        root,
        {
            "pages/1_second.py": """
                import tidal as st
                st.text("second page")
                st.text_input("second box", key="sb")
                if st.button("Back home"):
                    st.switch_page("app.py")
            """,
            "pages/2_third.py": """
                import tidal as st
                st.text("third page")
            """,
        },
    )


FOLDER_MAIN = """
import tidal as st
st.text("main page")
st.session_state.setdefault("note", "kept")
"""


def test_hello_page_selects_the_page_and_the_server_sends_the_page_list(serve_app, tmp_path):
    pages_files(tmp_path)
    server = serve_app(FOLDER_MAIN)
    tab = server.client(page="second")
    assert "second page" in tab.texts()
    assert tab.pages[-1] == {
        "t": "pages",
        "pages": [
            {"url": "", "title": "app"},
            {"url": "second", "title": "second"},
            {"url": "third", "title": "third"},
        ],
        "current": "second",
        "position": "sidebar",
        "switched": False,
        "ack": 0,
    }


def test_navigate_runs_the_other_page_and_announces_it(serve_app, tmp_path):
    pages_files(tmp_path)
    server = serve_app(FOLDER_MAIN)
    tab = server.client()
    seq = tab.event({"t": "navigate", "page": "third"})
    assert tab.texts() == ["third page"]
    assert tab.pages[-1]["current"] == "third"
    assert tab.pages[-1]["ack"] == seq
    tab.event({"t": "navigate", "page": ""})
    assert tab.texts() == ["main page"]


def test_switch_page_from_the_script_tells_the_browser_to_push_the_new_page(serve_app, tmp_path):
    pages_files(tmp_path)
    server = serve_app(FOLDER_MAIN)
    tab = server.client(page="second")
    tab.change("second box", "typed")
    tab.click("Back home")
    assert tab.texts() == ["main page"]
    assert tab.pages[-1]["current"] == ""
    assert tab.pages[-1]["switched"] is True


def test_an_unknown_page_runs_the_main_page_with_a_warning(serve_app, tmp_path):
    pages_files(tmp_path)
    server = serve_app(FOLDER_MAIN)
    tab = server.client(page="nope")
    warnings = [e["p"]["body"] for e in tab.elements() if e["t"] == "warning"]
    assert warnings == [
        "Page not found: you have requested page /nope, but this app has no such page. "
        "Running the app's main page."
    ]
    assert "main page" in tab.texts()
    assert tab.pages[-1]["current"] == ""
    assert tab.pages[-1]["switched"] is False


def test_an_unknown_page_of_an_st_navigation_app_shows_the_default_page_with_a_warning(
    serve_app,
):
    server = serve_app(
        """
        import tidal as st
        def home(): st.text("home")
        def other(): st.text("other")
        st.navigation([st.Page(home), st.Page(other)]).run()
        """
    )
    tab = server.client(page="missing")
    assert [e["t"] for e in tab.elements()] == ["warning", "text"]
    assert tab.texts()[-1] == "home"
    assert tab.pages[-1]["current"] == ""
    assert [p["url"] for p in tab.pages[-1]["pages"]] == ["", "other"]


def test_MP_4_entrypoint_widget_keeps_its_value_when_the_browser_navigates(serve_app):
    server = serve_app(
        """
        import tidal as st
        name = st.text_input("Name")
        def home(): st.text(f"home {name}")
        def other(): st.text(f"other {name}")
        st.navigation([st.Page(home), st.Page(other)]).run()
        """
    )
    tab = server.client()
    tab.change("Name", "Ada")
    tab.event({"t": "navigate", "page": "other"})
    assert tab.texts()[-1] == "other Ada"


def test_a_single_page_app_gets_no_pages_message(serve_app):
    server = serve_app("import tidal as st\nst.text('only')\n")
    tab = server.client()
    tab.event({"t": "rerun"})
    assert tab.pages == []


def test_a_reconnected_page_gets_the_page_list_again(serve_app, tmp_path):
    pages_files(tmp_path)
    server = serve_app(FOLDER_MAIN)
    first = server.client(page="third")
    first.close()
    again = server.client(token=first.token, nonce="n2", page="third")
    assert again.resumed
    assert again.pages and again.pages[-1]["current"] == "third"


def test_a_hidden_menu_is_announced_as_hidden(serve_app):
    server = serve_app(
        """
        import tidal as st
        def home(): st.text("home")
        def other(): st.text("other")
        st.navigation([st.Page(home), st.Page(other, icon="🔒")], position="hidden").run()
        """
    )
    tab = server.client(page="other")
    assert tab.texts() == ["other"]
    assert tab.pages[-1]["position"] == "hidden"
    assert tab.pages[-1]["pages"][1] == {"url": "other", "title": "other", "icon": "🔒"}


def test_a_run_that_fails_before_st_navigation_stays_on_the_page_asked_for(serve_app):
    server = serve_app(
        """
        import tidal as st
        if st.session_state.get("broken"):
            raise RuntimeError("not yet")
        def home(): st.text("home")
        def other():
            st.text("other")
            if st.button("Break"):
                st.session_state.broken = True
                st.rerun()
        st.navigation([st.Page(home), st.Page(other)]).run()
        """
    )
    tab = server.client(page="other")
    tab.click("Break")
    assert [e["t"] for e in tab.elements()] == ["exception"]
    assert server.sessions.get(tab.token).page == "other"


def test_two_pages_files_with_one_url_path_are_streamlits_error(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("import tidal as st\nst.write('main')\n")
    (tmp_path / "pages" / "1_a.py").write_text("import tidal as st\nst.write('a1')\n")
    (tmp_path / "pages" / "2_a.py").write_text("import tidal as st\nst.write('a2')\n")
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    assert not at.markdown
    assert at.exception[0].value == (
        "Two pages resolve to the URL pathname `/a`: `pages/1_a.py` and `pages/2_a.py`. Each "
        "page passed to `st.navigation` needs a unique URL pathname, including pages in "
        "different sections, hidden pages, and external URL pages. Streamlit infers the "
        "pathname from the filename, callable name, or the title of an external URL page. Set "
        "a unique `url_path` in `st.Page` for one of these pages."
    )
    assert at.exception[0].exception_type == "StreamlitAPIException"


def test_two_navigation_pages_with_one_url_path_are_streamlits_error(app_test):
    at = app_test("""
        import tidal as st
        def a(): st.write("A")
        def b(): st.write("B")
        pg = st.navigation([st.Page(a, url_path="x"), st.Page(b, url_path="x")])
        pg.run()
    """).run()
    assert at.exception[0].value == (
        'Two pages resolve to the URL pathname `/x`: callable titled "a" (default page) and '
        'callable titled "b". Each page passed to `st.navigation` needs a unique URL pathname, '
        "including pages in different sections, hidden pages, and external URL pages. Streamlit "
        "infers the pathname from the filename, callable name, or the title of an external URL "
        "page. The default page is served at the app root, but it still reserves this pathname. "
        "Set a unique `url_path` in `st.Page` for one of these pages."
    )


def test_a_page_named_as_the_default_page_is_a_duplicate(app_test):
    at = app_test("""
        import tidal as st
        def home(): st.write("A")
        def other(): st.write("B")
        st.navigation({"Main": [st.Page(home)], "More": [st.Page(other, url_path="home")]}).run()
    """).run()
    assert at.exception[0].value.startswith(
        'Two pages resolve to the URL pathname `/home`: callable titled "home" (section "Main", '
        'default page) and callable titled "other" (section "More").'
    )


def test_page_link_takes_icon_position_and_width(app_test):
    at = app_test("""
        import tidal as st
        st.page_link("https://example.com", label="Docs", icon="📘", icon_position="right",
                     width=200)
        st.page_link("https://example.com", label="Wide", width="stretch")
    """).run()
    first, second = [e.props for e in at.get("page_link")]
    assert first["icon_position"] == "right" and first["width"] == 200
    assert second["width"] == "stretch" and second["use_container_width"] is True


def test_page_link_refuses_a_bad_icon_position(app_test):
    at = app_test("""
        import tidal as st
        st.page_link("https://example.com", label="Docs", icon_position="top")
    """).run()
    assert 'Use "left" or "right"' in at.exception[0].value
