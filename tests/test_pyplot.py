"""st.pyplot in AppTest: a Matplotlib figure as SVG (or PNG), the same bytes for the same figure,
clear_figure, savefig options, and a clear error for anything that is not a figure."""

from __future__ import annotations

import base64

PLOT = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import tidal as st
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot([1, 3, 2])
CALL
st.text(len(fig.axes))
"""


def _run(app_test, call):
    return app_test(PLOT.replace("CALL", call)).run()


def test_a_figure_is_shown_as_svg_stretched_to_the_column(app_test):
    at = _run(app_test, "st.pyplot(fig)")
    assert not at.exception
    (image,) = at.get("imgs")[0].props["imgs"]
    assert image["mime"] == "image/svg+xml" and image["data"].lstrip().startswith("<?xml")
    assert "<svg" in image["data"]
    assert at.get("imgs")[0].props["width"] == "stretch"
    assert at.text[-1].value == "1"  # the figure is kept


def test_the_same_figure_gives_the_same_bytes_on_every_run(app_test):
    at = _run(app_test, "st.pyplot(fig)\nst.button('again')")
    first = at.get("imgs")[0].props["imgs"]
    at.button[0].click().run()
    assert at.get("imgs")[0].props["imgs"] == first


def test_savefig_options_give_a_png(app_test):
    at = _run(app_test, "st.pyplot(fig, format='png', dpi=50, width=300)")
    (image,) = at.get("imgs")[0].props["imgs"]
    assert image["mime"] == "image/png"
    assert base64.b64decode(image["b64"]).startswith(b"\x89PNG")
    assert at.get("imgs")[0].props["width"] == 300


def test_clear_figure_clears_it_once_shown(app_test):
    at = _run(app_test, "st.pyplot(fig, clear_figure=True)")
    assert "<svg" in at.get("imgs")[0].props["imgs"][0]["data"]
    assert at.text[-1].value == "0"


def test_anything_but_a_figure_is_refused(app_test):
    at = app_test("import tidal as st\nst.pyplot([1, 2])").run()
    assert "st.pyplot() takes a Matplotlib Figure; got list" in at.exception[0].value
    at = _run(app_test, "st.pyplot(fig, format='tiff')")
    assert "can show svg, png or jpeg" in at.exception[0].value
