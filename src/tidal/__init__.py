"""tidal: interactive web apps as plain Python scripts.

``import tidal as st`` gives the Streamlit-compatible API: elements, widgets, layout,
``st.session_state``, ``st.rerun`` and ``st.stop``. Importing tidal starts no threads, reads no
files and changes no environment.
"""

import sys as _sys
from typing import TYPE_CHECKING as _TYPE_CHECKING

from tidal.api import connections as connections
from tidal.api.alerts import error as error
from tidal.api.alerts import info as info
from tidal.api.alerts import success as success
from tidal.api.alerts import warning as warning
from tidal.api.auth import login as login
from tidal.api.auth import logout as logout
from tidal.api.auth import user as user
from tidal.api.browser_context import context as context
from tidal.api.button_group import feedback as feedback
from tidal.api.button_group import pills as pills
from tidal.api.button_group import segmented_control as segmented_control
from tidal.api.buttons import button as button
from tidal.api.buttons import form_submit_button as form_submit_button
from tidal.api.buttons import link_button as link_button
from tidal.api.cache import cache_data as cache_data
from tidal.api.cache import cache_resource as cache_resource
from tidal.api.checkboxes import checkbox as checkbox
from tidal.api.checkboxes import toggle as toggle
from tidal.api.choice import multiselect as multiselect
from tidal.api.choice import radio as radio
from tidal.api.choice import selectbox as selectbox
from tidal.api.code import code as code
from tidal.api.connections import connection as connection
from tidal.api.control import rerun as rerun
from tidal.api.control import session_state as session_state
from tidal.api.control import stop as stop
from tidal.api.date_input import date_input as date_input
from tidal.api.datetime_input import datetime_input as datetime_input
from tidal.api.dialog import dialog as dialog
from tidal.api.docstring import help as help
from tidal.api.echo import echo as echo
from tidal.api.feedback import balloons as balloons
from tidal.api.feedback import empty as empty
from tidal.api.feedback import progress as progress
from tidal.api.feedback import snow as snow
from tidal.api.feedback import spinner as spinner
from tidal.api.feedback import status as status
from tidal.api.feedback import toast as toast
from tidal.api.fragment import fragment as fragment
from tidal.api.headings import header as header
from tidal.api.headings import subheader as subheader
from tidal.api.headings import title as title
from tidal.api.html import html as html
from tidal.api.html import iframe as iframe
from tidal.api.inputs import number_input as number_input
from tidal.api.inputs import text_area as text_area
from tidal.api.inputs import text_input as text_input
from tidal.api.layout import bottom as bottom
from tidal.api.layout import columns as columns
from tidal.api.layout import container as container
from tidal.api.layout import form as form
from tidal.api.layout import grid as grid
from tidal.api.layout import sidebar as sidebar
from tidal.api.layout import skeleton as skeleton
from tidal.api.layout import space as space
from tidal.api.menu_button import menu_button as menu_button
from tidal.api.navigation import Page as Page
from tidal.api.navigation import navigation as navigation
from tidal.api.navigation import page_link as page_link
from tidal.api.navigation import switch_page as switch_page
from tidal.api.options import get_option as get_option
from tidal.api.options import set_option as set_option
from tidal.api.page import logo as logo
from tidal.api.page import set_page_config as set_page_config
from tidal.api.pagination import pagination as pagination
from tidal.api.panels import expander as expander
from tidal.api.panels import popover as popover
from tidal.api.panels import tabs as tabs
from tidal.api.pickers import color_picker as color_picker
from tidal.api.pickers import time_input as time_input
from tidal.api.query import query_params as query_params
from tidal.api.secrets import secrets as secrets
from tidal.api.select_slider import select_slider as select_slider
from tidal.api.slider import slider as slider
from tidal.api.stream import write_stream as write_stream
from tidal.api.text import badge as badge
from tidal.api.text import caption as caption
from tidal.api.text import divider as divider
from tidal.api.text import exception as exception
from tidal.api.text import json as json
from tidal.api.text import latex as latex
from tidal.api.text import markdown as markdown
from tidal.api.text import text as text
from tidal.api.text import write as write
from tidal.families import public_dir as __dir__  # noqa: F401  (PEP 562)
from tidal.families import public_getattr as __getattr__  # noqa: F401  (PEP 562)
from tidal.namespace import PublicNamespace as _PublicNamespace

