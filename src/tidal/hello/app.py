"""The tidal demo (``tidal hello``, ``make demo``): the seed documents' session-state examples,
one page each, and a page that shows this tab's session state live.
"""

import tidal as st

st.set_page_config(
    page_title="tidal demo",
    page_icon="🌊",
    menu_items={
        "Get help": "https://docs.streamlit.io/develop/concepts/architecture/session-state",
        "About": "**tidal**: Streamlit-compatible apps as plain Python scripts.",
    },
)
page = st.navigation(
    [
        st.Page("pages/counter.py", title="Counter", icon="🔢", url_path="counter", default=True),
        st.Page("pages/callbacks.py", title="Callbacks", icon="📞", url_path="callbacks"),
        st.Page(
            "pages/args_and_kwargs.py",
            title="Args and kwargs",
            icon="🧮",
            url_path="args-and-kwargs",
        ),
        st.Page("pages/form.py", title="Form", icon="📝", url_path="form"),
        st.Page(
            "pages/weight_conversion.py",
            title="Weight conversion",
            icon="⚖️",
            url_path="weight-conversion",
        ),
        st.Page(
            "pages/mirrored_widgets.py",
            title="Mirrored widgets",
            icon="🪞",
            url_path="mirrored-widgets",
        ),
        st.Page(
            "pages/celsius_slider.py", title="Celsius slider", icon="🌡️", url_path="celsius-slider"
        ),
        st.Page(
            "pages/name_and_volume.py",
            title="Name and volume",
            icon="🔊",
            url_path="name-and-volume",
        ),
        st.Page(
            "pages/fragments_and_caching.py",
            title="Fragments and caching",
            icon="⚡",
            url_path="fragments-and-caching",
        ),
        st.Page("pages/components.py", title="Components", icon="🧩", url_path="components"),
        st.Page("pages/chat.py", title="Chat", icon="💬", url_path="chat"),
        st.Page("pages/progress.py", title="Progress", icon="⏳", url_path="progress"),
        st.Page("pages/data.py", title="Data", icon="📊", url_path="data"),
        st.Page("pages/files.py", title="Files", icon="📁", url_path="files"),
        st.Page("pages/charts.py", title="Charts", icon="📈", url_path="charts"),
        st.Page(
            "pages/session_state.py", title="Session state", icon="🗂️", url_path="session-state"
        ),
        st.Page("pages/gallery.py", title="Gallery", icon="🖼️", url_path="gallery"),
    ]
)
st.title("🌊 tidal")
st.caption(
    "Streamlit's session-state examples, running on tidal. Every interaction reruns this "
    "script from the top; `st.session_state` carries values from one run to the next."
)
page.run()
