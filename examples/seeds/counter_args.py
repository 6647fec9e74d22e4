"""Seed 003 (docs: Add statefulness to apps), section "Example 3: Use args and kwargs" (args)."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

st.title('Counter Example using Callbacks with args')
if 'count' not in st.session_state:
    st.session_state.count = 0

increment_value = st.number_input('Enter a value', value=0, step=1)

def increment_counter(increment_value):
    st.session_state.count += increment_value

increment = st.button('Increment', on_click=increment_counter,
    args=(increment_value, ))

st.write('Count = ', st.session_state.count)
