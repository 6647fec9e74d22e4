"""tidal's configuration: one frozen, typed ``Config``, built once and passed down.

Owns the ``Config`` object and its sections, the layers it is read from (defaults <
``~/.tidal/config.toml`` < project files < environment < command line), the checks on every
value with their "did you mean" errors, and where each value came from, so ``tidal config show``
can explain itself. The options themselves are listed in ``config_options``; how a Config is
shown to people is in ``config_docs``. Knows nothing about servers, sessions or scripts: it only
describes how they are set up. See ``docs/config.md``.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from tidal.config_options import (
    OPTIONS,
    OPTIONS_BY_NAME,
    STREAMLIT_ONLY_OPTIONS,
    Choices,
    Option,
    env_suffix,
    snake_case,
    toml_literal,
)
from tidal.config_tables import (
    TABLE_KEYS,
    TABLE_OPTIONS,
    key_value,
    merge_table,
    split_table_key,
    with_key,
)
from tidal.errors import TidalError
from tidal.theme_options import ThemeConfig

__all__ = [
    "LOOPBACK_ADDRESSES",
    "ClientConfig",
    "Config",
    "ConfigError",
    "GlobalConfig",
    "LoggerConfig",
    "RunnerConfig",
    "ServerConfig",
    "SessionConfig",
    "ThemeConfig",
    "default_config",
    "inspector_enabled",
    "load_config",
    "parse_cli_flag",
]


class ConfigError(TidalError):
    """An option is unknown, has a value of the wrong type or range, or a file cannot be read."""


# ----------------------------------------------------------------------------- the object
@dataclass(frozen=True, slots=True)
class ServerConfig:
    """``[server]``: where and how the web server listens."""

    port: int
    address: str
    headless: bool
    run_on_save: bool
    max_upload_size: int
    max_message_size: int
    secret: str = field(repr=False)
    workers: int
    allowed_origins: tuple[str, ...]
    allowed_frame_ancestors: tuple[str, ...]
    metrics_token: str = field(repr=False)
    header_timeout: float
    keep_alive_timeout: float
    max_connections: int
    max_incoming_message_size: int
    enable_static_serving: bool


@dataclass(frozen=True, slots=True)
class RunnerConfig:
    """``[runner]``: how a script run executes."""

    enforce_serializable_session_state: bool
    magic_enabled: bool
    post_script_gc: bool
    max_run_seconds: float
    parallel_max_workers: int


@dataclass(frozen=True, slots=True)
class SessionConfig:
    """``[session]``: how long a tab's state lives, where it is kept and how it is encoded."""

    ttl: float
    store: str
    idle_timeout: float
    codec: Literal["safe", "pickle"]
    max_events_per_second: int


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """``[client]``: what the browser shows."""

    toolbar_mode: Literal["auto", "developer", "viewer", "minimal"]
    show_error_details: Literal["full", "stacktrace", "type", "none"]
    inspector: Literal["auto", "on", "off"]


def inspector_enabled(config: Config) -> bool:
    """Whether pages may open the state inspector: ``client.inspector`` "on", or "auto"
    while the server listens on this machine only."""
    mode = config.client.inspector
    return mode == "on" or (mode == "auto" and config.server.address in LOOPBACK_ADDRESSES)


LOOPBACK_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1"})
"""``server.address`` values that accept connections from this machine only."""


@dataclass(frozen=True, slots=True)
class MapConfig:
    """``[map]``: where the tiles under maps come from (a tidal addition)."""

    tile_url: str
    tile_attribution: str


@dataclass(frozen=True, slots=True)
class GlobalConfig:
    """``[global]``: options without a better home (Streamlit's names)."""

    disable_widget_state_duplication_warning: bool


@dataclass(frozen=True, slots=True)
class LoggerConfig:
    """``[logger]``: the server log."""

    level: Literal["error", "warning", "info", "debug"]


