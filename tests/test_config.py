"""tidal.config: layers, precedence, sources, typed values and self-explaining errors."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from tidal.config import (
    Config,
    ConfigError,
    default_config,
    load_config,
    parse_cli_flag,
)
from tidal.config_docs import config_docs_markdown, format_config
from tidal.config_options import OPTIONS
from tidal.errors import TidalError

DOCS = Path(__file__).resolve().parent.parent / "docs" / "config.md"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, **kwargs: Any) -> Config:
    """load_config with an empty home under tmp_path and an empty environment by default."""
    kwargs.setdefault("home", tmp_path / "home")
    kwargs.setdefault("env", {})
    return load_config(**kwargs)


# ----------------------------------------------------------------------------- defaults
def test_every_option_starts_at_its_default_from_source_default():
    config = default_config()
    for option in OPTIONS:
        assert config.get(option.name) == option.default, option.name
        assert config.source(option.name) == "default"


def test_typed_section_attributes_hold_the_same_values_as_get():
    config = default_config()
    assert config.server.port == config.get("server.port") == 8501
    assert config.runner.enforce_serializable_session_state is False
    assert config.runner.post_script_gc is False
    assert config.session.ttl == 120.0
    assert config.session.store == "memory://"
    assert config.session.idle_timeout == 300.0
    assert config.session.codec == "safe"
    assert config.theme.base is None
    assert config.global_.disable_widget_state_duplication_warning is False
    assert config.logger.level == "info"


def test_each_option_is_a_snake_case_field_of_its_section_attribute():
    config = default_config()
    fields = []
    for section in dataclasses.fields(config):
        value = getattr(config, section.name)
        if dataclasses.is_dataclass(value):
            fields += [f"{section.name.rstrip('_')}.{f.name}" for f in dataclasses.fields(value)]
    expected = [re.sub(r"(?<=[a-z])(?=[A-Z])", "_", o.name).lower() for o in OPTIONS]
    assert sorted(fields) == sorted(expected)


def test_loading_with_no_files_env_or_flags_gives_the_defaults(tmp_path):
    assert load(tmp_path, project_dirs=[tmp_path / "app"]) == default_config()


def test_a_config_is_frozen():
    config = default_config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.server.port = 1  # type: ignore[misc]


def test_config_error_is_a_tidal_error():
    assert issubclass(ConfigError, TidalError)


# ----------------------------------------------------------------------------- precedence
def test_the_home_file_overrides_the_defaults(tmp_path):
    home_file = write(tmp_path / "home/.tidal/config.toml", "[server]\nport = 9000\n")
    config = load(tmp_path)
    assert config.server.port == 9000
    assert config.source("server.port") == str(home_file)


def test_a_project_file_overrides_the_home_file(tmp_path):
    write(tmp_path / "home/.tidal/config.toml", "[server]\nport = 9000\nheadless = true\n")
    project = write(tmp_path / "app/.tidal/config.toml", "[server]\nport = 9001\n")
    config = load(tmp_path, project_dirs=[tmp_path / "app"])
    assert config.server.port == 9001
    assert config.source("server.port") == str(project)
    assert config.server.headless is True  # options a later file leaves out keep their value


def test_a_later_project_folder_overrides_an_earlier_one(tmp_path):
    write(tmp_path / "cwd/.tidal/config.toml", "[server]\nport = 9001\n")
    later = write(tmp_path / "app/.tidal/config.toml", "[server]\nport = 9002\n")
    config = load(tmp_path, project_dirs=[tmp_path / "cwd", tmp_path / "app"])
    assert config.server.port == 9002
    assert config.source("server.port") == str(later)


def test_a_streamlit_file_is_read_when_the_folder_has_no_tidal_file(tmp_path):
    path = write(
        tmp_path / "app/.streamlit/config.toml",
        "[runner]\nenforceSerializableSessionState = true\n",
    )
    config = load(tmp_path, project_dirs=[tmp_path / "app"])
    assert config.runner.enforce_serializable_session_state is True
    assert config.source("runner.enforceSerializableSessionState") == str(path)


def test_a_streamlit_file_is_not_read_when_the_folder_has_a_tidal_file(tmp_path):
    write(tmp_path / "app/.streamlit/config.toml", "[server]\nport = 9001\nheadless = true\n")
    write(tmp_path / "app/.tidal/config.toml", "[server]\nport = 9002\n")
    config = load(tmp_path, project_dirs=[tmp_path / "app"])
    assert config.server.port == 9002
    assert config.server.headless is False


def test_a_streamlit_file_in_one_folder_and_a_tidal_file_in_another_are_both_read(tmp_path):
    write(tmp_path / "cwd/.streamlit/config.toml", "[server]\nheadless = true\n")
    write(tmp_path / "app/.tidal/config.toml", "[server]\nport = 9002\n")
    config = load(tmp_path, project_dirs=[tmp_path / "cwd", tmp_path / "app"])
    assert (config.server.headless, config.server.port) == (True, 9002)


def test_an_environment_variable_overrides_the_files(tmp_path):
    write(tmp_path / "app/.tidal/config.toml", "[server]\nport = 9001\n")
    config = load(tmp_path, project_dirs=[tmp_path / "app"], env={"TIDAL_SERVER_PORT": "9003"})
    assert config.server.port == 9003
    assert config.source("server.port") == "env TIDAL_SERVER_PORT"


def test_a_streamlit_environment_variable_is_read_too(tmp_path):
    config = load(tmp_path, env={"STREAMLIT_SERVER_HEADLESS": "true"})
    assert config.server.headless is True
    assert config.source("server.headless") == "env STREAMLIT_SERVER_HEADLESS"


def test_a_tidal_environment_variable_overrides_the_streamlit_one(tmp_path):
    env = {"STREAMLIT_SERVER_PORT": "9004", "TIDAL_SERVER_PORT": "9005"}
    config = load(tmp_path, env=env)
    assert config.server.port == 9005
    assert config.source("server.port") == "env TIDAL_SERVER_PORT"


def test_environment_names_spell_camel_case_options_in_upper_snake_case(tmp_path):
    env = {
        "TIDAL_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE": "true",
        "TIDAL_RUNNER_POST_SCRIPT_GC": "on",
        "TIDAL_SESSION_MAX_EVENTS_PER_SECOND": "7",
        "STREAMLIT_GLOBAL_DISABLE_WIDGET_STATE_DUPLICATION_WARNING": "1",
    }
    config = load(tmp_path, env=env)
    assert config.runner.enforce_serializable_session_state is True
    assert config.runner.post_script_gc is True
    assert config.session.max_events_per_second == 7
    assert config.global_.disable_widget_state_duplication_warning is True


def test_unknown_environment_variables_are_ignored(tmp_path):
    env = {"TIDAL_SERVER_PROT": "1", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PATH": "/"}
    assert load(tmp_path, env=env) == default_config()


def test_a_command_line_flag_overrides_the_environment(tmp_path):
    config = load(tmp_path, env={"TIDAL_SERVER_PORT": "9003"}, cli={"server.port": "9006"})
    assert config.server.port == 9006
    assert config.source("server.port") == "command line"


def test_command_line_flags_accept_values_already_typed(tmp_path):
    config = load(tmp_path, cli={"server.port": 9007, "session.ttl": 5, "server.headless": True})
    assert (config.server.port, config.session.ttl, config.server.headless) == (9007, 5.0, True)
    assert isinstance(config.session.ttl, float)


# ----------------------------------------------------------------------------- parsing values
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("False", False),
        ("1", True),
        ("0", False),
        ("YES", True),
        ("no", False),
        ("On", True),
        ("off", False),
        (" true ", True),
    ],
)
def test_booleans_are_read_from_the_usual_words_in_any_case(raw, expected):
    assert parse_cli_flag("server.headless", raw) is expected


def test_a_cli_flag_is_converted_to_the_options_type():
    assert parse_cli_flag("server.port", "8502") == 8502
    assert parse_cli_flag("session.ttl", "2.5") == 2.5
    assert parse_cli_flag("server.address", " 0.0.0.0") == " 0.0.0.0"  # strings are kept as given


def test_a_list_is_written_comma_separated_in_the_environment_and_on_the_command_line(tmp_path):
    raw = "https://a.example, https://b.example"
    assert parse_cli_flag("server.allowedOrigins", raw) == (
        "https://a.example",
        "https://b.example",
    )
    config = load(tmp_path, env={"TIDAL_SERVER_ALLOWED_ORIGINS": raw})
    assert config.server.allowed_origins == ("https://a.example", "https://b.example")


def test_a_list_in_a_file_is_a_toml_array_held_as_a_tuple(tmp_path):
    write(
        tmp_path / "home/.tidal/config.toml", '[server]\nallowedOrigins = ["https://a.example"]\n'
    )
    assert load(tmp_path).server.allowed_origins == ("https://a.example",)


def test_choices_are_matched_in_any_case():
    assert parse_cli_flag("logger.level", "DEBUG") == "debug"


def test_an_empty_theme_base_means_follow_the_browser():
    assert parse_cli_flag("theme.base", "") is None
    assert parse_cli_flag("theme.base", "dark") == "dark"


def test_a_session_store_url_may_be_memory_sqlite_redis_or_rediss():
    for url in ("memory://", "sqlite:///tmp/s.db", "redis://localhost:6379/0", "rediss://h/1"):
        assert parse_cli_flag("session.store", url) == url


# ----------------------------------------------------------------------------- errors
def test_an_unknown_option_in_a_file_names_the_file_and_the_closest_option(tmp_path):
    path = write(tmp_path / "app/.tidal/config.toml", "[server]\nprot = 1\n")
    with pytest.raises(ConfigError) as info:
        load(tmp_path, project_dirs=[tmp_path / "app"])
    assert str(info.value) == f'Unknown option "server.prot" in {path}. Did you mean "server.port"?'


def test_an_unknown_section_in_a_file_names_the_closest_section(tmp_path):
    path = write(tmp_path / "home/.tidal/config.toml", "[servr]\nport = 1\n")
    with pytest.raises(ConfigError) as info:
        load(tmp_path)
    assert str(info.value) == f'Unknown section "servr" in {path}. Did you mean "server"?'


def test_an_unknown_option_without_a_close_match_says_how_to_list_the_options(tmp_path):
    write(tmp_path / "home/.tidal/config.toml", "[server]\nzzzzzz = 1\n")
    with pytest.raises(ConfigError, match=r'"server.zzzzzz" .* Run "tidal config show"'):
        load(tmp_path)


def test_an_option_outside_any_section_points_to_its_section(tmp_path):
    write(tmp_path / "home/.tidal/config.toml", "port = 8502\n")
    with pytest.raises(ConfigError, match=r'Unknown option "port" .* Did you mean "server.port"\?'):
        load(tmp_path)


def test_an_unknown_command_line_flag_names_the_flag_and_the_closest_option(tmp_path):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, cli={"server.prot": "1"})
    assert str(info.value) == (
        'Unknown option "server.prot" in command-line flag --server.prot. '
        'Did you mean "server.port"?'
    )


def test_parse_cli_flag_rejects_an_unknown_option_with_a_hint():
    with pytest.raises(
        ConfigError, match=r'--runner.magicEnable\. Did you mean "runner.magicEnabled"'
    ):
        parse_cli_flag("runner.magicEnable", "true")


def test_a_value_of_the_wrong_type_in_a_file_names_option_file_type_and_value(tmp_path):
    path = write(tmp_path / "home/.tidal/config.toml", '[server]\nport = "abc"\n')
    with pytest.raises(ConfigError) as info:
        load(tmp_path)
    assert str(info.value) == (
        f'Option "server.port" in {path} must be an integer, got "abc" (str).'
    )


def test_a_bad_environment_value_names_the_variable(tmp_path):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, env={"TIDAL_SERVER_HEADLESS": "maybe"})
    assert str(info.value) == (
        'Option "server.headless" in environment variable TIDAL_SERVER_HEADLESS '
        'must be true or false, got "maybe" (str).'
    )


def test_a_bad_command_line_value_names_the_flag(tmp_path):
    with pytest.raises(ConfigError, match=r"in command-line flag --session.ttl must be a number"):
        load(tmp_path, cli={"session.ttl": "soon"})


def test_a_number_is_not_a_boolean_in_a_file(tmp_path):
    write(tmp_path / "home/.tidal/config.toml", "[server]\nheadless = 1\n")
    with pytest.raises(ConfigError, match=r"must be true or false, got 1 \(int\)"):
        load(tmp_path)


def test_a_boolean_is_not_a_port(tmp_path):
    write(tmp_path / "home/.tidal/config.toml", "[server]\nport = true\n")
    with pytest.raises(ConfigError, match=r"must be an integer, got true \(bool\)"):
        load(tmp_path)


def test_a_list_must_hold_only_strings(tmp_path):
    write(tmp_path / "home/.tidal/config.toml", "[server]\nallowedOrigins = [1]\n")
    with pytest.raises(ConfigError, match=r"must be a list of strings, got \[1\] \(list\)"):
        load(tmp_path)


@pytest.mark.parametrize("port", ["0", "65536", "-1"])
def test_a_port_must_be_between_1_and_65535(port):
    with pytest.raises(
        ConfigError, match=rf"must be a port number between 1 and 65535, got \"{port}\""
    ):
        parse_cli_flag("server.port", port)


@pytest.mark.parametrize("name", ["session.ttl", "session.idleTimeout"])
@pytest.mark.parametrize("raw", ["0", "-5", "nan"])
def test_session_durations_must_be_above_zero(name, raw):
    with pytest.raises(ConfigError, match=rf'"{name}" .* must be a number of seconds above 0'):
        parse_cli_flag(name, raw)


@pytest.mark.parametrize(
    "name",
    [
        "server.maxUploadSize",
        "server.maxMessageSize",
        "server.workers",
        "session.maxEventsPerSecond",
    ],
)
def test_sizes_counts_and_rates_must_be_at_least_one(name):
    with pytest.raises(ConfigError, match=rf'"{name}" .* must be at least 1, got "0"'):
        parse_cli_flag(name, "0")


@pytest.mark.parametrize("url", ["postgres://db", "memory", "sqlite:/x.db", ""])
def test_a_session_store_with_another_scheme_is_refused_with_examples(url):
    with pytest.raises(ConfigError, match=r'must be a store URL: "memory://", "sqlite:///'):
        parse_cli_flag("session.store", url)


def test_a_value_outside_a_choice_lists_the_choices(tmp_path):
    path = write(tmp_path / "home/.tidal/config.toml", '[session]\ncodec = "json"\n')
    with pytest.raises(ConfigError) as info:
        load(tmp_path)
    assert str(info.value) == (
        f'Option "session.codec" in {path} must be one of "safe", "pickle", got "json" (str).'
    )


def test_a_toml_syntax_error_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path / "app/.streamlit/config.toml", "[server]\nport = = 1\n")
    with pytest.raises(ConfigError, match=rf"Cannot read {re.escape(str(path))}: .*line 2"):
        load(tmp_path, project_dirs=[tmp_path / "app"])


def test_several_processes_need_a_shared_store(tmp_path):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, env={"TIDAL_SERVER_WORKERS": "4"})
    assert str(info.value) == (
        'Option "server.workers" is 4 (env TIDAL_SERVER_WORKERS), but "session.store" is '
        '"memory://" (default), which processes cannot share. Set session.store to '
        '"sqlite:///path.db" or "redis://host", or server.workers to 1.'
    )


def test_several_processes_with_a_sqlite_store_are_fine(tmp_path):
    cli = {"server.workers": "4", "session.store": "sqlite:///s.db"}
    assert load(tmp_path, cli=cli).server.workers == 4


# ----------------------------------------------------------------------------- streamlit files
def test_streamlit_only_options_in_a_streamlit_file_are_skipped_and_listed(tmp_path):
    path = write(
        tmp_path / "app/.streamlit/config.toml",
        "[browser]\ngatherUsageStats = false\n[server]\nenableCORS = false\nport = 9001\n"
        "[theme]\nshowWidgetBorder = true\n",
    )
    config = load(tmp_path, project_dirs=[tmp_path / "app"])
    assert config.server.port == 9001
    assert config.ignored == (
        ("browser.gatherUsageStats", str(path)),
        ("server.enableCORS", str(path)),
        ("theme.showWidgetBorder", str(path)),
    )


def test_a_streamlit_only_option_in_a_tidal_file_is_an_error_saying_so(tmp_path):
    write(tmp_path / "home/.tidal/config.toml", "[browser]\ngatherUsageStats = false\n")
    with pytest.raises(ConfigError, match=r"It is a Streamlit option that tidal does not use"):
        load(tmp_path)


def test_a_typo_in_a_streamlit_file_is_an_error_that_mentions_the_tidal_file(tmp_path):
    path = write(tmp_path / "app/.streamlit/config.toml", "[server]\nheadles = true\n")
    with pytest.raises(ConfigError) as info:
        load(tmp_path, project_dirs=[tmp_path / "app"])
    message = str(info.value)
    assert message.startswith(
        f'Unknown option "server.headles" in {path}. Did you mean "server.headless"?'
    )
    assert "no .tidal/config.toml" in message


# ----------------------------------------------------------------------------- reading a Config
def test_get_of_an_unknown_option_suggests_the_closest():
    with pytest.raises(
        ConfigError, match=r'Unknown option "session.tll" .* Did you mean "session.ttl"'
    ):
        default_config().get("session.tll")


def test_source_of_an_unknown_option_suggests_the_closest():
    with pytest.raises(ConfigError, match=r'Did you mean "server.port"'):
        default_config().source("server.prt")


def test_items_lists_every_option_with_value_and_source_sorted_by_name():
    items = list(default_config().items())
    assert [name for name, _, _ in items] == sorted(o.name for o in OPTIONS)
    assert ("server.port", 8501, "default") in items


def test_with_values_returns_a_new_config_with_the_overrides_marked():
    base = default_config()
    changed = base.with_values({"server.port": 9000, "session.ttl": "1.5"})
    assert (changed.server.port, changed.session.ttl) == (9000, 1.5)
    assert changed.source("server.port") == "override"
    assert changed.source("server.address") == "default"
    assert base.server.port == 8501


def test_with_values_checks_the_values():
    with pytest.raises(ConfigError, match=r'"server.port" in Config.with_values\(\) must be'):
        default_config().with_values({"server.port": 0})


def test_configs_with_the_same_values_are_equal_and_hashable():
    assert default_config() == default_config()
    assert hash(default_config()) == hash(default_config())


# ----------------------------------------------------------------------------- showing
def test_config_show_lists_every_option_with_its_value_and_source(tmp_path):
    path = write(tmp_path / "home/.tidal/config.toml", "[session]\nttl = 30\n")
    config = load(tmp_path, env={"TIDAL_SERVER_PORT": "9003"}, cli={"logger.level": "debug"})
    lines = format_config(config).splitlines()
    assert lines[0].split() == ["option", "value", "source"]
    assert len(lines) == 1 + len(OPTIONS)
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {o.name for o in OPTIONS}
    assert rows["server.port"].split() == ["server.port", "9003", "env", "TIDAL_SERVER_PORT"]
    assert rows["session.ttl"].split() == ["session.ttl", "30.0", str(path)]
    assert rows["logger.level"].split() == ["logger.level", '"debug"', "command", "line"]
    assert rows["server.address"].split() == ["server.address", '"localhost"', "default"]


def test_config_show_aligns_values_and_sources_in_columns():
    lines = format_config(default_config()).splitlines()
    value_column = {line.index(line.split()[1], len(line.split()[0])) for line in lines}
    assert len(value_column) == 1


def test_config_show_hides_the_secret():
    text = format_config(default_config().with_values({"server.secret": "hunter2"}))
    assert "hunter2" not in text
    assert '"<hidden>"' in text


def test_config_show_lists_the_streamlit_options_it_skipped(tmp_path):
    path = write(tmp_path / "app/.streamlit/config.toml", "[browser]\ngatherUsageStats = false\n")
    text = format_config(load(tmp_path, project_dirs=[tmp_path / "app"]))
    assert "Ignored (Streamlit options that tidal does not use):" in text
    assert f"browser.gatherUsageStats  {path}" in text


def test_the_docs_table_is_the_one_generated_from_the_options():
    text = DOCS.read_text(encoding="utf-8")
    table = text.split("<!-- options:start -->\n")[1].split("<!-- options:end -->")[0]
    assert table == config_docs_markdown(), (
        "docs/config.md is out of date: replace its options table with "
        "tidal.config_docs.config_docs_markdown()"
    )


def test_the_docs_table_documents_every_option_with_its_environment_variable():
    table = config_docs_markdown()
    for option in OPTIONS:
        assert f"| `{option.name}` |" in table
        assert option.doc
    assert "`TIDAL_RUNNER_POST_SCRIPT_GC`" in table
