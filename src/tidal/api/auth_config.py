"""The ``[auth]`` table of the secrets: which identity providers an app signs people in with.

Owns reading and checking it, with Streamlit's messages: the shared ``redirect_uri`` and
``cookie_secret`` (and optional ``expose_tokens``), then per provider ``client_id``,
``client_secret``, ``server_metadata_url`` and optional ``client_kwargs``, either directly in
``[auth]`` (the default provider, ``st.login()``) or in ``[auth.<name>]`` (``st.login(name)``).
Knows nothing about HTTP, cookies or how sign-in works.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tidal.errors import TidalAPIError

__all__ = [
    "AUTH_NOT_CONFIGURED",
    "DEFAULT_PROVIDER",
    "AuthSettings",
    "Provider",
    "auth_settings",
    "require_authlib",
]

DEFAULT_PROVIDER = "default"
CALLBACK_PATH = "/oauth2callback"
_SECRETS = "`.streamlit/secrets.toml`"
AUTH_NOT_CONFIGURED = (
    "To use authentication features, you need to configure credentials for at least one "
    "authentication provider in `.streamlit/secrets.toml`.\n\nFor more information, see our "
    "[authentication guide](https://docs.streamlit.io/develop/concepts/connections/"
    "authentication)."
)
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
_TOKEN_KINDS = ("id", "access")
_AUTH_EXTRA = ("authlib", "joserfc", "requests")
"""What ``pip install "tidal[auth]"`` installs."""


@dataclass(frozen=True, slots=True)
class Provider:
    """One identity provider: the app's client registration and where its metadata is."""

    name: str
    client_id: str
    client_secret: str
    server_metadata_url: str
    client_kwargs: Mapping[str, Any] = field(default_factory=dict)
    """Extra authorization parameters (``scope``, ``prompt``, ...) and
    ``token_endpoint_auth_method``."""


@dataclass(frozen=True, slots=True)
class AuthSettings:
    """The checked ``[auth]`` table."""

    redirect_uri: str
    cookie_secret: str
    expose_tokens: tuple[str, ...]
    section: Mapping[str, Any]

    @property
    def home(self) -> str:
        """The app's address: where the browser goes after signing in or out."""
        return self.redirect_uri[: -len(CALLBACK_PATH)] + "/"

    @property
    def secure(self) -> bool:
        """Whether the app is served over HTTPS (its cookies are then ``Secure``)."""
        return self.redirect_uri.startswith("https://")

    def provider(self, name: str | None) -> Provider:
        """The settings of provider ``name`` (None: the default provider).

        Raises:
            TidalAPIError: the provider is missing or incomplete (Streamlit's messages).
        """
        name = DEFAULT_PROVIDER if name is None else name
        if "_" in name:
            raise TidalAPIError(
                f'Auth provider name "{name}" contains an underscore. Please use a provider '
                "name without underscores."
            )
        table = self.section.get(name)
        which = (
            "the default authentication provider"
            if name == DEFAULT_PROVIDER
            else f'the authentication provider "{name}"'
        )
        if table is None and name == DEFAULT_PROVIDER:
            keys = (*_PROVIDER_KEYS, "client_kwargs")
            table = {k: self.section[k] for k in keys if k in self.section} or None
        if table is None:
            raise TidalAPIError(
                f"Authentication credentials in {_SECRETS} are missing for {which}. Please "
                "check your configuration."
            )
        if not isinstance(table, Mapping):
            raise TidalAPIError(
                f"Authentication credentials in {_SECRETS} for {which} must be valid TOML. "
                "Please check your configuration."
            )
        missing = [k for k in _PROVIDER_KEYS if k not in table]
        if missing:
            raise TidalAPIError(
                f"Authentication credentials in {_SECRETS} for {which} are missing the "
                f"following keys: {missing}. Please check your configuration."
            )
        kwargs = table.get("client_kwargs", {})
        if not isinstance(kwargs, Mapping):
            raise TidalAPIError(
                f"client_kwargs of {which} in {_SECRETS} must be a table, such as "
                '`client_kwargs = { prompt = "login" }`.'
            )
        url = str(table["server_metadata_url"])
        _require_absolute("server_metadata_url", url)
        return Provider(
            name=name,
            client_id=str(table["client_id"]),
            client_secret=str(table["client_secret"]),
            server_metadata_url=url,
            client_kwargs=dict(kwargs),
        )


def auth_settings(secrets: Mapping[str, Any], port: int | None = None) -> AuthSettings:
    """The checked ``[auth]`` table of ``secrets``; ``{port}`` in ``redirect_uri`` becomes
    ``port`` (the server's, as Streamlit fills in ``server.port``) when it is given.

    Raises:
        TidalAPIError: ``[auth]`` is missing or lacks a shared setting (Streamlit's messages).

    Example:
        >>> auth_settings({"auth": {"redirect_uri": "http://localhost:8501/oauth2callback",
        ...                         "cookie_secret": "xyz"}}).home
        'http://localhost:8501/'
    """
    section = secrets.get("auth")
    if not isinstance(section, Mapping):
        raise TidalAPIError(AUTH_NOT_CONFIGURED)
    for key in ("redirect_uri", "cookie_secret"):
        if key not in section:
            raise TidalAPIError(
                f'Authentication credentials in {_SECRETS} are missing the "{key}" key. '
                "Please check your configuration."
            )
    redirect_uri = str(section["redirect_uri"])
    if port is not None:
        redirect_uri = redirect_uri.replace("{port}", str(port))
    _require_absolute("redirect_uri", redirect_uri)
    if not urlsplit(redirect_uri).path.endswith(CALLBACK_PATH):
        raise TidalAPIError(
            f"redirect_uri {redirect_uri!r} in {_SECRETS} must be the app's address with the "
            f"path {CALLBACK_PATH}, such as http://localhost:8501{CALLBACK_PATH}; register the "
            "same address with your identity provider."
        )
    expose = section.get("expose_tokens", [])
    tokens = (expose,) if isinstance(expose, str) else tuple(str(t) for t in expose)
    if set(tokens) - set(_TOKEN_KINDS):
        raise TidalAPIError(
            "Invalid expose_tokens configuration. Only 'id' and 'access' are allowed."
        )
    return AuthSettings(
        redirect_uri=redirect_uri.split("?")[0],
        cookie_secret=str(section["cookie_secret"]),
        expose_tokens=tokens,
        section=section,
    )


def _require_absolute(key: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TidalAPIError(
            f"{key} {url!r} in {_SECRETS} must be an absolute URL (beginning with http:// or "
            "https://). Please check your configuration."
        )


def require_authlib() -> None:
    """Raise unless the ``auth`` extra (Authlib, joserfc, requests) is installed.

    Raises:
        TidalAPIError: one of them is missing, with the command that installs them.
    """
    missing = [name for name in _AUTH_EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise TidalAPIError(
            "To use authentication features, you need to install Authlib (missing: "
            f'{", ".join(missing)}). Install the auth extra: pip install "tidal[auth]".'
        )
