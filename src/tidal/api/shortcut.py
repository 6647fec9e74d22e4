"""Keyboard shortcuts on buttons: ``st.button(..., shortcut="Ctrl+K")``.

Owns the shortcut grammar (modifiers and one key joined by ``+``, any case), its canonical
form (what the browser matches key presses against) and the rule that one page holds a
shortcut once. Knows nothing about any one button kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from tidal.context import RunContext
from tidal.errors import StreamlitAPIException
from tidal.tree import Node

_MODIFIERS = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "cmd": "cmd",
    "command": "cmd",
    "meta": "cmd",
    "super": "cmd",
    "win": "cmd",
    "alt": "alt",
    "option": "alt",
    "opt": "alt",
    "shift": "shift",
    "mod": "mod",
}
"""Modifier names -> canonical name. ``mod`` is Cmd on macOS and Ctrl elsewhere."""

_ORDER = ("mod", "ctrl", "cmd", "alt", "shift")

_NAMED = {
    "enter": "enter",
    "return": "enter",
    "esc": "escape",
    "escape": "escape",
    "space": "space",
    "tab": "tab",
    "backspace": "backspace",
    "delete": "delete",
    "del": "delete",
    "home": "home",
    "end": "end",
    "pageup": "pageup",
    "pagedown": "pagedown",
    "up": "arrowup",
    "down": "arrowdown",
    "left": "arrowleft",
    "right": "arrowright",
    "arrowup": "arrowup",
    "arrowdown": "arrowdown",
    "arrowleft": "arrowleft",
    "arrowright": "arrowright",
    **{f"f{i}": f"f{i}" for i in range(1, 13)},
}

_RESERVED = frozenset({"c", "r"})
"""Keys the app itself uses without a modifier (clear cache, rerun), as in Streamlit."""


def parse_shortcut(shortcut: object) -> str | None:
    """The canonical form of a shortcut (``"ctrl+shift+k"``), or None for no shortcut.

    Raises:
        StreamlitAPIException: the text is not modifiers and one key joined by ``+``.

    Example:
        >>> parse_shortcut("Shift+Ctrl+K")
        'ctrl+shift+k'
    """
    if shortcut is None:
        return None
    if not isinstance(shortcut, str) or not shortcut.strip():
        raise StreamlitAPIException(
            f"shortcut={shortcut!r} is not a keyboard shortcut. Pass a string such as "
            '"Ctrl+K", "Cmd+Shift+P" or "Enter".'
        )
    parts = [p.strip().lower() for p in shortcut.strip().split("+")]
    if shortcut.strip().endswith("++"):  # "Ctrl++": the plus key
        parts = [*parts[:-2], "+"]
    mods: set[str] = set()
    keys: list[str] = []
    for part in parts:
        if part in _MODIFIERS:
            mods.add(_MODIFIERS[part])
        elif part in _NAMED:
            keys.append(_NAMED[part])
        elif len(part) == 1 and part.isprintable() and not part.isspace():
            keys.append(part)
        else:
            raise StreamlitAPIException(
                f"shortcut={shortcut!r}: {part!r} is not a key. Use modifiers (Ctrl, Cmd, "
                "Alt, Shift, Mod) and one key: a character, Enter, Escape, Space, Tab, "
                "Backspace, Delete, Home, End, PageUp, PageDown, an arrow or F1-F12."
            )
    if len(keys) != 1:
        raise StreamlitAPIException(
            f"shortcut={shortcut!r} must name exactly one key besides its modifiers, such as "
            '"Ctrl+K".'
        )
    key = keys[0]
    if not mods and key in _RESERVED:
        raise StreamlitAPIException(
            f'shortcut={shortcut!r} is reserved: "{key}" alone reruns the app or clears its '
            f'cache. Add a modifier, such as "Ctrl+{key.upper()}".'
        )
    return "+".join([*(m for m in _ORDER if m in mods), key])


def _nodes(nodes: list[Node]) -> Iterator[Node]:
    stack = list(nodes)
    while stack:
        n = stack.pop()
        yield n
        if n.children:
            stack.extend(n.children)


def claim_shortcut(ctx: RunContext, shortcut: str | None) -> None:
    """Refuse a shortcut another element of this run's page already uses."""
    if shortcut is None:
        return
    for node in _nodes(ctx.roots):
        if node.props.get("shortcut") == shortcut:
            raise StreamlitAPIException(
                f'The shortcut "{shortcut}" is already used by another element on this page '
                f"({node.type} {node.props.get('label')!r}). Give each element its own "
                "shortcut."
            )
