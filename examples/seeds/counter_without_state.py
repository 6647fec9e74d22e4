"""Seeds 003/004 (docs: Add statefulness to apps), section "Build a Counter" (counter.py)."""

# Verbatim seed code (only the import line changed): not reformatted.
# fmt: off
import tidal as st

st.title('Counter Example')
count = 0

increment = st.button('Increment')
if increment:
    count += 1

st.write('Count = ', count)
