// st.echarts_chart, loaded on first use with the vendored ECharts. The "streamlit" theme puts
// the chart on the page's background with its text colour and palette (ECharts' own dark theme
// in the dark page). With on_select, native selections (selectedMode) and brush areas are sent
// as the widget's value in Streamlit's shape: {selected: [...], areas: [...]}.
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { commit } from '../widgets/base.js';
import { categorical } from './chart_colors.js';
import * as echarts from '../vendor/echarts/echarts.js';

useStyles(new URL('charts.css', import.meta.url).href);

const CONTENT = { width: 700, height: 350 };
const SELECTION_DELAY_MS = 100;

const live = new Set();
new MutationObserver(() => {
  for (const node of live) draw(node);
}).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function optionOf(p) {
  const option = JSON.parse(p.spec);
  if (p.theme === 'streamlit') {
    option.backgroundColor = option.backgroundColor ?? 'transparent';
    option.color = option.color ?? categorical();
    option.textStyle = { fontFamily: cssVar('--font-sans', 'sans-serif'), ...(option.textStyle ?? {}) };
  }
  return option;
}

/** The selection as Streamlit reports it: selected data per series, and brush areas. */
function selectionOf(chart, native, brushed, areas) {
  const series = chart.getOption().series ?? [];
  const bySeries = new Map();
  for (const { seriesIndex, dataIndex } of [...native, ...brushed]) {
    if (seriesIndex == null) continue;
    const set = bySeries.get(seriesIndex) ?? new Set();
    for (const i of dataIndex ?? []) set.add(i);
    bySeries.set(seriesIndex, set);
  }
  const selected = [...bySeries.entries()].filter(([, set]) => set.size).map(([i, set]) => ({
    series_index: i,
    series_id: typeof series[i]?.id === 'string' && !series[i].id.startsWith('\0') ? series[i].id : null,
    series_name: typeof series[i]?.name === 'string' && !series[i].name.startsWith('series\0') ? series[i].name : null,
    data_type: series[i]?.type === 'graph' ? 'node' : null,
    data_indices: [...set].sort((a, b) => a - b),
  }));
  const out = areas.filter((a) => a.coordRange != null).map((a, i) => ({
    brush_index: i, brush_type: a.brushType, coord_range: a.coordRange,
  }));
  return { selected, areas: out };
}

function watchSelections(node, chart) {
  if (!node.p.selectable || !node.p.id) return;
  let native = [];
  let brushed = [];
  let areas = [];
  let timer = 0;
  const send = () => {
    clearTimeout(timer);
    timer = setTimeout(() => commit(node, node.s.ctx, selectionOf(chart, native, brushed, areas)), SELECTION_DELAY_MS);
  };
  chart.on('selectchanged', (ev) => {
    native = (ev.selected ?? []).map((s) => ({ seriesIndex: s.seriesIndex, dataIndex: s.dataIndex }));
    send();
  });
  chart.on('brushselected', (ev) => {
    const batch = ev.batch?.[0] ?? {};
    brushed = (batch.selected ?? []).map((s) => ({ seriesIndex: s.seriesIndex, dataIndex: s.dataIndex }));
    areas = batch.areas ?? [];
    send();
  });
}

function draw(node) {
  const p = node.p;
  node.s.chart?.dispose();
  const box = node.s.box;
  box.style.width = p.width === 'stretch' ? '100%' : `${typeof p.width === 'number' ? p.width : CONTENT.width}px`;
  box.style.height = `${typeof p.height === 'number' ? p.height : CONTENT.height}px`;
  const dark = document.documentElement.dataset.theme === 'dark';
  try {
    const chart = echarts.init(box, p.theme === 'streamlit' && dark ? 'dark' : null, { renderer: p.renderer ?? 'canvas' });
    chart.setOption(optionOf(p));
    node.s.chart = chart;
    node.s.error?.remove();
    watchSelections(node, chart);
  } catch (err) {
    node.s.chart = null;
    node.s.error?.remove();
    node.s.error = h('div', { class: 'chart-error', role: 'alert' },
      `ECharts could not draw this chart: ${err?.message ?? err}`);
    node.el.append(node.s.error);
  }
}

const DRAWN = ['spec', 'theme', 'renderer', 'width', 'height', 'selectable', 'id'];

const echartsKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.box = h('div', { class: 'echarts-box', role: 'img', 'aria-label': p.alt ?? 'Chart' });
    node.el = h('div', { class: 'echarts-el' }, node.s.box);
    node.s.ctx = ctx;
    node.s.committed = null;
    node.s.resize = new ResizeObserver(() => node.s.chart?.resize());
    node.s.resize.observe(node.s.box);
    live.add(node);
    draw(node);
  },
  update(node, p, prev, ctx) {
    node.s.ctx = ctx;
    if (DRAWN.some((k) => p[k] !== prev[k])) {
      node.s.committed = null;
      draw(node);
    }
  },
  destroy(node) {
    live.delete(node);
    node.s.resize?.disconnect();
    node.s.chart?.dispose();
  },
  read(node) {
    return node.s.committed ?? null;
  },
};

export const kinds = { echarts_chart: echartsKind };
