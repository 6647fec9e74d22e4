"""The OpenID Connect relying party: tidal's side of signing someone in with a provider.

Owns the authorization code flow with PKCE, ``state`` and ``nonce`` (Authlib's OAuth 2.0
client over ``requests``), the providers' metadata and keys (fetched once per process and kept
for an hour; keys fetched again when a token names an unknown key), and the ID token checks
(signature by the provider's keys, issuer, audience, nonce, expiry: Authlib's ``CodeIDToken``
with joserfc). Calls block on the network: the routes run them in a thread. Knows nothing about
cookies, routes or sessions. Authlib, joserfc and requests are the ``auth`` extra, imported
only here and only when someone signs in.
"""

from __future__ import annotations

import dataclasses
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tidal.api.auth_config import Provider

__all__ = ["Flow", "LoginRefused", "Signin", "authorization_url", "end_session_url", "finish"]

METADATA_TTL = 3600.0
"""Seconds a provider's metadata and keys are kept before they are fetched again."""
HTTP_TIMEOUT = 10.0
LEEWAY = 120
"""Seconds of clock difference allowed when checking an ID token's times."""
_DEFAULT_SCOPE = "openid profile email"
_SESSION_KEYS = ("scope", "token_endpoint_auth_method", "code_challenge_method")
"""``client_kwargs`` that configure the client; the others go into the authorization URL."""


class LoginRefused(Exception):
    """The sign-in could not be completed; the message says why, for the person."""


@dataclass(frozen=True, slots=True)
class Flow:
    """What one sign-in must remember between leaving for the provider and coming back."""

    provider: str
    state: str
    nonce: str
    verifier: str

    @classmethod
    def new(cls, provider: str) -> Flow:
        """A flow with fresh random ``state``, ``nonce`` and PKCE verifier."""
        token = secrets.token_urlsafe
        return cls(provider, state=token(32), nonce=token(32), verifier=token(48))

    @classmethod
    def from_dict(cls, saved: Mapping[str, Any]) -> Flow:
        """The flow :meth:`as_dict` saved.

        Raises:
            KeyError: a field is missing.
        """
        return cls(*(str(saved[name]) for name in ("provider", "state", "nonce", "verifier")))

    def as_dict(self) -> dict[str, str]:
        """The flow as JSON-ready values (for the browser's signed flow cookie)."""
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Signin:
    """A completed sign-in: the ID token's claims and the tokens the provider gave."""

    claims: dict[str, Any]
    id_token: str
    access_token: str


