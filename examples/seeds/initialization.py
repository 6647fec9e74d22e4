"""Seed 003 (docs: Add statefulness to apps), section "Initialization"."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

# Check if 'key' already exists in session_state
# If not, then initialize it
if 'key' not in st.session_state:
    st.session_state['key'] = 'value'

# Session State also supports the attribute based syntax
if 'key' not in st.session_state:
    st.session_state.key = 'value'