def _place(name: str) -> tuple[str, str]:
    """``"global.fooBar"`` -> ``("global_", "foo_bar")``: the Config attribute and field."""
    section, option = name.split(".")
    return (section + "_" if section == "global" else section), snake_case(option)


_SECTIONS: dict[str, type[Any]] = {
    "server": ServerConfig,
    "runner": RunnerConfig,
    "session": SessionConfig,
    "theme": ThemeConfig,
    "client": ClientConfig,
    "map": MapConfig,
    "global_": GlobalConfig,
    "logger": LoggerConfig,
}


@dataclass(frozen=True, slots=True)
class Config:
    """Every option's value and where it came from. Build it with :func:`load_config`.

    Read hot values as typed attributes (``config.server.port``), any value by name
    (``config.get("server.port")``). ``ignored`` lists the Streamlit-only options read from a
    ``.streamlit/config.toml`` as ``(name, file)`` pairs.
    """

    server: ServerConfig
    runner: RunnerConfig
    session: SessionConfig
    theme: ThemeConfig
    client: ClientConfig
    map: MapConfig
    global_: GlobalConfig
    logger: LoggerConfig
    _sources: Mapping[str, str] = field(repr=False, hash=False)
    ignored: tuple[tuple[str, str], ...] = ()

    def get(self, name: str) -> Any:
        """Return the value of option ``name`` ("server.port").

        A key of a theme table is an option too ("theme.sidebar.primaryColor"): None when
        the table does not set it.

        Raises:
            ConfigError: ``name`` is not an option (the message suggests the closest).
        """
        table = split_table_key(name)
        if table is not None:
            return key_value(self.get(table[0]), table[1])
        attr, field_name = _place(_option(name, "Config.get()").name)
        return getattr(getattr(self, attr), field_name)

    def source(self, name: str) -> str:
        """Return where the value of ``name`` came from.

        One of "default", a file's path, "env TIDAL_SERVER_PORT" (or "env STREAMLIT_..."),
        "command line" or the ``source`` given to :meth:`with_values` ("override").
        """
        table = split_table_key(name)
        return self._sources[_option(table[0] if table else name, "Config.source()").name]

    def items(self) -> Iterator[tuple[str, Any, str]]:
        """Yield ``(name, value, source)`` for every option, sorted by name."""
        for name in sorted(OPTIONS_BY_NAME):
            yield name, self.get(name), self._sources[name]

    def with_values(self, values: Mapping[str, Any], *, source: str = "override") -> Config:
        """Return a copy with ``values`` ({"server.port": 9000}) checked and applied.

        Raises:
            ConfigError: an unknown option or a bad value.
        """
        current = {name: value for name, value, _ in self.items()}
        sources = dict(self._sources)
        for name, raw in values.items():
            _set(current, sources, name, raw, source, "Config.with_values()")
        return _build(current, sources, self.ignored)


