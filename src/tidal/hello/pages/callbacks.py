"""tidal hello: the "Callbacks" example."""

from tidal.hello.examples import callbacks, session_state_section

callbacks()
session_state_section()
