"""``st.login``, ``st.logout`` and ``st.user``: signing people in with an identity provider.

tidal does not implement OpenID Connect yet. ``st.user`` therefore always describes a visitor
who is not logged in (``st.user.is_logged_in`` is False); ``st.login`` raises Streamlit's
error when ``[auth]`` is missing from the secrets, and says that tidal cannot sign in yet when
it is there; ``st.logout`` of a visitor who is not logged in does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tidal.api.secrets import StreamlitSecretNotFoundError, secrets
from tidal.context import maybe_run
from tidal.errors import TidalAPIError

AUTH_NOT_CONFIGURED = (
    "To use authentication features, you need to configure credentials for at least one "
    "authentication provider in `.streamlit/secrets.toml`.\n\nFor more information, see our "
    "[authentication guide](https://docs.streamlit.io/develop/concepts/connections/"
    "authentication)."
)


def _auth_configured() -> bool:
    try:
        return "auth" in secrets
    except StreamlitSecretNotFoundError:
        return False


def login(provider: str | None = None) -> None:
    """Send the visitor to an identity provider to sign in.

    Raises:
        TidalAPIError: ``[auth]`` is not configured in the secrets (Streamlit's message), or
            it is: tidal cannot sign people in yet.

    Example:
        >>> if not st.user.is_logged_in:
        ...     st.button("Log in", on_click=st.login)
    """
    if not _auth_configured():
        raise TidalAPIError(AUTH_NOT_CONFIGURED)
    raise TidalAPIError(
        f"st.login({provider!r}): tidal does not implement OpenID Connect sign-in yet. Put the "
        "app behind an authenticating proxy and read its headers with st.context.headers."
    )


def logout() -> None:
    """Sign the visitor out (nothing to do when nobody is logged in).

    Example:
        >>> st.button("Log out", on_click=st.logout)
    """


class UserInfoProxy(Mapping[str, Any]):
    """``st.user``: who is logged in. Read keys as items or attributes.

    Example:
        >>> st.user.is_logged_in
        False
    """

    __slots__ = ()

    def _info(self) -> dict[str, Any]:
        ctx = maybe_run()
        if ctx is not None and ctx.visitor is not None and ctx.visitor.user is not None:
            return ctx.visitor.user  # what a test set (AppTest.user)
        return {"is_logged_in": False}

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
        """The user's information as a dict."""
        return dict(self._info())

    @property
    def tokens(self) -> dict[str, str]:
        """The identity provider's tokens (none without a login)."""
        return {}

    def __repr__(self) -> str:
        return f"UserInfoProxy({self._info()!r})"


user = UserInfoProxy()
"""``st.user``."""
