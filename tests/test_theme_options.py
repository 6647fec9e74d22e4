"""Streamlit's theme option names and colors: ``theme.sidebar.primaryColor`` (and
``theme.light.*``, ``theme.dark.*``, ``theme.light.sidebar.*``) as options of their own in the
environment, on the command line and in ``st.get_option``, merged with the tables of config
files; the chart colors and the basic palette (``redColor``, ``redBackgroundColor`` ...)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tidal.api.options import get_option, set_option
from tidal.config import ConfigError, default_config, load_config
from tidal.context import RunOptions
from tidal.errors import TidalAPIError
from tidal.front_end import STATIC_DIR
from tidal.headers import content_security_policy
from tidal.stylesheet import PageStylesheet
from tidal.theme import theme_css
from tidal.theme_sections import ThemeSection


def load(tmp_path: Path, toml: str = "", env=None, cli=None, home_toml: str = ""):
    app = tmp_path / "app"
    (app / ".tidal").mkdir(parents=True, exist_ok=True)
    (app / ".tidal" / "config.toml").write_text(textwrap.dedent(toml))
    home = tmp_path / "home"
    (home / ".tidal").mkdir(parents=True, exist_ok=True)
    (home / ".tidal" / "config.toml").write_text(textwrap.dedent(home_toml))
    return load_config(project_dirs=[app], env=env or {}, cli=cli, home=home)


# ----------------------------------------------------------------------------- three-part names
def test_a_streamlit_three_part_environment_variable_sets_one_sidebar_key(tmp_path):
    config = load(tmp_path, env={"STREAMLIT_THEME_SIDEBAR_PRIMARY_COLOR": "#00ff00"})
    assert config.theme.sidebar == ThemeSection(primary_color="#00ff00")
    assert config.source("theme.sidebar.primaryColor") == (
        "env STREAMLIT_THEME_SIDEBAR_PRIMARY_COLOR"
    )


def test_the_tidal_variable_wins_over_the_streamlit_one(tmp_path):
    env = {
        "STREAMLIT_THEME_DARK_TEXT_COLOR": "#111111",
        "TIDAL_THEME_DARK_TEXT_COLOR": "#222222",
    }
    assert load(tmp_path, env=env).theme.dark.page.text_color == "#222222"


def test_a_four_part_variable_sets_a_modes_sidebar(tmp_path):
    config = load(tmp_path, env={"TIDAL_THEME_LIGHT_SIDEBAR_BACKGROUND_COLOR": "#fafafa"})
    assert config.theme.light.sidebar.background_color == "#fafafa"
    assert config.theme.light.page.is_empty()


def test_a_variable_overrides_only_its_key_of_a_files_table(tmp_path):
    config = load(
        tmp_path,
        '[theme.sidebar]\nprimaryColor = "#aa0000"\ntextColor = "#333333"\n',
        env={"TIDAL_THEME_SIDEBAR_PRIMARY_COLOR": "#00aa00"},
    )
    assert config.theme.sidebar == ThemeSection(primary_color="#00aa00", text_color="#333333")


def test_a_command_line_flag_wins_over_the_environment(tmp_path):
    config = load(
        tmp_path,
        env={"TIDAL_THEME_SIDEBAR_PRIMARY_COLOR": "#00aa00"},
        cli={"theme.sidebar.primaryColor": "#0000aa", "theme.dark.sidebar.font": "serif"},
    )
    assert config.theme.sidebar.primary_color == "#0000aa"
    assert config.theme.dark.sidebar.font == "serif"
    assert config.source("theme.sidebar.primaryColor") == "command line"


def test_a_later_files_table_overrides_only_the_keys_it_sets(tmp_path):
    config = load(
        tmp_path,
        '[theme.light]\ntextColor = "#010101"\n',
        home_toml='[theme.light]\nprimaryColor = "#020202"\n[theme.light.sidebar]\nfont = "serif"\n',
    )
    assert config.theme.light.page == ThemeSection(primary_color="#020202", text_color="#010101")
    assert config.theme.light.sidebar == ThemeSection(font="serif")


def test_typed_keys_are_read_from_text(tmp_path):
    env = {
        "TIDAL_THEME_SIDEBAR_LINK_UNDERLINE": "false",
        "TIDAL_THEME_DARK_CODE_FONT_WEIGHT": "600",
    }
    config = load(tmp_path, env=env)
    assert config.theme.sidebar.link_underline is False
    assert config.theme.dark.page.code_font_weight == 600


def test_get_reads_a_key_of_a_table_and_none_when_unset():
    config = default_config().with_values({"theme.light.sidebar.textColor": "#123123"})
    assert config.get("theme.light.sidebar.textColor") == "#123123"
    assert config.get("theme.sidebar.primaryColor") is None


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        (
            "theme.sidebar.primaryColour",
            "red",
            r'Option "theme.sidebar.primaryColour" in command-line flag '
            r"--theme.sidebar.primaryColour: theme.sidebar.primaryColour is not a theme option. "
            r'Did you mean "primaryColor"\?',
        ),
        (
            "theme.sidebar.baseFontSize",
            "14",
            r"theme.sidebar.baseFontSize applies to the whole page: set it in \[theme\]",
        ),
        ("theme.dark.codeFontWeight", "bold", r"theme.dark.codeFontWeight must be an integer"),
        ("theme.sidebar.sidebar.font", "serif", r"sidebar.font is not a key of this table"),
    ],
)
def test_a_bad_three_part_name_or_value_is_an_error_that_says_what_to_do(
    tmp_path, name, raw, message
):
    with pytest.raises(ConfigError, match=message):
        load(tmp_path, cli={name: raw})


def test_an_app_reads_three_part_names_with_get_option(app_test):
    at_source = """
        import tidal as st
        st.write(st.get_option("theme.sidebar.primaryColor"))
        st.write(repr(st.get_option("theme.dark.textColor")))
    """
    config = default_config().with_values({"theme.sidebar.primaryColor": "#00aa00"})
    at = app_test(at_source, options=RunOptions.from_config(config)).run()
    assert [m.value for m in at.markdown] == ["#00aa00", "None"]


# ----------------------------------------------------------------------------- colors
def test_chart_colors_are_read_as_lists_from_toml_and_text(tmp_path):
    config = load(
        tmp_path,
        '[theme]\nchartCategoricalColors = ["#ff0000", "rgb(0, 128, 0)"]\n',
        env={"TIDAL_THEME_CHART_SEQUENTIAL_COLORS": "#000000, hsl(0, 0%, 50%), white"},
    )
    assert config.theme.chart_categorical_colors == ("#ff0000", "rgb(0, 128, 0)")
    assert config.theme.chart_sequential_colors == ("#000000", "hsl(0, 0%, 50%)", "white")


def test_named_colors_are_options_of_theme(tmp_path):
    config = load(tmp_path, '[theme]\nredColor = "#aa0000"\ngreenBackgroundColor = "#e0ffe0"\n')
    assert config.theme.named_color("red") == ("#aa0000", "")
    assert config.theme.named_color("green") == ("", "#e0ffe0")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"theme.redColor": "url(x)"}, r'"theme.redColor" .* must be a CSS color \("#ff4b4b"'),
        ({"theme.blueBackgroundColor": "#12345"}, r"must be a CSS color"),
        (
            {"theme.chartCategoricalColors": ["#ff0000", "red; x"]},
            r"'red; x' is not a CSS color",
        ),
        ({"theme.chartCategoricalColors": "#f00,"}, None),
        ({"theme.chartSequentialColors": ["#000000"]}, r"needs at least 2 colors, got 1"),
        ({"theme.chartCategoricalColors": 3}, r"must be a list of CSS colors"),
    ],
)
def test_bad_colors_are_errors_that_say_what_to_write(values, message):
    if message is None:  # a trailing comma is not an empty color
        assert default_config().with_values(values).theme.chart_categorical_colors == ("#f00",)
        return
    with pytest.raises(ConfigError, match=message):
        default_config().with_values(values)


def test_streamlit_files_with_the_colors_are_read_not_skipped(tmp_path):
    app = tmp_path / "app"
    (app / ".streamlit").mkdir(parents=True)
    (app / ".streamlit" / "config.toml").write_text('[theme]\nvioletColor = "#7000ff"\n')
    config = load_config(project_dirs=[app], env={}, home=tmp_path)
    assert config.theme.violet_color == "#7000ff" and config.ignored == ()


# ----------------------------------------------------------------------------- CSS
def css(**values) -> str:
    return theme_css(default_config().with_values(values).theme)


def test_a_named_color_sets_markdown_badge_and_alert_variables():
    text = css(**{"theme.redColor": "#aa0011"})
    for variable in ("--md-red: #aa0011", "--error-fg: #aa0011"):
        assert variable in text
    assert "--md-red-bg: color-mix(in srgb, #aa0011 14%, transparent)" in text


def test_a_background_color_wins_over_the_one_derived_from_its_color():
    text = css(**{"theme.greenColor": "#008833", "theme.greenBackgroundColor": "#eeffee"})
    assert "--md-green-bg: #eeffee" in text and "--success-bg: #eeffee" in text


def test_chart_colors_become_list_variables_the_chart_families_read():
    text = css(
        **{
            "theme.chartCategoricalColors": ["#ff00ff", "rgb(0, 255, 255)"],
            "theme.chartSequentialColors": ["white", "#000080"],
        }
    )
    assert "--chart-categorical: #ff00ff, rgb(0, 255, 255)" in text
    assert "--chart-sequential: white, #000080" in text


def test_no_palette_rules_without_palette_options():
    assert "--md-" not in css() and "--chart-" not in css()


# ----------------------------------------------------------------------------- inline fonts
GOOGLE = "https://fonts.googleapis.com/css2?family=Nunito:ital,wght@0,200..1000;1,200..1000"


def test_a_font_with_its_stylesheet_is_imported_and_named_with_its_fallback():
    text = css(**{"theme.font": f"Nunito:{GOOGLE}, sans-serif"})
    assert text.splitlines()[1] == f'@import url("{GOOGLE}");'
    assert "--font: Nunito, sans-serif" in text


def test_a_quoted_name_and_a_tables_font_are_read_too():
    text = css(
        **{
            "theme.codeFont": "'Space Mono':https://fonts.example/mono.css, monospace",
            "theme.sidebar.headingFont": "Brand:https://brand.example/brand.css",
        }
    )
    assert '@import url("https://fonts.example/mono.css");' in text
    assert '@import url("https://brand.example/brand.css");' in text
    assert "--mono: 'Space Mono', monospace" in text


def test_the_page_stylesheet_puts_the_imports_first():
    config = default_config().with_values({"theme.font": "X:https://f.example/x.css"})
    sheet = PageStylesheet(STATIC_DIR, theme_css(config.theme)).body.decode()
    assert sheet.startswith('@import url("https://f.example/x.css");')


def test_the_csp_allows_the_stylesheets_origin_for_styles_and_fonts_only():
    config = default_config().with_values({"theme.headingFont": f"Nunito:{GOOGLE}"})
    policy = dict(d.split(" ", 1) for d in content_security_policy(config).split("; "))
    assert policy["style-src"] == "'self' 'unsafe-inline' https://fonts.googleapis.com"
    assert policy["font-src"] == "'self' data: https://fonts.gstatic.com"
    assert "googleapis" not in policy["connect-src"] + policy["script-src"]


@pytest.mark.parametrize(
    "value",
    ['X:https://f.example/x.css") } body { color: red', "X:javascript://alert(1)"],
)
def test_a_font_whose_stylesheet_is_not_a_plain_address_is_an_error(value):
    with pytest.raises(ConfigError, match=r'"theme.font" .* must be a font list'):
        default_config().with_values({"theme.font": value})


def test_the_tables_take_chart_and_named_colors_for_their_part_of_the_page(tmp_path):
    config = load(
        tmp_path,
        """
        [theme.dark]
        chartSequentialColors = ["#000000", "#ffffff"]
        [theme.light.sidebar]
        blueColor = "#0000aa"
        """,
        env={"TIDAL_THEME_SIDEBAR_CHART_CATEGORICAL_COLORS": "#ff00ff,#00ffff"},
    )
    assert config.theme.sidebar.chart_categorical_colors == ("#ff00ff", "#00ffff")
    text = theme_css(config.theme)
    dark = text.split(':root[data-theme="dark"] {')[1].split("}")[0]
    assert "--chart-sequential: #000000, #ffffff" in dark
    light_sidebar = text.split(':root[data-theme="light"] .sidebar {')[1].split("}")[0]
    assert "--md-blue: #0000aa" in light_sidebar and "--info-fg: #0000aa" in light_sidebar


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"theme.sidebar.redColor": "nope!"}, r"theme.sidebar.redColor must be a CSS color"),
        (
            {"theme.dark": {"chartSequentialColors": ["#000000"]}},
            r"theme.dark.chartSequentialColors: it needs at least 2 colors, got 1",
        ),
    ],
)
def test_a_tables_bad_color_names_the_table_and_key(values, message):
    with pytest.raises(ConfigError, match=message):
        default_config().with_values(values)


def test_a_three_part_name_cannot_be_set_while_the_app_runs():
    with pytest.raises(TidalAPIError, match=r"theme.sidebar.primaryColor cannot be set on the fly"):
        set_option("theme.sidebar.primaryColor", "#00aa00")
    with pytest.raises(RuntimeError, match=r'Config key "theme.sidebar.nope" not defined'):
        get_option("theme.sidebar.nope")
