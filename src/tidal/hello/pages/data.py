"""tidal hello: the "Data" example: metrics, a filtered dataframe with row selection, a data
editor and a static table, on plain Python data (pandas is not needed)."""

import random

import tidal as st
from tidal.hello.examples import session_state_section

st.header("Data")
st.caption(
    "A frame of 10,000 orders lives on the server: the grid receives only the rows it shows, "
    "and sorting (click a header) or searching (⌕) runs on the server over every row. "
    "Select rows to sum them; edit the team below."
)

rng = random.Random(7)
cities = ["Lisbon", "Oslo", "Lima", "Osaka", "Accra", "Quito"]
city = [rng.choice(cities) for _ in range(10_000)]
orders: dict[str, list[object]] = {
    "order": list(range(1, 10_001)),
    "city": list(city),
    "amount": [round(rng.uniform(5, 500), 2) for _ in range(10_000)],
    "paid": [rng.random() < 0.8 for _ in range(10_000)],
}
picked = st.multiselect("Cities", cities, default=cities[:3], key="data_cities")
keep = [i for i, c in enumerate(city) if c in picked]
shown = {name: [values[i] for i in keep] for name, values in orders.items()}
amounts = [float(a) for a in shown["amount"]]  # type: ignore[arg-type]

total = sum(amounts)
paid = sum(a for a, p in zip(amounts, shown["paid"], strict=True) if p)
left, middle, right = st.columns(3)
left.metric("Orders", f"{len(keep):,}", border=True)
middle.metric("Revenue", f"${total / 1000:,.0f}k", border=True)
right.metric(
    "Paid",
    f"{paid / total:.0%}" if total else "—",
    f"{paid / total - 0.8:+.1%}" if total else None,
    border=True,
    chart_data=[sum(amounts[i::50]) for i in range(50)] if keep else None,
)

event = st.dataframe(
    shown,
    key="data_orders",
    on_select="rerun",
    selection_mode="multi-row",
    column_config={
        "order": st.column_config.NumberColumn("Order", format="#%d"),
        "amount": st.column_config.NumberColumn("Amount", format="dollar"),
        "paid": st.column_config.CheckboxColumn("Paid"),
    },
)
rows = event.selection.rows
st.write(f"Selected {len(rows)} order(s), worth ${sum(amounts[r] for r in rows):,.2f}.")

st.subheader("Team")
team = st.data_editor(
    [
        {"name": "Ada", "role": "Engineer", "since": 2019, "remote": True},
        {"name": "Grace", "role": "Admiral", "since": 2015, "remote": False},
    ],
    key="data_team",
    num_rows="dynamic",
    column_config={
        "role": st.column_config.SelectboxColumn(options=["Engineer", "Admiral", "Analyst"]),
        "since": st.column_config.NumberColumn(min_value=1950, max_value=2030, format="%d"),
    },
)
st.table(
    {
        "role": sorted({m["role"] for m in team if m.get("role")}),
        "people": [
            sum(1 for m in team if m.get("role") == r)
            for r in sorted({m["role"] for m in team if m.get("role")})
        ],
    }
)

session_state_section()
