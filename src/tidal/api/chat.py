"""Chat messages: ``st.chat_message``, a container with an author and an avatar.

Owns the avatar rules (the presets for "user"/"human" and "assistant"/"ai", emoji, images,
icons). The message box is ``chat_input.py``'s. Knows nothing about how the browser draws it.
"""

from __future__ import annotations

import base64
import mimetypes
import unicodedata
from pathlib import Path
from typing import Any, Literal

from tidal.api.handle import ElementHandle
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.tree import Node

_PRESETS = {"user": "user", "human": "user", "assistant": "assistant", "ai": "assistant"}


# ----------------------------------------------------------------------------- chat_message
def _is_emoji(text: str) -> bool:
    """One emoji (possibly several code points: flags, skin tones, ZWJ sequences)."""
    if not text or len(text) > 16 or text.isascii():
        return False
    joiners = {"\u200d", "\ufe0f", "\u20e3"}
    return all(
        ch in joiners
        or unicodedata.category(ch) in ("So", "Sk", "Mn", "Cf")
        or 0x1F000 <= ord(ch) <= 0x1FAFF
        for ch in text
    )


def _image_url(avatar: object) -> str:
    """An image avatar as a URL the browser can load: a URL as given, a local file or bytes
    inline as a ``data:`` URL."""
    if isinstance(avatar, str):
        if avatar.startswith(("http://", "https://", "data:image/", "/")):
            if avatar.startswith("/") and Path(avatar).is_file():
                return _data_url(Path(avatar).read_bytes(), avatar)
            return avatar
        path = Path(avatar)
        if path.is_file():
            return _data_url(path.read_bytes(), avatar)
    elif isinstance(avatar, Path) and avatar.is_file():
        return _data_url(avatar.read_bytes(), str(avatar))
    elif isinstance(avatar, bytes | bytearray):
        return _data_url(bytes(avatar), "")
    raise TidalAPIError("Failed to load the provided avatar value as an image.")


def _data_url(data: bytes, name: str) -> str:
    mime = mimetypes.guess_type(name)[0] if name else None
    if mime is None or not mime.startswith("image/"):
        mime = "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def avatar_of(name: str, avatar: object) -> tuple[str, str]:
    """``(kind, value)`` of a chat message's avatar: ``icon`` (``user``/``assistant``/a
    ``:material/...:`` icon/``spinner``; ``""``: the first letter of ``name``), ``emoji`` or
    ``image`` (a URL)."""
    if avatar is None:
        lowered = name.lower()
        if lowered in _PRESETS:
            return "icon", _PRESETS[lowered]
        if _is_emoji(name):
            return "emoji", name
        return "icon", ""
    if isinstance(avatar, str):
        if avatar in _PRESETS:
            return "icon", _PRESETS[avatar]
        if avatar == "spinner":
            return "icon", "spinner"
        if avatar.startswith(":material/") and avatar.endswith(":"):
            return "icon", avatar
        if _is_emoji(avatar):
            return "emoji", avatar
    return "image", _image_url(avatar)


@api_function
def chat_message(
    name: Literal["user", "assistant", "ai", "human"] | str,
    *,
    avatar: Literal["user", "assistant"] | str | Any | None = None,
    width: int | Literal["stretch", "content"] = "stretch",
) -> ElementHandle:
    """A chat message container: write its content with ``with`` or by calling on it.

    ``name`` ``"user"``/``"human"`` and ``"assistant"``/``"ai"`` get their default avatars;
    any other name shows its first letter. ``avatar`` may be an emoji, an image (URL, file path
    or bytes) or a ``":material/icon_name:"`` icon.

    Example:
        >>> with st.chat_message("user"):
        ...     st.write("Hello 👋")
        >>> st.chat_message("assistant", avatar="🤖").write("Hi! How can I help?")
    """
    if name is None:
        raise TidalAPIError(
            "The author name is required for a chat message, please set it via the parameter "
            "`name`."
        )
    name = str(name)
    kind, value = avatar_of(name, avatar)
    if not (width in ("stretch", "content") or (isinstance(width, int) and width > 0)):
        raise TidalAPIError(
            f"st.chat_message(width={width!r}) is not a valid width. Use 'stretch', 'content' "
            "or a positive number of pixels."
        )
    props = {"name": name, "avatar": value, "avatar_type": kind, "width": width}
    ctx = get_run()
    return ElementHandle(ctx, ctx.add(Node("chat_message", props, container=True)))
