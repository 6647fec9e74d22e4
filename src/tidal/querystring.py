"""The query string of a page's address: how it is read, spelled and bounded.

Owns ``parse_query``, ``encode_query``, ``MAX_QUERY_CHARS`` and the reserved keys, shared by
the wire protocol (``hello``, ``navigate`` and ``query`` carry query strings), the sessions and
``st.query_params``.
Knows nothing about messages, sessions or scripts; imports only the standard library, so
``import tidal`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, urlencode

MAX_QUERY_CHARS = 8 * 1024
"""Longest query string (without ``?``) a browser may send, and ``st.query_params`` may make:
about what proxies accept in a request line (nginx: 8 KiB), so the address survives a refresh."""


def parse_query(query: str) -> dict[str, list[str]]:
    """A query string (without ``?``) as ``{key: [values]}``, in order; blank values kept.

    Example:
        >>> parse_query("a=1&m=x&m=y&b=")
        {'a': ['1'], 'm': ['x', 'y'], 'b': ['']}
    """
    return parse_qs(query, keep_blank_values=True)


def encode_query(params: Mapping[str, list[str]]) -> str:
    """``{key: [values]}`` as a query string (without ``?``); a key without values is left out.

    Example:
        >>> encode_query({"a": ["1"], "m": ["x", "y"], "q": ["a b"]})
        'a=1&m=x&m=y&q=a+b'
    """
    return urlencode(params, doseq=True)


EMBED_KEYS = frozenset({"embed", "embed_options"})
"""Reserved keys (any case): they say how the page is embedded, so they stay in the address,
the script never sees them and cannot set them (Streamlit's rule)."""


def is_reserved(key: str) -> bool:
    """Whether ``key`` is ``embed`` or ``embed_options`` (in any case)."""
    return key.lower() in EMBED_KEYS


def keep_reserved(params: dict[str, list[str]]) -> None:
    """Drop every param but the reserved ones, in place (what going to another page does)."""
    for key in [k for k in params if not is_reserved(k)]:
        del params[key]
