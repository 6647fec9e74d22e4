"""tidal hello: the "Celsius slider" example."""

from tidal.hello.examples import celsius_slider, session_state_section

celsius_slider()
session_state_section()
