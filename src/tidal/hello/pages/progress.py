"""tidal hello: the "Progress" example: feedback while a script runs."""

import time

import tidal as st

st.header("Progress")
st.caption(
    "`st.status`, `st.progress`, `st.spinner`, `st.empty`, `st.toast` and `st.balloons`: "
    "elements that change in place while the script is still running."
)
steps = st.slider("Steps", 5, 50, 20, key="progress_steps")
if st.button("Run a job", key="progress_run", type="primary"):
    with st.status("Running the job...", expanded=True) as status:
        bar = st.progress(0, text="Starting")
        for i in range(steps):
            time.sleep(0.05)
            bar.progress((i + 1) / steps, text=f"Step {i + 1} of {steps}")
        with st.spinner("Tidying up...", show_time=True):
            time.sleep(0.6)
        status.update(label="Job complete", state="complete")
    slot = st.empty()
    for n in (3, 2, 1):
        slot.markdown(f"### Celebrating in {n}...")
        time.sleep(0.3)
    slot.success("Done!")
    st.toast("The job finished", icon="✅")
    st.balloons()
