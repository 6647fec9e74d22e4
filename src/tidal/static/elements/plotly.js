// st.plotly_chart, loaded on first use with the vendored plotly.js (4.8 MB: only pages that show
// a Plotly chart fetch it). The "streamlit" theme puts the figure on the page's background with
// its colours, light and dark. With on_select, clicks (points) and box or lasso drags are sent
// as the widget's value in Streamlit's shape: {points, point_indices, box, lasso}.
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { commit } from '../widgets/base.js';
import { categorical, sequential } from './chart_colors.js';

useStyles(new URL('charts.css', import.meta.url).href);

await import(new URL('../vendor/plotly/plotly.js', import.meta.url).href);
const Plotly = /** @type {any} */ (window).Plotly;

const DEFAULT_HEIGHT = 450;
const SCALAR = (v) => v == null || ['string', 'number', 'boolean'].includes(typeof v);

const live = new Set();
new MutationObserver(() => {
  for (const node of live) draw(node);
}).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The figure's layout with the element's size, theme and selection tools. */
function layoutOf(p, fig) {
  const layout = { ...(fig.layout ?? {}) };
  if (p.theme === 'streamlit') {
    const fg = cssVar('--fg', '#1f2328');
    const grid = cssVar('--border', '#d0d7de');
    delete layout.template;
    layout.paper_bgcolor = 'rgba(0,0,0,0)';
    layout.plot_bgcolor = 'rgba(0,0,0,0)';
    layout.font = { family: cssVar('--font-sans', 'sans-serif'), color: fg, ...(layout.font ?? {}) };
    layout.colorway = layout.colorway ?? categorical();
    const ramp = sequential();
    if (ramp && !layout.colorscale) {
      layout.colorscale = { sequential: ramp.map((c, i) => [i / (ramp.length - 1), c]) };
    }
    for (const axis of ['xaxis', 'yaxis', ...Object.keys(layout).filter((k) => /^[xy]axis\d+$/.test(k))]) {
      layout[axis] = { gridcolor: grid, zerolinecolor: grid, linecolor: grid, ...(layout[axis] ?? {}) };
    }
    layout.legend = { bgcolor: 'rgba(0,0,0,0)', ...(layout.legend ?? {}) };
    // Plotly leaves 100 px above the plot for a title: keep it only when there is one
    if (!layout.margin && !layout.title) layout.margin = { t: 24, r: 16 };
  }
  if (typeof p.height === 'number') layout.height = p.height;
  else layout.height = layout.height ?? DEFAULT_HEIGHT;
  if (typeof p.width === 'number') layout.width = p.width;
  else if (p.width === 'stretch') delete layout.width;
  layout.autosize = p.width === 'stretch';
  const modes = p.selection_mode ?? [];
  if (p.id && modes.length) {
    if (modes.includes('box')) layout.dragmode = layout.dragmode ?? 'select';
    else if (modes.includes('lasso')) layout.dragmode = layout.dragmode ?? 'lasso';
    if (modes.includes('points')) layout.clickmode = 'event+select';
  }
  return layout;
}

function pointOf(pt) {
  const out = {
    curve_number: pt.curveNumber, point_number: pt.pointNumber,
    point_index: pt.pointIndex ?? pt.pointNumber,
  };
  for (const k of ['x', 'y', 'z', 'lat', 'lon', 'label', 'value']) if (SCALAR(pt[k]) && pt[k] !== undefined) out[k] = pt[k];
  if (pt.customdata !== undefined && (SCALAR(pt.customdata) || (Array.isArray(pt.customdata) && pt.customdata.every(SCALAR)))) out.customdata = pt.customdata;
  if (pt.data?.legendgroup) out.legendgroup = pt.data.legendgroup;
  return out;
}

function watchSelections(node, div) {
  const modes = node.p.selection_mode ?? [];
  if (!node.p.id || !modes.length) return;
  const send = (v) => commit(node, node.s.ctx, v);
  const empty = { points: [], point_indices: [], box: [], lasso: [] };
  div.on('plotly_selected', (ev) => {
    if (!ev) { send(empty); return; }
    const points = (ev.points ?? []).map(pointOf);
    const xref = ev.points?.[0]?.xaxis?._id ?? 'x';
    const yref = ev.points?.[0]?.yaxis?._id ?? 'y';
    const box = ev.range && modes.includes('box') ? [{ xref, yref, x: ev.range.x, y: ev.range.y }] : [];
    const lasso = ev.lassoPoints && modes.includes('lasso')
      ? [{ xref, yref, x: ev.lassoPoints.x, y: ev.lassoPoints.y }] : [];
    send({ points, point_indices: points.map((q) => q.point_index), box, lasso });
  });
  div.on('plotly_deselect', () => send(empty));
  if (modes.includes('points')) {
    div.on('plotly_click', (ev) => {
      const points = (ev?.points ?? []).map(pointOf);
      send({ points, point_indices: points.map((q) => q.point_index), box: [], lasso: [] });
    });
  }
}

async function draw(node) {
  const p = node.p;
  const hook = /** @type {any} */ (window).__tidal;
  if (hook) hook.loading = (hook.loading ?? 0) + 1;
  try {
    const fig = JSON.parse(p.spec);
    const config = { displaylogo: false, responsive: p.width === 'stretch', ...JSON.parse(p.config ?? '{}') };
    const div = node.s.div;
    if (node.s.drawn) Plotly.purge(div);
    await Plotly.newPlot(div, fig.data ?? [], layoutOf(p, fig), config);
    node.s.drawn = true;
    watchSelections(node, div);
  } catch (err) {
    node.el.replaceChildren(h('div', { class: 'chart-error', role: 'alert' },
      `Plotly could not draw this chart: ${err?.message ?? err}`));
  } finally {
    if (hook) hook.loading -= 1;
  }
}

const DRAWN = ['spec', 'config', 'theme', 'width', 'height', 'selection_mode', 'id'];

const plotlyKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.div = h('div', { class: 'plotly-box' });
    node.el = h('div', { class: 'plotly-el', role: 'figure' }, node.s.div);
    if (p.alt) node.el.setAttribute('aria-label', p.alt);
    node.s.ctx = ctx;
    node.s.committed = null;
    live.add(node);
    draw(node);
  },
  update(node, p, prev, ctx) {
    node.s.ctx = ctx;
    if (DRAWN.some((k) => JSON.stringify(p[k] ?? null) !== JSON.stringify(prev[k] ?? null))) {
      node.s.committed = null;
      draw(node);
    }
  },
  destroy(node) {
    live.delete(node);
    if (node.s.drawn) Plotly.purge(node.s.div);
  },
  read(node) {
    return node.s.committed ?? null;
  },
};

export const kinds = { plotly_chart: plotlyKind };
