"""Button groups: ``st.pills``, ``st.segmented_control`` and ``st.feedback``.

A row of toggle buttons over options. Pills and segmented controls pick one option
(``selection_mode="single"``: the option or None) or several (``"multi"``: a list in option
order); a feedback widget picks one of 2 thumbs or 5 faces or stars (its index, or None). The
browser sends option indices, checked here before they reach session state. Knows nothing about
other widget kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from tidal.api.choice_options import (
    FormatFunc,
    defaults_list,
    index_of,
    label_codec,
    labels_of,
    multi_label_codec,
    option_index,
    options_list,
    wire_index,
)
from tidal.api.widget_args import (
    Args,
    Bind,
    Kwargs,
    OnChange,
    PersistState,
    Width,
    check_bind,
    check_persist,
    check_width,
    check_wrap,
)
from tidal.context import api_function, get_run
from tidal.errors import StreamlitAPIException
from tidal.widgets import Spec, label_text, register

SelectionMode = Literal["single", "multi"]
FeedbackKind = Literal["thumbs", "faces", "stars"]

FEEDBACK_OPTIONS: dict[str, list[str]] = {
    "thumbs": [":material/thumb_down:", ":material/thumb_up:"],
    "faces": [
        ":material/sentiment_very_dissatisfied:",
        ":material/sentiment_dissatisfied:",
        ":material/sentiment_neutral:",
        ":material/sentiment_satisfied:",
        ":material/sentiment_very_satisfied:",
    ],
    "stars": [":material/star:"] * 5,
}
"""What each feedback kind shows, from the lowest index (worst) to the highest (best)."""


def _button_group(
    kind: str,
    label: str | None,
    options: Iterable[Any] | None,
    selection_mode: str,
    default: Any,
    required: bool,
    format_func: FormatFunc | None,
    key: object,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    props: dict[str, Any],
    bind: Bind,
    persist_state: PersistState,
) -> Any:
    if selection_mode not in ("single", "multi"):
        raise StreamlitAPIException(
            f"The selection_mode argument must be one of ['single', 'multi']. "
            f"The argument passed was '{selection_mode}'."
        )
    multi = selection_mode == "multi"
    opts = options_list(options)
    if not opts:
        raise StreamlitAPIException(
            f"st.{kind} needs at least one option: pass a non-empty list as `options`."
        )
    labels = labels_of(opts, format_func or str)
    if not multi and isinstance(default, list | tuple) and len(default) > 1:
        raise StreamlitAPIException(
            f"The default argument to `st.{kind}` must be a single value when "
            "`selection_mode='single'`."
        )
    given = defaults_list(opts, default)
    chosen = sorted(option_index(opts, d) for d in given)
    if multi:
        value_default: Any = [opts[i] for i in dict.fromkeys(chosen)]
    else:
        value_default = opts[chosen[0]] if chosen else None

    def from_wire(v: Any) -> Any:
        if multi:
            if not isinstance(v, list):
                raise ValueError("expected a list of option indices")
            idx = [wire_index(i, len(opts)) for i in v]
            if len(set(idx)) != len(idx):
                raise ValueError("an option is chosen twice")
            if required and not idx:
                raise ValueError("a required selection cannot be emptied")
            return [opts[i] for i in sorted(idx)]
        if v is None:
            if required:
                raise ValueError("a required selection cannot be emptied")
            return None
        return opts[wire_index(v, len(opts))]

    def to_wire(v: Any) -> Any:
        if multi:
            return sorted(option_index(opts, x) for x in (v or []))
        return None if v is None else option_index(opts, v)

    def coerce(v: Any) -> tuple[Any, bool]:
        items = list(v or []) if multi else ([] if v is None else [v])
        if all(index_of(opts, x) is not None for x in items):
            return v, False
        return value_default, True

    dump, load = multi_label_codec(labels) if multi else label_codec(labels)
    text = label_text(label) if label is not None else ""
    return register(
        get_run(),
        Spec(
            kind=kind,
            label=text,
            key=key,
            identity=(text, tuple(labels), selection_mode, tuple(chosen), help, required),
            keyed_identity=(selection_mode,),
            default=value_default,
            from_wire=from_wire,
            to_wire=to_wire,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=bool(chosen),
            props={
                "options": labels,
                "multi": multi,
                "required": bool(required),
                **props,
            },
            extra=opts,
            clear_default=to_wire(value_default),
            bind=check_bind(kind, bind, key),
            persist=check_persist(kind, persist_state, key),
            url_dump=dump,
            url_load=load,
        ),
    )


def _row_props(style: str, width: Width, wrap: bool | None) -> dict[str, Any]:
    return {"style": style, "width": check_width(width), "wrap": check_wrap(wrap)}


@api_function
def pills(
    label: str,
    options: Iterable[Any],
    *,
    selection_mode: SelectionMode = "single",
    default: Any | None = None,
    required: bool = False,
    format_func: FormatFunc | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "content",
    wrap: bool | None = None,
    bind: Bind = None,
    persist_state: PersistState = None,
) -> Any:
    """A row of pill buttons. Returns the chosen option (None when none is) or, with
    ``selection_mode="multi"``, the list of chosen options in option order.

    Example:
        >>> colour = st.pills("Colour", ["red", "green", "blue"])
        >>> tags = st.pills("Tags", ["new", "sale", "eco"], selection_mode="multi")
    """
    return _button_group(
        "pills", label, options, selection_mode, default, required, format_func, key, help,
        on_change, args, kwargs, disabled, label_visibility, _row_props("pills", width, wrap),
        bind, persist_state,
    )  # fmt: skip


@api_function
def segmented_control(
    label: str,
    options: Iterable[Any],
    *,
    selection_mode: SelectionMode = "single",
    default: Any | None = None,
    required: bool = False,
    format_func: FormatFunc | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "content",
    wrap: bool | None = None,
    bind: Bind = None,
    persist_state: PersistState = None,
) -> Any:
    """Joined segment buttons. Returns the chosen option (None when none is) or, with
    ``selection_mode="multi"``, the list of chosen options in option order.

    Example:
        >>> view = st.segmented_control("View", ["Map", "Table"], default="Map")
    """
    return _button_group(
        "segmented_control", label, options, selection_mode, default, required, format_func,
        key, help, on_change, args, kwargs, disabled, label_visibility,
        _row_props("segmented", width, wrap), bind, persist_state,
    )  # fmt: skip


@api_function
def feedback(
    options: FeedbackKind = "thumbs",
    *,
    key: str | None = None,
    default: int | None = None,
    disabled: bool = False,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    width: Width = "content",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> int | None:
    """Thumbs (2), faces (5) or stars (5) to rate with. Returns the chosen index (0 is the
    worst: thumbs down, the saddest face, one star) or None.

    Example:
        >>> rating = st.feedback("stars")
        >>> if rating is not None:
        ...     st.write(f"You gave {rating + 1} stars")
    """
    if options not in FEEDBACK_OPTIONS:
        raise StreamlitAPIException(
            "The options argument to st.feedback must be one of ['thumbs', 'faces', 'stars']. "
            f"The argument passed was '{options}'."
        )
    n = len(FEEDBACK_OPTIONS[options])
    if default is not None:
        try:
            wire_index(default, n)  # an int index in range, as the browser must send
        except ValueError:
            raise StreamlitAPIException(
                f"The default value in '{options}' must be a number between 0 and {n - 1}. "
                f"The passed default value is {default}"
            ) from None
    result: int | None = _button_group(
        "feedback", None, range(n), "single", default, False, None, key, None, on_change, args,
        kwargs, disabled, "collapsed",
        {"style": options, "icons": FEEDBACK_OPTIONS[options], "width": check_width(width)},
        bind, persist_state,
    )  # fmt: skip
    return result
