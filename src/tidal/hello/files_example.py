"""The "Files" page of the tidal demo: upload a CSV, see it, download a result.

The file travels over HTTP (never the websocket), is kept beside the session (a restart with a
durable store keeps it), and the result is downloaded byte for byte. Every key starts with
``files_``.
"""

import csv
import io

import tidal as st

SAMPLE = "city,population,area_km2\nLisbon,545923,100\nPorto,231800,41\nBraga,193333,183\n"


def _table(rows: list[list[str]]) -> str:
    """Rows as a Markdown table (the first row is the header)."""
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def _numbers(values: list[str]) -> list[float] | None:
    try:
        return [float(v) for v in values]
    except ValueError:
        return None


def files() -> None:
    st.header("Files")
    st.caption(
        "Upload a CSV file: it is sent over HTTP, checked on the server (type and size) and "
        "kept beside this tab's session. Then download a summary of it."
    )
    st.download_button(
        "Download a sample CSV", SAMPLE, file_name="cities.csv", mime="text/csv", on_click="ignore"
    )
    upload = st.file_uploader("Your CSV", type="csv", key="files_csv")
    if upload is None:
        st.info("Upload a CSV (or the sample above) to see it here.")
        return
    text = upload.getvalue().decode("utf-8", errors="replace")
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    st.write(f"**{upload.name}**: {upload.size} bytes, {max(0, len(rows) - 1)} rows")
    if not rows:
        st.warning("The file is empty.")
        return
    view = st.radio("Show it as", ["Table", "Text"], horizontal=True, key="files_view")
    if view == "Table":
        width = len(rows[0])
        st.markdown(_table([(row + [""] * width)[:width] for row in rows[:51]]))
        if len(rows) > 51:
            st.caption(f"The first 50 of {len(rows) - 1} rows.")
    else:
        st.code(text[:20_000], language="csv")
    summary = io.StringIO()
    out = csv.writer(summary, lineterminator="\n")
    out.writerow(["column", "count", "sum", "min", "max"])
    for i, name in enumerate(rows[0]):
        numbers = _numbers([row[i] for row in rows[1:] if i < len(row) and row[i] != ""])
        if numbers:
            out.writerow([name, len(numbers), sum(numbers), min(numbers), max(numbers)])
    st.download_button(
        "Download the column summary",
        summary.getvalue(),
        file_name=upload.name.rsplit(".", 1)[0] + "-summary.csv",
        mime="text/csv",
        type="primary",
        key="files_summary",
    )
