"""[theme.sidebar], [theme.light], [theme.dark] (with their sidebars) and [[theme.fontFaces]]:
read from config.toml, checked, and served as CSS in /_tidal/theme.css."""

from __future__ import annotations

import textwrap
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tidal.config import ConfigError, default_config, load_config
from tidal.config_docs import format_config
from tidal.theme import ThemeValueError, theme_css
from tidal.theme_sections import FontFace, ThemeMode, ThemeSection

KATEX_FONT = (
    Path(__file__).resolve().parent.parent
    / "src/tidal/static/vendor/katex/fonts/KaTeX_SansSerif-Regular.woff2"
)


def load_toml(tmp_path: Path, text: str, folder: str = ".tidal"):
    path = tmp_path / "app" / folder / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent(text))
    return load_config(project_dirs=[tmp_path / "app"], env={}, home=tmp_path / "home")


# ----------------------------------------------------------------------------- reading
def test_the_tables_are_read_from_config_toml(tmp_path):
    config = load_toml(
        tmp_path,
        """
        [theme]
        primaryColor = "#ff4b4b"
        [theme.sidebar]
        backgroundColor = "#1e1e2e"
        linkUnderline = false
        [theme.light]
        textColor = "#111111"
        [theme.light.sidebar]
        textColor = "#222222"
        [theme.dark]
        backgroundColor = "#000000"
        codeFontWeight = 600
        [[theme.fontFaces]]
        family = "Tuffy"
        url = "app/static/Tuffy-Regular.ttf"
        weight = 400
        [[theme.fontFaces]]
        family = "Tuffy"
        url = "app/static/Tuffy-Bold.ttf"
        style = "italic"
        weight = "200 800"
        unicodeRange = "U+0000-00FF, U+0131"
        """,
    )
    theme = config.theme
    assert theme.primary_color == "#ff4b4b"
    assert theme.sidebar == ThemeSection(background_color="#1e1e2e", link_underline=False)
    assert theme.light == ThemeMode(
        ThemeSection(text_color="#111111"), ThemeSection(text_color="#222222")
    )
    assert theme.dark.page.code_font_weight == 600 and theme.dark.sidebar.is_empty()
    assert theme.font_faces == (
        FontFace("Tuffy", "app/static/Tuffy-Regular.ttf", "400"),
        FontFace("Tuffy", "app/static/Tuffy-Bold.ttf", "200 800", "italic", "U+0000-00FF, U+0131"),
    )


def test_config_show_writes_the_tables_as_toml(tmp_path):
    config = default_config().with_values(
        {
            "theme.sidebar": {"backgroundColor": "#111"},
            "theme.dark": {"textColor": "#eee", "sidebar": {"primaryColor": "red"}},
            "theme.fontFaces": [{"family": "Inter", "url": "app/static/Inter.woff2"}],
        }
    )
    text = format_config(config)
    assert "theme.sidebar  " in text and '{backgroundColor = "#111"}' in text
    assert '{textColor = "#eee", sidebar = {primaryColor = "red"}}' in text
    assert '[{family = "Inter", url = "app/static/Inter.woff2"}]' in text


def test_a_config_copied_with_other_values_keeps_its_tables():
    config = default_config().with_values({"theme.sidebar": {"textColor": "#010203"}})
    again = config.with_values({"theme.sidebar": config.theme.sidebar, "server.port": 9000})
    assert again.theme.sidebar == ThemeSection(text_color="#010203")
    faces = (FontFace("A", "app/static/a.woff2"),)
    assert config.with_values({"theme.fontFaces": faces}).theme.font_faces == faces


def test_an_environment_variable_holds_an_inline_table(tmp_path):
    config = load_config(
        env={
            "TIDAL_THEME_SIDEBAR": '{ backgroundColor = "#123456" }',
            "STREAMLIT_THEME_FONT_FACES": '[{ family = "Inter", url = "https://f.example/i.woff2" }]',
        },
        home=tmp_path,
    )
    assert config.theme.sidebar.background_color == "#123456"
    assert config.theme.font_faces[0].url == "https://f.example/i.woff2"


def test_a_streamlit_file_with_theme_tables_is_read_and_unused_streamlit_options_skipped(
    tmp_path,
):
    config = load_toml(
        tmp_path,
        """
        [theme.sidebar]
        backgroundColor = "#fafafa"
        showWidgetBorder = true
        redColor = "#ff0000"
        """,
        folder=".streamlit",
    )
    assert config.theme.sidebar == ThemeSection(background_color="#fafafa", red_color="#ff0000")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"theme.sidebar": {"bgColor": "#111"}},
            'theme.sidebar.bgColor is not a theme option. Did you mean "grayColor"? '
            "[theme.sidebar] takes: primaryColor, backgroundColor,",
        ),
        (
            {"theme.light": {"sidebar": {"primaryColour": "red"}}},
            'theme.light.sidebar.primaryColour is not a theme option. Did you mean "primaryColor"?',
        ),
        (
            {"theme.dark": {"baseFontSize": 14}},
            "theme.dark.baseFontSize applies to the whole page: set it in [theme], not in "
            "[theme.dark].",
        ),
        ({"theme.sidebar": {"linkUnderline": "no"}}, "theme.sidebar.linkUnderline must be true"),
        ({"theme.sidebar": {"codeFontWeight": True}}, "codeFontWeight must be an integer"),
        ({"theme.sidebar": "primaryColor = red"}, "must be a TOML inline table"),
        ({"theme.fontFaces": [{"family": "X"}]}, "theme.fontFaces[0] has no url"),
        (
            {"theme.fontFaces": [{"family": "X", "url": "a.woff2", "size": 3}]},
            "theme.fontFaces[0].size is not a font face key. A font face takes: family, url, "
            "weight, style, unicodeRange.",
        ),
        (
            {"theme.fontFaces": [{"family": "X", "url": "a.woff2", "weight": 1200}]},
            "theme.fontFaces[0].weight must be 1-1000",
        ),
        (
            {"theme.fontFaces": [{"family": "X", "url": "a.woff2", "style": "slanted"}]},
            "theme.fontFaces[0].style must be",
        ),
        (
            {"theme.fontFaces": [{"family": 'X"; } body {', "url": "a.woff2"}]},
            "theme.fontFaces[0].family must be a font name",
        ),
        (
            {"theme.fontFaces": [{"family": "X", "url": 'a.woff2") } body { x: url("'}]},
            "theme.fontFaces[0].url must be a file of the app's static folder",
        ),
    ],
)
def test_a_bad_table_is_an_error_that_says_what_to_write(values, message):
    with pytest.raises(ConfigError) as info:
        default_config().with_values(values)
    assert message in str(info.value)
    assert str(info.value).startswith(f'Option "{next(iter(values))}" in Config.with_values(): ')


