"""``show_deprecation_warning``: a package's deprecation notice, logged and shown in the app.

``streamlit.deprecation_util`` under the drop-in alias (streamlit-extras warns about its
deprecated extras with it). Knows nothing about which names are deprecated.
"""

from __future__ import annotations

import logging

from tidal.api.alerts import warning
from tidal.context import maybe_run

log = logging.getLogger("tidal.deprecation")
_shown: set[str] = set()
"""Messages given with ``show_once`` that this process has shown."""


def show_deprecation_warning(
    message: str, show_in_browser: bool = True, show_once: bool = False
) -> None:
    """Log ``message`` and, inside a run, show it as an ``st.warning`` (as Streamlit does);
    with ``show_once``, only the first time this process is given it.

    Example:
        >>> show_deprecation_warning("my_extra is deprecated: use st.my_thing instead.")
    """
    if show_once:
        if message in _shown:
            return
        _shown.add(message)
    log.warning(message)
    if show_in_browser and maybe_run() is not None:
        warning(message)
