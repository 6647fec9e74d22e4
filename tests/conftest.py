"""Shared fixtures: ``app_test`` builds an ``AppTest`` from an inline, indented script."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from tidal.testing import AppTest

AppTestFactory = Callable[..., AppTest]


@pytest.fixture
def app_test() -> AppTestFactory:
    """``app_test(source, **kw)``: an AppTest of ``source`` (dedented); ``kw`` go to
    ``AppTest.from_string`` (``default_timeout``, ``options``). Nothing runs until ``run()``."""

    def make(source: str, **kw: Any) -> AppTest:
        return AppTest.from_string(textwrap.dedent(source), **kw)

    return make
