"""Layers import downward only, and modules of a package import each other one way only
(ARCHITECTURE.md, CONVENTIONS.md rule 3).

Every module under src/tidal is parsed with ``ast``. A module may import tidal modules of its
own layer or a lower one; annotation-only imports under ``if TYPE_CHECKING:`` are exempt.
Function-local imports of tidal modules are forbidden everywhere: they only ever exist to dodge a
cycle, and the fix is to move the shared thing down a layer. (Function-local imports of optional
third-party dependencies, such as redis in ``stores/``, are fine and not checked.)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "tidal"

LAYERS: dict[str, int] = {
    # 0 vocabulary
    "tidal.errors": 0,
    "tidal.config": 0,
    "tidal.config_options": 0,
    "tidal.config_docs": 0,
    "tidal.config_option": 0,
    "tidal.config_tables": 0,
    "tidal.protocol": 0,
    "tidal.server_messages": 0,
    "tidal.secret": 0,
    "tidal.tags": 0,
    "tidal.codec": 0,
    "tidal.metrics": 0,
    "tidal.querystring": 0,
    "tidal.media_file": 0,
    "tidal.datakinds": 0,
    "tidal.families": 1,
    "tidal.pagefiles": 0,
    "tidal.theme": 0,
    "tidal.theme_sections": 0,
    "tidal.theme_options": 0,
    "tidal.css_colors": 0,
    "tidal.namespace": 0,
    "tidal.tables": 0,
    "tidal.dataframes": 0,
    "tidal.tablepool": 0,
    "tidal.signed_cookie": 0,
    "tidal.tiles": 0,
    # 1 model
    "tidal.state": 1,
    "tidal.state_keys": 1,
    "tidal.state_values": 1,
    "tidal.widget_meta": 1,
    "tidal.kept": 1,
    "tidal.tree": 1,
    "tidal.delta": 1,
    "tidal.widgets": 1,
    "tidal.forms": 1,
    "tidal.context": 1,
    "tidal.eventloop": 1,
    "tidal.magic": 0,
    "tidal.uploaded_file": 1,
    "tidal.removal": 1,
    "tidal.summary": 1,
    "tidal.run_record": 1,
    "tidal.timeline": 1,
    # 2 API: the package and everything in it
    "tidal.api": 2,
    "tidal.components": 2,
    "tidal.internals": 2,
    # 3 execution
    "tidal.runner": 3,
    "tidal.pool": 3,
    "tidal.interrupt": 3,
    "tidal.fragments": 3,
    "tidal.parallel": 3,
    "tidal.inspector": 3,
    "tidal.stores": 3,
    # 4 sessions
    "tidal.session": 4,
    "tidal.fragment_timers": 4,
    "tidal.intake": 4,
    "tidal.inspector_panel": 4,
    "tidal.outbox": 4,
    "tidal.persistence": 4,
    "tidal.runqueue": 4,
    "tidal.sessions": 4,
    "tidal.eventqueue": 4,
    "tidal.refusals": 4,
    "tidal.durability": 4,
    "tidal.saver": 4,
    "tidal.breaker": 4,
    "tidal.pages": 4,
    "tidal.watcher": 4,
    "tidal.rowserver": 4,
    # 5 edges
    "tidal.connection": 5,
    "tidal.server": 5,
    "tidal.monitoring": 5,
    "tidal.front_end": 5,
    "tidal.serving": 5,
    "tidal.headers": 5,
    "tidal.stylesheet": 5,
    "tidal.module_graph": 5,
    "tidal.app_static": 5,
    "tidal.http_protocol": 5,
    "tidal.cli": 5,
    "tidal.compat": 5,
    "tidal.component_files": 5,
    "tidal.uploads": 5,
    "tidal.media": 5,
    "tidal.component_assets_route": 5,
    "tidal.oidc": 5,
    "tidal.auth_routes": 5,
    "tidal.testing": 5,
    "tidal": 5,
    "tidal.__main__": 5,
    # 6 apps shipped in the package (tidal hello): scripts on the public API
    "tidal.hello": 6,
}
"""Layer of each module. A package entry (``tidal.api``, ``tidal.stores``) covers every module
inside it. A module found on disk but missing here fails ``test_every_module_has_a_layer``."""

LAYER_NAMES = ["vocabulary", "model", "API", "execution", "sessions", "edges", "apps"]


def module_name(path: Path) -> str:
    """``src/tidal/api/text.py`` -> ``tidal.api.text``; ``src/tidal/__init__.py`` -> ``tidal``."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The layer of a module (its own entry, else its nearest listed package), or None."""
    name = module
    while name:
        if name in LAYERS:
            if name == "tidal" and module != "tidal":
                return None  # tidal.<unknown> is not covered by the package entry
            return LAYERS[name]
        name = name.rpartition(".")[0]
    return None


