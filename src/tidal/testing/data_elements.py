"""What a test gets back for the data elements: ``at.dataframe``, ``at.data_editor``,
``at.table`` and ``at.metric``, with Streamlit's attribute names.

Owns ``Dataframe`` (``.value`` is the frame; selections staged with ``select_rows``...),
``DataEditor`` (``.value`` is the editing state; ``edit_cell``/``add_row``/``delete_rows``),
``Table`` and ``Metric``, and ``DATA_CLASSES``, their element type -> class table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tidal.testing.elements import _MISSING, Element
from tidal.testing.widget_elements import Widget

if TYPE_CHECKING:
    from tidal.testing.host import AppHost


class Dataframe(Element):
    """``st.dataframe`` (and ``st.data_editor`` in ``at.dataframe``): ``.value`` is the frame.

    With ``on_select``, stage a selection with ``select_rows``/``select_columns``/
    ``select_cells`` and ``run()``.
    """

    @property
    def value(self) -> Any:
        """The data as the script passed it (a pandas DataFrame stays one)."""
        return self.node.extra.data

    @property
    def editing_mode(self) -> str:
        """``"read_only"`` for a dataframe, else the data editor's ``num_rows``."""
        return "read_only" if self.node.type == "dataframe" else str(self.props.get("num_rows"))

    @property
    def columns(self) -> list[str]:
        """The column names as shown."""
        return [str(c["name"]) for c in self.props.get("columns", [])]

    @property
    def selection(self) -> Any:
        """The current selection (``{"rows": [...], "columns": [...], "cells": [...]}``)."""
        wid = self.props.get("id")
        staged = self._app._staged.get(wid, _MISSING) if isinstance(wid, str) else _MISSING
        value = self.node.value if staged is _MISSING else staged
        return None if value is None else value["selection"]

    def _stage(self, part: str, picked: list[Any]) -> Dataframe:
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise TypeError("this dataframe has no selections: pass on_select='rerun'")
        current = dict(self.selection or {"rows": [], "columns": [], "cells": []})
        current[part] = picked
        self._app._staged[wid] = _checked(self._app, wid, {"selection": current})
        return self

    def select_rows(self, rows: list[int]) -> Dataframe:
        """Stage a selection of rows (positions in the data)."""
        return self._stage("rows", list(rows))

    def select_columns(self, columns: list[str]) -> Dataframe:
        """Stage a selection of columns (by name)."""
        return self._stage("columns", list(columns))

    def select_cells(self, cells: list[tuple[int, str]]) -> Dataframe:
        """Stage a selection of cells (``(row, column name)`` pairs)."""
        return self._stage("cells", [tuple(c) for c in cells])

    def click_button(self, column: str, row: int, label: str | None = None) -> Dataframe:
        """Stage a click of the button in ``column`` (a keyed ``ButtonColumn``) at row
        position ``row``; ``label`` picks one of a cell's several buttons (default: the
        first). tidal's own, as the other staging methods."""
        _stage_click(self._app, self.node, column, row, label)
        return self


def _stage_click(app: AppHost, node: Any, column: str, row: int, label: str | None) -> None:
    wid = (node.props.get("button_click_widgets") or {}).get(column)
    if not isinstance(wid, str):
        raise ValueError(
            f"column {column!r} has no button clicks: give it "
            "st.column_config.ButtonColumn(key=...)"
        )
    if label is None:
        table = node.extra.table
        cell = table.column(column).cell(row) if 0 <= row < table.nrows else None
        label = str((cell or [None])[0] if isinstance(cell, list) else cell)
    app._staged[wid] = _checked(app, wid, {"row": row, "label": label})


def _checked(app: AppHost, wid: str, value: Any) -> Any:
    """``value`` if the widget would take it from a browser; else a ``ValueError`` at once
    saying why. These staging methods are tidal's own (Streamlit's AppTest has none), and a
    test is better told at the line that staged a selection or an edit that cannot happen
    than left with a run that silently ignored it (``set_value`` ignores such values, as
    Streamlit's AppTest does)."""
    meta = app._session.state.meta(wid)
    if meta is not None:
        meta.from_wire(meta.to_wire(value))
    return value


class DataEditor(Widget):
    """``st.data_editor``: ``.value`` is the editing state (``st.session_state[key]``);
    stage edits with ``edit_cell``, ``add_row`` and ``delete_rows``."""

    @property
    def data(self) -> Any:
        """The data as the script passed it."""
        return self.node.extra.data

    def _state(self) -> dict[str, Any]:
        v = self.value or {}
        return {
            "edited_rows": {int(k): dict(c) for k, c in (v.get("edited_rows") or {}).items()},
            "added_rows": [dict(r) for r in v.get("added_rows") or []],
            "deleted_rows": list(v.get("deleted_rows") or []),
        }

    def edit_cell(self, row: int, column: str, value: Any) -> DataEditor:
        """Stage a new value for one cell (row position, column name)."""
        state = self._state()
        state["edited_rows"].setdefault(row, {})[column] = value
        return self.set_value(_checked(self._app, self.id, state))

    def add_row(self, row: dict[str, Any]) -> DataEditor:
        """Stage an added row (column name -> value), as a person adds one in the grid: the
        ``default`` of each ``column_config`` column the row does not name fills its cell."""
        state = self._state()
        state["added_rows"].append({**(self.props.get("defaults") or {}), **row})
        return self.set_value(_checked(self._app, self.id, state))

    def click_button(self, column: str, row: int, label: str | None = None) -> DataEditor:
        """Stage a click of a ``ButtonColumn``'s button, as ``Dataframe.click_button``."""
        _stage_click(self._app, self.node, column, row, label)
        return self

    def delete_rows(self, *rows: int) -> DataEditor:
        """Stage deleting rows (positions)."""
        state = self._state()
        state["deleted_rows"] = sorted({*state["deleted_rows"], *rows})
        return self.set_value(_checked(self._app, self.id, state))


class Table(Element):
    """``st.table``: ``.value`` is the data as the script passed it."""

    @property
    def value(self) -> Any:
        """The data."""
        return self.node.extra.data


class Metric(Element):
    """``st.metric``: ``.value`` is the shown value, ``.delta`` the shown delta."""

    @property
    def value(self) -> str:
        """The value as shown (text)."""
        return str(self.props["body"])

    @property
    def label(self) -> str:
        """The label."""
        return str(self.props["label"])

    @property
    def delta(self) -> str:
        """The delta as shown (``""`` without one, as Streamlit's AppTest)."""
        return str(self.props.get("delta") or "")

    @property
    def color(self) -> str:
        """The delta's colour: ``"green"``, ``"red"``, ``"gray"``..."""
        return str(self.props["color"])

    @property
    def help(self) -> str:
        """The tooltip (``""`` without one)."""
        return str(self.props.get("help") or "")


DATA_CLASSES: dict[str, type[Element]] = {
    "dataframe": Dataframe,
    "data_editor": DataEditor,
    "table": Table,
    "metric": Metric,
}
"""The wrapper class of each data element type."""
