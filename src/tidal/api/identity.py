"""The identity cookie: who signed in, kept by the browser, signed with ``cookie_secret``.

Owns the cookies' names, what they hold (the ID token's claims and the provider's name; the
tokens in a second cookie when ``expose_tokens`` asks for them) and how long they last (30
days, as Streamlit's). Knows nothing about HTTP responses or how a sign-in happens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tidal.api.auth_config import AuthSettings
from tidal.signed_cookie import join_chunks, sign, split_chunks, verify

__all__ = [
    "IDENTITY_MAX_AGE",
    "TOKENS_COOKIE",
    "USER_COOKIE",
    "Identity",
    "identity_cookies",
    "read_identity",
]

USER_COOKIE = "_tidal_user"
TOKENS_COOKIE = "_tidal_user_tokens"
IDENTITY_MAX_AGE = 30 * 24 * 3600
"""Seconds a sign-in lasts in a browser that never signs out."""


@dataclass(frozen=True, slots=True)
class Identity:
    """A signed-in visitor: the ID token's claims, the provider's name, the exposed tokens."""

    claims: dict[str, Any]
    provider: str
    tokens: dict[str, str]


def identity_cookies(
    settings: AuthSettings,
    provider: str,
    claims: Mapping[str, Any],
    tokens: Mapping[str, str],
) -> dict[str, str]:
    """The cookies (name -> value) that remember this sign-in; ``tokens`` (``id``,
    ``access``) are kept only as far as ``expose_tokens`` asks.

    Raises:
        ValueError: the claims or tokens are too large even for several cookies.

    Example:
        >>> identity_cookies(settings, "default", {"email": "a@b.c"}, {})
        {'_tidal_user': 'eyJ...'}
    """
    secret = settings.cookie_secret
    user = {"claims": dict(claims), "provider": provider}
    cookies = split_chunks(USER_COOKIE, sign(secret, USER_COOKIE, user, IDENTITY_MAX_AGE))
    kept = {k: v for k, v in tokens.items() if k in settings.expose_tokens and v}
    if kept:
        value = sign(secret, TOKENS_COOKIE, kept, IDENTITY_MAX_AGE)
        cookies.update(split_chunks(TOKENS_COOKIE, value))
    return cookies


def read_identity(settings: AuthSettings, cookies: Mapping[str, str]) -> Identity | None:
    """Who the browser's cookies say signed in; None when nobody did, or the cookie was
    changed, expired, or signed with another ``cookie_secret``."""
    token = join_chunks(cookies, USER_COOKIE)
    user = None if token is None else verify(settings.cookie_secret, USER_COOKIE, token)
    if user is None or not isinstance(user.get("claims"), dict):
        return None
    tokens: dict[str, str] = {}
    raw = join_chunks(cookies, TOKENS_COOKIE)
    value = None if raw is None else verify(settings.cookie_secret, TOKENS_COOKIE, raw)
    if value is not None:
        kinds = settings.expose_tokens
        tokens = {k: str(v) for k, v in value.items() if k in kinds and isinstance(v, str)}
    return Identity(user["claims"], str(user.get("provider", "")), tokens)
