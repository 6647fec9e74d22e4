"""Seed 003 (docs: Add statefulness to apps), "Session State and Widget State association"."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

if "celsius" not in st.session_state:
    # set the initial default value of the slider widget
    st.session_state.celsius = 50.0

st.slider(
    "Temperature in Celsius",
    min_value=-100.0,
    max_value=100.0,
    key="celsius"
)

# This will get the value of the slider widget
st.write(st.session_state.celsius)
