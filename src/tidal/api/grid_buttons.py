"""Button clicks in a data grid: the widgets of the keyed ``st.column_config.ButtonColumn``s.

A keyed ``ButtonColumn`` of an ``st.dataframe`` or ``st.data_editor`` is a trigger widget of
its own (as in Streamlit): no element, its key names it, and a click is a ``change`` whose
value ``{"row": position, "label": text}`` is checked here against the table (a row of the
data, a button that cell shows) before it reaches ``st.session_state[key]`` for one run; the
column's ``on_click`` runs before that run like any widget callback. The grid learns each
column's widget id from the ``button_click_widgets`` prop. Knows nothing about how cells are drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tidal.api.column_base import BUTTON_CLICK, ButtonClick, column_name
from tidal.errors import (
    StreamlitDuplicateElementKey,
    StreamlitInvalidFormCallbackError,
    StreamlitValueAssignmentNotAllowedError,
)
from tidal.state_keys import check_user_key
from tidal.widget_meta import WidgetMeta
from tidal.widgets import run_page, widget_id

if TYPE_CHECKING:
    from tidal.context import RunContext
    from tidal.tables import Table

KIND = "dataframe_button"
MAX_LABEL_CHARS = 10_000


def register_button_columns(
    ctx: RunContext, column_config: Mapping[Any, Any] | None, table: Table
) -> dict[str, str]:
    """Register the keyed ``ButtonColumn``s of ``column_config`` as trigger widgets.

    Returns:
        column name -> widget id (the grid's ``button_click_widgets`` prop).

    Raises:
        StreamlitDuplicateElementKey: the key is another widget's in this run.
        StreamlitValueAssignmentNotAllowedError: the script assigned the key this run.
        StreamlitInvalidFormCallbackError: an ``on_click`` inside a form.
    """
    if not isinstance(column_config, Mapping):
        return {}  # resolve() has already said what is wrong with it
    names = [c.name for c in table.columns]
    out: dict[str, str] = {}
    for key, value in column_config.items():
        click = value.get(BUTTON_CLICK) if isinstance(value, Mapping) else None
        if isinstance(click, ButtonClick):
            name = column_name(key, names)
            out[name] = _register(ctx, click, name, table)
    return out


def _register(ctx: RunContext, click: ButtonClick, name: str, table: Table) -> str:
    key = check_user_key(click.key)
    state = ctx.state
    if state.key_seen_this_run(key):
        raise StreamlitDuplicateElementKey(
            f"There are multiple elements with the same `key='{key}'`. To fix this, please "
            "make sure that the `key` argument is unique for each element you create."
        )
    if state.assigned_this_run(key):
        raise StreamlitValueAssignmentNotAllowedError(
            f"`st.session_state['{key}']` is read-only and cannot be assigned through "
            "session state. Use a different session state key for values you need to set."
        )
    form = ctx.block.form
    if form and click.on_click is not None:
        raise StreamlitInvalidFormCallbackError(
            "Within a form, callbacks can only be defined on `st.form_submit_button`. "
            "Defining callbacks on other widgets inside a form is not allowed."
        )
    wid = widget_id(KIND, key, (), ctx.page_hash)
    state.register(
        WidgetMeta(
            id=wid,
            kind=KIND,
            key=key,
            default=None,
            from_wire=lambda raw: check_click(raw, table, name),
            callback=click.on_click,
            args=click.args,
            kwargs=dict(click.kwargs),
            trigger=True,
            idle=None,  # between clicks the key holds None, as in Streamlit
            form=form,
            fragment=ctx.fragment,
            page=run_page(ctx),
            label=name,
        )
    )
    return wid


def check_click(raw: Any, table: Table, name: str) -> dict[str, Any]:
    """A click from the browser: ``{"row": position, "label": text}``, where the row is one
    of the data's and the cell of column ``name`` in it shows a button labelled ``label``.

    Raises:
        ValueError: anything else, saying what does not fit.
    """
    if not isinstance(raw, dict) or set(raw) != {"row", "label"}:
        raise ValueError('a button click is {"row": position, "label": text}')
    row, label = raw["row"], raw["label"]
    if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < table.nrows:
        raise ValueError(f"row {row!r} is not a row of the data (0..{table.nrows - 1})")
    if not isinstance(label, str) or len(label) > MAX_LABEL_CHARS:
        raise ValueError("the label must be text")
    if name not in {c.name for c in table.columns}:
        raise ValueError(f"the data has no column {name!r}")
    cell = table.column(name).cell(row)
    shown = [str(x) for x in cell if x is not None] if isinstance(cell, list) else [str(cell)]
    if cell is None or label not in shown:
        raise ValueError(f"row {row} of column {name!r} shows no button {label!r}")
    return {"row": row, "label": label}
