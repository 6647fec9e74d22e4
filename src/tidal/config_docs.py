"""How configuration is shown to people: ``tidal config show`` and the table of ``docs/config.md``.

Owns the text of both: a loaded Config's values and their sources, aligned, with secrets
hidden; and every option's type, default, environment variable and description, as Markdown.
Knows nothing about how a Config is loaded or checked; it only reads one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidal.config_options import OPTIONS, OPTIONS_BY_NAME, env_suffix, toml_literal

if TYPE_CHECKING:
    from tidal.config import Config

__all__ = ["config_docs_markdown", "format_config"]


def format_config(config: Config) -> str:
    """The text of ``tidal config show``: every option, its value and its source, aligned.

    Secret values are shown as ``"<hidden>"`` once set.
    """
    rows = [("option", "value", "source")]
    for name, value, source in config.items():
        hide = OPTIONS_BY_NAME[name].secret and value
        rows.append((name, '"<hidden>"' if hide else toml_literal(value), source))
    widths = [max(len(row[i]) for row in rows) for i in (0, 1)]
    lines = [f"{n:<{widths[0]}}  {v:<{widths[1]}}  {s}" for n, v, s in rows]
    if config.ignored:
        lines += ["", "Ignored (Streamlit options that tidal does not use):"]
        lines += [f"  {name}  {path}" for name, path in config.ignored]
    return "\n".join(lines) + "\n"


def config_docs_markdown() -> str:
    """The options table of ``docs/config.md``, generated from ``OPTIONS``."""
    lines = ["| Option | Type | Default | Environment variable | Description |"]
    lines.append("|---|---|---|---|---|")
    words = {bool: "bool", int: "integer", float: "number", str: "string", list: "list of strings"}
    words |= {dict: "table", tuple: "array of tables"}
    for o in OPTIONS:
        if isinstance(o.type, tuple):
            kind = "one of " + ", ".join(f"`{toml_literal(choice)}`" for choice in o.type)
        else:
            kind = words[o.type]
        doc = o.doc.replace("|", "\\|")
        env_var = "TIDAL_" + env_suffix(o.name)
        lines.append(f"| `{o.name}` | {kind} | `{toml_literal(o.default)}` | `{env_var}` | {doc} |")
    return "\n".join(lines) + "\n"
