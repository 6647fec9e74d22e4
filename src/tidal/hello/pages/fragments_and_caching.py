"""tidal hello: fragments, caching and query params, beyond Streamlit's session-state docs."""

from tidal.hello.examples import fragments_and_caching, session_state_section

fragments_and_caching()
session_state_section()
