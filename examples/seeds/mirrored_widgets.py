"""Seed 002 (Session State release post), section "Callback functions and Session State API"."""

# Verbatim seed code (only the import line changed): not reformatted.
# ruff: noqa: I001
# fmt: off
import tidal as st

def update_first():
    st.session_state.second = st.session_state.first

def update_second():
    st.session_state.first = st.session_state.second

st.title('🪞 Mirrored Widgets using Session State')

st.text_input(label='Textbox 1', key='first', on_change=update_first)
st.text_input(label='Textbox 2', key='second', on_change=update_second)
