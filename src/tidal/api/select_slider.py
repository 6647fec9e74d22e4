"""``st.select_slider``: a slider over a list of options (one option, or a range of two).

Options may be anything (strings, numbers, dates, times, datetimes), given as any iterable or a
DataFrame's first column; the browser moves over option indices and shows the labels
``format_func`` makes. Knows nothing about other widget kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tidal.api.choice_options import (
    FormatFunc,
    index_of,
    label_codec,
    labels_of,
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
)
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.widgets import Spec, label_text, register


@api_function
def select_slider(
    label: str,
    options: Iterable[Any] = (),
    value: Any = None,
    format_func: FormatFunc = str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> Any:
    """A slider over a list of options; returns the chosen option, or a pair of options
    when ``value`` is a pair (a range).

    Example:
        >>> size = st.select_slider("Size", ["S", "M", "L"], value="M")
        >>> lo, hi = st.select_slider("Band", ["low", "mid", "high"], value=("low", "mid"))
    """
    opts = options_list(options)
    if not opts:
        raise TidalAPIError("st.select_slider needs at least one option in `options`.")
    is_range = isinstance(value, list | tuple)
    chosen = list(value) if isinstance(value, list | tuple) else [value]
    if is_range and len(chosen) != 2:
        raise TidalAPIError(
            "A range select_slider needs a value of two options, such as ('a', 'c')."
        )
    for v in chosen:
        if v is not None and index_of(opts, v) is None:
            raise TidalAPIError(
                f"st.select_slider got value={v!r}, which is not one of the options. Pass one "
                "of the options (or a pair of them for a range)."
            )
    default: Any = tuple(chosen) if is_range else (opts[0] if value is None else value)
    labels = labels_of(opts, format_func)
    n = len(opts)

    def from_wire(v: Any) -> Any:
        if is_range:
            if not isinstance(v, list) or len(v) != 2:
                raise ValueError("expected [low, high] option indices")
            a, b = wire_index(v[0], n), wire_index(v[1], n)
            if a > b:  # the browser's slider never crosses its handles
                raise ValueError("expected [low, high] with low <= high")
            return (opts[a], opts[b])
        return opts[wire_index(v, n)]

    def to_wire(v: Any) -> Any:
        if isinstance(v, list | tuple):
            return [option_index(opts, x) for x in v]
        return option_index(opts, v)

    def coerce(v: Any) -> tuple[Any, bool]:
        items = list(v) if isinstance(v, list | tuple) else [v]
        if all(index_of(opts, x) is not None for x in items):
            return v, False
        return default, True  # W-11b: an unknown option falls back to the default

    dump, load_one = label_codec(labels)

    def load(texts: list[str]) -> Any:
        if is_range:
            if len(texts) != 2:
                raise ValueError("expected two options")
            return [load_one([t]) for t in texts]
        return load_one(texts)

    text = label_text(label)
    return register(
        get_run(),
        Spec(
            kind="select_slider",
            label=text,
            key=key,
            identity=(text, tuple(labels), tuple(map(repr, chosen)), help),
            keyed_identity=(),
            default=default,
            from_wire=from_wire,
            to_wire=to_wire,
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=value is not None,
            props={
                "options": labels,
                "range": is_range,
                "data_type": type(opts[0]).__name__,
                "width": check_width(width, allow_content=False),
            },
            extra=opts,
            clear_default=to_wire(default),
            bind=check_bind("select_slider", bind, key),
            persist=check_persist("select_slider", persist_state, key),
            url_dump=dump,
            url_load=load,
        ),
    )