def source_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@dataclass(frozen=True, slots=True)
class TidalImport:
    """One import of a tidal module found in a source file."""

    target: str
    line: int
    function_local: bool


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The tidal modules a ``from ... import ...`` statement loads."""
    if node.level:
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    if base != "tidal" and not base.startswith("tidal."):
        return []
    targets = []
    for alias in node.names:
        # `from tidal import errors` loads tidal.errors when that is a module, else the package
        candidate = f"{base}.{alias.name}"
        targets.append(candidate if _exists(candidate) else base)
    return targets


def _exists(module: str) -> bool:
    rel = Path(*module.split("."))
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def tidal_imports(source: str, module: str, is_package: bool = False) -> Iterator[TidalImport]:
    """Every import of a tidal module in ``source``, skipping ``if TYPE_CHECKING:`` bodies."""

    def visit(nodes: list[ast.stmt], in_function: bool) -> Iterator[TidalImport]:
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "tidal" or alias.name.startswith("tidal."):
                        yield TidalImport(alias.name, node.lineno, in_function)
            elif isinstance(node, ast.ImportFrom):
                for target in _resolve(node, module, is_package):
                    yield TidalImport(target, node.lineno, in_function)
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                yield from visit(node.orelse, in_function)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(node.body, True)
            else:
                for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                    children = getattr(node, field, None)
                    if isinstance(children, list):
                        stmts = [c for c in children if isinstance(c, ast.stmt)]
                        for c in children:
                            if isinstance(c, ast.ExceptHandler | ast.match_case):
                                stmts.extend(c.body)
                        yield from visit(stmts, in_function)

    yield from visit(ast.parse(source).body, False)


def violations(source: str, module: str, filename: str, is_package: bool = False) -> list[str]:
    """Human-readable problems with the imports of one module."""
    own = layer_of(module)
    assert own is not None, f"{module} has no layer"
    found = []
    for imp in tidal_imports(source, module, is_package):
        where = f"{filename}:{imp.line}"
        if imp.function_local:
            found.append(
                f"{where}: function-local import of {imp.target}. Import it at module level; "
                "if that makes a cycle, move the shared thing down a layer (CONVENTIONS rule 3)."
            )
            continue
        target = layer_of(imp.target)
        if target is None:
            found.append(f"{where}: imports {imp.target}, which has no layer in LAYERS.")
        elif target > own:
            found.append(
                f"{where}: {module} (layer {own}, {LAYER_NAMES[own]}) imports {imp.target} "
                f"(layer {target}, {LAYER_NAMES[target]}). Layers import downward only; move the "
                "shared thing down, or import it under `if TYPE_CHECKING:` if only annotations "
                "need it."
            )
    return found


# ---------------------------------------------------------------------------- the real package
def test_every_module_has_a_layer() -> None:
    missing = [
        f"{path.relative_to(SRC.parent)} ({module_name(path)})"
        for path in source_modules()
        if layer_of(module_name(path)) is None
    ]
    assert not missing, (
        "modules with no layer; add them to LAYERS in tests/test_layers.py "
        "(and to the layer list in ARCHITECTURE.md):\n  " + "\n  ".join(missing)
    )


def test_modules_import_only_their_own_layer_or_lower() -> None:
    problems: list[str] = []
    for path in source_modules():
        module = module_name(path)
        if layer_of(module) is None:
            continue  # reported by test_every_module_has_a_layer
        problems += violations(
            path.read_text(encoding="utf-8"),
            module,
            str(path.relative_to(SRC.parent)),
            is_package=path.name == "__init__.py",
        )
    upward = [p for p in problems if "function-local" not in p]
    assert not upward, "upward imports:\n  " + "\n  ".join(upward)


def test_no_module_imports_tidal_inside_a_function() -> None:
    problems: list[str] = []
    for path in source_modules():
        module = module_name(path)
        if layer_of(module) is None:
            continue
        problems += violations(
            path.read_text(encoding="utf-8"),
            module,
            str(path.relative_to(SRC.parent)),
            is_package=path.name == "__init__.py",
        )
    local = [p for p in problems if "function-local" in p]
    assert not local, "function-local tidal imports:\n  " + "\n  ".join(local)


def test_the_sessions_layer_reaches_the_api_only_through_the_execution_layer() -> None:
    """What sessions and pages share with ``st.*`` functions lives below both (pagefiles,
    querystring): a sessions module borrowing an API module's helpers is a layer bent."""
    api, sessions = LAYER_NAMES.index("API"), LAYER_NAMES.index("sessions")
    bent = []
    for path in source_modules():
        module = module_name(path)
        if layer_of(module) != sessions:
            continue
        for imp in tidal_imports(path.read_text(encoding="utf-8"), module):
            if layer_of(imp.target) == api:
                bent.append(f"{path.relative_to(SRC.parent)}:{imp.line}: imports {imp.target}")
    assert not bent, "sessions-layer modules importing the API layer:\n  " + "\n  ".join(bent)


def every_tidal_import(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every tidal module ``source`` imports anywhere: ``if TYPE_CHECKING:`` bodies and
    functions included (a cycle through annotations is still a cycle of the design)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "tidal")
        elif isinstance(node, ast.ImportFrom):
            found.update(_resolve(node, module, is_package))
    return found


