"""Dataframe selections: the widget value ``st.dataframe(on_select=...)`` returns.

Owns ``AttributeDict`` (a dict readable by attribute, as Streamlit's selection state is),
the selection modes, and ``register_selection``, which registers a dataframe as a widget whose
value is ``{"selection": {"rows": [...], "columns": [...], "cells": [...]}}`` and validates
what the browser sends against the table (positions in range, known columns, allowed modes).
Knows nothing about how the grid draws a selection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, register

if TYPE_CHECKING:
    from tidal.context import RunContext
    from tidal.tables import Table

SelectionMode = Literal[
    "single-row", "multi-row", "single-column", "multi-column", "single-cell", "multi-cell"
]
MODES: tuple[str, ...] = (
    "single-row",
    "multi-row",
    "single-column",
    "multi-column",
    "single-cell",
    "multi-cell",
)


class AttributeDict(dict[str, Any]):
    """A dict whose keys read as attributes too: ``event.selection.rows``.

    Example:
        >>> AttributeDict({"selection": {"rows": [1]}}).selection.rows
        [1]
    """

    def __getattr__(self, name: str) -> Any:
        try:
            value = self[name]
        except KeyError:
            raise AttributeError(
                f"{name!r} is not a key of this state: it has {list(self)!r}"
            ) from None
        return AttributeDict(value) if isinstance(value, dict) else value

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value


def empty_selection() -> AttributeDict:
    """Nothing selected."""
    return AttributeDict({"selection": {"rows": [], "columns": [], "cells": []}})


def parse_modes(selection_mode: str | Iterable[str]) -> list[str]:
    """The selection modes as a list, checked (at most one of single/multi per target)."""
    modes = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)
    for m in modes:
        if m not in MODES:
            raise StreamlitAPIException(
                f"Invalid selection mode: {m!r}. Valid options are: {', '.join(MODES)}."
            )
    for target in ("row", "column", "cell"):
        if f"single-{target}" in modes and f"multi-{target}" in modes:
            raise StreamlitAPIException(
                f"Only one of single-{target} or multi-{target} can be activated at once."
            )
    if not modes:
        raise StreamlitAPIException("selection_mode needs at least one mode.")
    return modes


def check_selection(raw: Any, table: Table, modes: list[str]) -> AttributeDict:
    """A selection from the browser or from ``selection_default``, validated.

    Accepts ``{"selection": {...}}`` or the inner ``{"rows", "columns", "cells"}`` dict.

    Raises:
        ValueError: a row out of range, an unknown column, or a target the modes exclude.
    """
    if isinstance(raw, dict) and "selection" in raw:
        raw = raw["selection"]
    if not isinstance(raw, dict):
        raise ValueError("expected {'rows': [...], 'columns': [...], 'cells': [...]}")
    names = [c.name for c in table.columns]
    rows = _ints(raw.get("rows") or [], table.nrows, "row")
    columns = [str(c) for c in raw.get("columns") or []]
    for c in columns:
        if c not in names:
            raise ValueError(f"no column {c!r} (columns: {names})")
    cells: list[tuple[int, str]] = []
    for cell in raw.get("cells") or []:
        if not isinstance(cell, list | tuple) or len(cell) != 2:
            raise ValueError(f"a cell is [row, column]; got {cell!r}")
        r = _ints([cell[0]], table.nrows, "row")[0]
        if str(cell[1]) not in names:
            raise ValueError(f"no column {cell[1]!r} (columns: {names})")
        cells.append((r, str(cell[1])))
    for target, picked in (("row", rows), ("column", columns), ("cell", cells)):
        if not picked:
            continue
        if f"multi-{target}" in modes:
            continue
        if f"single-{target}" in modes and len(picked) == 1:
            continue
        raise ValueError(f"{len(picked)} {target}(s) selected, selection_mode is {modes}")
    return AttributeDict({"selection": {"rows": rows, "columns": columns, "cells": cells}})


def _ints(values: Any, n: int, what: str) -> list[int]:
    if not isinstance(values, list | tuple):
        raise ValueError(f"expected a list of {what} positions")
    out: list[int] = []
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < n:
            raise ValueError(f"{what} {v!r} is not a position in 0..{n - 1}")
        if v not in out:
            out.append(v)
    return out


def _to_wire(value: Any) -> Any:
    sel = dict(value)["selection"]
    return {
        "rows": list(sel["rows"]),
        "columns": list(sel["columns"]),
        "cells": [list(c) for c in sel["cells"]],
    }


def register_selection(
    ctx: RunContext,
    table: Table,
    props: dict[str, Any],
    shown: Any,
    *,
    key: str | int | None,
    on_select: str | Callable[..., Any],
    selection_mode: str | Iterable[str],
    selection_default: Any,
) -> AttributeDict:
    """Register a dataframe whose selections are a widget value; return that value."""
    if on_select != "rerun" and not callable(on_select):
        raise StreamlitAPIException(
            f"You have passed {on_select!r} to `on_select`. But only 'ignore', 'rerun', or "
            "a callable is supported."
        )
    modes = parse_modes(selection_mode)
    default = (
        empty_selection()
        if selection_default is None
        else _checked_default(selection_default, table, modes)
    )
    props = {**props, "selection_mode": modes}
    value: AttributeDict = register(
        ctx,
        Spec(
            kind="dataframe",
            label="",
            key=str(key) if isinstance(key, int) else key,
            identity=(table.fingerprint, tuple(modes), repr(props.get("column_order"))),
            keyed_identity=(),
            default=default,
            from_wire=lambda raw: check_selection(raw, table, modes),
            to_wire=_to_wire,
            coerce=lambda v: (_from_state(v, table, modes), True),
            callback=on_select if callable(on_select) else None,
            props=props,
            extra=shown,
        ),
    )
    return value if isinstance(value, AttributeDict) else AttributeDict(value)


def _from_state(value: Any, table: Table, modes: list[str]) -> AttributeDict:
    """A selection set through ``st.session_state[key] = {"selection": {...}}`` (missing
    parts are empty), checked like one from the browser."""
    if not isinstance(value, dict) or not isinstance(value.get("selection"), dict):
        raise StreamlitAPIException(
            f"A dataframe selection set through st.session_state must look like "
            f"{{'selection': {{'rows': [...], 'columns': [...], 'cells': [...]}}}}; got {value!r}."
        )
    try:
        return check_selection(value, table, modes)
    except ValueError as exc:
        raise StreamlitAPIException(f"Invalid selection in st.session_state: {exc}.") from None


def _checked_default(raw: Any, table: Table, modes: list[str]) -> AttributeDict:
    try:
        return check_selection(raw, table, modes)
    except ValueError as exc:
        raise StreamlitAPIException(f"Invalid selection_default: {exc}.") from None
