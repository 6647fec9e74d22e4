"""Streamlit users' AppTest suites, unchanged, on tidal.

The modules here use only ``streamlit`` and ``streamlit.testing.v1`` names, as a Streamlit
project's own tests do; this conftest installs tidal's drop-in alias (``import streamlit`` ->
tidal) before they are collected, as such a project would to move to tidal.

The same modules run on Streamlit itself, which is how their expectations were checked:

    TIDAL_DROPIN_REFERENCE=1 <venv with streamlit 1.67 and pytest>/bin/python -m pytest \\
        tests/dropin -c tests/dropin/reference.ini -p no:cacheprovider

(``reference.ini`` leaves out the repository's conftest and pytest settings, which need tidal.)
"""

from __future__ import annotations

import os

if not os.environ.get("TIDAL_DROPIN_REFERENCE"):
    from tidal.compat import install

    install()
