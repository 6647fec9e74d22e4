"""Seed 001 (Session State in Streamlit), section "Using Session State with Buttons and Actions"."""

# Seed code verbatim apart from the lines marked "added": not reformatted.
# ruff: noqa: I001
# fmt: off
import tidal as st  # added: the seed snippet has no import line

def increment_counter():
    st.session_state.count += 1

if 'count' not in st.session_state:
    st.session_state.count = 0

st.button("Increment", on_click=increment_counter)
st.write("Count =", st.session_state.count)
