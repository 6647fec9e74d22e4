// st.selectbox: a drop-down list whose box shows the chosen option. Typing in the box filters
// the list under the widget's `filter_mode` (none: the box takes no typing); with
// `accept_new_options` a typed text that is not an option is offered too, and sent as text.
// The wire value is an option index, a new option's text, or null.
import { h } from '../elements.js';
import { NONE, applyCommon, applyValue, commit, field, labelRow, sameValue } from './base.js';
import { iconEl } from './buttons.js';
import { filterOptions } from './option_filter.js';

/** The `filter_mode` in effect: the server always sends one; "fuzzy" is Streamlit's default. */
const modeOf = (p) => (p.filter_mode === undefined ? 'fuzzy' : p.filter_mode);

export const selectKind = {
  widget: true,
  create(node, p, ctx) {
    const listId = `${p.id}--list`;
    const input = h('input', {
      id: p.id, class: 'input select', type: 'text', role: 'combobox', autocomplete: 'off',
      spellcheck: 'false', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    });
    const list = h('ul', { id: listId, class: 'ms-list', role: 'listbox', hidden: true });
    const box = h('div', { class: 'input-box select-box' }, input);
    const icon = iconEl(p.icon);
    if (icon) box.prepend(icon);
    // value: the wire value shown; typed: the text typed since the list opened (null: none)
    Object.assign(node.s, { control: input, list, value: null, typed: null, open: false, active: 0 });
    node.el = field(node, labelRow(node), box, list);
    this.wire(node, ctx);
    this.update(node, p, NONE);
  },
  wire(node, ctx) {
    const { control: input, list } = node.s;
    node.s.pick = (v) => {
      node.s.value = v;
      this.setOpen(node, false);
      commit(node, ctx, v);
    };
    input.addEventListener('mousedown', () => {
      if (!node.p.disabled) this.setOpen(node, !node.s.open);
    });
    input.addEventListener('blur', () => this.setOpen(node, false));
    input.addEventListener('input', () => {
      node.s.open = !node.p.disabled;
      node.s.typed = input.value;
      node.s.active = 0;
      this.render(node);
    });
    input.addEventListener('keydown', (e) => this.key(node, e));
    list.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
    list.addEventListener('click', (e) => {
      const li = e.target.closest('li[data-i], li[data-new]');
      if (li) node.s.pick(li.dataset.new !== undefined ? li.dataset.new : Number(li.dataset.i));
    });
  },
  key(node, e) {
    const items = this.items(node);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!node.s.open) return this.setOpen(node, true);
      const d = e.key === 'ArrowDown' ? 1 : -1;
      node.s.active = Math.max(0, Math.min(items.length - 1, node.s.active + d));
      this.render(node);
    } else if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      if (node.p.accept_new_options && node.s.typed !== null && !node.s.typed.trim()) {
        node.s.pick(null); // the text was cleared: nothing chosen
      } else if (node.s.open && items.length) {
        node.s.pick(items[Math.min(node.s.active, items.length - 1)]);
      } else if (!node.s.open) {
        this.setOpen(node, true);
      }
    } else if (e.key === 'Escape' && node.s.open) {
      e.preventDefault();
      this.setOpen(node, false);
    }
    return undefined;
  },
  setOpen(node, open) {
    node.s.open = open && !node.p.disabled;
    node.s.typed = null; // opening shows every option; closing shows the chosen one again
    const items = node.s.open ? this.items(node) : [];
    node.s.active = Math.max(0, items.indexOf(node.s.value));
    this.render(node);
  },
  /** What the open list offers: matching option indices, then a typed new option's text. */
  items(node) {
    const p = node.p;
    const options = p.options ?? [];
    const typed = node.s.typed ?? '';
    const shown = filterOptions(options, typed, modeOf(p));
    const text = typed.trim();
    if (p.accept_new_options && text && !options.map(String).includes(text)) return [...shown, text];
    return shown;
  },
  render(node) {
    const { control: input, list } = node.s;
    const p = node.p;
    const options = p.options ?? [];
    const v = node.s.value;
    const text = node.s.typed ?? (typeof v === 'string' ? v : (v === null ? '' : String(options[v])));
    if (input.value !== text) input.value = text;
    input.placeholder = p.placeholder || (p.accept_new_options ? 'Choose or add an option' : 'Choose an option');
    input.readOnly = modeOf(p) === null && !p.accept_new_options;
    const items = node.s.open ? this.items(node) : [];
    const rows = items.map((it, k) => {
      const isNew = typeof it === 'string';
      return h('li', {
        id: `${p.id}--opt-${k}`, role: 'option', 'aria-selected': String(it === v),
        'data-i': isNew ? null : String(it), 'data-new': isNew ? it : null,
        class: [k === node.s.active ? 'active' : '', it === v ? 'chosen' : ''].join(' ').trim() || null,
        text: isNew ? `Add: ${it}` : String(options[it]),
      });
    });
    if (node.s.open && !rows.length) {
      rows.push(h('li', { class: 'ms-note', text: options.length ? 'No results' : 'No options to select' }));
    }
    list.replaceChildren(...rows);
    list.hidden = !node.s.open;
    input.setAttribute('aria-expanded', String(node.s.open));
    if (node.s.open && items.length) input.setAttribute('aria-activedescendant', `${p.id}--opt-${node.s.active}`);
    else input.removeAttribute('aria-activedescendant');
    list.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  },
  update(node, p, prev) {
    applyCommon(node, p, prev);
    const changed = !sameValue(p.options, prev.options) || p.placeholder !== prev.placeholder
      || p.filter_mode !== prev.filter_mode || p.accept_new_options !== prev.accept_new_options;
    if (changed && prev !== NONE) this.write(node, node.s.value);
    applyValue(node, this, p, prev);
  },
  read: (node) => node.s.value,
  write(node, v) {
    const n = (node.p.options ?? []).length;
    const ok = (Number.isInteger(v) && v >= 0 && v < n) || (typeof v === 'string' && node.p.accept_new_options);
    node.s.value = ok ? v : null;
    node.s.typed = null;
    this.render(node);
  },
};
