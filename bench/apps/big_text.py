import tidal as st

if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("Increment"):
    st.session_state.count += 1
for i in range(500):
    st.write(f"Line {i}: the quick brown fox jumps over the lazy dog")
st.write("Count = ", st.session_state.count)
