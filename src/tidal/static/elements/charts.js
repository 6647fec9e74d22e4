// Vega-Lite charts (st.line_chart, area_chart, bar_chart, scatter_chart, vega_lite_chart,
// altair_chart), loaded on first use with the vendored vega, vega-lite and vega-embed. Charts
// are drawn with vega's expression interpreter (`ast: true`): the page's CSP forbids the
// `new Function` vega's default expression compiler needs. Data arrives as compact columns
// (numbers as base64 of their bytes, the index as a range; see chart_data.py) and is turned
// into rows here. With on_select, the chart's selection parameters are watched and sent as the
// widget's value ({param: [points] | {field: [start, end]}}).
import { useStyles } from '../lazy.js';
import { h } from '../elements.js';
import { commit } from '../widgets/base.js';
import { rows } from './chart_data.js';
import { categorical, sequential } from './chart_colors.js';

useStyles(new URL('charts.css', import.meta.url).href);

const VENDOR = new URL('../vendor/vega/', import.meta.url);
// UMD builds: each sets a global (vega, vegaLite, vegaEmbed) the next one reads
await import(new URL('vega.js', VENDOR).href);
await import(new URL('vega-lite.js', VENDOR).href);
await import(new URL('vega-embed.js', VENDOR).href);
const vegaEmbed = /** @type {any} */ (globalThis).vegaEmbed;

const BUILTIN_HEIGHT = 350; // "content" height of st.line_chart and its kin
const SELECTION_DELAY_MS = 150; // an interval drag sends once it rests
const TOOLTIP_MAX_ROWS = 10_000; // built-in line and area charts longer than this: no tooltips

/** @type {Set<any>} nodes whose chart is on the page (redrawn when the theme changes) */
const live = new Set();
new MutationObserver(() => {
  for (const node of live) draw(node);
}).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The "streamlit" theme at `el`: tidal's colours and font, light or dark. */
function themeConfig(el) {
  const fg = cssVar('--fg', '#1f2328');
  const muted = cssVar('--fg-2', '#59636e');
  const grid = cssVar('--border', '#d0d7de');
  const font = cssVar('--font-sans', 'sans-serif');
  const palette = categorical(el);
  const ramp = sequential(el);
  const axis = {
    labelColor: muted, titleColor: fg, gridColor: grid, domainColor: grid, tickColor: grid,
    labelFont: font, titleFont: font, titleFontWeight: 'normal', labelFontSize: 12,
    titleFontSize: 12, gridOpacity: 0.6,
  };
  return {
    background: 'transparent',
    font,
    view: { stroke: 'transparent' },
    axis,
    legend: { labelColor: muted, titleColor: fg, labelFont: font, titleFont: font, titleFontWeight: 'normal' },
    header: { labelColor: fg, titleColor: fg },
    title: { color: fg, font, fontWeight: 'normal' },
    range: { category: palette, ...(ramp ? { ramp, heatmap: ramp } : {}) },
    mark: { color: palette[0] },
    area: { color: palette[0], opacity: 0.7 },
    bar: { color: palette[0] },
    line: { color: palette[0] },
    point: { color: palette[0] },
    circle: { color: palette[0] },
  };
}

function isCompound(spec) {
  return ['hconcat', 'vconcat', 'concat', 'facet', 'repeat'].some((k) => k in spec)
    || 'row' in (spec.encoding ?? {}) || 'column' in (spec.encoding ?? {})
    || 'facet' in (spec.encoding ?? {});
}

/** The spec vega-embed draws: the element's spec with its data and size. */
function fullSpec(p) {
  const spec = JSON.parse(p.spec);
  if (p.data) spec.data = { values: rows(p.data) };
  const names = Object.keys(p.datasets ?? {});
  if (names.length) {
    spec.datasets = {};
    for (const name of names) spec.datasets[name] = rows(p.datasets[name]);
  }
  // A line or area is one path: a tooltip per point of a long series costs seconds (vega
  // evaluates it for every point with the CSP-safe interpreter) and shows little
  if (!p.vega_lite_chart && (p.data?.n ?? 0) > TOOLTIP_MAX_ROWS
      && ['line', 'area'].includes(spec.mark?.type)) delete spec.encoding.tooltip;
  if (!isCompound(spec)) {
    if (p.width === 'stretch') spec.width = 'container';
    else if (typeof p.width === 'number') spec.width = p.width;
    if (typeof p.height === 'number') spec.height = p.height;
    else if (!p.vega_lite_chart) spec.height = BUILTIN_HEIGHT;
    if (spec.width === 'container') spec.autosize = { type: 'fit-x', contains: 'padding' };
  }
  return spec;
}

