"""Data editor edits: checking what the browser sends, and applying it to the data.

Owns ``EditSchema`` (per column: may it be edited, what values fit, built from the table and
the ``column_config``), ``check_edits`` (the browser's editing state, validated into
Streamlit's ``{"edited_rows", "added_rows", "deleted_rows"}``, with JSON cell values) and
``apply_edits`` (the data as given, with the edits, in the input's type). Knows nothing about
widgets or sessions.

Example:
    >>> schema = EditSchema.of(table, {}, disabled=False, num_rows="dynamic")
    >>> check_edits({"edited_rows": {"0": {"age": 37}}}, schema)
    {'edited_rows': {0: {'age': 37}}, 'added_rows': [], 'deleted_rows': []}
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tidal.api.column_base import INDEX
from tidal.tables import Table

EDITABLE = {
    "int": "number",
    "float": "number",
    "decimal": "number",
    "bool": "checkbox",
    "str": "text",
    "object": "text",
    "empty": "text",
    "category": "selectbox",
    "datetime": "datetime",
    "date": "date",
    "time": "time",
    "list": "list",
}
"""The editor of a column of each kind, when ``column_config`` names none."""


@dataclass(slots=True, frozen=True)
class ColumnRule:
    """What one editable column accepts."""

    name: str
    editor: str
    kind: str
    disabled: bool
    required: bool
    config: dict[str, Any]
    default: Any = None


@dataclass(slots=True, frozen=True)
class EditSchema:
    """What may be edited in one data editor."""

    columns: dict[str, ColumnRule]
    nrows: int
    can_add: bool
    can_delete: bool
    index: ColumnRule | None

    @classmethod
    def of(
        cls,
        table: Table,
        config: dict[str, Any],
        *,
        disabled: bool | Iterable[str],
        num_rows: str,
    ) -> EditSchema:
        """The rules for ``table`` shown with the resolved ``config`` (see column_config)."""
        all_disabled = disabled is True
        off = set() if isinstance(disabled, bool) else {str(d) for d in disabled}
        rules: dict[str, ColumnRule] = {}
        for col in table.columns:
            rules[col.name] = _rule(col.name, col.kind, config.get(col.name, {}), off, all_disabled)
            if col.kind == "category" and col.options and "options" not in rules[col.name].config:
                rules[col.name].config["options"] = list(col.options)
        index = None
        if not table.range_index and len(table.index) == 1:
            # an added row needs its own label: a non-range index is required (as Streamlit)
            conf = {"required": True, **config.get(INDEX, {})}
            index = _rule(INDEX, table.index[0].kind, conf, off, all_disabled)
        return cls(
            rules,
            table.nrows,
            num_rows in ("dynamic", "add"),
            num_rows in ("dynamic", "delete"),
            index,
        )

    def required(self) -> list[ColumnRule]:
        """The cells an added row must fill: required columns a person can edit (and the index
        of data that has its own); a disabled required column cannot hold an added row back."""
        rules = list(self.columns.values())
        if self.index is not None and self.can_add:
            rules.append(self.index)
        return [r for r in rules if r.required and not r.disabled]


def _rule(
    name: str, kind: str, conf: dict[str, Any], off: set[str], all_disabled: bool
) -> ColumnRule:
    type_config = dict(conf.get("type_config") or {})
    editor = type_config.get("type") or EDITABLE.get(kind, "")
    if editor not in ("number", "checkbox", "text", "selectbox", "multiselect", "datetime",
                      "date", "time", "list", "link", "markdown"):  # fmt: skip
        editor = ""  # progress, charts, images...: shown, not edited
    disabled = all_disabled or name in off or bool(conf.get("disabled")) or not editor
    return ColumnRule(
        name, editor, kind, disabled, bool(conf.get("required")), type_config, conf.get("default")
    )


def _check_cell(rule: ColumnRule, value: Any) -> Any:
    """One cell value from the browser, as JSON; ValueError if it does not fit the column."""
    where = f"column {rule.name!r}"
    if value is None:
        if rule.required:
            raise ValueError(f"{where} is required: it cannot be empty")
        return None
    conf = rule.config
    if rule.editor == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{where} holds numbers; got {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{where} holds finite numbers; got {value!r}")
        if rule.kind == "int":
            if value != int(value):
                raise ValueError(f"{where} holds whole numbers; got {value!r}")
            value = int(value)
        lo, hi = conf.get("min_value"), conf.get("max_value")
        if lo is not None and value < lo:
            raise ValueError(f"{where}: {value!r} is below the minimum {lo!r}")
        if hi is not None and value > hi:
            raise ValueError(f"{where}: {value!r} is above the maximum {hi!r}")
        return value
    if rule.editor == "checkbox":
        if not isinstance(value, bool):
            raise ValueError(f"{where} holds true/false; got {value!r}")
        return value
    if rule.editor in ("text", "link", "markdown"):
        if not isinstance(value, str):
            raise ValueError(f"{where} holds text; got {value!r}")
        max_chars = conf.get("max_chars")
        if max_chars is not None and len(value) > max_chars:
            raise ValueError(f"{where} takes at most {max_chars} characters")
        pattern = conf.get("validate")
        if pattern and not re.search(pattern, value):
            raise ValueError(f"{where}: {value!r} does not match {pattern!r}")
        return value
    if rule.editor == "selectbox":
        options = conf.get("options")
        if options is not None and value not in options:
            raise ValueError(f"{where}: {value!r} is not one of {options!r}")
        return value
    if rule.editor in ("multiselect", "list"):
        if not isinstance(value, list):
            raise ValueError(f"{where} holds lists; got {value!r}")
        options = conf.get("options")
        if options is not None and not conf.get("accept_new_options"):
            for v in value:
                if v not in options:
                    raise ValueError(f"{where}: {v!r} is not one of {options!r}")
        return value
    if rule.editor in ("datetime", "date", "time"):
        if not isinstance(value, str):
            raise ValueError(f"{where} holds {rule.editor}s as ISO text; got {value!r}")
        parsed = parse_temporal(rule.editor, value)
        lo, hi = conf.get("min_value"), conf.get("max_value")
        if lo is not None and str(parsed.isoformat()) < lo:
            raise ValueError(f"{where}: {value!r} is before {lo!r}")
        if hi is not None and str(parsed.isoformat()) > hi:
            raise ValueError(f"{where}: {value!r} is after {hi!r}")
        return value
    raise ValueError(f"{where} cannot be edited")


def parse_temporal(editor: str, value: str) -> dt.datetime | dt.date | dt.time:
    """An ISO date, time or datetime; ValueError when ``value`` is none of those."""
    try:
        if editor == "date":
            return dt.date.fromisoformat(value[:10])
        if editor == "time":
            return dt.time.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO {editor}") from None


def empty_state() -> dict[str, Any]:
    """No edits."""
    return {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def check_edits(raw: Any, schema: EditSchema) -> dict[str, Any]:
    """The browser's editing state, validated: ValueError names the first bad part."""
    if not isinstance(raw, dict):
        raise ValueError(
            "expected {'edited_rows': {...}, 'added_rows': [...], 'deleted_rows': [...]}"
        )
    unknown = set(raw) - {"edited_rows", "added_rows", "deleted_rows"}
    if unknown:
        raise ValueError(f"unknown parts {sorted(unknown)}")
    edited_raw = raw.get("edited_rows") or {}
    added_raw = raw.get("added_rows") or []
    deleted_raw = raw.get("deleted_rows") or []
    if not isinstance(edited_raw, dict) or not isinstance(added_raw, list):
        raise ValueError("edited_rows must be a dict and added_rows a list")
    if not isinstance(deleted_raw, list):
        raise ValueError("deleted_rows must be a list")
    edited: dict[int, dict[str, Any]] = {}
    for row_key, cells in edited_raw.items():
        try:
            row = int(row_key)
        except (TypeError, ValueError):
            raise ValueError(f"row {row_key!r} is not a number") from None
        if not 0 <= row < schema.nrows:
            raise ValueError(f"row {row} is not a row of the data (0..{schema.nrows - 1})")
        if not isinstance(cells, dict):
            raise ValueError(f"edits of row {row} must be a dict of column -> value")
        edited[row] = {name: _check_edit(schema, name, v) for name, v in cells.items()}
    if added_raw and not schema.can_add:
        raise ValueError("rows cannot be added: num_rows is 'fixed' or 'delete'")
    added = [_check_added(schema, k, cells) for k, cells in enumerate(added_raw)]
    if deleted_raw and not schema.can_delete:
        raise ValueError("rows cannot be deleted: num_rows is 'fixed' or 'add'")
    deleted: list[int] = []
    for row in deleted_raw:
        # positions of the data's own rows: an added row is deleted by leaving it out
        if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < schema.nrows:
            raise ValueError(
                f"deleted row {row!r} is not a row of the data (0..{schema.nrows - 1}); "
                "an added row is deleted by leaving it out of added_rows"
            )
        if row not in deleted:
            deleted.append(row)
    return {"edited_rows": edited, "added_rows": added, "deleted_rows": sorted(deleted)}


