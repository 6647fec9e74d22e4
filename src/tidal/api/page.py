"""The page itself: ``st.set_page_config`` (title, icon, layout, sidebar, menu) and ``st.logo``.

Both add an element to the ``page`` root (``tree.PAGE``), which holds what is about the page
rather than in it; the browser applies it (document title, favicon, wide layout, the sidebar's
first state, the page menu's links, the logo). ``set_page_config`` may be called more than
once per run: each call changes only the settings it is given.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from tidal.api.handle import ElementHandle
from tidal.api.icons import check_icon, is_emoji
from tidal.context import RunContext, get_run
from tidal.errors import TidalAPIError
from tidal.tree import PAGE, Block, Node

LAYOUTS = ("centered", "wide")
SIDEBAR_STATES = ("auto", "expanded", "collapsed")
MENU_KEYS = {"get help": "get_help", "report a bug": "report_a_bug", "about": "about"}
_URL = re.compile(r"^(https?|mailto):\S+$", re.IGNORECASE)
_RANDOM_ICONS = "🎈🌊🚀🎯🌟🍀🐳🦋🌈🔥⚡🎨📊🧭🪐🌻"
LOGO_SIZES = ("small", "medium", "large")


def image_url(image: object, *, what: str) -> str:
    """An image argument as a URL the browser can load: an http(s) URL as given; a local
    file, bytes or a PIL image as a ``data:`` URL.

    Raises:
        TidalAPIError: a path that does not exist or a value that is not an image.
    """
    if isinstance(image, Path):
        image = str(image)
    if isinstance(image, str):
        if image.startswith(("http://", "https://", "data:")):
            return image
        path = Path(image)
        if not path.is_file():
            raise TidalAPIError(
                f"{what}: {image!r} is not an emoji, a Material icon, a URL or an image file "
                "that exists. Check the path (relative paths start from the working folder)."
            )
        import mimetypes  # only for image files: kept out of `import tidal`

        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return _data_url(mime, path.read_bytes())
    if isinstance(image, bytes | bytearray):
        return _data_url(_sniff(bytes(image)), bytes(image))
    save = getattr(image, "save", None)
    if callable(save):  # a PIL image, without importing PIL
        buffer = io.BytesIO()
        save(buffer, format="PNG")
        return _data_url("image/png", buffer.getvalue())
    raise TidalAPIError(
        f"{what} got a {type(image).__name__}. Pass an emoji, a Material icon, a URL, a path to "
        "an image file, image bytes or a PIL image."
    )


def _sniff(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.lstrip().startswith((b"<svg", b"<?xml")):
        return "image/svg+xml"
    if data.startswith(b"\x00\x00\x01\x00"):
        return "image/x-icon"
    return "image/png"


def _data_url(mime: str, data: bytes) -> str:
    import base64  # only for images given as data: kept out of `import tidal`

    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _page_icon(page_icon: object) -> dict[str, str]:
    if page_icon == "random":
        import random  # only for page_icon="random": kept out of `import tidal`

        return {"icon": random.choice(_RANDOM_ICONS)}
    if isinstance(page_icon, str) and page_icon.startswith(":material"):
        return {"icon": str(check_icon(page_icon))}
    if isinstance(page_icon, str) and is_emoji(page_icon.strip()):
        return {"icon": page_icon.strip()}
    return {"icon_url": image_url(page_icon, what="st.set_page_config(page_icon=...)")}


def _menu_items(items: object) -> dict[str, str | None]:
    if not isinstance(items, dict):
        raise TidalAPIError(
            'st.set_page_config(menu_items=...) takes a dict such as {"Get help": "https://...", '
            '"About": "Markdown text"}.'
        )
    out: dict[str, str | None] = {}
    for key, value in items.items():
        name = MENU_KEYS.get(str(key).lower())
        if name is None:
            raise TidalAPIError(
                'We only accept the keys: `"Get help"`, `"Report a bug"`, and `"About"` '
                f'(`"{key}"` is not a valid key.)'
            )
        if value is not None and not isinstance(value, str):
            raise TidalAPIError(f'menu_items["{key}"] must be a string or None.')
        if name != "about" and value is not None and not _URL.match(value):
            raise TidalAPIError(f'"{value}" is a not a valid URL!')
        out[name] = value
    return out


def _page_node(ctx: RunContext, type_: str) -> tuple[Block, dict[str, Any]]:
    """The block of this run's ``type_`` element in the page root (a slot to replace it),
    or the root itself when there is none yet, and the props it has."""
    root = ctx.root_block(PAGE)
    children = root.node.children or []
    for i, node in enumerate(children):
        if node.type == type_:
            return Block(node, (PAGE, i), "", root.node), dict(node.props)
    return root, {}


def set_page_config(
    page_title: str | None = None,
    page_icon: Any = None,
    layout: str | None = None,
    initial_sidebar_state: str | int | None = None,
    menu_items: dict[str, str | None] | None = None,
) -> None:
    """Configure the page: its title and icon in the browser tab, its layout, the sidebar's
    first state and the links of the page menu. Each call changes only what it is given.

    Args:
        page_title: the browser tab's title (default: the script's name).
        page_icon: an emoji, ``":material/name:"``, ``"random"``, a URL, an image file's
            path, image bytes or a PIL image.
        layout: ``"centered"`` (a fixed-width column) or ``"wide"`` (the whole window).
        initial_sidebar_state: ``"auto"`` (collapsed on small screens), ``"expanded"``,
            ``"collapsed"``, or the sidebar's width in pixels (expanded).
        menu_items: the page menu's ``"Get help"`` and ``"Report a bug"`` links and its
            ``"About"`` text (Markdown); a None value hides the entry.

    Raises:
        TidalAPIError: a layout, sidebar state, menu key or URL that is not valid.

    Example:
        >>> st.set_page_config(page_title="Sales", page_icon="📈", layout="wide")
    """
    ctx = get_run()
    block, props = _page_node(ctx, "page_config")
    if page_title is not None:
        props["title"] = str(page_title)
    if page_icon is not None:
        props.pop("icon", None)
        props.pop("icon_url", None)
        props.update(_page_icon(page_icon))
    if layout is not None:
        if layout not in LAYOUTS:
            raise TidalAPIError(f'`layout` must be `"centered"` or `"wide"` (got `"{layout}"`)')
        props["layout"] = layout
    if initial_sidebar_state is not None:
        state = initial_sidebar_state
        pixels = isinstance(state, int) and not isinstance(state, bool) and state > 0
        if not pixels and state not in SIDEBAR_STATES:
            raise TidalAPIError(
                '`initial_sidebar_state` must be `"auto"` or `"expanded"` or `"collapsed"` '
                f'or a positive number of pixels (got `"{state}"`)'
            )
        props["sidebar"] = state
    if menu_items is not None:
        props["menu"] = {**props.get("menu", {}), **_menu_items(menu_items)}
    ctx.add(Node("page_config", props), block)


def logo(
    image: Any,
    *,
    size: str = "medium",
    link: str | None = None,
    icon_image: Any = None,
) -> ElementHandle:
    """Show a logo at the top of the sidebar (or of the page without a sidebar).

    Args:
        image: a URL, an image file's path, image bytes or a PIL image.
        size: ``"small"``, ``"medium"`` or ``"large"``.
        link: a URL the logo opens.
        icon_image: a smaller image shown while the sidebar is collapsed (default: ``image``).

    Example:
        >>> st.logo("https://example.com/logo.png", link="https://example.com")
    """
    ctx = get_run()
    if size not in LOGO_SIZES:
        raise TidalAPIError(f'st.logo got size={size!r}. Use "small", "medium" or "large".')
    if link is not None and not _URL.match(link):
        raise TidalAPIError(f"st.logo got link={link!r}: use an http(s) URL.")
    props: dict[str, Any] = {
        "image": image_url(image, what="st.logo"),
        "size": size,
        "link": link,
        "icon_image": None if icon_image is None else image_url(icon_image, what="st.logo"),
    }
    block, _ = _page_node(ctx, "logo")
    return ElementHandle(ctx, ctx.add(Node("logo", props), block))