class _Cache:
    """Metadata and key sets by URL, each with the time it was fetched."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._docs: dict[str, tuple[float, dict[str, Any]]] = {}

    def get(self, url: str, *, fresh: bool = False) -> dict[str, Any]:
        with self._lock:
            hit = self._docs.get(url)
        if hit is not None and not fresh and time.monotonic() - hit[0] < METADATA_TTL:
            return hit[1]
        doc = _get_json(url)
        with self._lock:
            self._docs[url] = (time.monotonic(), doc)
        return doc


_cache = _Cache()


def _get_json(url: str) -> dict[str, Any]:
    import requests

    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        doc = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise LoginRefused(f"The identity provider did not answer at {url}: {exc}") from None
    if not isinstance(doc, dict):
        raise LoginRefused(f"The identity provider's document at {url} is not a JSON object.")
    return doc


def _metadata(provider: Provider) -> dict[str, Any]:
    doc = _cache.get(provider.server_metadata_url)
    for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(doc.get(key), str):
            raise LoginRefused(
                f'The metadata at {provider.server_metadata_url} has no "{key}": is '
                "server_metadata_url the provider's /.well-known/openid-configuration?"
            )
    return doc


def _client(provider: Provider, redirect_uri: str) -> Any:
    from authlib.integrations.requests_client import OAuth2Session

    kwargs = provider.client_kwargs
    return OAuth2Session(
        provider.client_id,
        provider.client_secret,
        scope=kwargs.get("scope", _DEFAULT_SCOPE),
        redirect_uri=redirect_uri,
        code_challenge_method=kwargs.get("code_challenge_method", "S256"),
        token_endpoint_auth_method=kwargs.get("token_endpoint_auth_method"),
    )


def authorization_url(provider: Provider, redirect_uri: str, flow: Flow) -> str:
    """Where to send the browser to sign in with ``provider`` (blocks: may fetch metadata).

    Raises:
        LoginRefused: the provider's metadata cannot be read.
    """
    metadata = _metadata(provider)
    params = {"prompt": "select_account"}
    params.update({k: str(v) for k, v in provider.client_kwargs.items() if k not in _SESSION_KEYS})
    with _client(provider, redirect_uri) as client:
        url, _ = client.create_authorization_url(
            metadata["authorization_endpoint"],
            state=flow.state,
            code_verifier=flow.verifier,
            nonce=flow.nonce,
            **params,
        )
    return str(url)


def finish(provider: Provider, redirect_uri: str, flow: Flow, params: Mapping[str, str]) -> Signin:
    """Complete a sign-in from the provider's answer (the callback's query ``params``):
    check ``state``, exchange the code (with the PKCE verifier), check the ID token.

    Raises:
        LoginRefused: the provider refused, the state does not match this browser's flow, the
            code exchange failed, or the ID token is not valid.
    """
    from authlib.integrations.base_client import OAuthError
    from requests import RequestException

    if "error" in params:
        detail = params.get("error_description") or params["error"]
        raise LoginRefused(f"The identity provider refused the sign-in: {detail}")
    if not secrets.compare_digest(params.get("state", ""), flow.state):
        raise LoginRefused(
            "The sign-in answer does not match the sign-in this browser started (state "
            "mismatch). Start again from the app."
        )
    code = params.get("code")
    if not code:
        raise LoginRefused("The identity provider's answer has no authorization code.")
    metadata = _metadata(provider)
    try:
        with _client(provider, redirect_uri) as client:
            token = client.fetch_token(
                metadata["token_endpoint"],
                code=code,
                code_verifier=flow.verifier,
                grant_type="authorization_code",
                timeout=HTTP_TIMEOUT,
            )
    except (OAuthError, RequestException, ValueError) as exc:
        raise LoginRefused(f"The identity provider did not exchange the code: {exc}") from None
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise LoginRefused(
            "The identity provider returned no ID token: is it an OpenID Connect provider, "
            'and does the scope include "openid"?'
        )
    access = token.get("access_token")
    claims = _check_id_token(provider, metadata, id_token, flow.nonce, access)
    return Signin(claims, id_token, access if isinstance(access, str) else "")


def _check_id_token(
    provider: Provider, metadata: Mapping[str, Any], id_token: str, nonce: str, access: Any
) -> dict[str, Any]:
    from authlib.common.errors import AuthlibBaseError
    from authlib.oidc.core import CodeIDToken
    from joserfc import jwt
    from joserfc.errors import InvalidKeyIdError, JoseError
    from joserfc.jwk import KeySet
    from joserfc.jws import JWSRegistry

    registry = JWSRegistry(
        algorithms=metadata.get("id_token_signing_alg_values_supported") or ["RS256"],
        strict_check_header=False,
    )
    try:
        try:
            keys = KeySet.import_key_set(_jwks(metadata))
            token = jwt.decode(id_token, keys, registry=registry)
        except InvalidKeyIdError:  # the provider rotated its keys since we fetched them
            keys = KeySet.import_key_set(_jwks(metadata, fresh=True))
            token = jwt.decode(id_token, keys, registry=registry)
        params: dict[str, Any] = {"nonce": nonce, "client_id": provider.client_id}
        if isinstance(access, str):
            params["access_token"] = access
        options = {"iss": {"values": [metadata["issuer"]]}}
        claims = CodeIDToken(token.claims, token.header, options, params)
        claims.validate(leeway=LEEWAY)
    except (JoseError, AuthlibBaseError, ValueError) as exc:
        raise LoginRefused(f"The identity provider's ID token is not valid: {exc}") from None
    return dict(claims)


def _jwks(metadata: Mapping[str, Any], *, fresh: bool = False) -> Any:
    """The provider's key set (JSON), as ``KeySet.import_key_set`` takes it."""
    return _cache.get(metadata["jwks_uri"], fresh=fresh)


def end_session_url(provider: Provider, home: str) -> str | None:
    """The provider's sign-out address that comes back to ``home``, if it has one
    (``end_session_endpoint``; blocks: may fetch metadata). None: sign out locally only."""
    from authlib.common.urls import add_params_to_uri

    try:
        endpoint = _metadata(provider).get("end_session_endpoint")
    except LoginRefused:
        return None
    if not isinstance(endpoint, str):
        return None
    params = [("client_id", provider.client_id), ("post_logout_redirect_uri", home)]
    return str(add_params_to_uri(endpoint, params))
