"""Choice widgets: select boxes, radio groups, multiselects and select sliders.

Options travel to the browser as display strings; the browser answers with indices, so a
value from the browser is always one of the options the server offered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tidal.api.widget_args import Args, Kwargs
from tidal.context import api_function, get_run
from tidal.errors import (
    StreamlitValueOutOfRangeError,
    TidalAPIError,
)
from tidal.state import Callback
from tidal.widgets import Spec, label_text, register


# ----------------------------------------------------------------------------- select
def _options(options: Iterable[Any] | None) -> list[Any]:
    if options is None:
        return []
    if isinstance(options, dict):
        return list(options.keys())
    return list(options)


def _labels(options: list[Any], format_func: Callable[[Any], Any]) -> list[str]:
    return [str(format_func(o)) for o in options]


def _index_of(options: list[Any], value: Any) -> int | None:
    for i, o in enumerate(options):
        try:
            if o == value:
                return i
        except Exception:  # options whose == is ambiguous (arrays): compare identity only
            if o is value:
                return i
    return None


def _option_index(options: list[Any], value: Any) -> int:
    """The wire form of one chosen option; ValueError if it is not one of ``options``."""
    i = _index_of(options, value)
    if i is None:
        raise ValueError(f"{value!r} is not one of the options")
    return i


def _check_index(index: int | None, n: int) -> None:
    if index is None:
        return
    if isinstance(index, bool) or not isinstance(index, int):
        raise TidalAPIError(f"st.selectbox/st.radio index must be an int or None, got {index!r}.")
    if n and not 0 <= index < n:
        raise StreamlitValueOutOfRangeError(
            f"The `index` parameter, set to {index}, is outside the required range [0, {n - 1}]."
        )
    if not n and index != 0:
        raise StreamlitValueOutOfRangeError(
            f"The `index` parameter, set to {index}, is outside the required range [0, 0]."
        )


def _single_choice(
    kind: str,
    label: str,
    options: Iterable[Any] | None,
    index: int | None,
    format_func: Callable[[Any], Any],
    key: object,
    help: str | None,
    on_change: Callback | None,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    props: dict[str, Any],
    keyed_identity: tuple[Any, ...],
) -> Any:
    opts = _options(options)
    _check_index(index, len(opts))
    labels = _labels(opts, format_func)
    default = opts[index] if (opts and index is not None) else None

    def from_wire(v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < len(opts):
            raise ValueError(f"expected an option index in 0..{len(opts) - 1}")
        return opts[v]

    def coerce(v: Any) -> tuple[Any, bool]:
        if v is None or _index_of(opts, v) is not None:
            return v, False
        return default, True

    text = label_text(label)
    return register(
        get_run(),
        Spec(
            kind=kind,
            label=text,
            key=key,
            identity=(text, tuple(labels), index, help, tuple(props.items())),
            keyed_identity=keyed_identity,
            default=default,
            from_wire=from_wire,
            to_wire=lambda v: None if v is None else _option_index(opts, v),
            coerce=coerce,
            callback=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            explicit_default=index not in (None, 0),
            props={"options": labels, **props},
            extra=opts,
            clear_default=index,
        ),
    )


@api_function
def selectbox(
    label: str,
    options: Iterable[Any],
    index: int | None = 0,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    accept_new_options: bool = False,
) -> Any:
    """A drop-down; returns the chosen option (the first by default, None with ``index=None``).

    Example:
        >>> colour = st.selectbox("Colour", ["red", "green", "blue"], key="colour")
    """
    return _single_choice(
        "selectbox",
        label,
        options,
        index,
        format_func,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        {"placeholder": placeholder or "Choose an option"},
        (accept_new_options,),
    )


@api_function
def radio(
    label: str,
    options: Iterable[Any],
    index: int | None = 0,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    horizontal: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """A group of radio buttons; returns the chosen option.

    Example:
        >>> size = st.radio("Size", ["S", "M", "L"], horizontal=True)
    """
    return _single_choice(
        "radio",
        label,
        options,
        index,
        format_func,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        {"horizontal": horizontal},
        (),
    )


@api_function
def multiselect(
    label: str,
    options: Iterable[Any],
    default: Any | None = None,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    max_selections: int | None = None,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> list[Any]:
    """Pick several options; returns the chosen ones in the order they were picked.

    Example:
        >>> toppings = st.multiselect("Toppings", ["cheese", "ham", "olives"], ["cheese"])
    """
    opts = _options(options)
    chosen = (
        []
        if default is None
        else (list(default) if isinstance(default, list | tuple) else [default])
    )
    for d in chosen:
        if _index_of(opts, d) is None:
            raise TidalAPIError(
                f"The default value {d!r} is not part of the options. Please make sure that "
                "every default value also exists in the options."
            )
    labels = _labels(opts, format_func)

    def from_wire(v: Any) -> list[Any]:
        if not isinstance(v, list):
            raise ValueError("expected a list of option indices")
        out = []
        for i in v:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(opts):
                raise ValueError("option index out of range")
            out.append(opts[i])
        if len(set(v)) < len(v):  # the browser's picker offers each option once
            raise ValueError("an option chosen twice")
        if max_selections is not None and len(out) > max_selections:
            raise ValueError(f"more than max_selections={max_selections}")
        return out

    def coerce(v: Any) -> tuple[Any, bool]:
        items = list(v) if isinstance(v, list | tuple) else [v]
        if all(_index_of(opts, x) is not None for x in items):
            return v, False
        return [], True

    def to_wire(v: Any) -> list[int]:
        items = list(v) if isinstance(v, list | tuple) else []
        return [_option_index(opts, x) for x in items]

    text = label_text(label)
    result: list[Any] = register(
        get_run(),
        Spec(
            kind="multiselect",
            label=text,
            key=key,
            identity=(text, tuple(labels), tuple(map(repr, chosen)), help, max_selections),
            keyed_identity=(max_selections,),
            default=chosen,
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
                "placeholder": placeholder or "Choose options",
                "max_selections": max_selections,
            },
            extra=opts,
            clear_default=to_wire(chosen),
        ),
    )
    return result


@api_function
def select_slider(
    label: str,
    options: Iterable[Any] = (),
    value: Any = None,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """A slider over a list of options; returns the chosen option, or a pair of options
    when ``value`` is a pair (a range).

    Example:
        >>> size = st.select_slider("Size", ["S", "M", "L"], value="M")
        >>> lo, hi = st.select_slider("Band", ["low", "mid", "high"], value=("low", "mid"))
    """
    opts = _options(options)
    if not opts:
        raise TidalAPIError("st.select_slider needs at least one option in `options`.")
    is_range = isinstance(value, list | tuple)
    chosen = list(value) if isinstance(value, list | tuple) else [value]
    if is_range and len(chosen) != 2:
        raise TidalAPIError(
            "A range select_slider needs a value of two options, such as ('a', 'c')."
        )
    for v in chosen:
        if v is not None and _index_of(opts, v) is None:
            raise TidalAPIError(
                f"st.select_slider got value={v!r}, which is not one of the options. Pass one "
                "of the options (or a pair of them for a range)."
            )
    default: Any = tuple(chosen) if is_range else (opts[0] if value is None else value)
    labels = _labels(opts, format_func)

    def index(i: Any) -> int:
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(opts):
            raise ValueError(f"expected an option index in 0..{len(opts) - 1}")
        return i

    def from_wire(v: Any) -> Any:
        if is_range:
            if not isinstance(v, list) or len(v) != 2:
                raise ValueError("expected [low, high] option indices")
            a, b = index(v[0]), index(v[1])
            if a > b:  # the browser's slider never crosses its handles
                raise ValueError("expected [low, high] with low <= high")
            return (opts[a], opts[b])
        return opts[index(v)]

    def to_wire(v: Any) -> Any:
        if isinstance(v, list | tuple):
            return [_option_index(opts, x) for x in v]
        return _option_index(opts, v)

    def coerce(v: Any) -> tuple[Any, bool]:
        items = list(v) if isinstance(v, list | tuple) else [v]
        if all(_index_of(opts, x) is not None for x in items):
            return v, False
        return default, True  # W-11b: an unknown option falls back to the default

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
            props={"options": labels, "range": is_range},
            extra=opts,
            clear_default=to_wire(default),
        ),
    )
