// The sliders: one native range input, or two overlaid for a range (`[lo, hi]`), so mouse,
// touch and keyboard all work natively. Shows the value while dragging; commits on release
// (pointer up, key up, or the input's change event), once per distinct value.
// `slider` moves over numbers; `select_slider` over option indices, showing option labels.
import { h } from '../elements.js';
import { formatNumber, normalize } from '../format.js';
import { NONE, applyCommon, applyValue, commit, field, labelRow, sameValue } from './base.js';

/**
 * What the inputs move over: bounds, step, how a value reads, and where ticks go.
 * @typedef {{min: number, max: number, step: number, dtype: string, text: (v: number) => string, ticks: number}} Scale
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Format wire milliseconds (UTC wall-clock time) with moment.js tokens, as Streamlit's date
 * sliders do: YYYY YY MMMM MMM MM M DD D dddd ddd HH H hh h mm ss A a; [text] is literal.
 * @param {number} ms
 * @param {string} fmt
 */
export function formatMoment(ms, fmt) {
  const d = new Date(ms);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const H = d.getUTCHours();
  const t = {
    YYYY: String(d.getUTCFullYear()), YY: pad(d.getUTCFullYear() % 100),
    MMMM: MONTHS[d.getUTCMonth()], MMM: MONTHS[d.getUTCMonth()].slice(0, 3),
    MM: pad(d.getUTCMonth() + 1), M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()), D: String(d.getUTCDate()),
    dddd: DAYS[d.getUTCDay()], ddd: DAYS[d.getUTCDay()].slice(0, 3),
    HH: pad(H), H: String(H), hh: pad(H % 12 || 12), h: String(H % 12 || 12),
    mm: pad(d.getUTCMinutes()), ss: pad(d.getUTCSeconds()), A: H < 12 ? 'AM' : 'PM', a: H < 12 ? 'am' : 'pm',
  };
  return fmt.replace(/\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|ss|A|a/g,
    (m, lit) => (lit !== undefined ? lit : t[m]));
}

/** @returns {Scale} */
function numberScale(p) {
  if (p.dtype === 'date' || p.dtype === 'time' || p.dtype === 'datetime') {
    return {
      min: p.min, max: p.max, step: p.step, dtype: 'int',
      text: (v) => formatMoment(v, p.format || 'YYYY-MM-DD'), ticks: 0,
    };
  }
  return {
    min: p.min ?? 0,
    max: p.max ?? 100,
    step: p.step ?? (p.dtype === 'int' ? 1 : 0.01),
    dtype: p.dtype,
    text: (v) => formatNumber(v, p),
    ticks: 0,
  };
}

/** @returns {Scale} */
function optionScale(p) {
  const options = p.options ?? [];
  return {
    min: 0,
    max: Math.max(0, options.length - 1),
    step: 1,
    dtype: 'int',
    text: (i) => String(options[i] ?? ''),
    // A dot per stop while the stops are few enough to tell apart.
    ticks: options.length > 1 && options.length <= 24 ? options.length : 0,
  };
}

function frac(v, g) {
  const span = g.max - g.min;
  return span > 0 ? Math.min(1, Math.max(0, (v - g.min) / span)) : 0;
}

/** Build the inputs and value bubbles (one thumb, or two for a range). */
function build(node, ctx, kind) {
  const { p } = node;
  const thumbs = p.range ? 2 : 1;
  node.s.inputs = [];
  node.s.outs = [];
  for (let t = 0; t < thumbs; t++) {
    const input = h('input', { type: 'range', class: 'sl-input', id: t === 0 ? p.id : `${p.id}--hi` });
    const out = h('output', { class: 'sl-val', for: input.id, 'aria-hidden': 'true' });
    input.addEventListener('input', () => {
      if (thumbs === 2) keepOrder(node, t);
      show(node);
    });
    input.addEventListener('keydown', (e) => { if (e.key.startsWith('Arrow') || e.key.startsWith('Page') || e.key === 'Home' || e.key === 'End') node.s.keyHeld = true; });
    input.addEventListener('keyup', () => {
      if (!node.s.keyHeld) return;
      node.s.keyHeld = false;
      commit(node, ctx, kind.read(node));
    });
    input.addEventListener('change', () => { if (!node.s.keyHeld) commit(node, ctx, kind.read(node)); });
    input.addEventListener('pointerup', () => commit(node, ctx, kind.read(node)));
    node.s.inputs.push(input);
    node.s.outs.push(out);
  }
  node.s.control = node.s.inputs[0];
  node.s.fill = h('div', { class: 'sl-fill' });
  node.s.ticks = h('div', { class: 'sl-ticks', 'aria-hidden': 'true' });
  node.s.lo = h('span');
  node.s.hi = h('span');
  node.s.box.replaceChildren(
    h('div', { class: `sl${thumbs === 2 ? ' sl-range' : ''}` },
      h('div', { class: 'sl-track' }, node.s.fill, node.s.ticks), ...node.s.inputs, ...node.s.outs),
    h('div', { class: 'sl-ends', 'aria-hidden': 'true' }, node.s.lo, node.s.hi));
}

