"""tidal hello: a custom component (Streamlit's components.v1), shipped with the demo."""

from tidal.hello.examples import components_example, session_state_section

components_example()
session_state_section()
