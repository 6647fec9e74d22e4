"""Cache keys: when two calls of a cached function are the same call.

Owns how a function's identity (qualified name and compiled code) and its arguments, bound to
their parameter names and hashed by value, become the keys of cache entries, and the error that
explains an argument it cannot hash. Knows nothing about stores, limits, stored values, sessions
or runs.
"""

from __future__ import annotations

import inspect
import pickle
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from hashlib import blake2b
from typing import Any, cast

from tidal.errors import TidalAPIError

HashFuncs = Mapping[type[Any] | str, Callable[[Any], Any]]
"""``{type or "module.Type": function}``: hash arguments of that type by what it returns."""


def type_name(obj: object) -> str:
    """``module.QualifiedName`` of ``obj``'s type, as error messages and ``hash_funcs`` name it."""
    t = type(obj)
    return f"{t.__module__}.{t.__qualname__}"


class _Unhashable(Exception):
    """An argument (or something inside it) that has no value to hash."""

    def __init__(self, obj: object) -> None:
        super().__init__(type_name(obj))
        self.type_name = type_name(obj)


def _code_digest(code: types.CodeType) -> bytes:
    """What a function does, without where it is: line numbers and addresses left out."""
    h = blake2b(code.co_code, digest_size=16)
    h.update(repr((code.co_names, code.co_varnames, code.co_freevars)).encode())
    for const in code.co_consts:
        h.update(_code_digest(const) if isinstance(const, types.CodeType) else repr(const).encode())
    return h.digest()


def function_key(func: Callable[..., Any]) -> str:
    """The identity of a cached function: its qualified name and what its code does."""
    name = getattr(func, "__qualname__", type(func).__qualname__)
    h = blake2b(f"{getattr(func, '__module__', '')}.{name}".encode(), digest_size=16)
    code = getattr(func, "__code__", None)
    if isinstance(code, types.CodeType):
        h.update(_code_digest(code))
    return h.hexdigest()


def signature_of(func: Callable[..., Any]) -> inspect.Signature | None:
    """``func``'s signature, or None when it has none to read (some builtins)."""
    try:
        return inspect.signature(func)
    except (TypeError, ValueError):
        return None


