import tidal as st

if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("Increment"):
    st.session_state.count += 1
for i in range(10):
    st.number_input(f"Number {i}", key=f"n{i}")
    st.text_input(f"Text {i}", key=f"t{i}")
    st.checkbox(f"Check {i}")
st.write("Count = ", st.session_state.count)
