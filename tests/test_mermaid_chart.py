"""st.mermaid_chart in AppTest: the diagram's text is sent as is; anything else is refused."""

from __future__ import annotations


def test_the_diagram_text_is_sent(app_test):
    at = app_test('import tidal as st\nst.mermaid_chart("graph LR; A --> B", width=400)').run()
    chart = at.get("mermaid_chart")[0]
    assert (chart.props["body"], chart.props["width"]) == ("graph LR; A --> B", 400)


def test_an_empty_or_non_text_diagram_is_refused(app_test):
    at = app_test("import tidal as st\nst.mermaid_chart('  ')").run()
    assert "st.mermaid_chart takes the diagram as text" in at.exception[0].value
    at = app_test("import tidal as st\nst.mermaid_chart('graph LR', width='wide')").run()
    assert "Invalid width value" in at.exception[0].value
