// The colours of charts drawn with the "streamlit" theme (Vega-Lite, Plotly, ECharts): the
// categorical palette and the sequential ramp, from the app's theme.chartCategoricalColors and
// theme.chartSequentialColors (the variables --chart-categorical and --chart-sequential of the
// theme's CSS, which a table such as [theme.sidebar] may set for its part of the page), else
// Streamlit's palette and the library's own ramp.

/** Streamlit's categorical palette, so charts look the same in both. */
export const PALETTE = ['#0068c9', '#83c9ff', '#ff2b2b', '#ffabab', '#29b09d', '#7defa1', '#ff8700',
  '#ffd16a', '#6d3fc0', '#d5dae5'];

/** A list variable of the CSS at `el` (`#a, rgb(1, 2, 3)`) as colours; [] when unset. */
function colorsOf(name, el) {
  const at = el?.isConnected ? el : document.documentElement;
  const text = getComputedStyle(at).getPropertyValue(name).trim();
  return text ? text.split(/,(?![^()]*\))/).map((c) => c.trim()).filter(Boolean) : [];
}

/** The categorical palette at `el` (default: the page): chartCategoricalColors, or Streamlit's. */
export function categorical(el = undefined) {
  const colors = colorsOf('--chart-categorical', el);
  return colors.length ? colors : PALETTE;
}

/** The sequential ramp (low to high) at `el`: chartSequentialColors; null when unset. */
export function sequential(el = undefined) {
  const colors = colorsOf('--chart-sequential', el);
  return colors.length > 1 ? colors : null;
}