/** A selection parameter's signal value as Streamlit reports it. */
function selectionValue(value) {
  if (value == null) return {};
  if (value.vlPoint?.or) return value.vlPoint.or.map((pt) => ({ ...pt }));
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'vlPoint' || k === '_vgsid_') continue;
    out[k] = Array.isArray(v) ? v.map((x) => (x instanceof Date ? x.getTime() : x)) : v;
  }
  return out;
}

function watchSelections(node, view, ctx) {
  const names = node.p.selection_mode ?? [];
  if (!node.p.id || !names.length) return;
  let timer = 0;
  const send = () => {
    const v = {};
    for (const name of names) {
      let value = null;
      try {
        value = view.signal(name);
      } catch {
        value = null; // a parameter of a nested view has no top-level signal
      }
      const sel = selectionValue(value);
      v[name] = Array.isArray(sel) || Object.keys(sel).length ? sel : {};
    }
    commit(node, ctx, v);
  };
  for (const name of names) {
    try {
      view.addSignalListener(name, () => {
        clearTimeout(timer);
        timer = setTimeout(send, SELECTION_DELAY_MS);
      });
    } catch {
      // not a top-level signal: nothing to watch
    }
  }
}

async function draw(node) {
  const p = node.p;
  const hook = /** @type {any} */ (window).__tidal;
  if (hook) hook.loading = (hook.loading ?? 0) + 1;
  const gen = (node.s.gen = (node.s.gen ?? 0) + 1);
  try {
    const spec = fullSpec(p);
    const box = h('div', { class: 'vega-box' });
    await null; // a new chart's element is in the page after this tick: its colours are known
    const result = await vegaEmbed(box, spec, {
      actions: false,
      ast: true, // the interpreter, not `new Function` (CSP)
      renderer: 'canvas',
      config: p.theme === 'streamlit' ? themeConfig(node.el) : undefined,
      tooltip: { theme: document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light' },
    });
    if (gen !== node.s.gen || !live.has(node)) {
      result.finalize();
      return;
    }
    node.s.result?.finalize();
    node.s.result = result;
    node.el.replaceChildren(box);
    watchSelections(node, result.view, node.s.ctx);
  } catch (err) {
    if (gen !== node.s.gen) return;
    node.s.result?.finalize();
    node.s.result = null;
    node.el.replaceChildren(h('div', { class: 'chart-error', role: 'alert' },
      `Vega-Lite could not draw this chart: ${err?.message ?? err}`));
  } finally {
    if (hook) hook.loading -= 1;
  }
}

const DRAWN = ['spec', 'data', 'datasets', 'theme', 'width', 'height', 'selection_mode'];
/** What the drawing depends on: a replaced element with the same drawing is left alone. */
const drawing = (p) => JSON.stringify(DRAWN.map((k) => p[k] ?? null));

const vegaKind = {
  widget: true,
  create(node, p, ctx) {
    node.el = h('div', { class: 'chart-el', role: 'figure' });
    if (p.alt) node.el.setAttribute('aria-label', p.alt);
    node.s.ctx = ctx;
    node.s.committed = null;
    node.s.drawn = drawing(p);
    live.add(node);
    draw(node);
  },
  update(node, p, prev, ctx) {
    node.s.ctx = ctx;
    const now = drawing(p);
    if (now !== node.s.drawn || p.id !== prev.id) {
      node.s.drawn = now;
      node.s.committed = null;
      draw(node);
    }
  },
  destroy(node) {
    live.delete(node);
    node.s.gen = (node.s.gen ?? 0) + 1;
    node.s.result?.finalize();
    node.s.result = null;
  },
  read(node) {
    return node.s.committed ?? null;
  },
};

export const kinds = {
  arrow_vega_lite_chart: vegaKind,
};
