"""Seed 001 (Session State in Streamlit), section "Basic Example: Counter"."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

# Initialize state
if 'count' not in st.session_state:
    st.session_state.count = 0

# Button to increment
increment = st.button('Increment')

if increment:
    st.session_state.count += 1

st.write('Count =', st.session_state.count)
