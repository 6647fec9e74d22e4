// Cells of a data grid: how one value looks, by column kind and st.column_config type
// (numbers with printf or named formats, dates, checkboxes, links, images, progress bars,
// sparklines, chips, JSON, Markdown). Knows nothing about scrolling, rows or the server.
import { h, iconEl } from '../elements.js';
import { sprintf } from '../format.js';
import { inlineMarkdown } from '../markdown.js';

const NAMED = {
  plain: (v) => String(v),
  localized: (v) => v.toLocaleString(),
  percent: (v) => new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v),
  dollar: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(v),
  euro: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(v),
  yen: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(v),
  accounting: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' }).format(v),
  compact: (v) => new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(v),
  scientific: (v) => new Intl.NumberFormat('en-US', { notation: 'scientific', maximumFractionDigits: 3 }).format(v),
  engineering: (v) => new Intl.NumberFormat('en-US', { notation: 'engineering', maximumFractionDigits: 3 }).format(v),
};

/**
 * A number as a column shows it: a named format ("dollar", "percent"...), a printf format
 * ("%.2f"), or by default integers as they are and other numbers with at most 4 decimals.
 * @param {number} v
 * @param {string|null|undefined} fmt
 * @returns {string}
 */
export function formatNumber(v, fmt) {
  if (fmt && Object.hasOwn(NAMED, fmt)) return NAMED[fmt](v);
  if (fmt) return sprintf(fmt, v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(4)));
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/**
 * A date/time (ISO text) as a column shows it: "localized", "distance", "iso8601", a
 * pattern with YYYY MM DD HH mm ss, or by default "YYYY-MM-DD HH:mm:ss".
 * @param {string} iso
 * @param {string} editor "datetime" | "date" | "time"
 * @param {string|null|undefined} fmt
 * @returns {string}
 */
export function formatTemporal(iso, editor, fmt) {
  if (editor === 'time') {
    if (!fmt || fmt === 'iso8601') return iso.slice(0, 8);
    const [H, m, s] = iso.split(':');
    return fmt.replace('HH', H).replace('mm', m).replace('ss', (s ?? '00').slice(0, 2));
  }
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(d.getTime())) return iso;
  if (fmt === 'iso8601') return iso;
  if (fmt === 'localized') return editor === 'date' ? d.toLocaleDateString() : d.toLocaleString();
  if (fmt === 'distance') {
    const days = Math.round((d.getTime() - Date.now()) / 86_400_000);
    return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(days, 'day');
  }
  const pattern = fmt || (editor === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm:ss');
  return pattern
    .replace('YYYY', String(d.getFullYear())).replace('MM', pad(d.getMonth() + 1))
    .replace('DD', pad(d.getDate())).replace('HH', pad(d.getHours()))
    .replace('mm', pad(d.getMinutes())).replace('ss', pad(d.getSeconds()));
}

/** The column's type: its column_config type, else what its kind implies. */
export function columnType(col) {
  const t = col.config?.type_config?.type;
  if (t) return t;
  switch (col.kind) {
    case 'int': case 'float': case 'decimal': return 'number';
    case 'bool': return 'checkbox';
    case 'datetime': case 'date': case 'time': return col.kind;
    case 'list': return 'list';
    case 'dict': return 'json';
    case 'category': return 'selectbox';
    default: return 'text';
  }
}

function sparkline(values, type, conf) {
  const nums = (values ?? []).map((v) => (typeof v === 'number' ? v : null));
  const present = nums.filter((v) => v != null);
  const lo = conf.y_min ?? Math.min(...present, 0);
  const hi = conf.y_max ?? Math.max(...present, 1);
  const W = 100;
  const H = 24;
  const y = (v) => H - ((v - lo) / (hi - lo || 1)) * H;
  const n = Math.max(nums.length, 1);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'spark');
  if (conf.color) svg.style.color = conf.color;
  if (type === 'bar_chart') {
    nums.forEach((v, i) => {
      if (v == null) return;
      const r = document.createElementNS(svg.namespaceURI, 'rect');
      r.setAttribute('x', String((i * W) / n + 0.5));
      r.setAttribute('width', String(Math.max(W / n - 1, 0.5)));
      r.setAttribute('y', String(y(v)));
      r.setAttribute('height', String(H - y(v)));
      svg.append(r);
    });
    return svg;
  }
  const pts = nums.map((v, i) => (v == null ? null : `${(i * W) / Math.max(n - 1, 1)},${y(v)}`)).filter(Boolean);
  const path = document.createElementNS(svg.namespaceURI, type === 'area_chart' ? 'polygon' : 'polyline');
  path.setAttribute('points', type === 'area_chart' ? `0,${H} ${pts.join(' ')} ${W},${H}` : pts.join(' '));
  svg.append(path);
  return svg;
}

