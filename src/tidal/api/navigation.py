"""Multipage API: ``st.Page``, ``st.navigation``, ``st.switch_page`` and ``st.page_link``.

These functions only read and record what the run's ``PageTable`` (``context.py``) holds: the
pages known, the page asked for, the page to switch to. Which script runs, when widgets are
dropped and what the browser is told is decided by ``pages.py``, which fills the table in.
How a page file's name becomes its title, icon and url path is ``pagefiles.py``'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from hashlib import blake2b
from pathlib import Path
from typing import Any, Literal, NoReturn

from tidal.api.dimensions import check_width
from tidal.api.query import to_params
from tidal.context import PageInfo, PageTable, api_function, get_run
from tidal.errors import RerunRequested, TidalAPIError
from tidal.pagefiles import (
    describe_page,
    duplicate_url_message,
    file_page_hash,
    icon_and_name,
    title_of,
)
from tidal.querystring import encode_query
from tidal.tree import Node

_POSITIONS = ("sidebar", "hidden")


# ----------------------------------------------------------------------------- st.Page
class Page:
    """A page of a multipage app, for ``st.navigation``: a script file or a function.

    Args:
        page: a path to a script (relative to the entrypoint's folder), or a function.
        title: shown in the navigation menu; by default the file or function name.
        icon: an emoji shown beside the title.
        url_path: the page's address (``/<url_path>``); by default the file or function name.
            The default page is always at ``/``.
        default: whether this is the page at ``/`` (else the first page is).
        visibility: ``"visible"``, or ``"hidden"``: left out of the navigation menu but still
            reachable by its address, ``st.switch_page`` and ``st.page_link``.
        help: a tooltip for the page in the navigation menu.

    Example:
        >>> pg = st.navigation([st.Page("home.py", title="Home", icon="🏠"), st.Page(settings)])
        >>> pg.run()
    """

    __slots__ = ("_fn", "_hash", "_name", "_path", "default", "help", "icon", "title", "visibility")

    def __init__(
        self,
        page: str | Path | Callable[[], Any],
        *,
        title: str | None = None,
        icon: str | None = None,
        url_path: str | None = None,
        default: bool = False,
        visibility: str = "visible",
        help: str | None = None,
    ) -> None:
        ctx = get_run()
        if visibility not in ("visible", "hidden"):
            raise TidalAPIError(
                f'st.Page got visibility={visibility!r}. Use "visible" or "hidden".'
            )
        self.visibility = visibility
        self.help = None if help is None else str(help)
        self._fn: Callable[[], Any] | None = None
        self._path: Path | None = None
        if isinstance(page, str | Path):
            path = (ctx.page_table.main_path.parent / page).resolve()
            if not path.is_file():
                raise TidalAPIError(
                    f"Unable to create Page. The file `{Path(page).name}` could not be found."
                )
            self._path = path
            inferred_icon, inferred = icon_and_name(path.name)
        elif callable(page):
            self._fn = page
            inferred_icon, inferred = "", getattr(page, "__name__", "")
        else:
            raise TidalAPIError(
                f"Invalid page type: {type(page).__name__}. A page is a path to a Python file "
                "(str or Path) or a function."
            )
        if title is None:
            title = title_of(inferred)
        if not title.strip():
            raise TidalAPIError(
                "The title of the page cannot be empty or consist of underscores/spaces only."
            )
        if url_path is None:
            url_path = inferred if inferred.strip("_") else title
            url_path = re.sub(r"\s+", "_", url_path.strip())
        else:
            url_path = url_path.strip("/")
            if "/" in url_path:
                raise TidalAPIError(
                    f"The URL path cannot contain a nested path (e.g. foo/bar): {url_path!r}."
                )
            if not url_path and not default:
                raise TidalAPIError(
                    "The URL path cannot be an empty string unless the page is the default page."
                )
        self._name = url_path
        self.title = title
        self.icon: str | None = icon if icon is not None else (inferred_icon or None)
        self.default = default
        if self._path is not None:
            self._hash = file_page_hash(self._path)
        else:
            self._hash = blake2b(repr(("page", url_path)).encode(), digest_size=8).hexdigest()

    @property
    def url_path(self) -> str:
        """The page's address without ``/``; ``""`` for the default page."""
        return "" if self.default else self._name

    def info(self, *, default: bool | None = None, section: str | None = None) -> PageInfo:
        """What the runtime keeps about this page."""
        is_default = self.default if default is None else default
        return PageInfo(
            url_path="" if is_default else self._name,
            title=self.title,
            icon=self.icon,
            script_hash=self._hash,
            path=self._path,
            section=section,
            hidden=self.visibility == "hidden",
            help=self.help,
        )

    def run(self) -> None:
        """Run the page: its file or function, with the page's widget-id hash (W-1).

        Only the page ``st.navigation`` returned in this run can run.
        """
        ctx = get_run()
        table = ctx.page_table
        if table.current is None or table.current.script_hash != self._hash:
            raise TidalAPIError(
                "This page cannot be called directly. Only the page returned from "
                "st.navigation can be called."
            )
        previous = ctx.page_hash
        ctx.page_hash = self._hash
        try:
            if self._fn is not None:
                self._fn()
            else:
                assert self._path is not None and table.run_file is not None
                table.run_file(self._path)
        finally:
            ctx.page_hash = previous

    def __repr__(self) -> str:
        target = self._path.name if self._path is not None else getattr(self._fn, "__name__", "")
        return f"Page({target!r}, title={self.title!r}, url_path={self.url_path!r})"


# ----------------------------------------------------------------------------- st.navigation
def _flatten(
    pages: Sequence[Page] | Mapping[str, Sequence[Page]],
) -> list[tuple[Page, str | None]]:
    if isinstance(pages, Mapping):
        return [(p, str(section) or None) for section, group in pages.items() for p in group]
    return [(p, None) for p in pages]


def _describe(page: Page, section: str | None, main_script: Path, default: bool) -> str:
    hidden = getattr(page, "visibility", "visible") == "hidden"
    folder = main_script.resolve().parent
    path = page._path.resolve() if page._path is not None else None
    return describe_page(path, page.title, folder, section=section, hidden=hidden, default=default)


def navigation(
    pages: Sequence[Page] | Mapping[str, Sequence[Page]],
    *,
    position: str = "sidebar",
    expanded: bool = False,
) -> Page:
    """Declare the app's pages and get the one the browser asked for; then call ``.run()``.

    Call it from the entrypoint on every run. The menu lists the pages in order (a dict gives
    sections); ``position="hidden"`` hides it (use ``st.page_link`` or ``st.switch_page``).
    A ``pages/`` folder is ignored once ``st.navigation`` is used.

    Args:
        pages: ``st.Page`` objects, or ``{section: [pages]}``.
        position: ``"sidebar"`` or ``"hidden"``.
        expanded: accepted for compatibility (every page is always listed).

    Returns:
        The current page.

    Raises:
        StreamlitAPIException: no pages, several defaults, or two pages with one url path.

    Example:
        >>> pg = st.navigation([st.Page("home.py", default=True), st.Page("other.py")])
        >>> pg.run()
    """
    ctx = get_run()
    table = ctx.page_table
    flat = _flatten(pages)
    if not flat:
        raise TidalAPIError("`st.navigation` must be called with at least one `st.Page`.")
    for page, _ in flat:
        if not isinstance(page, Page):
            raise TidalAPIError(
                f"Invalid page: {page!r}. `st.navigation` takes `st.Page` objects "
                "(or a dict of sections to lists of them)."
            )
    if position not in _POSITIONS:
        raise TidalAPIError(
            f"Invalid position {position!r} for `st.navigation`. Use 'sidebar' or 'hidden'."
        )
    defaults = [p for p, _ in flat if p.default]
    if len(defaults) > 1:
        raise TidalAPIError(
            "Multiple Pages specified with `default=True`. At most one Page can be set to default."
        )
    default = defaults[0] if defaults else flat[0][0]
    infos: list[PageInfo] = []
    by_url: dict[str, Page] = {}
    by_name: dict[str, tuple[Page, str | None]] = {}
    for page, section in flat:
        info = page.info(default=page is default, section=section)
        prior = by_name.get(page._name)
        if prior is not None:  # the default page still reserves its own name
            raise TidalAPIError(
                duplicate_url_message(
                    page._name,
                    _describe(prior[0], prior[1], ctx.script_path, prior[0] is default),
                    _describe(page, section, ctx.script_path, page is default),
                    default=prior[0] is default or page is default,
                )
            )
        by_name[page._name] = (page, section)
        by_url[info.url_path] = page
        infos.append(info)
    requested = table.requested
    current = by_url.get(requested)
    if current is None and requested == default._name:
        current = default  # the default page's own name also reaches it
    if current is None:
        current = default
        if requested:
            table.not_found = requested
            ctx.add(page_not_found_node(requested), ctx.main_block())
    table.pages = infos
    table.position = "hidden" if position == "hidden" else "sidebar"
    table.current = next(i for i in infos if i.script_hash == current._hash)
    table.declared = True
    if table.on_change is not None:
        table.on_change(table)
    return current


def page_not_found_node(url_path: str) -> Node:
    """The warning shown when the browser asks for a page the app does not have.

    The path comes from the address bar, so the message is plain text (``plain``: the
    browser shows it as typed, never as Markdown): a crafted path cannot draw links or
    formatting into the app.
    """
    return Node(
        "warning",
        {
            "body": (
                f"Page not found: you have requested page /{url_path}, but this app has no "
                "such page. Running the app's main page."
            ),
            "icon": None,
            "plain": True,
        },
    )


# ----------------------------------------------------------------------------- switch and link
def _find(table: PageTable, page: str | Path | Page) -> PageInfo | None:
    if isinstance(page, Page):
        for info in table.pages:
            if info.script_hash == page._hash:
                return info
        return page.info()
    target = (table.main_path.parent / page).resolve()
    for info in table.pages:
        if info.path is not None and info.path == target:
            return info
    return None


def switch_page(
    page: str | Path | Page,
    *,
    query_params: Mapping[str, object] | Iterable[tuple[str, object]] | None = None,
) -> NoReturn:
    """Stop this run and run another page of the app.

    The new page starts from a clean slate: every widget value is dropped, including the
    entrypoint's; user keys in ``st.session_state`` stay (MP-5). The browser's address
    follows.

    Args:
        page: a page file's path relative to the entrypoint (``"pages/settings.py"``), or an
            ``st.Page``.
        query_params: the new page's ``st.query_params`` (by default it has none).

    Raises:
        StreamlitAPIException: the path is not a page of this app, or a query param is
            invalid.

    Example:
        >>> if st.button("Settings"):
        ...     st.switch_page("pages/settings.py", query_params={"tab": "profile"})
    """
    ctx = get_run()
    ctx.forbid_in_parallel("st.switch_page")
    query = None if query_params is None else to_params(query_params)
    table = ctx.page_table
    info = _find(table, page)
    if info is None:
        raise TidalAPIError(
            f"Could not find page: `{page}`. Must be the file path relative to the main script, "
            f"from the directory: `{table.main_path.parent.name}`. Only the main app file and "
            "files in the `pages/` directory are supported."
        )
    table.switch_query = query
    table.switch_to = info
    raise RerunRequested()


_EXTERNAL = re.compile(r"^https?://", re.IGNORECASE)
_SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:")


@api_function
def page_link(
    page: str | Path | Page,
    *,
    label: str | None = None,
    icon: str | None = None,
    icon_position: Literal["left", "right"] = "left",
    help: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: int | Literal["content", "stretch"] = "content",
    query_params: Mapping[str, object] | Iterable[tuple[str, object]] | None = None,
) -> None:
    """Show a link to a page of the app (no page reload), or to an external URL.

    Args:
        page: a page file's path relative to the entrypoint, an ``st.Page``, or a URL.
        label: the link text; by default the page's title (required for URLs).
        icon: an emoji before the label; by default the page's icon.
        icon_position: ``"left"`` or ``"right"`` of the label.
        help: a tooltip.
        disabled: show the link greyed out and inert.
        use_container_width: stretch the link to its container's width (deprecated in
            Streamlit for ``width="stretch"``).
        width: ``"content"``, ``"stretch"`` or pixels.
        query_params: the ``st.query_params`` the page opens with (an app page only).

    Example:
        >>> st.page_link("app.py", label="Home", icon="🏠")
        >>> st.page_link("pages/orders.py", query_params={"id": 42})
        >>> st.page_link("pages/profile.py", label="Profile")
        >>> st.page_link("https://example.com", label="Docs")
    """
    ctx = get_run()
    if icon_position not in ("left", "right"):
        raise TidalAPIError(
            f'st.page_link got icon_position={icon_position!r}. Use "left" or "right".'
        )
    shown_width: int | str = check_width(width, command="page_link")
    if use_container_width is not None:  # the older spelling of width="stretch"
        shown_width = "stretch" if use_container_width else shown_width
    if isinstance(page, str) and _SCHEME.match(page) and not _EXTERNAL.match(page):
        raise TidalAPIError(
            f"st.page_link got page={page[:100]!r}: a link to a URL must start with http:// "
            "or https:// (other schemes such as javascript:, data: or file: are refused). "
            "Pass an http(s) URL, or the path of one of the app's pages relative to the "
            "entrypoint file."
        )
    if isinstance(page, str) and _EXTERNAL.match(page):
        if not label:
            raise TidalAPIError(
                "The label param is required for external links used with st.page_link - "
                "please provide a label."
            )
        props: dict[str, Any] = {"url": page, "label": label, "icon": icon, "external": True}
    else:
        info = _find(ctx.page_table, page)
        if info is None:
            raise TidalAPIError(
                f"Could not find page: `{page}`. You must provide a file path relative to the "
                f"entrypoint file (from the directory `{ctx.page_table.main_path.parent.name}`). "
                "Only the entrypoint file and files in the `pages/` directory are supported."
            )
        props = {
            "url": info.url_path,
            "label": label if label is not None else info.title,
            "icon": icon if icon is not None else info.icon,
            "external": False,
        }
        if query_params is not None:
            props["query"] = encode_query(to_params(query_params))
    props.update(
        help=help,
        disabled=disabled,
        use_container_width=shown_width == "stretch",
        width=shown_width,
        icon_position=icon_position,
    )
    ctx.add(Node("page_link", props))
