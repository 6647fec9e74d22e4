"""tidal hello: the "Args and kwargs" example."""

from tidal.hello.examples import args_and_kwargs, session_state_section

args_and_kwargs()
session_state_section()