def package_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles among modules of one package (``tidal.testing.a`` -> ``.b`` ->
    ``.a``), each as the path that closes it. A package's ``__init__`` re-exporting its own
    modules is not a cycle."""

    def package(m: str) -> str:
        return m.rpartition(".")[0]

    edges = {
        m: sorted(t for t in targets if t in graph and t != m and package(t) == package(m))
        for m, targets in graph.items()
    }
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(path: list[str]) -> None:
        for nxt in edges[path[-1]]:
            if nxt == path[0]:
                key = frozenset(path)
                if key not in seen:
                    seen.add(key)
                    cycles.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its smallest name
                walk([*path, nxt])

    for start in sorted(edges):
        walk([start])
    return cycles


def test_no_import_cycles_inside_a_package() -> None:
    graph = {
        module_name(path): every_tidal_import(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
        for path in source_modules()
    }
    cycles = [" -> ".join(c) for c in package_cycles(graph)]
    assert not cycles, (
        "import cycles (TYPE_CHECKING imports included); type against a small Protocol in a "
        "module of its own, or move the shared thing into a module both import:\n  "
        + "\n  ".join(cycles)
    )


# ---------------------------------------------------------------------------- the checker itself
def test_the_checker_flags_an_upward_import_with_file_and_line() -> None:
    source = "from tidal.errors import TidalError\nfrom tidal.runner import Script\n"
    (problem,) = violations(source, "tidal.state", "tidal/state.py")
    assert problem.startswith("tidal/state.py:2: tidal.state (layer 1")
    assert "tidal.runner (layer 3" in problem


def test_the_checker_allows_upward_imports_under_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from tidal.session import Session\n"
        "else:\n"
        "    pass\n"
    )
    assert violations(source, "tidal.state", "tidal/state.py") == []


def test_the_checker_flags_an_upward_import_in_the_else_of_type_checking() -> None:
    source = "if TYPE_CHECKING:\n    pass\nelse:\n    import tidal.session\n"
    assert len(violations(source, "tidal.state", "tidal/state.py")) == 1


def test_the_checker_flags_a_function_local_tidal_import() -> None:
    source = "def f():\n    from tidal.errors import TidalError\n"
    (problem,) = violations(source, "tidal.runner", "tidal/runner.py")
    assert problem.startswith("tidal/runner.py:2: function-local import of tidal.errors")


def test_the_checker_ignores_a_function_local_optional_dependency() -> None:
    source = "def open_redis():\n    import redis\n    return redis\n"
    assert violations(source, "tidal.stores.redis", "tidal/stores/redis.py") == []


def test_the_checker_sees_imports_inside_try_blocks_and_classes() -> None:
    source = (
        "try:\n    import tidal.testing\nexcept ImportError:\n    import tidal.session\n"
        "class C:\n    from tidal import cli\n"
    )
    lines = [p.split(":")[1] for p in violations(source, "tidal.state", "tidal/state.py")]
    assert lines == ["2", "4", "6"]


@pytest.mark.parametrize(
    ("source", "module", "is_package", "target"),
    [
        ("from . import state\n", "tidal", True, "tidal.state"),
        ("from . import text\n", "tidal.api", True, "tidal.api.text"),
        ("from .text import write\n", "tidal.api.choice", False, "tidal.api.text"),
        ("from ..runner import Script\n", "tidal.api.text", False, "tidal.runner"),
        ("from tidal import button\n", "tidal.api.text", False, "tidal"),
    ],
)
def test_the_checker_resolves_relative_and_package_imports(
    source: str, module: str, is_package: bool, target: str
) -> None:
    (imp,) = tidal_imports(source, module, is_package)
    assert imp.target == target


def test_a_module_inside_a_listed_package_takes_the_package_layer() -> None:
    assert layer_of("tidal.api.some_new_family") == 2
    assert layer_of("tidal.stores.postgres") == 3
    assert layer_of("tidal.something_new") is None


def test_the_cycle_finder_sees_a_cycle_through_type_checking_imports() -> None:
    a = "from tidal.testing.b import B\n"
    b = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tidal.testing.a import A\n"
    graph = {
        "tidal.testing.a": every_tidal_import(a, "tidal.testing.a"),
        "tidal.testing.b": every_tidal_import(b, "tidal.testing.b"),
        "tidal.testing": {"tidal.testing.a", "tidal.testing.b"},
    }
    assert package_cycles(graph) == [["tidal.testing.a", "tidal.testing.b", "tidal.testing.a"]]


def test_the_cycle_finder_ignores_imports_across_packages_and_one_way_chains() -> None:
    graph = {
        "tidal.testing.a": {"tidal.testing.b", "tidal.session"},
        "tidal.testing.b": {"tidal.testing.c"},
        "tidal.testing.c": set(),
        "tidal.session": {"tidal.testing.a"},
    }
    assert package_cycles(graph) == []
