"""tidal hello: the "Form" example."""

from tidal.hello.examples import form, session_state_section

form()
session_state_section()
