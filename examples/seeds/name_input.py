"""Seed 001 (Session State in Streamlit), section "Using Session State with Inputs"."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

if 'name' not in st.session_state:
    st.session_state.name = ""

st.session_state.name = st.text_input("Enter your name:", st.session_state.name)
st.write("Hello,", st.session_state.name)
