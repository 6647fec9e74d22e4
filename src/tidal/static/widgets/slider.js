// The slider: one native range input, or two overlaid for a range (`[lo, hi]`), so mouse,
// touch and keyboard all work natively. Shows the value while dragging; commits on release
// (pointer up, key up, or the input's change event), once per distinct value.
import { h } from '../elements.js';
import { formatNumber, normalize } from '../format.js';
import { NONE, applyCommon, applyValue, commit, field, labelRow, sameValue } from './base.js';

function stepOf(p) {
  return p.step ?? (p.dtype === 'int' ? 1 : 0.01);
}

function frac(v, p) {
  const span = (p.max ?? 100) - (p.min ?? 0);
  return span > 0 ? Math.min(1, Math.max(0, (v - (p.min ?? 0)) / span)) : 0;
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
  node.s.lo = h('span');
  node.s.hi = h('span');
  node.s.box.replaceChildren(
    h('div', { class: `sl${thumbs === 2 ? ' sl-range' : ''}` },
      h('div', { class: 'sl-track' }, node.s.fill), ...node.s.inputs, ...node.s.outs),
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
  const { p } = node;
  const vals = node.s.inputs.map((i) => normalize(Number(i.value), p));
  const fr = vals.map((v) => frac(v, p));
  const [a, b] = vals.length === 2 ? fr : [0, fr[0]];
  node.s.fill.style.left = `${a * 100}%`;
  node.s.fill.style.right = `${(1 - b) * 100}%`;
  vals.forEach((v, t) => {
    const text = formatNumber(v, p);
    node.s.outs[t].textContent = text;
    node.s.outs[t].style.setProperty('--f', String(fr[t]));
    node.s.inputs[t].setAttribute('aria-valuetext', text);
  });
  // Where both thumbs sit at the top, the low one must stay grabbable.
  if (vals.length === 2) node.s.inputs[0].style.zIndex = fr[0] > 0.5 ? '3' : '';
}

function configure(node) {
  const { p } = node;
  const label = node.s.label?.textContent ?? '';
  node.s.inputs.forEach((input, t) => {
    input.min = String(p.min ?? 0);
    input.max = String(p.max ?? 100);
    input.step = String(stepOf(p));
    if (node.s.inputs.length === 2) input.setAttribute('aria-label', `${label} ${t === 0 ? 'minimum' : 'maximum'}`);
  });
  node.s.lo.textContent = formatNumber(p.min ?? 0, p);
  node.s.hi.textContent = formatNumber(p.max ?? 100, p);
}

const sliderKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.box = h('div', { class: 'sl-box' });
    node.s.ctx = ctx;
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
    const shape = ['min', 'max', 'step', 'format', 'dtype', 'label'];
    if (prev === NONE || shape.some((k) => !sameValue(p[k], prev[k])) || prev.value === undefined) {
      const shown = prev === NONE ? null : this.read(node);
      configure(node);
      if (shown !== null) this.write(node, shown);
    }
    applyValue(node, this, p, prev);
  },
  read(node) {
    const vals = node.s.inputs.map((i) => normalize(Number(i.value), node.p));
    return vals.length === 2 ? vals : vals[0];
  },
  write(node, v) {
    const vals = Array.isArray(v) ? v : [v];
    node.s.inputs.forEach((input, t) => {
      const x = vals[t] ?? vals[0] ?? node.p.min ?? 0;
      input.value = String(x);
    });
    show(node);
  },
};

/** The slider kind, by type name. */
export const sliderKinds = { slider: sliderKind };
