"""Short, safe texts for session-state values: what the inspector and the timeline show.

Owns ``summarise`` (a value in at most ``SUMMARY_CHARS`` characters: repr for small values, a
description for big ones, a DataFrame's shape) and the masking of secret values. Imports no
heavy library: a DataFrame is recognised by its ``shape``. Knows nothing about sessions.
"""

from __future__ import annotations

from typing import Any

SUMMARY_CHARS = 120
"""Longest summary of a value."""
SMALL = 200
"""Containers up to this many items are shown (and copied by the timeline); bigger ones are
described by their length."""
SECRET = "•••• (secret)"
"""What a value holding a secret (``st.secrets``) shows instead."""


def summarise(value: Any, secrets: frozenset[str] = frozenset()) -> str:
    """A short, safe text for a value: repr for small values, a description for big ones
    (a DataFrame's shape, a container's length); strings holding a secret are masked.

    Example:
        >>> summarise([1, 2, 3])
        '[1, 2, 3]'
    """
    if secrets and _holds_secret(value, secrets):
        return SECRET
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, str):
        return _cut(repr(value))
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        if len(value) > SMALL:
            return f"{type(value).__name__} of {len(value)} items"
        return _cut(_safe_repr(value))
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and shape:
        dims = " x ".join(str(n) for n in shape)
        return f"{type(value).__name__} {dims}"
    return _cut(_safe_repr(value))


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception:  # a value whose repr fails: say what it is
        return f"<{type(value).__name__}>"


def _cut(text: str) -> str:
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _holds_secret(value: Any, secrets: frozenset[str]) -> bool:
    if isinstance(value, str):
        return any(s in value for s in secrets)
    if isinstance(value, dict) and len(value) <= SMALL:
        return any(_holds_secret(v, secrets) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset)) and len(value) <= SMALL:
        return any(_holds_secret(v, secrets) for v in value)
    return False
