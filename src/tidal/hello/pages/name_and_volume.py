"""tidal hello: the "Name and volume" example."""

from tidal.hello.examples import name_and_volume, session_state_section

name_and_volume()
session_state_section()
