// The data family, loaded on first use: st.dataframe and st.data_editor (the virtual grid of
// grid.js), st.table (a static HTML table with a Styler's text and colours) and st.metric
// (value, delta with arrow and colour, sparkline). Knows nothing about the connection.
import { h, setHelp } from '../elements.js';
import { useStyles } from '../lazy.js';
import { inlineMarkdown } from '../markdown.js';
import { NONE, applyValue } from '../widgets/base.js';
import { renderCell } from './cells.js';
import { Grid } from './grid.js';

useStyles(new URL('data.css', import.meta.url).href);

function gridKind(editor) {
  return {
    widget: true,
    create(node, p, ctx) {
      node.s.grid = new Grid(node, ctx, editor);
      node.el = h('div', { class: `el-grid${editor ? ' editor' : ''}` }, node.s.grid.el);
      if (p.alt) node.s.grid.el.setAttribute('aria-label', p.alt);
      this.update(node, p, NONE, ctx);
    },
    update(node, p, prev) {
      node.s.grid.update(p, prev);
      if (p.id != null) applyValue(node, this, p, prev);
    },
    read(node) {
      return node.s.grid.read();
    },
    write(node, v) {
      node.s.grid.write(v);
    },
    destroy(node) {
      node.s.grid.destroy();
    },
  };
}

// ------------------------------------------------------------------------------ table
function renderTable(node, p) {
  const config = {};
  const headRow = h('tr');
  const showIndex = !p.hide_index;
  if (showIndex) for (const c of p.index) headRow.append(h('th', { class: 'ix', scope: 'col', html: inlineMarkdown(String(c.name ?? '')) }));
  for (const c of p.columns) headRow.append(h('th', { scope: 'col', html: inlineMarkdown(String(c.name)) }));
  const body = h('tbody');
  const nIndex = p.index.length;
  p.rows.forEach((cells, i) => {
    const tr = h('tr');
    if (showIndex) for (let k = 0; k < nIndex; k++) tr.append(h('th', { class: 'ix', scope: 'row', html: inlineMarkdown(String(cells[k] ?? '')) }));
    p.columns.forEach((col, j) => {
      const td = h('td');
      const display = p.display?.[i]?.[j] ?? null;
      const v = cells[nIndex + j];
      if (display == null && typeof v === 'string') {
        td.className = 'c t-text';
        td.innerHTML = inlineMarkdown(v);
      } else {
        renderCell(td, v, { ...col, config }, display);
      }
      const css = p.css?.[i]?.[j];
      if (css) td.style.cssText = css;
      tr.append(td);
    });
    body.append(tr);
  });
  const table = h('table', { class: `st-table border-${p.border === 'horizontal' ? 'h' : p.border ? 'all' : 'none'}` },
    p.hide_header ? null : h('thead', {}, headRow), body);
  if (p.alt) table.setAttribute('aria-label', p.alt);
  node.el.textContent = '';
  node.el.append(table);
  node.el.style.maxHeight = typeof p.height === 'number' ? `${p.height}px` : '';
  node.el.classList.toggle('w-content', p.width === 'content');
}

const tableKind = {
  create(node, p) {
    node.el = h('div', { class: 'el-table' });
    renderTable(node, p);
  },
  update(node, p) {
    renderTable(node, p);
  },
};

// ------------------------------------------------------------------------------ metric
function spark(values, type) {
  const nums = values.map((v) => (typeof v === 'number' ? v : null));
  const present = nums.filter((v) => v != null);
  if (!present.length) return null;
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const W = 120;
  const H = 32;
  const y = (v) => H - 2 - ((v - lo) / (hi - lo || 1)) * (H - 4);
  const n = nums.length;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', `metric-chart ${type}`);
  if (type === 'bar') {
    nums.forEach((v, i) => {
      if (v == null) return;
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', String((i * W) / n + 1));
      r.setAttribute('width', String(Math.max(W / n - 2, 1)));
      r.setAttribute('y', String(y(v)));
      r.setAttribute('height', String(H - y(v)));
      svg.append(r);
    });
    return svg;
  }
  const pts = nums.map((v, i) => (v == null ? null : `${((i * W) / Math.max(n - 1, 1)).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean);
  if (type === 'area') {
    const area = document.createElementNS(ns, 'polygon');
    area.setAttribute('points', `0,${H} ${pts.join(' ')} ${W},${H}`);
    area.setAttribute('class', 'area');
    svg.append(area);
  }
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', pts.join(' '));
  svg.append(line);
  return svg;
}

function renderMetric(node, p) {
  const el = node.el;
  el.className = `el-metric${p.border ? ' bordered' : ''} lv-${p.label_visibility}`;
  el.style.width = typeof p.width === 'number' ? `${p.width}px` : '';
  el.style.height = typeof p.height === 'number' ? `${p.height}px` : '';
  const label = h('div', { class: 'metric-label', html: inlineMarkdown(p.label) });
  if (p.icon) label.prepend(h('span', { class: 'metric-icon' }, p.icon.startsWith(':') ? '' : p.icon));
  setHelp(label, p.help);
  const value = h('div', { class: 'metric-value', 'data-testid': 'metric-value' }, p.body);
  const parts = [label, value];
  if (p.delta) {
    const arrow = p.arrow === 'up' ? '↑' : p.arrow === 'down' ? '↓' : '';
    parts.push(h('div', { class: `metric-delta c-${p.color}`, 'data-testid': 'metric-delta' },
      arrow ? h('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow) : null, h('span', {}, p.delta),
      p.delta_description ? h('span', { class: 'metric-desc' }, p.delta_description) : null));
  }
  if (p.chart?.length) {
    const chart = spark(p.chart, p.chart_type);
    if (chart) {
      chart.classList.add(`c-${p.delta ? p.color : 'gray'}`);
      parts.push(chart);
    }
  }
  el.textContent = '';
  el.append(...parts);
}

const metricKind = {
  create(node, p) {
    node.el = h('div', { class: 'el-metric' });
    renderMetric(node, p);
  },
  update(node, p) {
    renderMetric(node, p);
  },
};

export const kinds = {
  dataframe: gridKind(false),
  data_editor: gridKind(true),
  table: tableKind,
  metric: metricKind,
};
