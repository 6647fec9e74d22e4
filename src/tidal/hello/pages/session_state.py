"""tidal hello: the whole session state of this tab, live."""

import tidal as st

st.header("Session state")
st.caption(
    "Everything this tab keeps between runs, across every example page. Open an example, "
    "change something, and come back: plain values stay; the keys of widgets no longer on the "
    "page are dropped at the end of the run that stopped drawing them (as in Streamlit)."
)
st.write(st.session_state)
st.caption(f"{len(st.session_state)} keys")
