// Widgets that commit at once: checkbox, toggle, radio, multiselect (and the selectbox of
// selectbox.js). Choices travel as option indices (or, for options typed in, as text). Buttons
// are in buttons.js.
import { h } from '../elements.js';
import { inlineMarkdown } from '../markdown.js';
import { NONE, applyCommon, applyValue, commit, field, labelRow, sameValue } from './base.js';
import { filterOptions } from './option_filter.js';
import { selectKind } from './selectbox.js';

// ------------------------------------------------------------------------------ checkbox, toggle
function checkKind(isToggle) {
  return {
    widget: true,
    create(node, p, ctx) {
      const input = h('input', { id: p.id, type: 'checkbox', class: isToggle ? 'switch' : 'checkbox' });
      if (isToggle) input.setAttribute('role', 'switch');
      node.s.control = input;
      node.s.label = h('span', { class: 'w-label' });
      node.el = h('div', { class: `w w-${node.t}` }, h('label', { class: 'check' }, input, node.s.label));
      node.s.head = node.el;
      input.addEventListener('change', () => commit(node, ctx, input.checked));
      this.update(node, p, NONE);
    },
    update(node, p, prev) {
      applyCommon(node, p, prev);
      applyValue(node, this, p, prev);
    },
    read: (node) => node.s.control.checked,
    write(node, v) {
      node.s.control.checked = Boolean(v);
    },
  };
}

// ------------------------------------------------------------------------------ radio
const radioKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.group = h('div', { id: p.id, class: 'radio-group', role: 'radiogroup', 'aria-labelledby': `${p.id}--label` });
    node.el = field(node, labelRow(node, 'span'), node.s.group);
    node.s.group.addEventListener('change', () => commit(node, ctx, this.read(node)));
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    const g = node.s.group;
    if (!sameValue(p.options, prev.options) || !sameValue(p.captions, prev.captions)) {
      const shown = prev === NONE ? null : this.read(node);
      const caps = p.captions ?? [];
      g.replaceChildren(...(p.options ?? []).map((o, i) => h('label', { class: 'check radio' },
        h('input', { type: 'radio', name: p.id, value: String(i), id: `${p.id}--${i}`, disabled: Boolean(p.disabled) }),
        h('span', { class: 'opt-text' },
          h('span', { class: 'opt-label', html: inlineMarkdown(String(o)) }),
          caps[i] ? h('span', { class: 'opt-caption', html: inlineMarkdown(String(caps[i])) }) : null))));
      if (prev !== NONE) this.write(node, shown);
    }
    g.classList.toggle('horizontal', Boolean(p.horizontal));
    applyCommon(node, p, prev);
    applyValue(node, this, p, prev);
  },
  read(node) {
    const checked = node.s.group.querySelector('input:checked');
    return checked ? Number(checked.value) : null;
  },
  write(node, v) {
    for (const input of node.s.group.querySelectorAll('input')) input.checked = Number(input.value) === v;
  },
};

