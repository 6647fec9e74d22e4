"""``st.login``, ``st.logout`` and ``st.user``: signing people in with an identity provider.

``st.login`` checks the ``[auth]`` secrets (``api/auth_config.py``) and sends the tab to the
server's ``/auth/login``, which sends it on to the provider (OpenID Connect, ``oidc.py`` and
``auth_routes.py``); the provider's answer comes back to ``/oauth2callback``, which keeps who
signed in in a signed cookie (``api/identity.py``) and returns the tab to the app. ``st.user``
reads that cookie from the tab's websocket handshake, so each (re)connection of the tab sees
the current sign-in; ``AppTest.user`` replaces it in tests. ``st.logout`` forgets the user for
the rest of the run and sends the tab to ``/auth/logout``, which clears the cookie.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import quote

from tidal.api.auth_config import AUTH_NOT_CONFIGURED, AuthSettings, auth_settings, require_authlib
from tidal.api.identity import Identity, read_identity
from tidal.api.secrets import StreamlitSecretNotFoundError, secrets
from tidal.context import Visitor, maybe_run
from tidal.errors import TidalAPIError
from tidal.signed_cookie import sign

__all__ = ["AUTH_NOT_CONFIGURED", "LOGIN_PATH", "LOGOUT_PATH", "login", "logout", "user"]

LOGIN_PATH = "/auth/login"
LOGOUT_PATH = "/auth/logout"
LOGIN_TICKET = "_tidal_login"
"""What the server's ``/auth/login`` is given: a signed provider name, valid two minutes."""
LOGIN_TICKET_SECONDS = 120


def _secrets_or_empty() -> Mapping[str, Any]:
    try:
        return secrets.to_dict()
    except StreamlitSecretNotFoundError:
        return {}


def _settings_or_none() -> AuthSettings | None:
    values = _secrets_or_empty()
    if "auth" not in values:
        return None
    try:
        return auth_settings(values)
    except TidalAPIError:
        return None  # st.login says what is wrong; st.user just finds nobody signed in


def _visitor() -> Visitor | None:
    ctx = maybe_run()
    return ctx.visitor if ctx is not None else None


def login(provider: str | None = None) -> None:
    """Send the visitor to an identity provider to sign in (OpenID Connect).

    The provider's settings come from ``[auth]`` in ``.streamlit/secrets.toml``: the shared
    ``redirect_uri`` and ``cookie_secret``, then ``client_id``, ``client_secret`` and
    ``server_metadata_url`` directly in ``[auth]`` (``provider=None``) or in
    ``[auth.<provider>]``. After signing in, the tab comes back to the app's home page and
    ``st.user`` holds the ID token's claims.

    Args:
        provider: The name of an ``[auth.<provider>]`` table, or None for the settings
            directly in ``[auth]``.

    Raises:
        TidalAPIError: ``[auth]`` is missing or incomplete (Streamlit's messages), or the
            ``auth`` extra (Authlib) is not installed.

    Example:
        >>> if not st.user.is_logged_in:
        ...     st.button("Log in", on_click=st.login)
    """
    visitor = _visitor()
    if visitor is None:
        return
    require_authlib()
    settings = auth_settings(_secrets_or_empty())
    chosen = settings.provider(provider)
    ticket = sign(
        settings.cookie_secret, LOGIN_TICKET, {"provider": chosen.name}, LOGIN_TICKET_SECONDS
    )
    visitor.redirect = f"{LOGIN_PATH}?provider={quote(ticket)}"


def logout() -> None:
    """Sign the visitor out: ``st.user`` is empty for the rest of the run, the identity
    cookie is deleted and the tab reloads the app (after the provider's own sign-out page
    when its metadata has an ``end_session_endpoint``).

    Example:
        >>> if st.user.is_logged_in:
        ...     st.button("Log out", on_click=st.logout)
    """
    visitor = _visitor()
    if visitor is None:
        return
    visitor.user = {"is_logged_in": False}
    if _settings_or_none() is not None:
        visitor.redirect = LOGOUT_PATH


def _identity() -> Identity | None:
    visitor = _visitor()
    if visitor is None or visitor.user is not None or not visitor.cookies:
        return None
    settings = _settings_or_none()
    return None if settings is None else read_identity(settings, visitor.cookies)


class UserInfoProxy(Mapping[str, Any]):
    """``st.user``: who is logged in. Read keys as items or attributes.

    Example:
        >>> st.user.is_logged_in
        False
    """

    __slots__ = ()

    def _info(self) -> dict[str, Any]:
        visitor = _visitor()
        if visitor is not None and visitor.user is not None:
            return visitor.user  # what a test set (AppTest.user), or {} after st.logout
        identity = _identity()
        if identity is None:
            return {"is_logged_in": False}
        return {**identity.claims, "is_logged_in": True}

    def __getitem__(self, key: str) -> Any:
        info = self._info()
        if key not in info:
            raise KeyError(f'st.user has no key "{key}".')
        return info[key]

    def __getattr__(self, key: str) -> Any:
        info = self._info()
        if key not in info:
            raise AttributeError(f'st.user has no attribute "{key}".')
        return info[key]

    def __setattr__(self, key: str, value: Any) -> None:
        raise TidalAPIError("st.user cannot be modified.")

    def __iter__(self) -> Iterator[str]:
        return iter(self._info())

    def __len__(self) -> int:
        return len(self._info())

    def to_dict(self) -> dict[str, Any]:
        """The user's information as a dict.

        Example:
            >>> st.json(st.user.to_dict())
        """
        return dict(self._info())

    @property
    def tokens(self) -> dict[str, str]:
        """The provider's tokens that ``expose_tokens`` in ``[auth]`` keeps (``"id"``,
        ``"access"``); empty without a login.

        Example:
            >>> headers = {"Authorization": f"Bearer {st.user.tokens['access']}"}
        """
        identity = _identity()
        return {} if identity is None else dict(identity.tokens)

    def __repr__(self) -> str:
        return f"UserInfoProxy({self._info()!r})"


user = UserInfoProxy()
"""``st.user``."""