/** A range's low thumb never passes the high one (and the reverse). */
function keepOrder(node, moved) {
  const [a, b] = node.s.inputs;
  if (Number(a.value) <= Number(b.value)) return;
  if (moved === 0) a.value = b.value;
  else b.value = a.value;
}

/** Values shown on the thumbs, the filled track, and the accessible value text. */
function show(node) {
  const g = node.s.scale;
  const vals = node.s.inputs.map((i) => normalize(Number(i.value), g));
  const fr = vals.map((v) => frac(v, g));
  const [a, b] = vals.length === 2 ? fr : [0, fr[0]];
  node.s.fill.style.left = `${a * 100}%`;
  node.s.fill.style.right = `${(1 - b) * 100}%`;
  node.s.ticks.querySelectorAll('i').forEach((dot, k) => {
    const f = Number(dot.dataset.f);
    dot.classList.toggle('on', f >= a - 1e-9 && f <= b + 1e-9);
  });
  vals.forEach((v, t) => {
    const text = g.text(v);
    node.s.outs[t].textContent = text;
    node.s.outs[t].style.setProperty('--f', String(fr[t]));
    node.s.inputs[t].setAttribute('aria-valuetext', text);
  });
  // Where both thumbs sit at the top, the low one must stay grabbable.
  if (vals.length === 2) node.s.inputs[0].style.zIndex = fr[0] > 0.5 ? '3' : '';
}

function configure(node) {
  const g = node.s.scale;
  const label = node.s.label?.textContent ?? '';
  node.s.inputs.forEach((input, t) => {
    input.min = String(g.min);
    input.max = String(g.max);
    input.step = String(g.step);
    if (node.s.inputs.length === 2) input.setAttribute('aria-label', `${label} ${t === 0 ? 'minimum' : 'maximum'}`);
  });
  node.s.lo.textContent = g.text(g.min);
  node.s.hi.textContent = g.text(g.max);
  const dots = [];
  for (let k = 0; k < g.ticks; k++) {
    const f = k / (g.ticks - 1);
    const dot = h('i', { 'data-f': String(f) });
    dot.style.setProperty('--f', String(f));
    dots.push(dot);
  }
  node.s.ticks.replaceChildren(...dots);
}

/**
 * A slider kind over the scale `scaleOf(props)`; `shape` lists the props that change it.
 * @param {(p: Record<string, any>) => Scale} scaleOf
 * @param {string[]} shape
 */
function sliderKind(scaleOf, shape) {
  return {
    widget: true,
    create(node, p, ctx) {
      node.s.box = h('div', { class: 'sl-box' });
      node.s.ctx = ctx;
      node.s.scale = scaleOf(p);
      node.el = field(node, labelRow(node), node.s.box);
      build(node, ctx, this);
      this.update(node, p, NONE);
    },
    update(node, p, prev) {
      if (prev !== NONE && Boolean(p.range) !== Boolean(prev.range)) {
        build(node, node.s.ctx, this);
        prev = { ...prev, value: undefined, disabled: undefined };
      }
      applyCommon(node, p, prev);
      if (prev === NONE || [...shape, 'label'].some((k) => !sameValue(p[k], prev[k])) || prev.value === undefined) {
        const shown = prev === NONE ? null : this.read(node);
        node.s.scale = scaleOf(p);
        configure(node);
        if (shown !== null) this.write(node, shown);
      }
      applyValue(node, this, p, prev);
    },
    read(node) {
      const vals = node.s.inputs.map((i) => normalize(Number(i.value), node.s.scale));
      return vals.length === 2 ? vals : vals[0];
    },
    write(node, v) {
      const vals = Array.isArray(v) ? v : [v];
      node.s.inputs.forEach((input, t) => {
        const x = vals[t] ?? vals[0] ?? node.s.scale.min;
        input.value = String(x);
      });
      show(node);
    },
  };
}

/** The slider kinds, by type name. */
export const kinds = {
  slider: sliderKind(numberScale, ['min', 'max', 'step', 'format', 'dtype']),
  select_slider: sliderKind(optionScale, ['options']),
};
