"""tidal hello: custom components (Streamlit's components.v1 and v2), shipped with the demo."""

from tidal.hello.examples import components_example, components_v2_example, session_state_section

components_example()
components_v2_example()
session_state_section()
