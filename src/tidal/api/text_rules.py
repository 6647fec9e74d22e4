"""Rules for typed text: ``st.text_input``'s ``validate`` and ``live``.

Owns what ``validate`` may be (a regular expression, a ``(pattern, message)`` pair, or a
callable returning an error message) and the checks a text goes through, and how long ``live``
waits after the last keystroke. Knows nothing about widgets or registration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tidal.errors import StreamlitAPIException

LIVE_DEFAULT_MS = 300
"""``live=True``: the pause after the last keystroke before the value is sent."""
LIVE_MAX_MS = 60_000


@dataclass(frozen=True, slots=True)
class TextRule:
    """A checked ``validate``: a pattern the whole text must match (checked in the browser
    and again on the server), or a server-side ``check``; ``message`` is shown on failure."""

    pattern: str | None
    message: str | None
    check: Callable[[str], Any] | None


def check_validate(validate: object) -> TextRule | None:
    """``validate`` as a ``TextRule`` (None for no rule).

    Raises:
        StreamlitAPIException: not a valid regular expression, pair or callable.
    """
    if validate is None:
        return None
    if callable(validate):
        return TextRule(None, None, validate)
    pattern, message = validate, None
    if isinstance(validate, tuple) and len(validate) == 2:
        pattern, message = validate
    if not isinstance(pattern, str) or not (message is None or isinstance(message, str)):
        raise StreamlitAPIException(
            f"validate={validate!r} is not a validation rule. Pass a regular expression, a "
            "(pattern, message) pair, or a callable that returns an error message."
        )
    try:
        re.compile(pattern)
    except re.error as exc:
        raise StreamlitAPIException(
            f"validate={pattern!r} is not a valid regular expression ({exc})."
        ) from None
    return TextRule(pattern, message, None)


def rule_error(rule: TextRule, text: str) -> str | None:
    """The message for a text that breaks ``rule``, or None when it passes."""
    if rule.pattern is not None:
        if re.fullmatch(rule.pattern, text):
            return None
        return rule.message or f"Please match the requested format: {rule.pattern}"
    assert rule.check is not None
    verdict = rule.check(text)
    if verdict is None or verdict is True:
        return None
    return verdict if isinstance(verdict, str) and verdict else "Invalid value"


def check_live(live: object, seconds: Callable[[Any], float | None]) -> int | None:
    """``live`` as the pause in milliseconds (None: not live). ``seconds`` parses durations
    (``"300ms"``, ``"0.5s"``) the way ``ttl`` does."""
    if live is False:
        return None
    if live is True:
        return LIVE_DEFAULT_MS
    if not isinstance(live, str):
        raise StreamlitAPIException(
            f'live={live!r}: pass True, False or a duration string such as "300ms" or '
            '"0.5s" (a bare number is refused).'
        )
    text = live.strip()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*ms", text)
    value = float(match.group(1)) / 1000 if match else seconds(text)
    ms = round((value or 0.0) * 1000)
    if value is None or value < 0 or ms > LIVE_MAX_MS:
        raise StreamlitAPIException(
            f'live={live!r} is out of range: use True, "0ms" or a duration up to "1m".'
        )
    return ms