if _TYPE_CHECKING:  # what type checkers see; at run time these load on first use (families.py)
    from tidal import components as components
    from tidal.api import column_config as column_config
    from tidal.api.builtin_charts import area_chart as area_chart
    from tidal.api.builtin_charts import bar_chart as bar_chart
    from tidal.api.builtin_charts import line_chart as line_chart
    from tidal.api.builtin_charts import scatter_chart as scatter_chart
    from tidal.api.chat import chat_message as chat_message
    from tidal.api.chat_input import chat_input as chat_input
    from tidal.api.data_editor import data_editor as data_editor
    from tidal.api.dataframe import dataframe as dataframe
    from tidal.api.dataframe import table as table
    from tidal.api.download import download_button as download_button
    from tidal.api.echarts_chart import echarts_chart as echarts_chart
    from tidal.api.graphviz_chart import graphviz_chart as graphviz_chart
    from tidal.api.maps import map as map
    from tidal.api.media import audio as audio
    from tidal.api.media import image as image
    from tidal.api.media import pdf as pdf
    from tidal.api.media import video as video
    from tidal.api.mermaid_chart import mermaid_chart as mermaid_chart
    from tidal.api.metric import metric as metric
    from tidal.api.plotly_chart import plotly_chart as plotly_chart
    from tidal.api.pydeck_chart import pydeck_chart as pydeck_chart
    from tidal.api.pyplot import pyplot as pyplot
    from tidal.api.uploads import audio_input as audio_input
    from tidal.api.uploads import camera_input as camera_input
    from tidal.api.uploads import file_uploader as file_uploader
    from tidal.api.vega_charts import altair_chart as altair_chart
    from tidal.api.vega_charts import vega_lite_chart as vega_lite_chart

__version__ = "0.1.0"


# `st.context` / `st.connection` stay the public objects when tidal.context / tidal.connection
# (internal modules) are imported later (see tidal/namespace.py)
_sys.modules[__name__].__class__ = _PublicNamespace

__all__ = [
    "Page",
    "altair_chart",
    "area_chart",
    "audio",
    "audio_input",
    "badge",
    "balloons",
    "bar_chart",
    "bottom",
    "button",
    "cache_data",
    "cache_resource",
    "camera_input",
    "caption",
    "chat_input",
    "chat_message",
    "checkbox",
    "code",
    "color_picker",
    "column_config",
    "columns",
    "components",
    "connection",
    "connections",
    "container",
    "context",
    "data_editor",
    "dataframe",
    "date_input",
    "datetime_input",
    "dialog",
    "divider",
    "download_button",
    "echarts_chart",
    "echo",
    "empty",
    "error",
    "exception",
    "expander",
    "feedback",
    "file_uploader",
    "form",
    "form_submit_button",
    "fragment",
    "get_option",
    "graphviz_chart",
    "grid",
    "header",
    "help",
    "html",
    "iframe",
    "image",
    "info",
    "json",
    "latex",
    "line_chart",
    "link_button",
    "login",
    "logo",
    "logout",
    "map",
    "markdown",
    "menu_button",
    "mermaid_chart",
    "metric",
    "multiselect",
    "navigation",
    "number_input",
    "page_link",
    "pagination",
    "pdf",
    "pills",
    "plotly_chart",
    "popover",
    "progress",
    "pydeck_chart",
    "pyplot",
    "query_params",
    "radio",
    "rerun",
    "scatter_chart",
    "secrets",
    "segmented_control",
    "select_slider",
    "selectbox",
    "session_state",
    "set_option",
    "set_page_config",
    "sidebar",
    "skeleton",
    "slider",
    "snow",
    "space",
    "spinner",
    "status",
    "stop",
    "subheader",
    "success",
    "switch_page",
    "table",
    "tabs",
    "text",
    "text_area",
    "text_input",
    "time_input",
    "title",
    "toast",
    "toggle",
    "user",
    "vega_lite_chart",
    "video",
    "warning",
    "write",
    "write_stream",
]
