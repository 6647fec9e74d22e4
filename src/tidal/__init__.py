"""tidal: interactive web apps as plain Python scripts.

``import tidal as st`` gives the Streamlit-compatible API: elements, widgets, layout,
``st.session_state``, ``st.rerun`` and ``st.stop``. Importing tidal starts no threads, reads no
files and changes no environment.
"""

import sys as _sys

from tidal import components as components
from tidal.api import column_config as column_config
from tidal.api import connections as connections
from tidal.api.alerts import error as error
from tidal.api.alerts import info as info
from tidal.api.alerts import success as success
from tidal.api.alerts import warning as warning
from tidal.api.auth import login as login
from tidal.api.auth import logout as logout
from tidal.api.auth import user as user
from tidal.api.browser_context import context as context
from tidal.api.builtin_charts import area_chart as area_chart
from tidal.api.builtin_charts import bar_chart as bar_chart
from tidal.api.builtin_charts import line_chart as line_chart
from tidal.api.builtin_charts import scatter_chart as scatter_chart
from tidal.api.buttons import button as button
from tidal.api.buttons import form_submit_button as form_submit_button
from tidal.api.cache import cache_data as cache_data
from tidal.api.cache import cache_resource as cache_resource
from tidal.api.chat import chat_message as chat_message
from tidal.api.chat_input import chat_input as chat_input
from tidal.api.checkboxes import checkbox as checkbox
from tidal.api.checkboxes import toggle as toggle
from tidal.api.choice import multiselect as multiselect
from tidal.api.choice import radio as radio
from tidal.api.choice import select_slider as select_slider
from tidal.api.choice import selectbox as selectbox
from tidal.api.code import code as code
from tidal.api.connections import connection as connection
from tidal.api.control import rerun as rerun
from tidal.api.control import session_state as session_state
from tidal.api.control import stop as stop
from tidal.api.data_editor import data_editor as data_editor
from tidal.api.dataframe import dataframe as dataframe
from tidal.api.dataframe import table as table
from tidal.api.dialog import dialog as dialog
from tidal.api.docstring import help as help
from tidal.api.echarts_chart import echarts_chart as echarts_chart
from tidal.api.echo import echo as echo
from tidal.api.feedback import balloons as balloons
from tidal.api.feedback import empty as empty
from tidal.api.feedback import progress as progress
from tidal.api.feedback import snow as snow
from tidal.api.feedback import spinner as spinner
from tidal.api.feedback import status as status
from tidal.api.feedback import toast as toast
from tidal.api.fragment import fragment as fragment
from tidal.api.graphviz_chart import graphviz_chart as graphviz_chart
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
from tidal.api.maps import map as map
from tidal.api.mermaid_chart import mermaid_chart as mermaid_chart
from tidal.api.metric import metric as metric
from tidal.api.navigation import Page as Page
from tidal.api.navigation import navigation as navigation
from tidal.api.navigation import page_link as page_link
from tidal.api.navigation import switch_page as switch_page
from tidal.api.options import get_option as get_option
from tidal.api.options import set_option as set_option
from tidal.api.page import logo as logo
from tidal.api.page import set_page_config as set_page_config
from tidal.api.panels import expander as expander
from tidal.api.panels import popover as popover
from tidal.api.panels import tabs as tabs
from tidal.api.pickers import color_picker as color_picker
from tidal.api.pickers import date_input as date_input
from tidal.api.pickers import time_input as time_input
from tidal.api.plotly_chart import plotly_chart as plotly_chart
from tidal.api.pyplot import pyplot as pyplot
from tidal.api.query import query_params as query_params
from tidal.api.secrets import secrets as secrets
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
from tidal.api.vega_charts import altair_chart as altair_chart
from tidal.api.vega_charts import vega_lite_chart as vega_lite_chart
from tidal.namespace import PublicNamespace as _PublicNamespace

__version__ = "0.1.0"

# `st.context` / `st.connection` stay the public objects when tidal.context / tidal.connection
# (internal modules) are imported later (see tidal/namespace.py)
_sys.modules[__name__].__class__ = _PublicNamespace

__all__ = [
    "Page",
    "altair_chart",
    "area_chart",
    "badge",
    "balloons",
    "bar_chart",
    "bottom",
    "button",
    "cache_data",
    "cache_resource",
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
    "dialog",
    "divider",
    "echarts_chart",
    "echo",
    "empty",
    "error",
    "exception",
    "expander",
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
    "info",
    "json",
    "latex",
    "line_chart",
    "login",
    "logo",
    "logout",
    "map",
    "markdown",
    "mermaid_chart",
    "metric",
    "multiselect",
    "navigation",
    "number_input",
    "page_link",
    "plotly_chart",
    "popover",
    "progress",
    "pyplot",
    "query_params",
    "radio",
    "rerun",
    "scatter_chart",
    "secrets",
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
    "warning",
    "write",
    "write_stream",
]
