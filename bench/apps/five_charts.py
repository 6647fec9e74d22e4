import numpy as np
import pandas as pd

import tidal as st

if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.button("Increment"):
    st.session_state.clicks += 1
st.markdown(f"Count = {st.session_state.clicks} clicks")
rng = np.random.default_rng(1)
for _ in range(5):
    st.line_chart(pd.DataFrame(rng.standard_normal((1_000, 2)).cumsum(axis=0), columns=["a", "b"]))
