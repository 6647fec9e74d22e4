"""Page files: how a script's file name becomes a page's title, icon, url path and order.

Owns the naming rules Streamlit applies to an entrypoint and to the files of a ``pages/``
folder (a number prefix orders, a leading emoji is the icon, underscores are spaces in the
title) and the hash that goes into the ids of a page's widgets. Pure functions of names and
paths: knows nothing about runs, sessions or the API.
"""

from __future__ import annotations

import re
import unicodedata
from hashlib import blake2b
from pathlib import Path

_FILENAME = re.compile(r"([0-9]*)[_ -]*(.*)\.py")


# ----------------------------------------------------------------------------- file names
def _is_icon_char(ch: str) -> bool:
    cp = ord(ch)
    if cp in (0x200D, 0xFE0F) or 0x1F3FB <= cp <= 0x1F3FF:  # joiner, variation, skin tones
        return True
    return cp > 0x2000 and unicodedata.category(ch) in ("So", "Sk")


def split_icon(text: str) -> tuple[str, str]:
    """A leading emoji and the rest: ``"📈_Plots"`` -> ``("📈", "_Plots")``."""
    i = 0
    while i < len(text) and _is_icon_char(text[i]):
        i += 1
    return text[:i], text[i:]


def icon_and_name(filename: str) -> tuple[str, str]:
    """Icon and url name of a page file, as Streamlit derives them: the number prefix and the
    separators after it go, runs of ``_``/spaces become one ``_``, a leading emoji is the
    icon. ``"1_page_one.py"`` -> ``("", "page_one")``; ``"2_📈_Plots.py"`` -> ``("📈", "Plots")``.
    """
    m = _FILENAME.fullmatch(filename)
    if m is None:
        return "", ""
    name = re.sub(r"[_ ]+", "_", m.group(2)).strip() or m.group(1)
    icon, rest = split_icon(name)
    return icon, rest.strip("_ ")


def page_sort_key(filename: str) -> tuple[float, str]:
    """Order of files in ``pages/``: by number prefix (none sorts last), then by name."""
    m = _FILENAME.fullmatch(filename)
    number, label = (m.group(1), m.group(2)) if m else ("", filename)
    return (float(number) if number else float("inf"), label.lower())


def title_of(name: str) -> str:
    """A page's title from its url name: underscores become spaces."""
    return name.replace("_", " ").strip()


def file_page_hash(path: Path) -> str:
    """The active-script hash of a page file (the same as its ``Script``'s)."""
    return blake2b(str(path).encode(), digest_size=8).hexdigest()


def duplicate_url_message(url_path: str, first: str, second: str, *, default: bool) -> str:
    """Streamlit's error for two pages with one url path; ``first``/``second`` describe the
    pages (see ``describe_page``), ``default`` says whether either is the default page."""
    note = (
        " The default page is served at the app root, but it still reserves this pathname."
        if default
        else ""
    )
    return (
        f"Two pages resolve to the URL pathname `/{url_path}`: {first} and {second}. Each page "
        "passed to `st.navigation` needs a unique URL pathname, including pages in different "
        "sections, hidden pages, and external URL pages. Streamlit infers the pathname from "
        f"the filename, callable name, or the title of an external URL page.{note} Set a "
        "unique `url_path` in `st.Page` for one of these pages."
    )


def describe_page(
    path: Path | None,
    title: str,
    main_folder: Path,
    *,
    section: str | None = None,
    hidden: bool = False,
    default: bool = False,
) -> str:
    """A page as the duplicate-url error names it: its file (relative to the entrypoint's
    folder) or ``callable titled "..."``, then where it sits (section, hidden, default)."""
    if path is not None:
        shown = path.relative_to(main_folder) if path.is_relative_to(main_folder) else path
        description = f"`{shown}`"
    else:
        description = f'callable titled "{title}"'
    context = []
    if section:
        context.append(f'section "{section}"')
    if hidden:
        context.append("hidden")
    if default:
        context.append("default page")
    if context:
        description += f" ({', '.join(context)})"
    return description
