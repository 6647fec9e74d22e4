"""st.graphviz_chart in AppTest: DOT text or a graphviz object is sent as its DOT source."""

from __future__ import annotations


def test_dot_text_is_sent_as_is(app_test):
    at = app_test('import tidal as st\nst.graphviz_chart("digraph { a -> b }", width=300)').run()
    chart = at.get("graphviz_chart")[0]
    assert chart.proto.spec == "digraph { a -> b }"
    assert (chart.props["width"], chart.props["height"]) == (300, "content")


def test_a_graphviz_object_is_sent_as_its_source(app_test):
    at = app_test(
        """
        import tidal as st
        class Digraph:  # what st.graphviz_chart reads of a graphviz.Digraph
            source = "digraph {\\n  x -> y\\n}"
        st.graphviz_chart(Digraph(), use_container_width=True)
        """
    ).run()
    chart = at.get("graphviz_chart")[0]
    assert chart.props["spec"] == "digraph {\n  x -> y\n}"
    assert chart.props["width"] == "stretch"


def test_anything_else_is_refused_with_streamlits_message(app_test):
    at = app_test("import tidal as st\nst.graphviz_chart(42)").run()
    assert "Unhandled type for graphviz chart: int" in at.exception[0].value
    at = app_test("import tidal as st\nst.graphviz_chart('graph {}', height='tall')").run()
    assert "Invalid height value" in at.exception[0].value
