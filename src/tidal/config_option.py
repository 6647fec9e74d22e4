"""One option of the registry, and how an option is spelled outside Python.

Owns the ``Option`` record (type, default, doc, check), the ``Check`` and ``Choices`` types,
and an option's spellings: its Python field (``snake_case``), its environment variable
(``env_suffix``) and its values in TOML (``toml_literal``). Knows nothing about which options
exist (``config_options``, ``theme_options``) or where values are read from.
"""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tidal.theme_sections import FontFace, ThemeMode, ThemeSection

__all__ = ["Check", "Choices", "Option", "at_least", "env_suffix", "snake_case", "toml_literal"]

Choices = tuple[str | None, ...]
"""The allowed values of a choice option; ``None`` in it means "unset" (written ``""``)."""

Check = Callable[[Any], str | None]
"""Returns None when a converted value is acceptable, else what it must be ("at least 1")."""


@dataclass(frozen=True, slots=True)
class Option:
    """One entry of the registry.

    ``type`` is ``bool``, ``int``, ``float``, ``str``, ``list`` (a list of strings, held as a
    tuple; written ``a,b`` in the environment and on the command line) or a ``Choices`` tuple;
    ``dict`` (a table) and ``tuple`` (an array of tables) options have a ``parse``.
    """

    name: str
    type: builtins.type[Any] | Choices
    default: Any
    doc: str
    check: Check | None = None
    secret: bool = False  # never printed by `tidal config show`
    from_bool: tuple[str, str] | None = None
    """For a choice option that used to be a bool: the choices ``true`` and ``false`` mean."""
    parse: Callable[[Any], Any] | None = None
    """Reads a table option's value (TOML, or an inline table's text); ValueError says what
    it must be."""


def at_least(low: float) -> Check:
    """A check that a number is ``low`` or more."""
    return lambda v: None if v >= low else f"at least {low}"


def snake_case(camel: str) -> str:
    """``"postScriptGC"`` -> ``"post_script_gc"``: an option's name as a Python field."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", camel).lower()


def env_suffix(name: str) -> str:
    """``"runner.postScriptGC"`` -> ``"RUNNER_POST_SCRIPT_GC"``, read as ``TIDAL_`` + it.

    ``STREAMLIT_`` + it is read too, for drop-in apps; ``TIDAL_`` wins.
    """
    return "_".join(snake_case(part).upper() for part in name.split("."))


def toml_literal(value: Any) -> str:
    """``value`` as written in a TOML file: ``true``, ``8501``, ``"memory://"``, ``["a", "b"]``.

    ``None`` (an unset choice) is written ``""``.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, ThemeSection | ThemeMode | FontFace):
        value = value.as_table()
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {toml_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    return json.dumps("" if value is None else value, ensure_ascii=False)
