// What every widget shares: the label row (label, help, label_visibility), disabled state,
// value equality, showing a server value unless the person is editing, committing a value
// (a `change`, or a pending form value) and submitting a form.
//
// A widget kind adds to an element kind (see elements.js): `widget: true`, `read(node)` (the
// displayed wire value) and `write(node, v)` (show a wire value). node.s.committed is the last
// value the server has or was sent; node.s.control is the focusable input.
import { h, setHelp } from '../elements.js';
import { inlineMarkdown } from '../markdown.js';

/**
 * Deep equality for JSON values.
 * @param {any} a
 * @param {any} b
 * @returns {boolean}
 */
export function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameValue(a[k], b[k])) return false;
  return true;
}

/**
 * The label row of a field widget: a <label for=id> (a <span> naming a group) and its help.
 * @param {import('../render.js').Node} node
 * @param {'label'|'span'} [tag]
 * @returns {HTMLElement}
 */
export function labelRow(node, tag = 'label') {
  node.s.label = h(tag, { class: 'w-label', id: `${node.p.id}--label` });
  if (tag === 'label') node.s.label.htmlFor = String(node.p.id);
  node.s.head = h('div', { class: 'w-head' }, node.s.label);
  return node.s.head;
}

/**
 * Apply label, label_visibility, help and disabled when they changed.
 * @param {import('../render.js').Node} node
 * @param {Record<string, any>} p
 * @param {Record<string, any>} prev
 */
export function applyCommon(node, p, prev) {
  if (p.label !== prev.label && node.s.label) node.s.label.innerHTML = inlineMarkdown(p.label ?? '');
  if (p.label_visibility !== prev.label_visibility) {
    node.el.classList.toggle('lv-hidden', p.label_visibility === 'hidden');
    node.el.classList.toggle('lv-collapsed', p.label_visibility === 'collapsed');
  }
  if (p.help !== prev.help && node.s.head) setHelp(node.s.head, p.help);
  if (p.width !== prev.width) applyWidth(node.el, p.width);
  if (p.required !== prev.required) node.el.classList.toggle('required', Boolean(p.required));
  if (p.wrap !== prev.wrap) node.el.classList.toggle('nowrap', p.wrap === false);
  if (p.disabled !== prev.disabled) {
    node.el.classList.toggle('disabled', Boolean(p.disabled));
    for (const el of node.el.querySelectorAll('input, select, textarea, button, fieldset')) el.disabled = Boolean(p.disabled);
  }
}

/**
 * A widget's `width`: "stretch" (the container's width), "content" (its own) or pixels.
 * @param {HTMLElement} el
 * @param {any} width
 */
export function applyWidth(el, width) {
  el.classList.toggle('w-stretch', width === 'stretch');
  el.classList.toggle('w-content', width === 'content');
  el.style.width = typeof width === 'number' ? `${width}px` : '';
  el.style.maxWidth = typeof width === 'number' ? '100%' : '';
}

/** Whether the person is editing this widget: focus inside and a value not yet committed. */
function editing(node, kind) {
  return node.el.contains(document.activeElement) && !sameValue(kind.read(node), node.s.committed);
}

/** The `prev` props a kind's create passes to its update: nothing shown yet. */
export const NONE = Object.freeze({});

/**
 * Show a new server value unless the person is editing this very input.
 * @param {import('../render.js').Node} node
 * @param {{read: Function, write: Function}} kind
 * @param {Record<string, any>} p
 * @param {Record<string, any>} prev NONE when the widget was just created
 */
export function applyValue(node, kind, p, prev) {
  const initial = prev === NONE;
  if (!initial && sameValue(p.value, prev.value)) return;
  const keep = !initial && editing(node, kind);
  node.s.committed = p.value ?? null;
  if (!keep) kind.write(node, p.value ?? null);
}

/**
 * A committed value: sent as a `change`, or kept pending when the widget is in a form.
 * @param {import('../render.js').Node} node
 * @param {import('../render.js').Ctx} ctx
 * @param {any} v the wire value
 * @param {boolean} [always] send even if equal to the last commit (buttons)
 */
export function commit(node, ctx, v, always = false) {
  // required: an empty value is not committed; the widget says so and keeps its last value
  const refused = Boolean(node.p.required) && isEmpty(v);
  node.el.classList.toggle('invalid', refused);
  if (node.p.required) node.s.control?.setAttribute?.('aria-invalid', String(refused));
  if (refused) return;
  if (!always && sameValue(v, node.s.committed)) return;
  node.s.committed = v;
  if (node.p.form) return;
  // on_change="ignore": the value waits for the next run instead of starting one
  if (node.p.ignore_rerun) ctx.send('sync', { values: { [node.p.id]: v } });
  else ctx.send('change', { id: node.p.id, v });
}

/**
 * Send a form's `submit` with the displayed values of all its widgets.
 * @param {import('../render.js').Ctx} ctx
 * @param {string} form
 * @param {string} button the submit button's widget id
 */
export function submitForm(ctx, form, button) {
  const values = {};
  const missing = [...ctx.widgets.values()].find((node) => node.p.form === form && node.p.required
    && ctx.kinds[node.t]?.read && isEmpty(ctx.kinds[node.t].read(node)));
  if (missing) {
    // A required widget without a value: the form is not sent, and says why.
    missing.el.classList.add('invalid');
    (missing.s.control ?? missing.el).focus?.();
    return;
  }
  for (const [id, node] of ctx.widgets) {
    if (node.p.form !== form || node.t === 'form_submit_button' || node.t === 'button') continue;
    const kind = ctx.kinds[node.t];
    if (!kind?.read) continue;
    const v = kind.read(node);
    node.s.committed = v;
    values[id] = v;
  }
  ctx.send('submit', { form, button, values });
}

/**
 * Enter in an input of a form: submit with the form's first enabled submit button.
 * @param {import('../render.js').Node} node
 * @param {import('../render.js').Ctx} ctx
 * @returns {boolean} whether a submit was sent
 */
export function submitFromEnter(node, ctx) {
  if (ctx.forms.get(node.p.form)?.p.enter_to_submit === false) return false;
  const button = ctx.tree.firstSubmitButton(node.p.form);
  if (!button) return false;
  submitForm(ctx, node.p.form, button.p.id);
  return true;
}

/**
 * Reset the widgets of a form to their `default` (clear_on_submit).
 * @param {import('../render.js').Ctx} ctx
 * @param {string} form
 * @returns {Record<string, any>} the values now shown, to report with a `sync`
 */
export function resetForm(ctx, form) {
  const values = {};
  for (const [id, node] of ctx.widgets) {
    if (node.p.form !== form || !Object.hasOwn(node.p, 'default')) continue;
    const kind = ctx.kinds[node.t];
    if (!kind?.write) continue;
    const v = node.p.default ?? null;
    kind.write(node, v);
    node.s.committed = v;
    values[id] = v;
  }
  return values;
}

/**
 * The outer element of a field widget: its label row, then the control(s).
 * @param {import('../render.js').Node} node
 * @param {HTMLElement} head
 * @param {...HTMLElement} body
 * @returns {HTMLElement}
 */
export function field(node, head, ...body) {
  return h('div', { class: `w w-${node.t}` }, head, ...body);
}

/** Whether a wire value is "nothing chosen" (a required widget refuses it). */
function isEmpty(v) {
  return v == null || v === '' || (Array.isArray(v) && v.length === 0);
}