/** A URL safe to put in href/src: no javascript:, vbscript: or data: other than images. */
function safeUrl(url, image = false) {
  const u = String(url).trim();
  if (/^(javascript|vbscript):/i.test(u.replace(/[\s\u0000-\u001f]/g, ''))) return null;
  if (/^data:/i.test(u) && !(image && /^data:image\//i.test(u))) return null;
  return u;
}

function linkText(url, displayText) {
  if (!displayText) return url;
  if (!/[()[\]\\*+?]/.test(displayText)) return displayText;
  try {
    const m = new RegExp(displayText).exec(url);
    return m ? (m[1] ?? m[0]) : url;
  } catch {
    return displayText;
  }
}

/**
 * Fill a cell element with a value.
 * @param {HTMLElement} el the cell
 * @param {any} v the JSON value
 * @param {{kind: string, config?: any}} col the column (its kind and resolved config)
 * @param {string|null} [display] a Styler's text for the cell
 * @param {string|null} [placeholder] the text of a missing value (default "None")
 */
export function renderCell(el, v, col, display = null, placeholder = null) {
  const type = columnType(col);
  const conf = col.config?.type_config ?? {};
  el.className = `c t-${type}`;
  if (display != null) {
    el.textContent = display;
    return;
  }
  if (v == null && type !== 'checkbox') {
    el.textContent = placeholder ?? 'None'; // a missing value, as Streamlit shows it
    el.classList.add('none');
    return;
  }
  switch (type) {
    case 'number':
      el.textContent = typeof v === 'number' ? formatNumber(v, conf.format) : String(v);
      return;
    case 'checkbox':
      el.textContent = '';
      el.append(h('span', { class: `cb${v ? ' on' : ''}`, role: 'checkbox', 'aria-checked': String(Boolean(v)) }));
      return;
    case 'datetime': case 'date': case 'time':
      el.textContent = typeof v === 'string' ? formatTemporal(v, type, conf.format) : String(v);
      return;
    case 'link': {
      const href = safeUrl(v);
      el.textContent = '';
      if (href == null) el.textContent = String(v);
      else el.append(h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, linkText(String(v), conf.display_text)));
      return;
    }
    case 'image': {
      const src = safeUrl(v, true);
      el.textContent = '';
      if (src != null) el.append(h('img', { src, alt: '', loading: 'lazy' }));
      return;
    }
    case 'progress': {
      const lo = conf.min_value ?? 0;
      const hi = conf.max_value ?? 100;
      const frac = Math.min(1, Math.max(0, (Number(v) - lo) / (hi - lo || 1)));
      el.textContent = '';
      el.append(
        h('span', { class: 'bar' }, h('span', { style: `width:${(frac * 100).toFixed(1)}%${conf.color ? `;background:${conf.color}` : ''}` })),
        h('span', { class: 'num' }, formatNumber(Number(v), conf.format)),
      );
      return;
    }
    case 'line_chart': case 'bar_chart': case 'area_chart':
      el.textContent = '';
      el.append(sparkline(Array.isArray(v) ? v : [], type, conf));
      return;
    case 'list': case 'multiselect':
      el.textContent = '';
      for (const item of Array.isArray(v) ? v : [v]) el.append(h('span', { class: 'chip' }, String(item)));
      return;
    case 'json':
      el.textContent = typeof v === 'string' ? v : JSON.stringify(v);
      return;
    case 'markdown':
      el.innerHTML = inlineMarkdown(String(v));
      return;
    case 'selectbox': {
      const i = conf.options?.indexOf(v) ?? -1;
      el.textContent = i >= 0 && conf.labels ? conf.labels[i] : String(v);
      return;
    }
    case 'button': { // a button labelled with the text; several texts: a menu of them
      const labels = (Array.isArray(v) ? v : [v]).filter((x) => x != null).map(String);
      const cls = `btn btn-small btn-${conf.button_type ?? 'secondary'}`;
      el.textContent = '';
      if (labels.length === 1) {
        const text = labels[0].replace(/^:material\/([a-z0-9_]+):\s*/, '');
        const name = text || labels[0].slice(10, -1).replace(/_/g, ' '); // an icon alone: its name
        el.append(h('button', { type: 'button', class: cls, tabindex: '-1', 'data-label': labels[0], 'aria-label': name }, ...buttonLabel(labels[0])));
      }
      else if (labels.length > 1) el.append(h('button', { type: 'button', class: `${cls} grid-actions`, tabindex: '-1', 'aria-label': 'Actions', 'aria-haspopup': 'menu', 'data-actions': JSON.stringify(labels) }, iconEl(':material/more_vert:', 'btn-icon')));
      return;
    }
    case 'audio': case 'video': {
      const href = safeUrl(v);
      el.textContent = '';
      if (href != null) el.append(h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, `▶ ${type}`));
      return;
    }
    default:
      el.textContent = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/**
 * A button's content: a leading `:material/name:` icon, then the text.
 * @param {string} label
 * @returns {(Node|string)[]}
 */
export function buttonLabel(label) {
  const m = /^(:material\/[a-z0-9_]+:)\s*(.*)$/s.exec(label);
  if (!m) return [label];
  return m[2] ? [iconEl(m[1], 'btn-icon'), h('span', {}, m[2])] : [iconEl(m[1], 'btn-icon')];
}

/**
 * A cell value as copied text (TSV): what the cell shows, without markup.
 * @param {any} v
 * @param {{kind: string, config?: any}} col
 * @param {string|null} [display]
 * @returns {string}
 */
export function cellText(v, col, display = null) {
  if (display != null) return display;
  if (v == null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/[\t\n]/g, ' ');
}
