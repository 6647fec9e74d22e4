"""The demo's "Files" page (src/tidal/hello/files_example.py): upload a CSV, download a summary."""

from __future__ import annotations

from tidal.testing import AppTest

DEMO = "../src/tidal/hello/app.py"
CSV = b"name,score\nada,3\nbob,4.5\n"


def open_files() -> AppTest:
    at = AppTest.from_file(DEMO).run()
    return at.switch_page("pages/files.py").run()


def test_the_files_page_asks_for_a_csv_and_offers_a_sample() -> None:
    at = open_files()
    assert not at.exception
    assert at.file_uploader(key="files_csv").allowed_type == [".csv"]
    sample = at.download_button[0]
    assert sample.node.extra[sample.props["url"]].file_name == "cities.csv"


def test_an_uploaded_csv_is_shown_as_a_table_and_as_text() -> None:
    at = open_files()
    at.file_uploader(key="files_csv").upload("scores.csv", CSV, "text/csv").run()
    assert not at.exception
    assert any("| ada | 3 |" in m.value for m in at.markdown)
    at.radio(key="files_view").set_value("Text").run()
    assert at.code[0].value == CSV.decode().removesuffix("\n")  # st.code drops one end newline


def test_the_summary_download_holds_the_numeric_columns() -> None:
    at = open_files()
    at.file_uploader(key="files_csv").upload("scores.csv", CSV, "text/csv").run()
    button = at.download_button(key="files_summary")
    file = button.node.extra[button.props["url"]]
    assert file.file_name == "scores-summary.csv"
    assert file.data == b"column,count,sum,min,max\nscore,2,7.5,3.0,4.5\n"