def _check_added(schema: EditSchema, k: int, cells: Any) -> dict[str, Any]:
    """One added row, validated; as Streamlit's, it holds only the cells that have a value.

    A row whose required cells are not all filled is refused: the grid keeps such a row to
    itself until they are (as Streamlit's), so it never reaches session state.
    """
    if not isinstance(cells, dict):
        raise ValueError("each added row must be a dict of column -> value")
    row: dict[str, Any] = {}
    for name, v in cells.items():
        if name == INDEX and schema.index is not None:
            if schema.index.disabled:
                raise ValueError("the index is not editable (disabled)")
            value = _check_cell(schema.index, v)
        else:
            value = _check_edit(schema, name, v)
        if value is not None:
            row[name] = value
    missing = [rule.name for rule in schema.required() if row.get(rule.name) is None]
    if missing:
        what = ", ".join("the index (_index)" if n == INDEX else repr(n) for n in missing)
        raise ValueError(
            f"added row {k} has no value for {what}, which is required: "
            "send an added row only once its required cells are filled"
        )
    return row


def _check_edit(schema: EditSchema, name: Any, value: Any) -> Any:
    rule = schema.columns.get(str(name))
    if rule is None:
        raise ValueError(f"no column {name!r}")
    if rule.disabled:
        raise ValueError(f"column {name!r} is not editable")
    return _check_cell(rule, value)


