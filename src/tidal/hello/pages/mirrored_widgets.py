"""tidal hello: the "Mirrored widgets" example."""

from tidal.hello.examples import mirrored_widgets, session_state_section

mirrored_widgets()
session_state_section()
