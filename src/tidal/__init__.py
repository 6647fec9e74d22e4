"""tidal: interactive web apps as plain Python scripts.

``import tidal as st`` gives the Streamlit-compatible API: elements, widgets, layout,
``st.session_state``, ``st.rerun`` and ``st.stop``. Importing tidal starts no threads, reads no
files and changes no environment.
"""

from tidal.api.buttons import button as button
from tidal.api.buttons import form_submit_button as form_submit_button
from tidal.api.cache import cache_data as cache_data
from tidal.api.cache import cache_resource as cache_resource
from tidal.api.checkboxes import checkbox as checkbox
from tidal.api.checkboxes import toggle as toggle
from tidal.api.choice import multiselect as multiselect
from tidal.api.choice import radio as radio
from tidal.api.choice import select_slider as select_slider
from tidal.api.choice import selectbox as selectbox
from tidal.api.control import rerun as rerun
from tidal.api.control import session_state as session_state
from tidal.api.control import stop as stop
from tidal.api.download import download_button as download_button
from tidal.api.fragment import fragment as fragment
from tidal.api.inputs import number_input as number_input
from tidal.api.inputs import text_area as text_area
from tidal.api.inputs import text_input as text_input
from tidal.api.layout import columns as columns
from tidal.api.layout import container as container
from tidal.api.layout import expander as expander
from tidal.api.layout import form as form
from tidal.api.layout import sidebar as sidebar
from tidal.api.layout import tabs as tabs
from tidal.api.media import audio as audio
from tidal.api.media import image as image
from tidal.api.media import logo as logo
from tidal.api.media import pdf as pdf
from tidal.api.media import video as video
from tidal.api.navigation import Page as Page
from tidal.api.navigation import navigation as navigation
from tidal.api.navigation import page_link as page_link
from tidal.api.navigation import switch_page as switch_page
from tidal.api.pickers import color_picker as color_picker
from tidal.api.pickers import date_input as date_input
from tidal.api.pickers import time_input as time_input
from tidal.api.query import query_params as query_params
from tidal.api.slider import slider as slider
from tidal.api.text import caption as caption
from tidal.api.text import code as code
from tidal.api.text import divider as divider
from tidal.api.text import error as error
from tidal.api.text import exception as exception
from tidal.api.text import header as header
from tidal.api.text import info as info
from tidal.api.text import json as json
from tidal.api.text import markdown as markdown
from tidal.api.text import subheader as subheader
from tidal.api.text import success as success
from tidal.api.text import text as text
from tidal.api.text import title as title
from tidal.api.text import warning as warning
from tidal.api.text import write as write
from tidal.api.uploads import audio_input as audio_input
from tidal.api.uploads import camera_input as camera_input
from tidal.api.uploads import file_uploader as file_uploader

__version__ = "0.1.0"

__all__ = [
    "Page",
    "audio",
    "audio_input",
    "button",
    "cache_data",
    "cache_resource",
    "camera_input",
    "caption",
    "checkbox",
    "code",
    "color_picker",
    "columns",
    "container",
    "date_input",
    "divider",
    "download_button",
    "error",
    "exception",
    "expander",
    "file_uploader",
    "form",
    "form_submit_button",
    "fragment",
    "header",
    "image",
    "info",
    "json",
    "logo",
    "markdown",
    "multiselect",
    "navigation",
    "number_input",
    "page_link",
    "pdf",
    "query_params",
    "radio",
    "rerun",
    "select_slider",
    "selectbox",
    "session_state",
    "sidebar",
    "slider",
    "stop",
    "subheader",
    "success",
    "switch_page",
    "tabs",
    "text",
    "text_area",
    "text_input",
    "time_input",
    "title",
    "toggle",
    "video",
    "warning",
    "write",
]
