"""``gather_metrics``: Streamlit's usage-metrics decorator, which tidal does not collect.

``streamlit.runtime.metrics_util`` under the drop-in alias: streamlit-extras wraps every one
of its functions with it. tidal sends no usage metrics anywhere, so the function comes back
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def gather_metrics(name: str, func: F | None = None) -> Any:
    """``func`` unchanged (or, without ``func``, a decorator that returns its function).

    Example:
        >>> @gather_metrics("my_extra")
        ... def my_extra() -> int:
        ...     return 1
        >>> my_extra()
        1
    """
    if func is None:

        def decorate(f: F) -> F:
            return f

        return decorate
    return func
