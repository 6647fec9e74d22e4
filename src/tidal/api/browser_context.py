"""``st.context``: what the session knows about the browser tab it serves.

``headers``, ``cookies``, ``url`` and ``ip_address`` come from the websocket's handshake;
``timezone``, ``timezone_offset``, ``locale``, ``theme`` and ``is_embedded`` only the browser
knows, and it sends them in its ``hello``. All of it is read-only. In ``AppTest`` (no browser)
the mappings are empty and the rest is None (``is_embedded`` is False).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tidal.context import Visitor, maybe_run


class Headers(Mapping[str, str]):
    """The request headers, with case-insensitive names; a repeated header reads as its last
    value, and ``get_all(name)`` gives every value.

    Example:
        >>> st.context.headers.get("user-agent")
    """

    __slots__ = ("_pairs",)

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = [(k.lower(), v) for k, v in pairs]

    def __getitem__(self, name: str) -> str:
        values = self.get_all(name)
        if not values:
            raise KeyError(name)
        return values[-1]

    def get_all(self, name: str) -> list[str]:
        """Every value of header ``name``."""
        wanted = name.lower()
        return [v for k, v in self._pairs if k == wanted]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(k for k, _ in self._pairs))

    def __len__(self) -> int:
        return len(dict.fromkeys(k for k, _ in self._pairs))

    def to_dict(self) -> dict[str, str]:
        """The headers as a dict (last value of a repeated header)."""
        return {k: self[k] for k in self}

    def __repr__(self) -> str:
        return f"Headers({self.to_dict()!r})"


class Cookies(Mapping[str, str]):
    """The cookies the browser sent with the page's websocket (read-only).

    Example:
        >>> st.context.cookies.get("session_hint")
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def __getitem__(self, name: str) -> str:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def to_dict(self) -> dict[str, str]:
        """The cookies as a dict."""
        return dict(self._values)

    def __repr__(self) -> str:
        return f"Cookies(keys={sorted(self._values)!r})"


@dataclass(frozen=True, slots=True)
class Theme:
    """The theme the browser shows: ``type`` is ``"light"`` or ``"dark"`` (None unknown).

    Dict-like too, as Streamlit's: ``st.context.theme["type"]`` (streamlit-extras reads it so).
    """

    type: str | None

    def __getitem__(self, key: str) -> str | None:
        if key != "type":
            raise KeyError(key)
        return self.type


_NO_VISITOR = Visitor()


class ContextProxy:
    """``st.context``: the browser tab of the current session (see the module docstring).

    Example:
        >>> st.write("Your timezone:", st.context.timezone)
    """

    __slots__ = ()

    @staticmethod
    def _visitor() -> Visitor:
        ctx = maybe_run()
        if ctx is None or ctx.visitor is None:
            return _NO_VISITOR
        return ctx.visitor

    @property
    def headers(self) -> Headers:
        """The headers of the request that opened the session's websocket."""
        return Headers(self._visitor().headers)

    @property
    def cookies(self) -> Cookies:
        """The cookies of that request."""
        return Cookies(self._visitor().cookies)

    @property
    def url(self) -> str | None:
        """The address the browser shows (without its fragment)."""
        return self._visitor().url

    @property
    def ip_address(self) -> str | None:
        """The browser's IP address as the server sees it; None for a browser on the same
        machine (127.0.0.1, ::1), as in Streamlit."""
        return self._visitor().ip_address

    @property
    def timezone(self) -> str | None:
        """The browser's IANA timezone name, e.g. ``"Europe/Paris"``."""
        return self._visitor().timezone

    @property
    def timezone_offset(self) -> int | None:
        """Minutes between UTC and the browser's local time (JavaScript's sign: UTC+2 is
        -120)."""
        return self._visitor().timezone_offset

    @property
    def locale(self) -> str | None:
        """The browser's preferred language, e.g. ``"en-US"``."""
        return self._visitor().locale

    @property
    def theme(self) -> Theme:
        """The theme the page shows (``st.context.theme.type``)."""
        return Theme(self._visitor().theme)

    @property
    def is_embedded(self) -> bool:
        """Whether the app is shown inside another page (an iframe)."""
        return self._visitor().is_embedded

    def __repr__(self) -> str:
        return "st.context"


context = ContextProxy()
"""``st.context``."""
