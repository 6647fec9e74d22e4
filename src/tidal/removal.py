"""Why a session-state value went away: the record the state's cleanup leaves behind.

Owns ``Removal`` (one widget value or key removed, with the rule that removed it) and its
plain-words explanation. ``SessionState`` creates them in the code that removes the values
(one source of truth); the run timeline collects them. Knows nothing about runs, scripts or
the wire.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Reason = Literal["not_drawn", "fragment_not_drawn", "identity_changed", "page_switch", "deleted"]
"""The rule that removed a value:

- ``not_drawn``: a completed run did not draw the widget (its value is dropped, W-12/R-2);
- ``fragment_not_drawn``: a fragment's own rerun did not draw it (R-11);
- ``identity_changed``: the run drew a widget of the same kind and key/label with other
  identity parameters, so it is a new widget with a new id (W-1, W-3) and the old value goes;
- ``page_switch``: ``st.switch_page``/navigation starts every widget afresh (MP-5);
- ``deleted``: the script (or a callback) ran ``del st.session_state[key]``.
"""

IDENTITY_NAMES: dict[str, tuple[str, ...]] = {
    # The names of the positions of each widget family's identity tuple (``Spec.identity``
    # for a keyless widget, ``Spec.keyed_identity`` for a keyed one), as the API modules build
    # them; a family not listed is described by position.
    "button": ("label", "help", "type", "icon", "width", "shortcut"),
    "checkbox": ("label", "value", "help"),
    "toggle": ("label", "value", "help"),
    "number_input": (
        "label",
        "min_value",
        "max_value",
        "value",
        "step",
        "format",
        "help",
        "placeholder",
    ),
    "text_input": ("label", "value", "max_chars", "help", "placeholder", "props"),
    "text_input#keyed": ("max_chars",),
    "text_area": ("label", "value", "max_chars", "help", "placeholder", "props"),
    "text_area#keyed": ("max_chars",),
    "date_input": ("label", "value", "min_value", "max_value", "format", "help"),
    "selectbox": ("label", "options", "index", "help", "props"),
    "radio": ("label", "options", "index", "help", "props"),
    "multiselect": ("label", "options", "default", "help", "max_selections"),
    "multiselect#keyed": ("max_selections", "accept_new_options"),
}


@dataclass(frozen=True, slots=True)
class Removal:
    """One value removed from a session's state, and why.

    ``key`` is the user key (None for a keyless widget, which has only an id); ``value`` the
    value it held; ``changed`` (for ``identity_changed``) the identity parameters that differ,
    as ``(name, old, new)``.
    """

    reason: Reason
    key: str | None
    wid: str | None
    kind: str
    label: str
    value: Any
    changed: tuple[tuple[str, Any, Any], ...] = ()

    @property
    def name(self) -> str:
        """How to name what was removed: its key, else the widget's kind and label."""
        if self.key is not None:
            return f"`{self.key}`"
        return f"the {self.kind.replace('_', ' ')} {self.label!r}"

    def explain(self, run: int | None = None) -> str:
        """The rule that removed it, in plain words (``run``: the run that removed it).

        Example:
            >>> Removal("not_drawn", "age", "$$ID-1-age", "slider", "Age", 3).explain(14)
            '`age` was removed because the widget with key `age` was not drawn in run 14.'
        """
        in_run = f" in run {run}" if run is not None else ""
        widget = (
            f"the widget with key `{self.key}`"
            if self.key is not None
            else f"the {self.kind.replace('_', ' ')} {self.label!r}"
        )
        if self.reason == "not_drawn":
            return f"{self.name} was removed because {widget} was not drawn{in_run}."
        if self.reason == "fragment_not_drawn":
            return (
                f"{self.name} was removed because its fragment reran{in_run} without drawing "
                f"{widget}."
            )
        if self.reason == "page_switch":
            return (
                f"{self.name} was reset because the app switched pages{in_run}: every widget "
                "starts from its default on a new page (use persist_state to keep it)."
            )
        if self.reason == "deleted":
            return f"{self.name} was removed by `del st.session_state[{self.key!r}]`{in_run}."
        what = ", ".join(f"its `{n}` changed from {o!r} to {v!r}" for n, o, v in self.changed)
        because = f" because {what}" if what else ""
        return (
            f"{widget[0].upper()}{widget[1:]} was reset{in_run}: the widget's identity "
            f"changed{because}, so it is a new widget and starts from its default."
        )


def identity_changes(
    kind: str, keyed: bool, old: tuple[Any, ...], new: tuple[Any, ...]
) -> tuple[tuple[str, Any, Any], ...]:
    """The identity parameters that differ between two calls of the same widget, named.

    Example:
        >>> identity_changes("number_input", False, ("Age", 0, 10), ("Age", 0, 20))
        (('max_value', 10, 20),)
    """
    names = IDENTITY_NAMES.get(f"{kind}#keyed" if keyed else kind, ())
    out: list[tuple[str, Any, Any]] = []
    for i in range(max(len(old), len(new))):
        a = old[i] if i < len(old) else None
        b = new[i] if i < len(new) else None
        try:
            same = bool(a == b)
        except Exception:  # values whose == is ambiguous (arrays)
            same = a is b
        if not same:
            out.append((names[i] if i < len(names) else f"parameter {i + 1}", a, b))
    return tuple(out)