# ----------------------------------------------------------------------------- loading
def load_config(
    *,
    project_dirs: Sequence[Path] = (),
    cli: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Config:
    """Read every layer and return the Config; later layers win.

    Args:
        project_dirs: folders whose ``.tidal/config.toml`` (or, when it is missing,
            ``.streamlit/config.toml``) is read, in order; the CLI passes [cwd, app folder].
        cli: command-line flags, ``{"server.port": "8502"}``; strings or typed values.
        env: the environment; None means ``os.environ``.
        home: the user's home folder; None means ``Path.home()``.

    Raises:
        ConfigError: naming the option, the file, variable or flag, and what to write instead.
    """
    env = os.environ if env is None else env
    home = Path.home() if home is None else home
    values = {o.name: o.default for o in OPTIONS}
    sources = dict.fromkeys(values, "default")
    ignored: list[tuple[str, str]] = []
    files = [home / ".tidal" / "config.toml"]
    for folder in project_dirs:
        tidal_file = folder / ".tidal" / "config.toml"
        files.append(tidal_file if tidal_file.is_file() else folder / ".streamlit" / "config.toml")
    for path in files:
        if path.is_file():
            ignored += _apply_file(values, sources, path)
    for option in OPTIONS:  # unknown variables are ignored: environments are noisy
        for prefix in ("STREAMLIT_", "TIDAL_"):  # TIDAL_ last, so it wins
            var = prefix + env_suffix(option.name)
            if var in env:
                where = f"environment variable {var}"
                _set(values, sources, option.name, env[var], f"env {var}", where)
    for name in TABLE_KEYS:  # theme.sidebar.primaryColor: after the tables, key by key
        for prefix in ("STREAMLIT_", "TIDAL_"):
            var = prefix + env_suffix(name)
            if var in env:
                _set(values, sources, name, env[var], f"env {var}", f"environment variable {var}")
    for name, raw in (cli or {}).items():
        _set(values, sources, name, raw, "command line", f"command-line flag --{name}")
    return _build(values, sources, tuple(ignored))


def default_config() -> Config:
    """Return the Config with every option at its default (no files, no environment)."""
    values = {o.name: o.default for o in OPTIONS}
    return _build(values, dict.fromkeys(values, "default"), ())


def parse_cli_flag(name: str, raw: str) -> Any:
    """Check and convert the command-line flag ``--name raw`` ("server.port", "8502" -> 8502).

    Raises:
        ConfigError: unknown option or bad value, naming the flag.
    """
    where = f"command-line flag --{name}"
    return _convert(_option(name, where), raw, where)


def _apply_file(
    values: dict[str, Any], sources: dict[str, str], path: Path
) -> list[tuple[str, str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        raise ConfigError(f"Cannot read {path}: {exc}. Fix the file, or remove it.") from exc
    from_streamlit = path.parent.name == ".streamlit"
    ignored = []
    for section, table in data.items():
        if not isinstance(table, dict):
            raise _unknown(section, str(path), from_streamlit)
        for key, raw in table.items():
            name = f"{section}.{key}"
            if from_streamlit and name in STREAMLIT_ONLY_OPTIONS:
                ignored.append((name, str(path)))
            else:
                if name in TABLE_OPTIONS and isinstance(raw, dict):  # a later file's keys win
                    raw = merge_table(values[name], raw)
                _set(values, sources, name, raw, str(path), str(path), from_streamlit)
    return ignored


def _set(
    values: dict[str, Any],
    sources: dict[str, str],
    name: str,
    raw: Any,
    source: str,
    where: str,
    from_streamlit: bool = False,
) -> None:
    table = split_table_key(name)
    if table is not None:  # one key of a table: theme.sidebar.primaryColor
        parse = OPTIONS_BY_NAME[table[0]].parse
        assert parse is not None
        try:
            values[table[0]] = with_key(values[table[0]], table[1], raw, parse)
        except ValueError as exc:
            raise ConfigError(f'Option "{name}" in {where}: {exc}') from None
        sources[table[0]] = source
        return
    option = _option(name, where, from_streamlit)
    values[name] = _convert(option, raw, where)
    sources[name] = source


def _option(name: str, where: str, from_streamlit: bool = False) -> Option:
    try:
        return OPTIONS_BY_NAME[name]
    except KeyError:
        raise _unknown(name, where, from_streamlit) from None


def _unknown(name: str, where: str, from_streamlit: bool) -> ConfigError:
    section = name.partition(".")[0]
    sections = sorted({o.name.partition(".")[0] for o in OPTIONS})
    what = f'option "{name}"'
    if name in STREAMLIT_ONLY_OPTIONS:
        hint = "It is a Streamlit option that tidal does not use: remove it."
    elif "." in name and section not in sections:
        what = f'section "{section}"'
        near = difflib.get_close_matches(section, sections, n=1)
        hint = f'Did you mean "{near[0]}"?' if near else f"Sections are: {', '.join(sections)}."
    else:
        tails = [o.name for o in OPTIONS if o.name.endswith("." + name)]  # "port" at top level
        near = tails or difflib.get_close_matches(name, list(OPTIONS_BY_NAME), n=1)
        hint = f'Did you mean "{near[0]}"?' if near else 'Run "tidal config show" to list them.'
    if from_streamlit:
        hint += (
            " tidal reads this file because its folder has no .tidal/config.toml; tidal's own"
            " settings written there replace this file."
        )
    return ConfigError(f"Unknown {what} in {where}. {hint}")


_BOOLS = {"true": True, "1": True, "yes": True, "on": True}
_BOOLS |= {"false": False, "0": False, "no": False, "off": False}
_MISSING: Any = object()


def _convert(option: Option, raw: Any, where: str) -> Any:
    """``raw`` (from TOML, the environment, a flag or Python) as ``option``'s type, checked."""
    if option.parse is not None:
        try:
            return option.parse(raw)
        except ValueError as exc:
            raise ConfigError(f'Option "{option.name}" in {where}: {exc}') from None
    if option.from_bool is not None:
        flag = _BOOLS.get(raw.strip().lower()) if isinstance(raw, str) else raw
        if isinstance(flag, bool):
            raw = option.from_bool[0] if flag else option.from_bool[1]
    value = _coerce(option.type, raw)
    problem = _describe(option.type) if value is _MISSING else option.check and option.check(value)
    if problem:
        shown = f'"{raw}"' if isinstance(raw, str) else toml_literal(raw)
        raise ConfigError(
            f'Option "{option.name}" in {where} must be {problem}, got {shown} '
            f"({type(raw).__name__})."
        )
    return value


def _coerce(kind: type[Any] | Choices, raw: Any) -> Any:
    text = raw.strip() if isinstance(raw, str) else None
    if isinstance(kind, tuple):
        wanted = raw if text is None else text.lower()
        if wanted in (None, "") and None in kind:
            return None
        return wanted if isinstance(wanted, str) and wanted in kind else _MISSING
    if text is not None and kind is not str:  # a typed option written as text (env, flag)
        if kind is bool:
            return _BOOLS.get(text.lower(), _MISSING)
        if kind is list:
            return tuple(part.strip() for part in text.split(",") if part.strip())
        try:
            return kind(text)
        except ValueError:
            return _MISSING
    if kind is list:
        ok = isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw)
        return tuple(raw) if ok else _MISSING
    if isinstance(raw, bool) != (kind is bool):  # True is an int to Python, not a port
        return _MISSING
    if kind is float and isinstance(raw, int):
        return float(raw)
    return raw if isinstance(raw, kind) else _MISSING


def _describe(kind: type[Any] | Choices) -> str:
    if isinstance(kind, tuple):
        return "one of " + ", ".join(f'"{choice or ""}"' for choice in kind)
    words = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
    return words.get(kind, "a list of strings")


def _build(
    values: Mapping[str, Any], sources: Mapping[str, str], ignored: tuple[tuple[str, str], ...]
) -> Config:
    workers, store = values["server.workers"], values["session.store"]
    if workers > 1 and store.startswith("memory:"):
        raise ConfigError(
            f'Option "server.workers" is {workers} ({sources["server.workers"]}), but '
            f'"session.store" is "{store}" ({sources["session.store"]}), which processes cannot '
            'share. Set session.store to "sqlite:///path.db" or "redis://host", or '
            "server.workers to 1."
        )
    fields: dict[str, dict[str, Any]] = {attr: {} for attr in _SECTIONS}
    for name, value in values.items():
        attr, field_name = _place(name)
        fields[attr][field_name] = value
    sections = {attr: cls(**fields[attr]) for attr, cls in _SECTIONS.items()}
    return Config(**sections, _sources=MappingProxyType(dict(sources)), ignored=ignored)
