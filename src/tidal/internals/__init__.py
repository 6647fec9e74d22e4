"""Streamlit's internal modules that component packages import, rebuilt on tidal's mechanisms.

Packages such as streamlit-drawable-canvas and streamlit-extras reach past ``st.*`` for a few
names (``streamlit.elements.image.image_to_url``, ``streamlit.runtime.metrics_util``...).
``compat.py`` maps those Streamlit module paths to the modules of this package, which load only
when such a package imports them: neither ``import tidal`` nor the alias loads them.
"""