def test_a_bad_table_in_a_file_names_the_file(tmp_path):
    with pytest.raises(ConfigError, match=r"config\.toml: theme\.sidebar\.font must be a string"):
        load_toml(tmp_path, "[theme.sidebar]\nfont = 3\n")


# ----------------------------------------------------------------------------- CSS
def css(**values) -> str:
    return theme_css(default_config().with_values(values).theme)


def test_the_sidebar_table_styles_the_sidebar_only():
    text = css(**{"theme.sidebar": {"backgroundColor": "#1e1e2e", "textColor": "#fafafa"}})
    assert ":root { --sidebar-bg: #1e1e2e; }" in text
    sidebar = text.split(":root .sidebar {")[1].split("}")[0]
    assert "--bg: #1e1e2e" in sidebar and "--fg: #fafafa" in sidebar
    assert ':root, :root[data-theme="dark"] {' not in text  # the page keeps its colors


def test_light_and_dark_tables_apply_under_their_base_and_after_theme():
    text = css(
        **{
            "theme.primaryColor": "#000001",
            "theme.light": {"primaryColor": "#000002", "linkColor": "#000003"},
            "theme.dark": {"primaryColor": "#000004", "sidebar": {"primaryColor": "#000005"}},
        }
    )
    main = text.index(':root, :root[data-theme="dark"] {\n  --accent: #000001')
    light = text.index(':root[data-theme="light"] {\n  --accent: #000002')
    dark = text.index(':root[data-theme="dark"] {\n  --accent: #000004')
    dark_sidebar = text.index(':root[data-theme="dark"] .sidebar {\n  --accent: #000005')
    assert main < light < dark < dark_sidebar
    assert (
        ':root[data-theme="light"] .md a, :root[data-theme="light"] .heading a '
        "{ color: #000003; }" in text
    )


def test_a_sidebar_font_is_set_on_the_sidebar():
    text = css(**{"theme.sidebar": {"font": "serif", "headingFont": "Inter"}})
    sidebar = text.split(":root .sidebar {")[1].split("}")[0]
    assert "--font: ui-serif" in sidebar and "font-family: var(--font)" in sidebar
    assert ":root .sidebar .heading, :root .sidebar .md h1" in text


def test_font_faces_become_font_face_rules_with_static_urls_from_the_page():
    text = css(
        **{
            "theme.fontFaces": [
                {"family": "Tuffy", "url": "app/static/Tuffy.ttf", "weight": 700},
                {"family": "Inter", "url": "https://fonts.example/inter.woff2", "style": "italic"},
            ],
            "theme.font": "Tuffy, sans-serif",
        }
    )
    assert (
        '@font-face { font-family: "Tuffy"; src: url("../app/static/Tuffy.ttf"); '
        "font-display: swap; font-weight: 700; }" in text
    )
    assert 'src: url("https://fonts.example/inter.woff2")' in text and "font-style: italic" in text
    assert "--font: Tuffy, sans-serif" in text


def test_a_table_value_that_is_not_plain_css_is_refused():
    with pytest.raises(ThemeValueError, match=r"theme\.sidebar\.primaryColor = "):
        css(**{"theme.sidebar": {"primaryColor": "red; } body { display: none"}})


# ----------------------------------------------------------------------------- serving
def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_static_serving_serves_the_apps_static_folder(serve_app, tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "font.woff2").write_bytes(KATEX_FONT.read_bytes())
    (tmp_path / "static" / "page.html").write_text("<script>alert(1)</script>")
    server = serve_app("import tidal as st\n", server__enableStaticServing=True)
    status, headers, body = fetch(server.url + "/app/static/font.woff2")
    assert status == 200 and body == KATEX_FONT.read_bytes()
    assert headers["content-type"] == "font/woff2"
    status, headers, _ = fetch(server.url + "/app/static/page.html")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert fetch(server.url + "/app/static/missing.woff2")[0] == 404


def test_without_static_serving_the_folder_is_not_served(serve_app, tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "font.woff2").write_bytes(b"secret")
    server = serve_app("import tidal as st\n")
    _, headers, body = fetch(server.url + "/app/static/font.woff2")
    assert body != b"secret" and not headers["content-type"].startswith("font/")


def test_an_external_font_face_adds_its_origin_to_the_pages_font_src(serve_app):
    faces = [{"family": "Inter", "url": "https://fonts.example/inter.woff2"}]
    server = serve_app("import tidal as st\n", theme__fontFaces=faces)
    _, headers, _ = fetch(server.url + "/")
    font_src = next(
        d for d in headers["content-security-policy"].split("; ") if d.startswith("font-src")
    )
    assert font_src == "font-src 'self' data: https://fonts.example"
