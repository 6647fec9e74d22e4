"""Options of choice widgets: what a widget offers, how options show, how they travel.

Owns reading ``options`` the way Streamlit does (any iterable, a dict's keys, a DataFrame's first
column, a Series' values), the labels ``format_func`` makes, finding a value among the options
(options whose ``==`` is ambiguous, such as arrays, compare by identity) and the query-param
codec of a choice (the URL holds the option's label). Knows nothing about any one widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from tidal.errors import StreamlitAPIException

FormatFunc = Callable[[Any], Any]
FilterMode = Literal["fuzzy", "contains", "prefix"] | None
_FILTER_MODES = ("fuzzy", "contains", "prefix", None)
MAX_NEW_OPTION_CHARS = 1000
"""The longest new option a person may type (a longer one is refused as a bad value)."""


def options_list(options: object) -> list[Any]:
    """The options a widget offers: any iterable, a dict's keys, or the first column of a
    DataFrame (a Series' values), as Streamlit reads them. None is no options; a single
    string or number is one option."""
    if options is None:
        return []
    if isinstance(options, dict):
        return list(options.keys())
    if isinstance(options, str | bytes | int | float | bool):
        return [options]  # a single plain value is one option, as in Streamlit
    columns = getattr(options, "columns", None)
    iloc = getattr(options, "iloc", None)
    if columns is not None and iloc is not None:  # a DataFrame: its first column
        if len(columns) == 0:
            return []
        return list(iloc[:, 0].tolist())
    tolist = getattr(options, "tolist", None)
    if callable(tolist):  # a Series, an Index or a numpy array
        values = tolist()
        if isinstance(values, list):
            return values
    if not isinstance(options, Iterable):
        raise StreamlitAPIException(
            f"Options must be an iterable (list, tuple, dict, Series, DataFrame), got "
            f"{type(options).__name__}."
        )
    return list(options)


def labels_of(options: list[Any], format_func: FormatFunc) -> list[str]:
    """The option labels a person sees: ``str(format_func(option))``."""
    return [str(format_func(o)) for o in options]


def index_of(options: list[Any], value: Any) -> int | None:
    """The index of ``value`` among ``options``, or None."""
    for i, o in enumerate(options):
        try:
            if o == value:
                return i
        except Exception:  # options whose == is ambiguous (arrays): compare identity only
            if o is value:
                return i
    return None


def option_index(options: list[Any], value: Any) -> int:
    """The wire form of one chosen option; ValueError if it is not one of ``options``."""
    i = index_of(options, value)
    if i is None:
        raise ValueError(f"{value!r} is not one of the options")
    return i


def defaults_list(options: list[Any], default: Any, *, new_options: bool = False) -> list[Any]:
    """The defaults a choice widget starts with, as a list: None is none, a list or tuple is
    each of its items, anything else is one. Each must be one of ``options`` (or, with
    ``new_options``, a string the widget adds)."""
    if default is None:
        return []
    given = list(default) if isinstance(default, list | tuple) else [default]
    for d in given:
        if index_of(options, d) is None and not (new_options and isinstance(d, str)):
            raise StreamlitAPIException(
                f"The default value {d!r} is not part of the options. Please make sure that "
                "every default value also exists in the options."
            )
    return given


def wire_index(v: Any, n: int) -> int:
    """An option index sent by the browser; ValueError unless an int in ``0..n-1``."""
    if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < n:
        raise ValueError(f"expected an option index in 0..{n - 1}")
    return v


UrlCodec = tuple[Callable[[Any], list[str]], Callable[[list[str]], Any]]


def _label_to_wire(labels: list[str], text: str, new_options: bool) -> int | str:
    if text in labels:
        return labels.index(text)
    if new_options:
        return text
    raise ValueError(f"{text!r} is not one of the options")


def _dump_labels(labels: list[str]) -> Callable[[Any], list[str]]:
    def dump(wire: Any) -> list[str]:
        if isinstance(wire, list) and not wire:
            return [""]  # ?key= : an empty selection
        items = wire if isinstance(wire, list) else [wire]
        return [labels[i] if isinstance(i, int) else str(i) for i in items if i is not None]

    return dump


def label_codec(labels: list[str], *, new_options: bool = False) -> UrlCodec:
    """The query-param codec of a single choice whose wire value is an option index (or, with
    ``new_options``, a typed string): the URL holds the option's label."""

    def load(texts: list[str]) -> int | str:
        if len(texts) != 1:
            raise ValueError("expected one value")
        return _label_to_wire(labels, texts[0], new_options)

    return _dump_labels(labels), load


def multi_label_codec(labels: list[str], *, new_options: bool = False) -> UrlCodec:
    """The codec of a multiple choice: a repeated query param of labels (``?k=a&k=b``);
    ``?k=`` is an empty selection, unknown labels and repeats are dropped."""

    def load(texts: list[str]) -> list[int | str]:
        out: list[int | str] = []
        for text in texts:
            if text == "":
                continue
            try:
                v = _label_to_wire(labels, text, new_options)
            except ValueError:
                continue  # the URL is rewritten from the value the widget keeps
            if v not in out:
                out.append(v)
        return out

    return _dump_labels(labels), load


def check_filter_mode(kind: str, filter_mode: object) -> None:
    """``filter_mode``: how typed text filters the options ("fuzzy", "contains", "prefix"),
    or None (no typing)."""
    if filter_mode not in _FILTER_MODES:
        raise StreamlitAPIException(
            f'st.{kind} got filter_mode={filter_mode!r}. Use "fuzzy", "contains", "prefix" '
            "or None (no typing)."
        )


def new_option(v: Any) -> str:
    """A new option typed in the browser (``accept_new_options``): non-blank text of at most
    ``MAX_NEW_OPTION_CHARS``; ValueError otherwise."""
    if not isinstance(v, str) or not v.strip() or len(v) > MAX_NEW_OPTION_CHARS:
        raise ValueError("expected an option index or a new option's text")
    return v
