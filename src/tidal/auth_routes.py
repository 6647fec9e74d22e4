"""The sign-in routes: ``/auth/login``, ``/oauth2callback`` and ``/auth/logout``.

``st.login`` sends the tab to ``/auth/login`` with a signed provider name; the route starts an
OpenID Connect flow (``oidc.py``), keeps its ``state``, ``nonce`` and PKCE verifier in a
short-lived signed cookie (so any replica can finish it: no server memory, no sticky
sessions) and sends the browser to the provider. The provider sends it back to
``/oauth2callback``, which checks the answer against that cookie, exchanges the code, checks the
ID token, keeps the identity in signed HttpOnly cookies (``api/identity.py``) and returns the
tab to the app, whose websocket then carries the cookies to ``st.user``. ``/auth/logout``
deletes them. A refused sign-in gets a page saying why, and no cookie. Settings are read from
the app's ``[auth]`` secrets on each request, so a changed ``secrets.toml`` applies at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from tidal.api.auth import LOGIN_TICKET, LOGOUT_PATH
from tidal.api.auth_config import AuthSettings, auth_settings
from tidal.api.identity import (
    IDENTITY_MAX_AGE,
    TOKENS_COOKIE,
    USER_COOKIE,
    identity_cookies,
    read_identity,
)
from tidal.api.secrets import StreamlitSecretNotFoundError, secrets
from tidal.errors import TidalAPIError
from tidal.oidc import Flow, LoginRefused, authorization_url, end_session_url, finish
from tidal.signed_cookie import chunk_names, sign, verify

__all__ = ["FLOW_COOKIE", "AuthRoutes"]

log = logging.getLogger("tidal.auth")

FLOW_COOKIE = "_tidal_auth_flow"
FLOW_SECONDS = 600
"""Seconds a person has to sign in at the provider."""


class AuthRoutes:
    """The sign-in routes of the app in ``app_dir`` (whose secrets hold ``[auth]``).

    Example:
        >>> Starlette(routes=[*AuthRoutes(script_path.parent).routes()])
    """

    def __init__(self, app_dir: Path) -> None:
        self.app_dir = app_dir

    def routes(self) -> list[Route]:
        """The three routes, to mount on the app."""
        return [
            Route("/auth/login", self.login),
            Route("/oauth2callback", self.callback),
            Route(LOGOUT_PATH, self.logout),
        ]

    def _settings(self, request: Request) -> AuthSettings:
        try:
            values = secrets.of_app(self.app_dir)
        except StreamlitSecretNotFoundError:
            values = {}
        server = request.scope.get("server")  # (host, port) this server listens on
        return auth_settings(values, port=server[1] if server else None)

    async def login(self, request: Request) -> Response:
        """Start a sign-in: check the ticket ``st.login`` made, send the browser on."""
        try:
            settings = self._settings(request)
            ticket = verify(
                settings.cookie_secret, LOGIN_TICKET, request.query_params.get("provider", "")
            )
            if ticket is None:
                return _refused("This sign-in link is not valid or has expired.", "/", 400)
            provider = settings.provider(str(ticket.get("provider")))
            flow = Flow.new(provider.name)
            url = await asyncio.to_thread(authorization_url, provider, settings.redirect_uri, flow)
        except (TidalAPIError, LoginRefused) as exc:
            return _refused(str(exc), "/", 500)
        response = RedirectResponse(url, status_code=302)
        response.set_cookie(
            FLOW_COOKIE,
            sign(settings.cookie_secret, FLOW_COOKIE, flow.as_dict(), FLOW_SECONDS),
            max_age=FLOW_SECONDS,
            httponly=True,
            secure=settings.secure,
            samesite="lax",  # sent on the provider's redirect back (a top-level GET)
        )
        return response

    async def callback(self, request: Request) -> Response:
        """Finish a sign-in: the provider's answer becomes the identity cookie."""
        try:
            settings = self._settings(request)
        except TidalAPIError as exc:
            return _refused(str(exc), "/", 500)
        home = settings.home
        raw = request.cookies.get(FLOW_COOKIE)
        saved = None if raw is None else verify(settings.cookie_secret, FLOW_COOKIE, raw)
        if saved is None:
            return _refused(
                "This browser has no sign-in in progress (it expired after "
                f"{FLOW_SECONDS // 60} minutes, or cookies are blocked). Start again.",
                home,
                400,
            )
        try:
            flow = Flow.from_dict(saved)
            provider = settings.provider(flow.provider)
            params = dict(request.query_params)
            signin = await asyncio.to_thread(finish, provider, settings.redirect_uri, flow, params)
            tokens = {"id": signin.id_token, "access": signin.access_token}
            cookies = identity_cookies(settings, provider.name, signin.claims, tokens)
        except (KeyError, TidalAPIError, LoginRefused, ValueError) as exc:
            log.warning("sign-in refused: %s", exc)
            return _refused(str(exc), home, 400)
        response = RedirectResponse(home, status_code=302)
        _clear(response, request, settings.secure, keep=cookies)  # the flow, and older chunks
        for name, value in cookies.items():
            response.set_cookie(
                name,
                value,
                max_age=IDENTITY_MAX_AGE,
                httponly=True,
                secure=settings.secure,
                samesite="lax",
            )
        return response

    async def logout(self, request: Request) -> Response:
        """Sign out: delete the identity cookies, then go home (through the provider's
        sign-out page when it has one)."""
        try:
            settings = self._settings(request)
        except TidalAPIError:  # [auth] is gone: still forget whoever signed in
            response = RedirectResponse("/", status_code=302)
            _clear(response, request, secure=False)
            return response
        target = settings.home
        identity = read_identity(settings, request.cookies)
        if identity is not None:
            try:
                provider = settings.provider(identity.provider)
            except TidalAPIError:
                provider = None
            if provider is not None:
                found = await asyncio.to_thread(end_session_url, provider, settings.home)
                target = found or target
        response = RedirectResponse(target, status_code=302)
        _clear(response, request, settings.secure)
        return response


def _clear(
    response: Response, request: Request, secure: bool, keep: Mapping[str, str] | None = None
) -> None:
    """Delete the flow and identity cookies the browser sent (every chunk), but those in
    ``keep``."""
    for name in (FLOW_COOKIE, *chunk_names(USER_COOKIE), *chunk_names(TOKENS_COOKIE)):
        if name in request.cookies and (keep is None or name not in keep):
            response.delete_cookie(name, httponly=True, secure=secure, samesite="lax")


def _refused(message: str, home: str, status: int) -> Response:
    response = PlainTextResponse(
        f"Sign-in failed: {message}\n\nBack to the app: {home}\n", status_code=status
    )
    response.delete_cookie(FLOW_COOKIE)
    return response
