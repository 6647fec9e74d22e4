"""tidal hello: the "Counter" example."""

from tidal.hello.examples import counter, session_state_section

counter()
session_state_section()
