"""``st.query_params``: the query string of the page's address, as a mapping of strings.

Owns ``QueryParamsProxy``, the object scripts see as ``st.query_params``, and the rules for its
keys and values: values are strings, a list or tuple sets a repeated key (item access returns
its last value), and ``embed``/``embed_options`` are reserved. The params themselves live in
the run's ``RunContext.query_params`` as ``{key: [values]}``; the session notices that they
changed and tells the browser, whose address follows. Knows nothing about sockets or sessions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from tidal.context import get_run, maybe_run
from tidal.errors import TidalAPIError
from tidal.querystring import MAX_QUERY_CHARS, encode_query, is_reserved, keep_reserved

Params = dict[str, list[str]]
"""Query params as a run holds them: every key with its values, in address order."""


def missing_key_message(key: object) -> str:
    """The ``KeyError`` text for a missing query param (Streamlit's)."""
    return f'st.query_params has no key "{key}".'


def missing_attr_message(name: str) -> str:
    """The ``AttributeError`` text for a missing query param (Streamlit's)."""
    return f'st.query_params has no attribute "{name}".'


def _params() -> Params:
    return get_run().query_params


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TidalAPIError(
            f"st.query_params keys are strings, got {key!r} ({type(key).__name__}). "
            "Use str(key) as the key."
        )
    return key


def _values(key: str, value: object) -> list[str]:
    """What assigning ``value`` to ``key`` stores: its strings (a list or tuple, or any other
    iterable but a string, sets a repeated key)."""
    if isinstance(value, Mapping):
        raise TidalAPIError(f"You cannot set a query params key `{key}` to a dictionary.")
    if is_reserved(key):
        raise TidalAPIError(
            "Query param embed and embed_options (case-insensitive) cannot be set programmatically."
        )
    if isinstance(value, Iterable) and not isinstance(value, str):
        return [str(v) for v in value]
    return [str(value)]


def _guard() -> AbstractContextManager[Any]:
    """What to hold while changing the params: parallel fragments may write them, and the
    session reads them when it sends the run's output."""
    return get_run().guard or nullcontext()


def _store(params: Params, new: Params) -> None:
    """Make ``new`` the run's params (in place: the session holds the same dict); the
    run's own params are stored under ``_guard()``."""
    size = len(encode_query(new))
    if size > MAX_QUERY_CHARS:
        raise TidalAPIError(
            f"st.query_params would make a query string of {size} characters, more than "
            f"the {MAX_QUERY_CHARS} an address can safely carry. Keep large values in "
            "st.session_state and put a short key in the query params instead."
        )
    params.clear()
    params.update(new)


def to_params(query_params: Mapping[str, object] | Iterable[tuple[str, object]]) -> Params:
    """Query params given as a mapping (``st.switch_page(..., query_params=...)``), checked
    and spelled as ``st.query_params`` stores them.

    Raises:
        TidalAPIError: a key is not a string, a value is a dict or a reserved key is set, or
            the query string would be too long.
    """
    params: Params = {}
    for key, value in dict(query_params).items():
        name = _key(key)
        params[name] = _values(name, value)
    _store({}, params)  # the size check
    return params


def _shown(params: Params) -> dict[str, str | list[str]]:
    return {
        k: (v[-1] if v else "") if len(v) < 2 else list(v)
        for k, v in params.items()
        if not is_reserved(k)
    }


class QueryParamsProxy(MutableMapping[str, str]):
    """``st.query_params``: the query string in the page's address, read and written as a dict.

    Values are strings: ``qp["n"] = 2`` reads back as ``"2"``, and a list or tuple sets a
    repeated key (``?tag=a&tag=b``). Item access, ``get`` and ``to_dict`` give a repeated key's
    last value, ``get_all`` all of them. Attribute access works too (``qp.page``). A missing
    key raises ``KeyError`` (item access) or ``AttributeError`` (attribute access). The
    address bar follows every change, in place; going to another page clears the params.
    ``embed`` and ``embed_options`` are reserved: hidden from the script, never set by it.

    Example:
        >>> tab = st.query_params.get("tab", "home")
        >>> st.query_params["tab"] = "settings"
        >>> st.query_params.tags = ["a", "b"]      # ?tab=settings&tags=a&tags=b
    """

    __slots__ = ()

    def __getitem__(self, key: str) -> str:
        values = _params().get(key) if isinstance(key, str) and not is_reserved(key) else None
        if values is None:
            raise KeyError(missing_key_message(key))
        return values[-1] if values else ""

    def __setitem__(self, key: object, value: object) -> None:
        params = _params()
        name = _key(key)
        with _guard():  # read, change and store as one step
            new = dict(params)
            new[name] = _values(name, value)
            _store(params, new)

    def __delitem__(self, key: str) -> None:
        params = _params()
        if not isinstance(key, str) or is_reserved(key) or key not in params:
            raise KeyError(missing_key_message(key))
        with _guard():
            del params[key]

    def __getattr__(self, name: str) -> str:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # copy, pickle and friends probing for hooks
        try:
            return self[name]
        except KeyError:
            raise AttributeError(missing_attr_message(name)) from None

    def __setattr__(self, name: str, value: object) -> None:
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(missing_attr_message(name)) from None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and not is_reserved(key) and key in _params()

    def __iter__(self) -> Iterator[str]:
        return iter([k for k in _params() if not is_reserved(k)])

    def __len__(self) -> int:
        return sum(1 for k in _params() if not is_reserved(k))

    def __repr__(self) -> str:
        if maybe_run() is None:
            return "<st.query_params outside a script run>"
        return repr(_shown(_params()))

    def get(self, key: str, default: Any = None) -> Any:
        """The (last) value of ``key``, or ``default`` when it is missing."""
        try:
            return self[key]
        except KeyError:
            return default

    def get_all(self, key: str) -> list[str]:
        """Every value of ``key`` in address order (``?m=x&m=y`` gives ``["x", "y"]``); ``[]``
        when it is missing.

        Example:
            >>> st.query_params.get_all("tag")
            ['a', 'b']
        """
        if not isinstance(key, str) or is_reserved(key):
            return []
        return list(_params().get(key, []))

    def to_dict(self) -> dict[str, str]:
        """The params as a plain dict, a repeated key with its last value."""
        return {k: (v[-1] if v else "") for k, v in _params().items() if not is_reserved(k)}

    def from_dict(self, params: Mapping[str, object] | Iterable[tuple[str, object]]) -> None:
        """Replace every param with ``params`` (values as with ``qp[key] = value``).

        Nothing changes when a value is refused.

        Example:
            >>> st.query_params.from_dict({"tab": "home", "tags": ["a", "b"]})
        """
        current = _params()
        with _guard():
            new = {k: v for k, v in current.items() if is_reserved(k)}
            for key, value in dict(params).items():
                name = _key(key)
                new[name] = _values(name, value)
            _store(current, new)

    def clear(self) -> None:
        """Remove every param (the address keeps only ``embed``/``embed_options``)."""
        params = _params()
        with _guard():
            keep_reserved(params)


query_params = QueryParamsProxy()
