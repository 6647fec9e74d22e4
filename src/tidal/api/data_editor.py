"""``st.data_editor``: a grid whose cells, rows and columns people can edit.

Owns the function: it shows the data in the same grid as ``st.dataframe`` (``grid_props``),
registers the editing state as a read-only widget value (Streamlit's ``{"edited_rows": ...,
"added_rows": [...], "deleted_rows": [...]}``) validated by ``edits.py``, and returns the data
with the edits applied, in the type it was given. Knows nothing about how the grid edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from tidal.api.column_base import INDEX
from tidal.api.dataframe import Height, Shown, Width, grid_props
from tidal.api.edits import EditSchema, apply_edits, check_edits, copy_state, empty_state
from tidal.api.grid_buttons import register_button_columns
from tidal.api.widget_args import Args, Kwargs
from tidal.context import api_function, get_run
from tidal.dataframes import to_table
from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, register

log = logging.getLogger("tidal.data_editor")

NumRows = Literal["fixed", "dynamic", "add", "delete"]
_NUM_ROWS = ("fixed", "dynamic", "add", "delete")


@api_function
def data_editor(
    data: Any,
    *,
    width: Width = "stretch",
    height: Height = "auto",
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: Mapping[Any, Any] | None = None,
    num_rows: NumRows = "fixed",
    disabled: bool | Iterable[str] = False,
    key: str | int | None = None,
    on_change: Callable[..., Any] | Literal["rerun"] | None = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    alt: str | None = None,
) -> Any:
    """Show data in an editable grid and return it with the person's edits.

    ``st.session_state[key]`` holds the edits as Streamlit does:
    ``{"edited_rows": {row: {column: value}}, "added_rows": [...], "deleted_rows": [...]}``.

    Example:
        >>> edited = st.data_editor(df, num_rows="dynamic", key="people")
        >>> st.write(st.session_state.people["edited_rows"])
    """
    if num_rows not in _NUM_ROWS:
        raise StreamlitAPIException(
            f"Invalid num_rows value: {num_rows!r}. Use 'fixed', 'dynamic', 'add' or 'delete'."
        )
    ctx = get_run()
    table = to_table(data, command="st.data_editor")
    props = grid_props(
        table,
        width=width,
        height=height,
        use_container_width=use_container_width,
        hide_index=hide_index,
        column_order=column_order,
        column_config=column_config,
        row_height=row_height,
        placeholder=placeholder,
    )
    if hide_index is None and num_rows in ("dynamic", "add") and table.range_index:
        props["hide_index"] = True  # as Streamlit: a range index of added rows only confuses
    # disabled=True disables the whole editor (no added or deleted rows, no button clicks)
    buttons = None if disabled is True else register_button_columns(ctx, column_config, table)
    if buttons:
        props["button_click_widgets"] = buttons
    schema = EditSchema.of(table, props["column_config"], disabled=disabled, num_rows=num_rows)
    _show_required(props, schema, num_rows)
    rules = dict(schema.columns)
    if schema.index is not None and schema.can_add:  # the index of added rows (only)
        rules[INDEX] = schema.index
    props.update(
        alt=alt,
        num_rows=num_rows,
        editable={n: r.editor for n, r in rules.items() if not r.disabled},
        required=[r.name for r in schema.required()],
        defaults={n: r.default for n, r in rules.items() if r.default is not None},
    )
    callback = on_change if callable(on_change) else None
    state: dict[str, Any] = register(
        ctx,
        Spec(
            kind="data_editor",
            label="",
            key=str(key) if isinstance(key, int) else key,
            identity=(table.fingerprint, num_rows, repr(disabled), repr(props["column_config"])),
            keyed_identity=(),
            default=empty_state(),
            from_wire=lambda raw: check_edits(raw, schema),
            to_wire=_to_wire,
            callback=callback,
            args=args,
            kwargs=kwargs,
            disabled=disabled is True,
            readonly=True,
            props=props,
            extra=Shown(table, data),
        ),
    )
    try:
        state = check_edits(_to_wire(state), schema)
    except ValueError:  # the data changed under old edits: they no longer apply
        state = empty_state()
    return apply_edits(data, table, copy_state(state), schema)


def _show_required(props: dict[str, Any], schema: EditSchema, num_rows: str) -> None:
    """Show the required cells of rows a person may add, even when configured as hidden.

    A row is added only once its required cells are filled, so when rows can be added a
    required column (or index) stays in view, as Streamlit's; hiding a required index is
    ignored with a warning in the log.
    """
    if not schema.can_add:
        return
    config = props["column_config"]
    for rule in schema.required():
        if rule.name == INDEX and props["hide_index"]:
            log.warning(
                "st.data_editor: the index is required for added rows (the data has its own "
                "index), so hide_index is ignored when num_rows=%r. Reset the index or "
                "disable adding rows to hide it.",
                num_rows,
            )
            props["hide_index"] = False
        if config.get(rule.name, {}).get("hidden"):
            config[rule.name] = {k: v for k, v in config[rule.name].items() if k != "hidden"}


def _to_wire(state: Any) -> Any:
    state = dict(state or {})
    return {
        "edited_rows": {str(k): v for k, v in (state.get("edited_rows") or {}).items()},
        "added_rows": list(state.get("added_rows") or []),
        "deleted_rows": list(state.get("deleted_rows") or []),
    }
