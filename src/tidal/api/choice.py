"""Choice widgets: select boxes, radio groups and multiselects.

Options travel to the browser as display strings; the browser answers with indices, so a
value from the browser is always one of the options the server offered, or (with
``accept_new_options``) a string the person typed. Reading options and their labels lives in
``api/options.py``; ``st.select_slider`` has a module of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tidal.api.choice_options import (
    FilterMode,
    FormatFunc,
    check_filter_mode,
    defaults_list,
    index_of,
    label_codec,
    labels_of,
    multi_label_codec,
    new_option,
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
    check_icon,
    check_persist,
    check_width,
    check_wrap,
)
from tidal.context import api_function, get_run
from tidal.errors import StreamlitAPIException, StreamlitValueOutOfRangeError, TidalAPIError
from tidal.widgets import Spec, label_text, register


def _check_index(kind: str, index: int | None, n: int) -> None:
    if index is None:
        return
    if isinstance(index, bool) or not isinstance(index, int):
        raise TidalAPIError(f"st.{kind} index must be an int or None, got {index!r}.")
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
    format_func: FormatFunc,
    key: object,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    props: dict[str, Any],
    keyed_identity: tuple[Any, ...],
    bind: Bind,
    persist_state: PersistState,
    accept_new_options: bool = False,
) -> Any:
    opts = options_list(options)
    _check_index(kind, index, len(opts))
    labels = labels_of(opts, format_func)
    default = opts[index] if (opts and index is not None) else None

    def from_wire(v: Any) -> Any:
        if v is None:
            return None
        if accept_new_options and isinstance(v, str):
            text = new_option(v)
            i = labels.index(text) if text in labels else None
            return opts[i] if i is not None else text
        return opts[wire_index(v, len(opts))]

    def to_wire(v: Any) -> Any:
        if v is None:
            return None
        i = index_of(opts, v)
        if i is None and accept_new_options and isinstance(v, str):
            return v
        return option_index(opts, v)

    def coerce(v: Any) -> tuple[Any, bool]:
        if v is None or index_of(opts, v) is not None:
            return v, False
        if accept_new_options and isinstance(v, str):
            return v, False
        return default, True

    dump, load = label_codec(labels, new_options=accept_new_options)
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
            to_wire=to_wire,
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
            bind=check_bind(kind, bind, key),
            persist=check_persist(kind, persist_state, key),
            url_dump=dump,
            url_load=load,
        ),
    )


@api_function
def selectbox(
    label: str,
    options: Iterable[Any],
    index: int | None = 0,
    format_func: FormatFunc = str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    accept_new_options: bool = False,
    filter_mode: FilterMode = "fuzzy",
    width: Width = "stretch",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> Any:
    """A drop-down; returns the chosen option (the first by default, None with ``index=None``).

    ``options`` may be any iterable, a dict (its keys) or a DataFrame (its first column). With
    ``accept_new_options=True`` the person may also type an option of their own (a string).

    Example:
        >>> colour = st.selectbox("Colour", ["red", "green", "blue"], key="colour")
        >>> city = st.selectbox("City", ["Paris"], index=None, accept_new_options=True)
    """
    check_filter_mode("selectbox", filter_mode)
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
        {
            "placeholder": placeholder
            or ("Choose or add an option" if accept_new_options else "Choose an option"),
            "required": bool(required),
            "icon": check_icon(icon),
            "accept_new_options": bool(accept_new_options),
            "filter_mode": filter_mode,
            "width": check_width(width),
        },
        (accept_new_options,),
        bind,
        persist_state,
        accept_new_options=bool(accept_new_options),
    )


@api_function
def radio(
    label: str,
    options: Iterable[Any],
    index: int | None = 0,
    format_func: FormatFunc = str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    horizontal: bool = False,
    captions: Iterable[str] | None = None,
    label_visibility: str = "visible",
    width: Width = "content",
    bind: Bind = None,
    persist_state: PersistState = None,
) -> Any:
    """A group of radio buttons; returns the chosen option. ``captions`` (Markdown) show under
    the options, one per option.

    Example:
        >>> size = st.radio("Size", ["S", "M", "L"], horizontal=True)
        >>> genre = st.radio("Genre", ["Comedy", "Drama"], captions=["Laugh.", "Cry."])
    """
    caps = None if captions is None else [str(c) for c in captions]
    n = len(options_list(options))
    if caps is not None and len(caps) != n:
        raise StreamlitAPIException(
            f"The number of captions ({len(caps)}) must match the number of options ({n}). "
            "Pass one caption per option (an empty string for none)."
        )
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
        {"horizontal": horizontal, "captions": caps, "width": check_width(width)},
        (),
        bind,
        persist_state,
    )


@api_function
def multiselect(
    label: str,
    options: Iterable[Any],
    default: Any | None = None,
    format_func: FormatFunc = str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    max_selections: int | None = None,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    accept_new_options: bool = False,
    filter_mode: FilterMode = "fuzzy",
    select_all: bool | int = 1000,
    width: Width = "stretch",
    wrap: bool | None = None,
    bind: Bind = None,
    persist_state: PersistState = None,
) -> list[Any]:
    """Pick several options; returns the chosen ones in the order they were picked.

    ``select_all`` offers a "Select all" action while there are at most that many options
    (True: always, False or 0: never).

    Example:
        >>> toppings = st.multiselect("Toppings", ["cheese", "ham", "olives"], ["cheese"])
    """
    check_filter_mode("multiselect", filter_mode)
    opts = options_list(options)
    chosen = defaults_list(opts, default, new_options=bool(accept_new_options))
    if max_selections is not None and len(chosen) > max_selections:
        raise StreamlitAPIException(
            f"Multiselect has {len(chosen)} options selected but `max_selections` is set to "
            f"{max_selections}. This happened because you either gave too many options to "
            "`default` or you manipulated the widget's state through `st.session_state`."
        )
    if not isinstance(select_all, bool) and (not isinstance(select_all, int) or select_all < 0):
        raise StreamlitAPIException(
            f"st.multiselect got select_all={select_all!r}. Use True, False or the most "
            "options a 'Select all' is offered for (an int >= 0)."
        )
    labels = labels_of(opts, format_func)
    offer_all = select_all is True or (select_all is not False and len(opts) <= select_all)

    def one_from_wire(i: Any) -> Any:
        if accept_new_options and isinstance(i, str):
            text = new_option(i)
            return opts[labels.index(text)] if text in labels else text
        return opts[wire_index(i, len(opts))]

    def from_wire(v: Any) -> list[Any]:
        if not isinstance(v, list):
            raise ValueError("expected a list of option indices")
        out: list[Any] = []
        for i in v:
            item = one_from_wire(i)
            if any(index_of([x], item) is not None for x in out):
                raise ValueError(f"{item!r} is chosen twice")
            out.append(item)
        if max_selections is not None and len(out) > max_selections:
            raise ValueError(f"more than max_selections={max_selections}")
        return out

    def known(x: Any) -> bool:
        return index_of(opts, x) is not None or (accept_new_options and isinstance(x, str))

    def coerce(v: Any) -> tuple[Any, bool]:
        items = list(v) if isinstance(v, list | tuple) else [v]
        if all(known(x) for x in items):
            return v, False
        return [], True

    def to_wire(v: Any) -> list[int | str]:
        items = list(v) if isinstance(v, list | tuple) else []
        out: list[int | str] = []
        for x in items:
            i = index_of(opts, x)
            if i is None and accept_new_options and isinstance(x, str):
                out.append(x)
            else:
                out.append(option_index(opts, x))
        return out

    dump, load = multi_label_codec(labels, new_options=bool(accept_new_options))
    text = label_text(label)
    result: list[Any] = register(
        get_run(),
        Spec(
            kind="multiselect",
            label=text,
            key=key,
            identity=(text, tuple(labels), tuple(map(repr, chosen)), help, max_selections),
            keyed_identity=(max_selections, accept_new_options),
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
                "placeholder": placeholder
                or ("Choose or add options" if accept_new_options else "Choose options"),
                "max_selections": max_selections,
                "accept_new_options": bool(accept_new_options),
                "filter_mode": filter_mode,
                "select_all": offer_all,
                "width": check_width(width),
                "wrap": check_wrap(wrap),
            },
            extra=opts,
            clear_default=to_wire(chosen),
            bind=check_bind("multiselect", bind, key),
            persist=check_persist("multiselect", persist_state, key),
            url_dump=dump,
            url_load=load,
        ),
    )
    return result
