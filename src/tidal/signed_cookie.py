"""Signed cookie values: JSON that the browser keeps and cannot change.

Owns the format (``base64url(JSON).expiry.HMAC-SHA256``, the key derived from a secret and the
cookie's name, so a value signed for one cookie is refused as another) and the split of a value
too long for one cookie into numbered chunks (browsers drop cookies over 4096 bytes). Knows
nothing about HTTP frameworks, identity providers or what the values mean.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from typing import Any

__all__ = ["MAX_COOKIE_BYTES", "chunk_names", "join_chunks", "sign", "split_chunks", "verify"]

MAX_COOKIE_BYTES = 4096
"""What a browser keeps of one cookie (name, value and attributes)."""
_CHUNK = 3800
"""Value bytes per chunk: room is left for the name and the attributes."""
_MAX_CHUNKS = 8


def _mac(secret: str, name: str, body: str) -> str:
    # hmac loads OpenSSL (a few ms): only when a cookie is signed or checked, not on import
    import hmac

    key = hmac.digest(secret.encode(), f"tidal cookie {name}".encode(), "sha256")
    digest = hmac.digest(key, body.encode(), "sha256")
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sign(secret: str, name: str, value: Mapping[str, Any], max_age: float) -> str:
    """``value`` as a cookie value for cookie ``name``, valid for ``max_age`` seconds.

    Example:
        >>> token = sign("s3cret", "_tidal_user", {"email": "a@b.c"}, 3600)
        >>> verify("s3cret", "_tidal_user", token)
        {'email': 'a@b.c'}
    """
    payload = base64.urlsafe_b64encode(json.dumps(dict(value), separators=(",", ":")).encode())
    body = f"{payload.rstrip(b'=').decode()}.{int(time.time() + max_age)}"
    return f"{body}.{_mac(secret, name, body)}"


def verify(secret: str, name: str, token: str) -> dict[str, Any] | None:
    """The value :func:`sign` made for cookie ``name`` with ``secret``; None when the token
    was changed, signed with another secret or for another cookie, expired, or is garbage."""
    import hmac

    body, _, mac = token.rpartition(".")
    if not body or not hmac.compare_digest(mac.encode(), _mac(secret, name, body).encode()):
        return None
    payload, _, expires = body.partition(".")
    try:
        if float(expires) < time.time():
            return None
        value = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def chunk_names(name: str) -> list[str]:
    """Every cookie name :func:`split_chunks` may use for ``name`` (to clear them all)."""
    return [name, *(f"{name}_{i}" for i in range(1, _MAX_CHUNKS))]


def split_chunks(name: str, token: str) -> dict[str, str]:
    """The cookies that carry ``token`` for ``name``: one, or ``name`` holding
    ``chunks-N`` and ``name_1`` .. ``name_N`` holding the pieces.

    Raises:
        ValueError: the token needs more than 7 chunks (about 26 kB).
    """
    if len(name) + len(token) < _CHUNK:
        return {name: token}
    pieces = [token[i : i + _CHUNK] for i in range(0, len(token), _CHUNK)]
    if len(pieces) >= _MAX_CHUNKS:
        raise ValueError(f"a {len(token)}-byte value is too large for the {name} cookie")
    return {name: f"chunks-{len(pieces)}", **{f"{name}_{i}": p for i, p in enumerate(pieces, 1)}}


def join_chunks(cookies: Mapping[str, str], name: str) -> str | None:
    """The token :func:`split_chunks` spread over ``cookies``; None when a piece is missing."""
    head = cookies.get(name)
    if head is None or not head.startswith("chunks-"):
        return head
    try:
        count = int(head.removeprefix("chunks-"))
    except ValueError:
        return None
    pieces = [cookies.get(f"{name}_{i}") for i in range(1, min(count, _MAX_CHUNKS) + 1)]
    if any(p is None for p in pieces):
        return None
    return "".join(p for p in pieces if p is not None)
