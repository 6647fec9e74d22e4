"""tidal hello: the "Charts" example: the four built-in charts and a Vega-Lite chart whose
point selection filters a table, on plain Python data (pandas is not needed)."""

import math
import random

import tidal as st
from tidal.hello.examples import session_state_section

st.header("Charts")
st.caption(
    "Drawn in the browser by Vega-Lite, fetched only by pages that show a chart. Scroll to "
    "zoom a line, area or scatter chart; click a bar below to select a month."
)

rng = random.Random(3)
days = list(range(1, 91))
oslo = [round(6 + 8 * math.sin(d / 14) + rng.gauss(0, 1.5), 1) for d in days]
weather = {
    "day": days,
    "Lisbon": [round(18 + 6 * math.sin(d / 14) + rng.gauss(0, 1), 1) for d in days],
    "Oslo": oslo,
    "Lima": [round(21 + 2 * math.sin(d / 20) + rng.gauss(0, 0.7), 1) for d in days],
}
cities = st.multiselect(
    "Cities", ["Lisbon", "Oslo", "Lima"], default=["Lisbon", "Oslo"], key="charts_cities"
)
left, right = st.columns(2)
with left:
    st.line_chart(weather, x="day", y=cities or None, y_label="°C", height=260)
with right:
    st.area_chart(weather, x="day", y=cities or None, stack="normalize", height=260)

months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
units = [rng.randint(20, 90) for _ in range(12)]
sales: dict[str, list[object]] = {
    "month": list(months * 2),
    "shop": list(["North"] * 6 + ["South"] * 6),
    "units": list(units),
}
left, right = st.columns(2)
with left:
    st.bar_chart(sales, x="month", y="units", color="shop", stack=False, sort=False, height=260)
with right:
    points = {
        "x": [rng.gauss(0, 1) for _ in range(200)],
        "y": [rng.gauss(0, 1) for _ in range(200)],
        "size": [rng.uniform(5, 60) for _ in range(200)],
    }
    st.scatter_chart(points, x="x", y="y", size="size", color="#29b09d", height=260)

event = st.vega_lite_chart(
    {"month": months, "units": [sum(units[i::6]) for i in range(6)]},
    {
        "mark": {"type": "bar", "cursor": "pointer"},
        "params": [{"name": "month", "select": {"type": "point", "fields": ["month"]}}],
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "sort": None},
            "y": {"field": "units", "type": "quantitative", "title": "units, both shops"},
            "opacity": {"condition": {"param": "month", "value": 1}, "value": 0.35},
        },
    },
    height=220,
    key="charts_month",
    on_select="rerun",
)
picked = [p["month"] for p in event.selection.month] if event.selection.month else []
if picked:
    rows = [i for i, m in enumerate(months * 2) if m in picked]
    st.table({name: [values[i] for i in rows] for name, values in sales.items()})
else:
    st.caption("Click a bar to see that month's sales by shop (shift-click for several).")

st.subheader("Plotly, maps, diagrams and figures")
plot = st.plotly_chart(
    {
        "data": [
            {"type": "scatter", "mode": "markers", "name": city, "x": days, "y": weather[city]}
            for city in ("Lisbon", "Oslo")
        ],
        "layout": {"xaxis": {"title": {"text": "day"}}, "yaxis": {"title": {"text": "°C"}}},
    },
    height=320,
    key="charts_plotly",
    on_select="rerun",
    selection_mode=("points", "box"),
)
chosen = plot.selection.point_indices
st.caption(f"Drag a box on the Plotly chart: {len(chosen)} point(s) selected.")

st.echarts_chart(
    {
        "tooltip": {},
        "series": [
            {
                "type": "pie",
                "radius": ["40%", "70%"],
                "data": [{"name": m, "value": sum(units[i::6])} for i, m in enumerate(months)],
            }
        ],
    },
    height=260,
)

st.map(
    {
        "lat": [38.72, 59.91, -12.05, 34.69, 5.60, -0.18],
        "lon": [-9.14, 10.75, -77.04, 135.50, -0.19, -78.47],
        "size": [60000, 40000, 80000, 120000, 50000, 70000],
    },
    size="size",
    color="#0068c9",
    height=300,
)
cities = [
    {"city": name, "lat": lat, "lon": lon, "size": size}
    for name, lat, lon, size in (
        ("Lisbon", 38.72, -9.14, 60000),
        ("Oslo", 59.91, 10.75, 40000),
        ("Lima", -12.05, -77.04, 80000),
        ("Osaka", 34.69, 135.50, 120000),
        ("Accra", 5.60, -0.19, 50000),
        ("Quito", -0.18, -78.47, 70000),
    )
]
deck = st.pydeck_chart(
    {  # pydeck.Deck(...) or its JSON, as here
        "initialViewState": {"latitude": 20, "longitude": 10, "zoom": 0.6},
        "layers": [
            {
                "@@type": "ScatterplotLayer",
                "id": "cities",
                "data": cities,
                "getPosition": "@@=[lon, lat]",
                "getRadius": "@@=size * 5",
                "radiusMinPixels": 4,
                "getFillColor": [255, 75, 75, 200],
                "pickable": True,
            }
        ],
        "tooltip": {"text": "{city}"},
    },
    height=300,
    key="charts_deck",
    on_select="rerun",
    selection_mode="multi-object",
)
names = [c["city"] for c in deck.selection.objects.get("cities", [])]
st.caption(f"Click cities on the deck.gl map: {', '.join(names) or 'none'} selected.")
left, right = st.columns(2)
with left:
    st.graphviz_chart(
        "digraph { rankdir=LR; script -> widgets -> rerun -> script; widgets -> state }"
    )
with right:
    st.mermaid_chart("graph LR\n  A[Browser] -->|change| B(Server)\n  B -->|delta| A")
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 2.2))
    ax.hist(oslo, bins=20, color="#29b09d")
    ax.set_title("Oslo, °C (st.pyplot)")
    st.pyplot(fig, clear_figure=True)
except ImportError:
    st.caption("Install matplotlib to see st.pyplot here.")

session_state_section()
