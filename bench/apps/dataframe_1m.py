import numpy as np
import pandas as pd

import tidal as st


@st.cache_data
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(rng.standard_normal((1_000_000, 5)), columns=list("abcde"))


st.dataframe(frame())
st.button("Elsewhere")
