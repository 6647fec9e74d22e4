"""Seed 003 (docs: Add statefulness to apps), section "Serializable Session State"."""

# Verbatim seed code (only the import line changed): not reformatted.
# ruff: noqa: I001, W191
# fmt: off
import tidal as st

def unserializable_data():
		return lambda x: x

#👇 results in an exception when enforceSerializableSessionState is on
st.session_state.unserializable = unserializable_data()
