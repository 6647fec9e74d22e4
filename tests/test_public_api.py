"""The one public door: ``tidal/__init__.py`` (CONVENTIONS.md rule 4).

It only re-exports, with a sorted ``__all__``; every exported function documents itself with an
example; importing tidal starts no threads and changes no environment, and stays fast.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import tidal

INIT = Path(tidal.__file__)
IMPORT_BUDGET_US = 100_000


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a fresh interpreter (same venv) and capture its output."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def names_bound_in_init() -> set[str]:
    """Every public name ``tidal/__init__.py`` binds at module level (imports, defs, assigns)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    names: set[str] = set()
    body = [n for node in tree.body for n in (node.body if isinstance(node, ast.If) else [node])]
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


def test_all_is_sorted() -> None:
    assert list(tidal.__all__) == sorted(tidal.__all__)


def test_all_has_no_duplicates() -> None:
    assert len(set(tidal.__all__)) == len(tidal.__all__)


def test_every_name_in_all_exists() -> None:
    missing = [name for name in tidal.__all__ if not hasattr(tidal, name)]
    assert not missing, f"in tidal.__all__ but not defined: {missing}"


def test_every_public_name_defined_in_init_is_in_all() -> None:
    unexported = sorted(names_bound_in_init() - set(tidal.__all__))
    assert not unexported, f"public names in tidal/__init__.py missing from __all__: {unexported}"


def _is_type_checking_imports(node: ast.stmt) -> bool:
    """``if TYPE_CHECKING:`` holding only imports: the lazily loaded families as type checkers
    see them (tidal/families.py loads them on first use)."""
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and "TYPE_CHECKING" in node.test.id
        and not node.orelse
        and all(isinstance(n, ast.ImportFrom | ast.Import) for n in node.body)
    )


def test_init_only_re_exports() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    allowed = (ast.ImportFrom, ast.Import, ast.Assign, ast.AnnAssign, ast.Expr)
    other = [
        f"tidal/__init__.py:{node.lineno}: {type(node).__name__}"
        for node in tree.body
        if not isinstance(node, allowed) and not _is_type_checking_imports(node)
    ]
    assert not other, "tidal/__init__.py should only re-export:\n  " + "\n  ".join(other)


def test_every_exported_function_has_a_docstring_with_an_example() -> None:
    functions = [name for name in tidal.__all__ if inspect.isroutine(getattr(tidal, name))]
    assert functions, "no exported functions found"
    lacking = []
    for name in functions:
        doc = inspect.getdoc(getattr(tidal, name)) or ""
        if "Example" not in doc and ">>>" not in doc:
            lacking.append(name)
    assert not lacking, (
        f"exported names whose docstring has no `Example` section or `>>>` line: {lacking}"
    )


def test_importing_tidal_starts_no_thread() -> None:
    code = textwrap.dedent(
        """
        import json, threading
        before = sorted(t.name for t in threading.enumerate())
        import tidal
        after = sorted(t.name for t in threading.enumerate())
        print(json.dumps([threading.active_count(), before, after]))
        """
    )
    count, before, after = json.loads(run_python("-c", code).stdout)
    assert after == before, f"import tidal started threads: {sorted(set(after) - set(before))}"
    assert count == len(before)


def test_importing_tidal_changes_no_environment() -> None:
    code = textwrap.dedent(
        """
        import json, os
        before = dict(os.environ)
        import tidal
        after = dict(os.environ)
        changed = {k: [before.get(k), after.get(k)]
                   for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        print(json.dumps(changed))
        """
    )
    changed = json.loads(run_python("-c", code).stdout)
    assert changed == {}, f"import tidal changed os.environ ([before, after]): {changed}"


def tidal_import_time_us() -> int:
    """Cumulative ``-X importtime`` figure of the ``tidal`` package, in microseconds.

    Measured with bytecode caches allowed (as an installed package always has them): an
    environment with PYTHONDONTWRITEBYTECODE=1 would otherwise time the compiler, not tidal.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    stderr = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import tidal"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
    ).stderr
    for line in stderr.splitlines():
        # "import time:   self [us] | cumulative | imported package"
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[2].strip() == "tidal":
            return int(fields[1])
    raise AssertionError(f"no `tidal` line in -X importtime output:\n{stderr[-2000:]}")


def test_importing_tidal_takes_under_100_ms() -> None:
    tidal_import_time_us()  # warm-up: writes the bytecode caches
    times = [tidal_import_time_us() for _ in range(3)]
    best = min(times)
    assert best < IMPORT_BUDGET_US, (
        f"`python -X importtime -c 'import tidal'`: tidal cumulative {best / 1000:.1f} ms "
        f"(best of 3 runs: {[round(t / 1000, 1) for t in times]} ms), budget "
        f"{IMPORT_BUDGET_US / 1000:.0f} ms. Look for heavy imports with "
        "`python -X importtime -c 'import tidal' 2>&1 | sort -t'|' -k2 -n | tail`."
    )


def test_import_time_is_measured_in_a_clean_environment() -> None:
    # The subprocesses inherit this process's environment; PYTHONPROFILEIMPORTTIME or a
    # sitecustomize that imports tidal first would make the figure meaningless.
    assert "PYTHONPROFILEIMPORTTIME" not in os.environ
    assert "tidal" not in run_python("-c", "import sys; print(sorted(sys.modules))").stdout


def test_the_lazily_loaded_families_are_in_all_and_typed_in_init() -> None:
    from tidal.families import LAZY

    assert set(LAZY) <= set(tidal.__all__)
    assert set(LAZY) <= names_bound_in_init()  # the TYPE_CHECKING imports name each one


def test_importing_tidal_loads_no_lazy_family() -> None:
    code = (
        "import sys, tidal; print(sorted(m for m in sys.modules if m in "
        "('tidal.api.dataframe', 'tidal.api.media', 'tidal.api.uploads', 'tidal.api.chat', "
        "'tidal.components', 'tidal.dataframes')))"
    )
    assert run_python("-c", code).stdout.strip() == "[]"


def test_a_family_loads_on_first_use_and_stays() -> None:
    code = (
        "import sys, tidal; f = tidal.dataframe; "
        "print('tidal.api.dataframe' in sys.modules, tidal.__dict__['dataframe'] is f)"
    )
    assert run_python("-c", code).stdout.split() == ["True", "True"]