// ------------------------------------------------------------------------------ multiselect
const multiKind = {
  widget: true,
  create(node, p, ctx) {
    const listId = `${p.id}--list`;
    const input = h('input', {
      id: p.id, class: 'ms-input', type: 'text', role: 'combobox', autocomplete: 'off',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    });
    const chips = h('div', { class: 'ms-chips' });
    const clear = h('button', { type: 'button', class: 'ms-clear', 'aria-label': 'Clear all', title: 'Clear all' }, '×');
    const list = h('ul', { id: listId, class: 'ms-list', role: 'listbox', 'aria-multiselectable': 'true', hidden: true });
    const box = h('div', { class: 'input-box ms' }, chips, input, clear);
    Object.assign(node.s, { control: input, chips, clear, list, sel: [], active: 0, open: false });
    node.el = field(node, labelRow(node), box, list);
    this.wire(node, ctx);
    this.update(node, p, NONE);
  },
  wire(node, ctx) {
    const { control: input, chips, clear, list } = node.s;
    const change = (sel) => {
      node.s.sel = sel;
      this.render(node);
      commit(node, ctx, sel.slice());
    };
    node.s.add = (i) => {
      const max = node.p.max_selections;
      if (node.s.sel.includes(i) || (max && node.s.sel.length >= max)) return;
      input.value = '';
      change([...node.s.sel, i]);
    };
    node.s.remove = (i) => change(node.s.sel.filter((x) => x !== i));
    node.s.addAll = (items) => {
      const max = node.p.max_selections;
      const room = max ? Math.max(0, max - node.s.sel.length) : items.length;
      input.value = '';
      change([...node.s.sel, ...items.slice(0, room)]);
    };
    node.el.querySelector('.ms').addEventListener('mousedown', (e) => {
      if (node.p.disabled) return;
      // A chip's × or "clear all" must not take the focus: the input's blur would rebuild
      // the chips between mousedown and mouseup, and the click would be lost.
      e.preventDefault();
      if (e.target.closest('button')) return;
      input.focus();
      this.setOpen(node, true);
    });
    chips.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-k]');
      if (b) node.s.remove(node.s.sel[Number(b.dataset.k)]);
    });
    clear.addEventListener('click', () => change([]));
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      if (e.target.closest('li.ms-all')) {
        node.s.addAll(this.visible(node));
        return;
      }
      const li = e.target.closest('li[data-i]');
      if (li) node.s.add(Number(li.dataset.i));
    });
    input.addEventListener('focus', () => this.setOpen(node, true));
    input.addEventListener('blur', () => this.setOpen(node, false));
    input.addEventListener('input', () => {
      node.s.active = 0;
      this.setOpen(node, true);
    });
    input.addEventListener('keydown', (e) => this.key(node, e));
  },
  key(node, e) {
    const { control: input, sel } = node.s;
    const shown = this.visible(node);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!node.s.open) return this.setOpen(node, true);
      const d = e.key === 'ArrowDown' ? 1 : -1;
      node.s.active = Math.max(0, Math.min(shown.length - 1, node.s.active + d));
      this.render(node);
    } else if (e.key === 'Enter' && node.s.open && shown.length) {
      e.preventDefault();
      node.s.add(shown[Math.min(node.s.active, shown.length - 1)]);
    } else if (e.key === 'Enter' && node.p.accept_new_options && input.value.trim()) {
      e.preventDefault();
      node.s.add(input.value.trim()); // a new option, sent as its text
    } else if (e.key === 'Escape' && node.s.open) {
      e.preventDefault();
      this.setOpen(node, false);
    } else if (e.key === 'Backspace' && input.value === '' && sel.length) {
      node.s.remove(sel[sel.length - 1]);
    }
    return undefined;
  },
  setOpen(node, open) {
    node.s.open = open && !node.p.disabled;
    if (!open) node.s.active = 0;
    this.render(node);
  },
  /** Option indices offered in the list: not selected, matching the typed filter. */
  visible(node) {
    const mode = node.p.filter_mode === undefined ? 'fuzzy' : node.p.filter_mode;
    return filterOptions(node.p.options ?? [], node.s.control.value, mode, (i) => node.s.sel.includes(i));
  },
  render(node) {
    const { control: input, chips, clear, list, sel } = node.s;
    const options = node.p.options ?? [];
    const off = Boolean(node.p.disabled);
    const name = (i) => (typeof i === 'string' ? i : String(options[i]));
    chips.replaceChildren(...sel.map((i, k) => h('span', { class: 'chip' },
      h('span', { class: 'chip-label', text: name(i) }),
      h('button', { type: 'button', 'data-k': String(k), 'aria-label': `Remove ${name(i)}`, disabled: off }, '×'))));
    input.readOnly = node.p.filter_mode === null && !node.p.accept_new_options;
    clear.hidden = sel.length === 0;
    input.placeholder = sel.length ? '' : (node.p.placeholder || 'Choose options');
    const max = node.p.max_selections;
    const shown = this.visible(node);
    let items;
    if (max && sel.length >= max) {
      items = [h('li', { class: 'ms-note', text: `You can only select up to ${max} option${max === 1 ? '' : 's'}. Remove an option first.` })];
    } else if (!shown.length) {
      items = [h('li', { class: 'ms-note', text: options.length ? 'No results' : 'No options to select' })];
    } else {
      items = shown.map((i, k) => h('li', {
        id: `${node.p.id}--opt-${i}`, role: 'option', 'data-i': String(i), 'aria-selected': 'false',
        class: k === node.s.active ? 'active' : null, text: String(options[i]),
      }));
      if (node.p.select_all && shown.length > 1) {
        items.unshift(h('li', { class: 'ms-all', role: 'option', 'aria-selected': 'false', text: 'Select all' }));
      }
    }
    list.replaceChildren(...items);
    list.hidden = !node.s.open;
    input.setAttribute('aria-expanded', String(node.s.open));
    const active = node.s.open && shown.length && !(max && sel.length >= max) ? `${node.p.id}--opt-${shown[node.s.active]}` : null;
    if (active) input.setAttribute('aria-activedescendant', active);
    else input.removeAttribute('aria-activedescendant');
    list.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  },
  update(node, p, prev) {
    applyCommon(node, p, prev);
    applyValue(node, this, p, prev);
    if (!sameValue(p.options, prev.options) || p.placeholder !== prev.placeholder || p.disabled !== prev.disabled) {
      this.render(node);
    }
  },
  read: (node) => node.s.sel.slice(),
  write(node, v) {
    const n = (node.p.options ?? []).length;
    node.s.sel = (Array.isArray(v) ? v : []).filter((i) => (Number.isInteger(i) && i >= 0 && i < n) || typeof i === 'string');
    this.render(node);
  },
};

/** Widget kinds that commit at once, by type name. */
export const kinds = {
  checkbox: checkKind(false),
  toggle: checkKind(true),
  selectbox: selectKind,
  radio: radioKind,
  multiselect: multiKind,
};
