import numpy as np
import pandas as pd

import tidal as st

st.title("One line chart of 100,000 points")
walk = np.random.default_rng(0).standard_normal(100_000).cumsum()
st.line_chart(pd.DataFrame({"walk": walk}))
