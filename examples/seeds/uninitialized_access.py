"""Seed 003 (docs: Add statefulness to apps), section "Reads and updates" (third example)."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

st.write(st.session_state['value'])

# Throws an exception!
