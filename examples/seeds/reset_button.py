"""Seed 001 (Session State in Streamlit), section "Advanced: Reset Button Example"."""

# Seed code verbatim apart from the lines marked "added": not reformatted.
# fmt: off
import tidal as st  # added: the seed snippet has no import line

# added: the seed snippet assumes `count` was initialised by the counter above it
if 'count' not in st.session_state:
    st.session_state.count = 0

def reset_counter():
    st.session_state.count = 0

st.button("Reset", on_click=reset_counter)