# ----------------------------------------------------------------------------- applying
def _python_value(rule: ColumnRule | None, value: Any) -> Any:
    if value is None or rule is None:
        return value
    if rule.editor in ("datetime", "date", "time") and isinstance(value, str):
        return parse_temporal(rule.editor, value)
    return value


def apply_edits(data: Any, table: Table, state: dict[str, Any], schema: EditSchema) -> Any:
    """``data`` with the edits of ``state``, in the type ``data`` came in."""
    module = type(data).__module__.split(".", 1)[0]
    if module == "pandas":
        return _apply_pandas(data, state, schema)
    names = [c.name for c in table.columns]
    columns = [list(c.values) for c in table.columns]
    kinds = [c.kind for c in table.columns]
    for row, cells in state["edited_rows"].items():
        for name, v in cells.items():
            j = names.index(name)
            columns[j][row] = _native(kinds[j], _python_value(schema.columns[name], v))
    # the labels of data with its own index travel with the rows (added ones carry _index)
    labels = None if table.range_index or not table.index else list(table.index[0].values)
    for added in state["added_rows"]:
        for j, name in enumerate(names):
            rule = schema.columns[name]
            columns[j].append(_native(kinds[j], _python_value(rule, added.get(name))))
        if labels is not None:
            labels.append(added.get(INDEX))
    gone = set(state["deleted_rows"])
    keep = [i for i in range(len(columns[0]) if columns else 0) if i not in gone]
    columns = [[col[i] for i in keep] for col in columns]
    return _rebuild(data, table, columns, None if labels is None else [labels[i] for i in keep])


def _native(kind: str, v: Any) -> Any:
    if kind == "float" and isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return v


def _rebuild(data: Any, table: Table, columns: list[list[Any]], labels: list[Any] | None) -> Any:
    names = [c.key if c.key is not None else c.name for c in table.columns]
    rows = list(zip(*columns, strict=True)) if columns else []
    module, tname = type(data).__module__.split(".", 1)[0], type(data).__name__
    if module == "numpy":
        import numpy as np

        return np.array([r[0] for r in rows] if data.ndim == 1 else [list(r) for r in rows])
    if module == "pyarrow":
        import pyarrow as pa

        return pa.Table.from_pydict(dict(zip(names, columns, strict=True)))
    if module == "polars":
        import polars as pl  # type: ignore[import-not-found]

        return pl.DataFrame(dict(zip(names, columns, strict=True)))
    if isinstance(data, dict):
        if table.range_index:
            return dict(zip(names, columns, strict=True))
        return dict(zip(labels or [], columns[0], strict=False))
    items = list(data) if not isinstance(data, list) else data
    if items and all(isinstance(r, dict) for r in items):
        return [dict(zip(names, r, strict=True)) for r in rows]
    if items and all(isinstance(r, list | tuple) for r in items):
        maker = type(items[0])
        return [maker(r) for r in rows]
    values = [r[0] for r in rows]
    if tname in ("tuple", "set", "frozenset"):
        return type(data)(values)
    return values


def _apply_pandas(data: Any, state: dict[str, Any], schema: EditSchema) -> Any:
    import pandas as pd  # type: ignore[import-untyped]

    name = type(data).__name__
    if name == "Styler":
        data = data.data
    series = name == "Series"
    frame = data.to_frame() if series else data.copy()
    labels = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    for row, cells in state["edited_rows"].items():
        for col, v in cells.items():
            j = labels.index(col)
            value = _python_value(schema.columns.get(col), v)
            if value is None:
                value = pd.NA if str(frame.dtypes.iloc[j]) in ("Int64", "string") else None
            frame.iloc[row, j] = value
    if state["added_rows"]:
        new = []
        for added in state["added_rows"]:
            new.append({c: _python_value(schema.columns.get(lab), added.get(lab))
                        for c, lab in zip(frame.columns, labels, strict=True)})  # fmt: skip
        extra = pd.DataFrame(new, columns=frame.columns)
        if isinstance(frame.index, pd.RangeIndex):
            extra.index = pd.RangeIndex(len(frame), len(frame) + len(extra))
        else:
            extra.index = pd.Index([a.get(INDEX) for a in state["added_rows"]])
        extra = extra.astype(
            {c: t for c, t in frame.dtypes.items() if not extra[c].isna().any()}, errors="ignore"
        )
        frame = pd.concat([frame, extra]) if len(frame) else extra
    if state["deleted_rows"]:  # by position: an added row may repeat a label
        gone = set(state["deleted_rows"])
        frame = frame.iloc[[i for i in range(len(frame)) if i not in gone]]
    return frame.iloc[:, 0] if series else frame


def copy_state(state: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of an editing state (session state must not share it with the editor)."""
    return copy.deepcopy(state)
