"""Seed 001 (Session State in Streamlit), section "Session State Best Practices", item 2."""

# Seed code verbatim apart from the lines marked "added": not reformatted.
# fmt: off
import tidal as st  # added: the seed snippet has no import line

st.session_state['username'] = ""
st.session_state['age'] = 18
