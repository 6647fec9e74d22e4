"""``open_python_file``: a script's source opened as Python reads it.

``streamlit.source_util`` under the drop-in alias (streamlit-extras' ``echo_expander`` reads
the calling script with it). Knows nothing about pages or runs.
"""

from __future__ import annotations

import tokenize
from pathlib import Path
from typing import TextIO


def open_python_file(filename: str | Path) -> TextIO:
    """``filename`` opened as text in the encoding its coding line declares (UTF-8 without
    one), as the interpreter decodes it.

    Example:
        >>> with open_python_file("streamlit_app.py") as source:
        ...     first = source.readline()
    """
    return tokenize.open(filename)
