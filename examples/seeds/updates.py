"""Seed 003 (docs: Add statefulness to apps), section "Reads and updates" (second example)."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

if 'key' not in st.session_state:
    st.session_state['key'] = 'value'

# Updates
st.session_state.key = 'value2'     # Attribute API
st.session_state['key'] = 'value2'  # Dictionary like API
