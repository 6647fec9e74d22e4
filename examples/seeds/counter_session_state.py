"""Seed 003 (docs: Add statefulness to apps), section "Example 1: Add Session State"."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

st.title('Counter Example')
if 'count' not in st.session_state:
    st.session_state.count = 0

increment = st.button('Increment')
if increment:
    st.session_state.count += 1

st.write('Count = ', st.session_state.count)
