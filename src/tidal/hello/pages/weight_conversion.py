"""tidal hello: the "Weight conversion" example."""

from tidal.hello.examples import session_state_section, weight_conversion

weight_conversion()
session_state_section()
