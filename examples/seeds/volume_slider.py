"""Seed 001 (Session State in Streamlit), section "Using Session State with Sliders"."""

# Seed code verbatim apart from the lines marked "added": not reformatted.
# fmt: off
import tidal as st  # added: the seed snippet has no import line

if 'volume' not in st.session_state:
    st.session_state.volume = 50

st.session_state.volume = st.slider("Volume", 0, 100, st.session_state.volume)
st.write("Volume =", st.session_state.volume)
