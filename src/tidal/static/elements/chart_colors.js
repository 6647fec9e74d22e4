// The colours of charts drawn with the "streamlit" theme (Vega-Lite, Plotly, ECharts): the
// categorical palette and the sequential ramp, from the app's theme.chartCategoricalColors and
// theme.chartSequentialColors (the variables --chart-categorical and --chart-sequential of the
// theme's CSS), else Streamlit's palette and the library's own ramp.

/** Streamlit's categorical palette, so charts look the same in both. */
export const PALETTE = ['#0068c9', '#83c9ff', '#ff2b2b', '#ffabab', '#29b09d', '#7defa1', '#ff8700',
  '#ffd16a', '#6d3fc0', '#d5dae5'];

/** A list variable of the page's CSS (`#a, rgb(1, 2, 3)`) as colours; [] when unset. */
function colorsOf(name) {
  const text = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return text ? text.split(/,(?![^()]*\))/).map((c) => c.trim()).filter(Boolean) : [];
}

/** The categorical palette: the theme's chartCategoricalColors, or Streamlit's. */
export function categorical() {
  const colors = colorsOf('--chart-categorical');
  return colors.length ? colors : PALETTE;
}

/** The sequential ramp (low to high): the theme's chartSequentialColors; null when unset. */
export function sequential() {
  const colors = colorsOf('--chart-sequential');
  return colors.length > 1 ? colors : null;
}
