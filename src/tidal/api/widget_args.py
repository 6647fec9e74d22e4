"""Widget arguments: the types of the callback arguments every widget function takes.

``Args`` and ``Kwargs`` are what ``on_click``/``on_change`` callbacks are called with. Shared by
all widget modules; knows nothing about any one widget, about ``Spec`` or about registration.
"""

from __future__ import annotations

from typing import Any

Args = tuple[Any, ...] | list[Any] | None
Kwargs = dict[str, Any] | None
