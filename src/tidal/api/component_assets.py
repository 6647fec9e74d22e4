"""Where a ``components.v2`` component's files live, and which of them it may name.

Owns the discovery of a component's ``asset_dir`` from its package's ``pyproject.toml``
manifest (``[[tool.streamlit.component.components]]``, as Streamlit reads it), and the
resolution of ``js``/``css`` arguments: inline text, or a path or glob inside that folder that
names exactly one file and never leaves it. Knows nothing about runs, widgets or HTTP.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from tidal.errors import TidalAPIError

if TYPE_CHECKING:
    import importlib.metadata

log = logging.getLogger("tidal.components")

_ASSET_SUFFIXES = (".js", ".mjs", ".cjs", ".css")
_GLOB_CHARS = frozenset("*?[]")


class StreamlitComponentRegistryError(TidalAPIError):
    """A component names a file it may not use (outside its ``asset_dir``, or ambiguous)."""


def looks_inline(value: str) -> bool:
    """Whether a ``js``/``css`` argument is the code itself rather than a path: text with a
    line break, or without glob characters, path separators or an asset suffix.

    Example:
        >>> looks_inline("export default function () {}")
        True
        >>> looks_inline("index-*.js")
        False
    """
    s = value.strip()
    if "\n" in s or "\r" in s:
        return True
    if any(c in _GLOB_CHARS for c in s) or "/" in s or "\\" in s:
        return False
    return not s.lower().endswith(_ASSET_SUFFIXES)


def _check_relative(path: str, what: str) -> None:
    """Refuse absolute paths, traversal and other unsafe patterns in a component path."""
    normal = path.replace("\\", "/")
    segments = [s for s in normal.split("/") if s]
    if ".." in segments:
        raise StreamlitComponentRegistryError(
            f"Path traversal attempts are not allowed in {what}: {path}"
        )
    if (
        normal.startswith("/")
        or "\x00" in path
        or re.match(r"^[A-Za-z]:", normal)
        or normal.startswith("~")
    ):
        raise StreamlitComponentRegistryError(f"Unsafe paths are not allowed in {what}: {path}")


def resolve_asset(value: str, root: Path, kind: str) -> str:
    """The asset-dir-relative path (POSIX) of the one file ``value`` names inside ``root``.

    Raises:
        StreamlitComponentRegistryError: the path is unsafe, leaves ``root``, or a glob
            matches no file or more than one.

    Example:
        >>> resolve_asset("index-*.js", Path("/site/pkg/frontend/build"), "js")
        'index-DtEI7gyD.js'
    """
    root = root.resolve()
    if any(c in _GLOB_CHARS for c in value):
        _check_relative(value, "glob patterns")
        found = [p.resolve() for p in root.glob(value)]
        found = [p for p in found if p.is_relative_to(root) and p.is_file()]
        if not found:
            raise StreamlitComponentRegistryError(
                f"No files found matching pattern '{value}' in package root {root}"
            )
        if len(found) > 1:
            names = ", ".join(str(p) for p in found)
            raise StreamlitComponentRegistryError(
                f"Multiple files found matching pattern '{value}': {names}. "
                "Exactly one file must match the pattern."
            )
        target = found[0]
    else:
        _check_relative(value, "component paths")
        target = (root / value).resolve()
    if not target.is_relative_to(root):
        raise StreamlitComponentRegistryError(
            f"{kind} path '{target}' is outside the declared asset_dir '{root}'."
        )
    if not target.is_file():
        raise StreamlitComponentRegistryError(
            f"The {kind} file '{value}' does not exist in the component's asset_dir '{root}'."
        )
    return PurePosixPath(target.relative_to(root)).as_posix()


@dataclass(frozen=True, slots=True)
class Manifest:
    """One component a package's ``pyproject.toml`` declares: its full name and folder."""

    name: str
    asset_dir: Path | None


class Manifests:
    """Component manifests of installed packages, read on first need, per project name."""

    def __init__(self) -> None:
        self._by_name: dict[str, Manifest] = {}
        self._read: set[str] = set()
        self._lock = threading.Lock()

    def asset_dir(self, component: str) -> Path | None:
        """The declared ``asset_dir`` of ``"<project>.<component>"``, or None.

        Only the distributions the name can point to are read (``a.b.c`` -> ``a.b`` or
        ``a``), once each: no scan of every installed package.
        """
        with self._lock:
            parts = component.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                project = ".".join(parts[:cut])
                if project not in self._read:
                    self._read.add(project)
                    for manifest in _read_project(project):
                        self._by_name[manifest.name] = manifest
            found = self._by_name.get(component)
            return found.asset_dir if found is not None else None

    def add(self, manifest: Manifest) -> None:
        """Declare a component's folder directly (tests, apps that ship a manifest)."""
        with self._lock:
            self._by_name[manifest.name] = manifest


MANIFESTS = Manifests()
"""The manifests of this process's installed component packages."""


def _read_project(project: str) -> list[Manifest]:
    # read on the first v2 component only: importlib.metadata and tomllib would cost
    # `import tidal` ~20 ms
    import importlib.metadata
    import tomllib

    try:
        dist = importlib.metadata.distribution(project)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return []
    pyproject = _find_pyproject(dist)
    if pyproject is None:
        return []
    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("Could not read %s: %s", pyproject, exc)
        return []
    entries = data.get("tool", {}).get("streamlit", {}).get("component", {}).get("components")
    if not isinstance(entries, list):
        return []
    base = str(data.get("project", {}).get("name") or dist.metadata["Name"])
    root = _package_root(dist, pyproject)
    out: list[Manifest] = []
    for entry in entries:
        out.extend(_entry(entry, base, root))
    return out


def _entry(entry: Any, base: str, root: Path) -> list[Manifest]:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return []
    folder = entry.get("asset_dir")
    if folder is None:
        return [Manifest(f"{base}.{entry['name']}", None)]
    if not isinstance(folder, str):
        return []
    try:
        _check_relative(folder, "asset_dir")
    except StreamlitComponentRegistryError as exc:
        log.warning("Ignoring component %s.%s: %s", base, entry["name"], exc)
        return []
    asset_dir = (root / folder).resolve()
    if not asset_dir.is_dir() or not asset_dir.is_relative_to(root.resolve()):
        log.warning("Ignoring component %s.%s: no folder %s", base, entry["name"], asset_dir)
        return []
    return [Manifest(f"{base}.{entry['name']}", asset_dir)]


def _find_pyproject(dist: importlib.metadata.Distribution) -> Path | None:
    """The distribution's own ``pyproject.toml`` (shipped inside the package, as component
    packages do), checked to name this project."""
    import tomllib

    want = _canonical(dist.metadata["Name"])
    for file in dist.files or ():
        if file.name != "pyproject.toml":
            continue
        path = Path(str(dist.locate_file(file)))
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        name = data.get("project", {}).get("name")
        if isinstance(name, str) and _canonical(name) in {want, _canonical(want)}:
            return path
    return None


def _package_root(dist: importlib.metadata.Distribution, pyproject: Path) -> Path:
    """The importable package's folder (``asset_dir`` is relative to it)."""
    import importlib.util

    module = dist.metadata["Name"].replace("-", "_")
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        return Path(spec.origin).parent
    return pyproject.parent


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
