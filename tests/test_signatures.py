"""Every public Streamlit 1.67 name exists in tidal with the same parameters.

The reference is ``tests/data/streamlit-1.67-api.json`` (made from Streamlit 1.67 with
``inspect``: every public ``st.*`` name, its kind, and each parameter's name, default and
kind). For each name, ``inspect.signature`` of tidal's callable must list the same parameters
in the same order, of the same kinds (positional-or-keyword, keyword-only, ``**kwargs``), with
the same defaults wherever Streamlit's default is a Python literal. Objects (``st.secrets``,
``st.context``...) must offer Streamlit's members.

What other work in progress still lacks sits in ``NOT_YET``, one entry per missing name
(``"dataframe"``) or parameter (``"checkbox.width"``); a test fails when an entry is no longer
missing, so the list only shrinks. Run ``python tests/test_signatures.py`` for the coverage.
"""

from __future__ import annotations

import ast
import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tidal

SPEC_PATH = Path(__file__).parent / "data" / "streamlit-1.67-api.json"
SPEC: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))["st"]
KINDS = {
    "POSITIONAL_OR_KEYWORD": inspect.Parameter.POSITIONAL_OR_KEYWORD,
    "KEYWORD_ONLY": inspect.Parameter.KEYWORD_ONLY,
    "VAR_KEYWORD": inspect.Parameter.VAR_KEYWORD,
    "VAR_POSITIONAL": inspect.Parameter.VAR_POSITIONAL,
    "POSITIONAL_ONLY": inspect.Parameter.POSITIONAL_ONLY,
}
AREAS = ("sidebar", "bottom")
"""Objects whose members are the element functions (Streamlit's DeltaGenerator)."""
SKIPPED_MEMBERS = {"dg"}
"""Members of Streamlit objects that are its internals, not API (``st.sidebar.dg``)."""

NOT_YET: set[str] = set()  # see the list by family below


@dataclass
class Report:
    """What tidal lacks against the reference, as ``NOT_YET``-style entries."""

    missing: set[str] = field(default_factory=set)
    names: int = 0
    names_ok: int = 0
    params: int = 0
    params_ok: int = 0


def _literal(text: str | None) -> tuple[bool, Any]:
    if text is None:
        return False, None
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return False, None


def check_function(name: str, spec: dict[str, Any], report: Report) -> None:
    fn = getattr(tidal, name, None)
    expected = spec.get("params") or []
    report.params += len(expected)
    if fn is None or not callable(fn):
        report.missing.add(name)
        return
    actual = inspect.signature(fn).parameters
    ok = True
    names = [p[0] for p in expected]
    for pname, default, kind in expected:
        param = actual.get(pname)
        if param is None or param.kind != KINDS[kind]:
            report.missing.add(f"{name}.{pname}")
            ok = False
            continue
        comparable, value = _literal(default)
        if default is None and param.default is not inspect.Parameter.empty:
            report.missing.add(f"{name}.{pname}")  # Streamlit's is required
            ok = False
        elif comparable and (
            param.default is inspect.Parameter.empty
            or param.default != value
            or type(param.default) is not type(value)
        ):
            report.missing.add(f"{name}.{pname}")
            ok = False
        else:
            report.params_ok += 1
    extra = [p for p in actual if p not in names]
    order = [p for p in actual if p in names]
    if extra or order != [n for n in names if n in actual]:
        report.missing.add(f"{name}()")  # tidal's own parameters or another order
        ok = False
    report.names_ok += ok


def check_object(name: str, spec: dict[str, Any], report: Report) -> None:
    obj = getattr(tidal, name, None)
    if obj is None:
        report.missing.add(name)
        return
    ok = True
    for member in spec.get("members", []):
        if member in SKIPPED_MEMBERS:
            continue
        if name in AREAS and not hasattr(tidal, member):
            continue  # an element tidal lacks is listed under its own name
        try:
            getattr(obj, member)
            present = True
        except AttributeError:
            present = False
        except Exception:  # a member that exists but needs a run or a file to be read
            present = True
        if not present:
            report.missing.add(f"{name}.{member}")
            ok = False
    report.names_ok += ok


def compare() -> Report:
    """Check every reference name against tidal."""
    report = Report()
    for name, spec in SPEC.items():
        report.names += 1
        if spec["kind"] in ("function", "class"):
            check_function(name, spec, report)
        elif spec["kind"] == "object":
            check_object(name, spec, report)
        elif not hasattr(tidal, name):
            report.missing.add(name)
        else:
            report.names_ok += 1
    return report


# What families still being built lack, by family; each must become empty.
NOT_YET |= set[str](
    # data (st.dataframe, st.data_editor, st.table, st.metric, st.column_config)
    # charts
    # chat, streaming and status feedback
    # files and media
    # components
    # text (catalogue-text: Markdown, badge, latex, html, iframe, code, headers, text params)
    # inputs (catalogue-inputs: new widgets, widget params, bind/persist_state)
)


def test_every_streamlit_name_and_parameter_exists_unless_not_yet_built():
    unexpected = sorted(compare().missing - NOT_YET)
    assert not unexpected, (
        "tidal lacks these Streamlit 1.67 names/parameters (name, name.param, or name() for "
        f"extra or reordered parameters): {unexpected}"
    )


def test_the_not_yet_list_only_holds_what_is_still_missing():
    done = sorted(NOT_YET - compare().missing)
    assert not done, f"these now exist: remove them from NOT_YET in {__file__}: {done}"


def test_not_yet_names_are_streamlit_names():
    unknown = sorted(e for e in NOT_YET if e.split(".")[0].removesuffix("()") not in SPEC)
    assert not unknown


if __name__ == "__main__":
    r = compare()
    print(f"names: {r.names_ok}/{r.names} ({100 * r.names_ok / r.names:.0f}%)")
    print(f"parameters: {r.params_ok}/{r.params} ({100 * r.params_ok / r.params:.0f}%)")
    for entry in sorted(r.missing):
        print(" ", entry)
