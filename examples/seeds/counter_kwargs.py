"""Seed 003 (docs: Add statefulness to apps), section "Example 3: Use args and kwargs" (kwargs)."""

# Verbatim seed code (only the import line changed): not reformatted.
# ruff: noqa: W191
# fmt: off
import tidal as st

st.title('Counter Example using Callbacks with kwargs')
if 'count' not in st.session_state:
    st.session_state.count = 0

def increment_counter(increment_value=0):
    st.session_state.count += increment_value

def decrement_counter(decrement_value=0):
    st.session_state.count -= decrement_value

st.button('Increment', on_click=increment_counter,
	kwargs=dict(increment_value=5))

st.button('Decrement', on_click=decrement_counter,
	kwargs=dict(decrement_value=1))

st.write('Count = ', st.session_state.count)
