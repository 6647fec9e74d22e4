"""Forms: where a form may be opened, its key, and its submit buttons' keys.

Owns the placement rules (no nested forms, submit buttons only inside a form, no plain
buttons inside one) and the key a keyless submit button gets (F-5). Values pending in a form
live in the browser until submit; the server sees them as one batch of changes.
"""

from __future__ import annotations

from typing import Any

from tidal.context import RunContext
from tidal.errors import StreamlitDuplicateElementKey, StreamlitInvalidLayoutContextError
from tidal.state_keys import check_user_key
from tidal.tree import Block, Node

FORM_DOCS_TRAILER = (
    "\n\nFor more information, refer to the\n[documentation for forms]"
    "(https://docs.streamlit.io/develop/api-reference/execution-flow/st.form)."
)


def open_form(
    ctx: RunContext,
    key: object,
    *,
    clear_on_submit: bool,
    border: bool,
    props: dict[str, Any] | None = None,
) -> Block:
    """Add a form container to the current block and return its block; ``props`` are more
    props for the browser (size, Enter-to-submit).

    Raises:
        StreamlitInvalidLayoutContextError: inside another form (F-8).
        StreamlitDuplicateElementKey: a form with this key exists in this run (W-6).
    """
    if ctx.block.form:
        raise StreamlitInvalidLayoutContextError("Forms cannot be nested in other forms.")
    form_id = check_user_key(key)
    if not ctx.state.register_form(form_id):
        raise StreamlitDuplicateElementKey(
            f"There are multiple elements with the same `key='{form_id}'`. To fix this, please "
            "make sure that the `key` argument is unique for each element you create."
        )
    node = Node(
        "form",
        {"id": form_id, "clear_on_submit": clear_on_submit, "border": border, **(props or {})},
        container=True,
    )
    return ctx.add(node)


def submit_button_key(form_id: str, label: str) -> str:
    """The user-visible key of a keyless submit button: ``FormSubmitter:<form>-<label>``."""
    return f"FormSubmitter:{form_id}-{label}"


def require_form(ctx: RunContext) -> str:
    """The current form id, or the F-9 error for a submit button outside a form."""
    form = ctx.block.form
    if not form:
        raise StreamlitInvalidLayoutContextError(
            "`st.form_submit_button()` must be used inside an `st.form()`." + FORM_DOCS_TRAILER
        )
    return form


def forbid_form(ctx: RunContext, command: str, instead: str) -> None:
    """The F-9 error for a widget that cannot live in a form (``st.button``)."""
    if ctx.block.form:
        raise StreamlitInvalidLayoutContextError(
            f"`st.{command}()` can't be used in an `st.form()`. Use `st.{instead}()` instead to "
            "submit the form." + FORM_DOCS_TRAILER
        )
