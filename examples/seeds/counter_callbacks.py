"""Seed 003 (docs: Add statefulness to apps), section "Example 2: Session State and Callbacks"."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

st.title('Counter Example using Callbacks')
if 'count' not in st.session_state:
    st.session_state.count = 0

def increment_counter():
    st.session_state.count += 1

st.button('Increment', on_click=increment_counter)

st.write('Count = ', st.session_state.count)