def bind_arguments(
    sig: inspect.Signature | None, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> list[tuple[str, Any]] | None:
    """The arguments by parameter name, so ``f(1)`` and ``f(x=1)`` are one entry; None when
    they do not fit the signature."""
    if sig is None:
        return [(f"#{i}", value) for i, value in enumerate(args)] + list(kwargs.items())
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError:
        return None
    named: list[tuple[str, Any]] = []
    for name, value in bound.arguments.items():
        if sig.parameters[name].kind is inspect.Parameter.VAR_KEYWORD:
            named.extend(value.items())
        else:
            named.append((name, value))
    return named


def arguments_key(
    named: list[tuple[str, Any]], hash_funcs: HashFuncs, func_name: str, kind: str
) -> str:
    """The key of a call with these named arguments to ``func_name`` (cached by ``kind``).

    Raises:
        TidalAPIError: an argument cannot be hashed; the message says how to skip or hash it.
    """
    hasher = _Hasher(hash_funcs)
    for name, value in named:
        if name.startswith("_"):
            continue  # Streamlit's rule: an argument named _x is not hashed
        hasher.add(name)
        try:
            hasher.add(value)
        except _Unhashable as exc:
            raise TidalAPIError(_unhashable_message(name, value, exc, func_name, kind)) from exc
    return hasher.digest().hex()


def _unhashable_message(
    name: str, value: object, exc: _Unhashable, func_name: str, kind: str
) -> str:
    fn, outer = func_name, type_name(value)
    inner = "" if exc.type_name == outer else f", which holds a `{exc.type_name}`"
    return (
        f"Cannot hash argument '{name}' (of type `{outer}`{inner}) in '{fn}'.\n\n"
        "To address this, tell tidal not to hash this argument by adding a leading "
        f"underscore to its name in the function signature (`def {fn}(_{name}, ...)`), or "
        f'give `@st.{kind}(hash_funcs={{"{exc.type_name}": ...}})` a '
        "function that turns it into something hashable."
    )


_ATOMS = (type(None), bool, int, float, complex)
_BY_NAME = (type, types.BuiltinFunctionType, types.ModuleType)


class _Hasher:
    """Hashes values by what they hold: plain data directly, containers item by item, other
    objects through pickle, or through ``__reduce_ex__`` when pickle cannot find their class
    (classes a script defines). Never by ``repr``: a default repr holds the object's address,
    which a later object can reuse."""

    __slots__ = ("_funcs", "_h", "_path")

    def __init__(self, funcs: HashFuncs, path: set[int] | None = None) -> None:
        self._funcs = funcs
        self._h = blake2b(digest_size=16)
        self._path = path if path is not None else set()  # containers being hashed: cycles

    def digest(self) -> bytes:
        return self._h.digest()

    def add(self, obj: object, custom: bool = True) -> None:
        t = type(obj)
        if custom and self._funcs:
            fn = self._funcs.get(t) or self._funcs.get(f"{t.__module__}.{t.__qualname__}")
            if fn is not None:
                self._h.update(b"H")
                result = fn(obj)
                self.add(result, custom=type(result) is not t)
                return
        if t in _ATOMS:
            self._h.update(f"{t.__name__}:{obj!r};".encode())
        elif t is str:
            self._bytes(b"s", cast(str, obj).encode("utf-8", "surrogatepass"))
        elif t is bytes or t is bytearray:
            self._bytes(b"b", cast(bytes, obj))
        elif t is list or t is tuple or t is dict or t is set or t is frozenset:
            self._container(obj)
        elif isinstance(obj, types.FunctionType):
            self._h.update(f"f:{obj.__module__}.{obj.__qualname__};".encode())
            self._h.update(_code_digest(obj.__code__))
        elif isinstance(obj, _BY_NAME):  # classes, builtins and modules: by their names
            name = getattr(obj, "__qualname__", getattr(obj, "__name__", ""))
            self._h.update(f"g:{getattr(obj, '__module__', '')}.{name};".encode())
        else:
            self._object(obj)

    def _bytes(self, tag: bytes, data: bytes) -> None:
        self._h.update(b"%s%d:" % (tag, len(data)))
        self._h.update(data)

    @contextmanager
    def _inside(self, obj: object) -> Iterator[bool]:
        """Yields False for an object already being hashed further up (a cycle)."""
        if id(obj) in self._path:
            self._h.update(b"cycle;")
            yield False
            return
        self._path.add(id(obj))
        try:
            yield True
        finally:
            self._path.discard(id(obj))

    def _container(self, obj: Any) -> None:
        with self._inside(obj) as fresh:
            if not fresh:
                return
            self._h.update(f"{type(obj).__name__}{len(obj)}(".encode())
            if isinstance(obj, dict):
                for k, v in obj.items():
                    self.add(k)
                    self.add(v)
            elif isinstance(obj, set | frozenset):  # iteration order is not part of the value
                for digest in sorted(self._digest_of(item) for item in obj):
                    self._h.update(digest)
            else:
                for item in obj:
                    self.add(item)
            self._h.update(b")")

    def _digest_of(self, obj: object) -> bytes:
        sub = _Hasher(self._funcs, self._path)
        sub.add(obj)
        return sub.digest()

    def _object(self, obj: object) -> None:
        try:
            data = pickle.dumps(obj, protocol=4)
        except Exception:
            self._reduced(obj)
        else:
            self._bytes(b"p", data)

    def _reduced(self, obj: object) -> None:
        try:
            reduced = obj.__reduce_ex__(4)
        except Exception as exc:
            raise _Unhashable(obj) from exc
        if isinstance(reduced, str):
            self._bytes(b"r", reduced.encode())
            return
        with self._inside(obj) as fresh:
            if fresh:
                self._h.update(b"R(")
                for part in reduced[:3]:  # constructor, its arguments, state
                    self.add(part)
                for items in reduced[3:5]:  # list items, dict items (iterators)
                    self.add(None if items is None else list(items))
                self._h.update(b")")
