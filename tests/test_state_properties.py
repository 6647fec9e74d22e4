"""Property tests: session state behaves like a dict keyed by ``str(key)`` (SS-2, SS-4, SS-5).

Random sequences of mapping operations run against ``SessionState`` and against the
``st.session_state`` proxy inside a run, across runs (interactions, completed, stopped and
failed runs), and are compared with a plain dict model after every step. Keyless widgets are
registered along the way and must never show up (SS-12).
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import tidal
from tidal.context import Flag, RunContext, RunOptions, current_run
from tidal.errors import StreamlitValueError, TidalAPIError
from tidal.state import SessionState
from tidal.state_keys import WIDGET_ID_PREFIX, missing_attr_message, missing_key_message
from tidal.widget_meta import WidgetMeta
from tidal.widgets import widget_id

KEYS: st.SearchStrategy[Hashable] = st.one_of(
    st.sampled_from(["a", "b", "c", "1", "(1, 2)", "", "$$ID-x"]),
    st.integers(min_value=0, max_value=2),
    st.tuples(st.integers(min_value=1, max_value=2), st.integers(min_value=1, max_value=2)),
)
NAMES = st.sampled_from(["a", "b", "c"])
VALUES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.integers(min_value=-3, max_value=3),
    st.text(max_size=3),
    st.lists(st.integers(min_value=0, max_value=3), max_size=2),
)
SETTINGS = settings(max_examples=60, stateful_step_count=30, deadline=None)


def refused(key: object) -> type[Exception] | None:
    """The error an assignment to ``key`` raises (SS-13, SS-14), or None."""
    k = str(key)
    if k == "":
        return StreamlitValueError
    if k.startswith(WIDGET_ID_PREFIX):
        return TidalAPIError
    return None


def keyless_meta(label: str, default: Any, n: int) -> WidgetMeta:
    wid = widget_id("text_input", None, (label, n), "page")
    return WidgetMeta(id=wid, kind="text_input", key=None, default=default, from_wire=str)


class StateModel(RuleBasedStateMachine):
    """``SessionState`` used directly, as the runner and ``at.session_state`` use it."""

    def __init__(self) -> None:
        super().__init__()
        self.state = SessionState()
        self.model: dict[str, Any] = {}
        self.in_run = False
        self.keyless: list[str] = []

    @rule(key=KEYS, value=VALUES)
    def set_item(self, key: Hashable, value: Any) -> None:
        error = refused(key)
        if error is not None:
            with pytest.raises(error):
                self.state[key] = value
        else:
            self.state[key] = value
            self.model[str(key)] = value

    @rule(key=KEYS)
    def get_item(self, key: Hashable) -> None:
        k = str(key)
        if k in self.model:
            assert self.state[key] == self.model[k]
        else:
            with pytest.raises(KeyError) as info:
                _ = self.state[key]
            assert info.value.args == (missing_key_message(k),)

    @rule(key=KEYS, default=VALUES)
    def get_with_default(self, key: Hashable, default: Any) -> None:
        assert self.state.get(key, default) == self.model.get(str(key), default)

    @rule(key=KEYS)
    def contains(self, key: Hashable) -> None:
        assert (key in self.state) == (str(key) in self.model)

    @rule(key=KEYS)
    def delete(self, key: Hashable) -> None:
        k = str(key)
        if k in self.model:
            del self.state[key]
            del self.model[k]
        else:
            with pytest.raises(KeyError):
                del self.state[key]

    @rule()
    def clear(self) -> None:
        self.state.clear()
        self.model.clear()

    @precondition(lambda self: self.in_run)
    @rule(label=st.text(max_size=2), default=VALUES)
    def keyless_widget(self, label: str, default: Any) -> None:
        meta = keyless_meta(label, default, len(self.keyless))
        self.state.register(meta)
        self.keyless.append(meta.id)

    @precondition(lambda self: self.in_run)
    @rule(completed=st.booleans())
    def end_run(self, completed: bool) -> None:
        self.state.end_run(completed=completed)
        self.in_run = False

    @precondition(lambda self: not self.in_run)
    @rule(typed=st.lists(st.text(max_size=2), max_size=3))
    def begin_run(self, typed: list[str]) -> None:
        # an interaction may carry values for the keyless widgets of the last run
        changes = dict(zip(self.keyless, typed, strict=False))
        self.state.begin_interaction(changes)
        self.state.begin_run()
        self.in_run = True
        self.keyless = []

    @invariant()
    def matches_the_model(self) -> None:
        assert sorted(self.state.keys()) == sorted(self.model)
        assert len(self.state) == len(self.model)
        assert self.state.to_dict() == self.model
        assert not any(k.startswith(WIDGET_ID_PREFIX) for k in self.state)


TestSessionStateAsAMapping = StateModel.TestCase
TestSessionStateAsAMapping.settings = SETTINGS


class ProxyModel(RuleBasedStateMachine):
    """``st.session_state`` (the proxy) inside a run, with its whole mapping surface."""

    def __init__(self) -> None:
        super().__init__()
        self.state = SessionState()
        self.model: dict[str, Any] = {}
        self.ss = tidal.session_state
        self.ctx = RunContext(
            state=self.state,
            writer=None,
            script_path=Path("app.py"),
            page_hash="page",
            options=RunOptions(),
            interrupt=Flag(),
        )
        self.token = current_run.set(self.ctx)

    def teardown(self) -> None:
        current_run.reset(self.token)

    @initialize()
    def start(self) -> None:
        self.state.begin_interaction({})
        self.state.begin_run()

    @rule(key=KEYS, value=VALUES)
    def set_item(self, key: Hashable, value: Any) -> None:
        error = refused(key)
        if error is not None:
            with pytest.raises(error):
                self.ss[key] = value
        else:
            self.ss[key] = value
            self.model[str(key)] = value

    @rule(name=NAMES, value=VALUES)
    def set_attr(self, name: str, value: Any) -> None:
        setattr(self.ss, name, value)
        self.model[name] = value

    @rule(key=KEYS)
    def get_item(self, key: Hashable) -> None:
        k = str(key)
        if k in self.model:
            assert self.ss[key] == self.model[k]
        else:
            with pytest.raises(KeyError) as info:
                _ = self.ss[key]
            assert info.value.args == (missing_key_message(k),)

    @rule(name=NAMES)
    def get_attr(self, name: str) -> None:
        if name in self.model:
            assert getattr(self.ss, name) == self.model[name]
        else:
            with pytest.raises(AttributeError) as info:
                getattr(self.ss, name)
            assert info.value.args == (missing_attr_message(name),)
            assert not hasattr(self.ss, name)

    @rule(name=NAMES)
    def del_attr(self, name: str) -> None:
        if name in self.model:
            delattr(self.ss, name)
            del self.model[name]
        else:
            with pytest.raises(AttributeError):
                delattr(self.ss, name)

    @rule(key=KEYS)
    def del_item(self, key: Hashable) -> None:
        k = str(key)
        if k in self.model:
            del self.ss[key]
            del self.model[k]
        else:
            with pytest.raises(KeyError):
                del self.ss[key]

    @rule(key=KEYS, default=VALUES)
    def get_with_default(self, key: Hashable, default: Any) -> None:
        assert self.ss.get(key, default) == self.model.get(str(key), default)

    @rule(key=KEYS)
    def contains(self, key: Hashable) -> None:
        assert (key in self.ss) == (str(key) in self.model)

    @rule(key=KEYS, default=st.one_of(st.just(()), VALUES.map(lambda v: (v,))))
    def pop(self, key: Hashable, default: tuple[Any, ...]) -> None:
        k = str(key)
        if k in self.model:
            assert self.ss.pop(key, *default) == self.model.pop(k)
        elif default:
            assert self.ss.pop(key, *default) == default[0]
        else:
            with pytest.raises(KeyError):
                self.ss.pop(key)

    @rule(key=KEYS, default=VALUES)
    def setdefault(self, key: Hashable, default: Any) -> None:
        k = str(key)
        error = refused(key) if k not in self.model else None
        if error is not None:
            with pytest.raises(error):
                self.ss.setdefault(key, default)
            return
        assert self.ss.setdefault(key, default) == self.model.setdefault(k, default)

    @rule(
        items=st.dictionaries(st.sampled_from(["a", "b", 1, (1, 2)]), VALUES, max_size=3),
        named=st.dictionaries(NAMES, VALUES, max_size=2),
    )
    def update(self, items: dict[Hashable, Any], named: dict[str, Any]) -> None:
        self.ss.update(items, **named)
        self.model.update({str(k): v for k, v in items.items()})
        self.model.update(named)

    @rule()
    def clear(self) -> None:
        self.ss.clear()
        self.model.clear()

    @rule(completed=st.booleans())
    def next_run(self, completed: bool) -> None:
        self.state.end_run(completed=completed)
        self.state.begin_interaction({})
        self.state.begin_run()

    @invariant()
    def matches_the_model(self) -> None:
        assert sorted(self.ss.keys()) == sorted(self.model)
        assert sorted(self.ss) == sorted(self.model)
        assert len(self.ss) == len(self.model)
        assert self.ss.to_dict() == self.model
        assert sorted(self.ss.items(), key=repr) == sorted(self.model.items(), key=repr)
        assert sorted(map(repr, self.ss.values())) == sorted(map(repr, self.model.values()))
        assert str(self.ss) == str(self.state.to_dict())


TestSessionStateProxyAsAMapping = ProxyModel.TestCase
TestSessionStateProxyAsAMapping.settings = SETTINGS


@SETTINGS
@given(
    runs=st.lists(
        st.tuples(
            st.lists(st.tuples(st.text(max_size=3), VALUES), max_size=4),
            st.dictionaries(NAMES, VALUES, max_size=2),
            st.booleans(),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_keyless_widgets_never_appear_in_keys(
    runs: list[tuple[list[tuple[str, Any]], dict[str, Any], bool]],
) -> None:
    state = SessionState()
    user: dict[str, Any] = {}
    previous: list[str] = []
    for n, (widgets, assigned, completed) in enumerate(runs):
        state.begin_interaction({wid: f"typed {n}" for wid in previous})
        state.begin_run()
        previous = []
        for i, (label, default) in enumerate(widgets):
            meta = keyless_meta(label, default, i)
            state.register(meta)
            previous.append(meta.id)
        for k, v in assigned.items():
            state[k] = v
        user.update(assigned)
        assert sorted(state.keys()) == sorted(user)
        state.end_run(completed=completed)
        assert sorted(state.keys()) == sorted(user)
        assert state.to_dict() == user
