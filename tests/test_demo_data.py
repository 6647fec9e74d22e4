"""The "Data" page of the demo (``tidal hello``): metrics, a selectable frame, an editor."""

from __future__ import annotations

from tidal.testing import AppTest

DEMO = "../src/tidal/hello/app.py"


def open_data() -> AppTest:
    at = AppTest.from_file(DEMO).run()
    return at.switch_page("pages/data.py").run()


def test_the_data_page_shows_metrics_a_grid_an_editor_and_a_table():
    at = open_data()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Orders", "Revenue", "Paid"]
    assert len(at.dataframe) == 2 and len(at.data_editor) == 1 and len(at.table) == 1


def test_selecting_orders_sums_them():
    at = open_data()
    grid = at.dataframe(key="data_orders")
    amounts = grid.props["head"]
    grid.select_rows([0, 1]).run()
    want = amounts[0][3] + amounts[1][3]
    assert f"Selected 2 order(s), worth ${want:,.2f}." in at.markdown.values


def test_filtering_cities_changes_the_orders_metric():
    at = open_data()
    before = at.metric[0].value
    at.multiselect(key="data_cities").select("Osaka").run()
    assert at.metric[0].value != before and not at.exception


def test_adding_a_team_member_updates_the_table():
    at = open_data()
    at.data_editor(key="data_team").add_row({"name": "Kay", "role": "Analyst", "since": 2020}).run()
    assert at.table[0].props["rows"][0][1:] == ["Admiral", 1]
    assert ["Analyst", 1] in [r[1:] for r in at.table[0].props["rows"]]
