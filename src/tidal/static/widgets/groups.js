// Button-like widgets: pills, segmented controls and feedback (rows of toggle buttons whose value
// is an option index, or a list of them in multi mode), the menu button (a button opening a list
// of options; choosing one is a trigger), pagination (page numbers) and the link button (an
// anchor that opens its URL in a new tab, and reruns too when the app asked for it).
import { h } from '../elements.js';
import { inlineMarkdown } from '../markdown.js';
import { NONE, applyCommon, applyValue, applyWidth, commit, field, labelRow, sameValue } from './base.js';
import { dressButton, iconEl, pressable } from './buttons.js';

// ------------------------------------------------------------------------------ button groups
/** The content of one option button: an icon for feedback, else the option's Markdown label. */
function optionContent(p, i, label) {
  if (p.icons) return iconEl(p.icons[i]) ?? h('span', { text: label });
  const icon = /^:material\/[a-z0-9_]+:/.exec(label);
  const rest = icon ? label.slice(icon[0].length).trim() : label;
  const span = h('span', { class: 'bg-label', html: inlineMarkdown(rest) });
  return icon ? h('span', { class: 'bg-inner' }, iconEl(icon[0]), span) : span;
}

const groupKind = {
  widget: true,
  create(node, p, ctx) {
    const style = p.style ?? 'pills';
    node.s.group = h('div', {
      id: p.id, class: `bg bg-${style}`, role: p.multi ? 'group' : 'radiogroup',
      'aria-labelledby': `${p.id}--label`,
    });
    node.s.sel = [];
    const head = labelRow(node, 'span');
    node.el = field(node, head, node.s.group);
    if (node.t === 'feedback') node.s.group.setAttribute('aria-label', `${style} feedback`);
    node.s.group.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-i]');
      if (!b || node.p.disabled) return;
      const i = Number(b.dataset.i);
      let sel;
      if (node.p.multi) sel = node.s.sel.includes(i) ? node.s.sel.filter((x) => x !== i) : [...node.s.sel, i].sort((a, b2) => a - b2);
      else sel = node.s.sel[0] === i && !node.p.required ? [] : [i];
      if (node.p.required && !sel.length) return;
      node.s.sel = sel;
      this.show(node);
      commit(node, ctx, this.read(node));
    });
    node.s.group.addEventListener('keydown', (e) => {
      // arrows move the focus along the row, as in a toolbar
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const buttons = [...node.s.group.querySelectorAll('button')];
      const at = buttons.indexOf(/** @type {any} */ (document.activeElement));
      const next = buttons[(at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
      next?.focus();
      e.preventDefault();
    });
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    if (!sameValue(p.options, prev.options) || !sameValue(p.icons, prev.icons) || p.style !== prev.style) {
      node.s.group.replaceChildren(...(p.options ?? []).map((o, i) => h('button', {
        type: 'button', class: 'bg-opt', 'data-i': String(i),
        'aria-label': p.icons ? `${p.style} ${i + 1}` : null,
      }, optionContent(p, i, String(o)))));
      if (prev !== NONE) this.show(node);
    }
    node.s.group.classList.toggle('nowrap', p.wrap === false);
    applyCommon(node, p, prev);
    applyValue(node, this, p, prev);
  },
  /** Mark the chosen buttons (for stars: every star up to the chosen one). */
  show(node) {
    const stars = node.p.style === 'stars';
    const top = node.s.sel.length ? Math.max(...node.s.sel) : -1;
    node.s.group.querySelectorAll('button').forEach((b, i) => {
      const on = node.s.sel.includes(i);
      b.classList.toggle('on', on);
      b.classList.toggle('lit', stars && i <= top);
      b.setAttribute('aria-pressed', String(on));
      b.disabled = Boolean(node.p.disabled);
    });
  },
  read(node) {
    return node.p.multi ? node.s.sel.slice() : (node.s.sel[0] ?? null);
  },
  write(node, v) {
    const n = (node.p.options ?? []).length;
    const items = Array.isArray(v) ? v : (v == null ? [] : [v]);
    node.s.sel = items.filter((i) => Number.isInteger(i) && i >= 0 && i < n);
    this.show(node);
  },
};

// ------------------------------------------------------------------------------ menu button
const menuKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.label = h('span', { class: 'btn-label' });
    const caret = iconEl(':material/expand_more:');
    node.s.control = h('div', {
      id: p.id, role: 'button', tabindex: '0', class: 'btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    }, node.s.label, caret);
    node.s.menu = h('div', { class: 'menu-list', role: 'menu', hidden: true });
    node.el = h('div', { class: `w w-${node.t} menu-wrap` }, node.s.control, node.s.menu);
    const open = (yes) => {
      node.s.menu.hidden = !yes;
      node.s.control.setAttribute('aria-expanded', String(yes));
      if (yes) node.s.menu.querySelector('button')?.focus();
    };
    node.s.open = open;
    pressable(node.s.control, () => open(node.s.menu.hidden));
    node.s.menu.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-i]');
      if (!b) return;
      open(false);
      node.s.control.focus();
      commit(node, ctx, Number(b.dataset.i), true);
    });
    node.s.menu.addEventListener('keydown', (e) => {
      const items = [...node.s.menu.querySelectorAll('button')];
      const at = items.indexOf(/** @type {any} */ (document.activeElement));
      if (e.key === 'Escape') {
        open(false);
        node.s.control.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
      } else return;
      e.preventDefault();
    });
    node.s.outside = (e) => {
      if (!node.el.contains(e.target)) open(false);
    };
    document.addEventListener('pointerdown', node.s.outside);
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    applyCommon(node, p, prev);
    dressButton(node, p, prev, () => node.s.open(true));
    if (!sameValue(p.options, prev.options)) {
      node.s.menu.replaceChildren(...(p.options ?? []).map((o, i) => h('button', {
        type: 'button', role: 'menuitem', class: 'menu-item', 'data-i': String(i), html: inlineMarkdown(String(o)),
      })));
    }
  },
  destroy(node) {
    document.removeEventListener('pointerdown', node.s.outside);
    node.s.unshortcut?.();
  },
};

// ------------------------------------------------------------------------------ pagination
/** The page numbers to show, with null for a gap (an ellipsis): all of them when they fit in
 * `max`, else the first, the last and a window around the current page; `max` 0 shows none,
 * 1 the current page, 2 the current (or first) page and the last. */
export function pageWindow(current, count, max) {
  if (count <= max) return Array.from({ length: count }, (_, i) => i + 1);
  if (max <= 0) return [];
  if (max === 1) return [current];
  if (max === 2) {
    if (current === count) return [1, null, count];
    return [current, ...(current < count - 1 ? [null] : []), count];
  }
  const inner = Math.max(1, max - 2); // room beside the first and the last page
  let lo = Math.max(2, current - Math.floor((inner - 1) / 2));
  const hi = Math.min(count - 1, lo + inner - 1);
  lo = Math.max(2, hi - inner + 1);
  return [1, ...(lo > 2 ? [null] : []), ...Array.from({ length: hi - lo + 1 }, (_, i) => lo + i),
    ...(hi < count - 1 ? [null] : []), count];
}

const pageKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.nav = h('nav', { id: p.id, class: 'pager', 'aria-label': 'Pagination' });
    node.el = h('div', { class: `w w-${node.t}` }, node.s.nav);
    node.s.page = p.value ?? 1;
    node.s.nav.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-page]');
      if (!b || b.disabled || node.p.disabled) return;
      node.s.page = Number(b.dataset.page);
      this.draw(node);
      commit(node, ctx, node.s.page);
      node.s.nav.querySelector(`button[data-page="${node.s.page}"][aria-current]`)?.focus();
    });
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    if (p.width !== prev.width) applyWidth(node.el, p.width);
    node.el.classList.toggle('disabled', Boolean(p.disabled));
    applyValue(node, this, p, prev);
    if (prev === NONE || p.num_pages !== prev.num_pages || p.max_visible_pages !== prev.max_visible_pages || p.disabled !== prev.disabled) this.draw(node);
  },
  draw(node) {
    const { num_pages: count, max_visible_pages: max, disabled } = node.p;
    const cur = node.s.page;
    const arrow = (page, icon, label) => h('button', {
      type: 'button', class: 'pg-arrow', 'data-page': String(page), 'aria-label': label,
      disabled: Boolean(disabled) || page < 1 || page > count,
    }, iconEl(icon));
    node.s.nav.replaceChildren(
      arrow(cur - 1, ':material/chevron_left:', 'Previous page'),
      ...pageWindow(cur, count, max ?? 7).map((n) => (n === null
        ? h('span', { class: 'pg-gap', 'aria-hidden': 'true', text: '…' })
        : h('button', {
          type: 'button', class: `pg-num${n === cur ? ' on' : ''}`, 'data-page': String(n),
          'aria-current': n === cur ? 'page' : null, 'aria-label': `Page ${n}`, disabled: Boolean(disabled), text: String(n),
        }))),
      arrow(cur + 1, ':material/chevron_right:', 'Next page'),
    );
  },
  read: (node) => node.s.page,
  write(node, v) {
    node.s.page = Number.isInteger(v) ? v : 1;
    if (node.s.nav.childElementCount) this.draw(node);
  },
};

// ------------------------------------------------------------------------------ link button
const linkKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.label = h('span', { class: 'btn-label' });
    node.s.control = h('a', { class: 'btn', target: '_blank', rel: 'noopener noreferrer' }, node.s.label);
    if (p.id) node.s.control.id = p.id;
    node.el = h('div', { class: `w w-${node.t}` }, node.s.control);
    node.s.control.addEventListener('click', (e) => {
      if (node.p.disabled) {
        e.preventDefault();
        return;
      }
      if (node.p.id && node.p.rerun) commit(node, ctx, true, true);
    });
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    applyCommon(node, p, prev);
    const a = node.s.control;
    dressButton(node, p, prev, () => a.click());
    a.href = p.disabled ? '' : p.url;
    if (p.disabled) a.removeAttribute('href');
    a.removeAttribute('tabindex');
    if (p.disabled) a.tabIndex = -1;
  },
  destroy(node) {
    node.s.unshortcut?.();
  },
};

/** The button-like widget kinds, by type name. */
export const kinds = {
  pills: groupKind,
  segmented_control: groupKind,
  feedback: groupKind,
  menu_button: menuKind,
  pagination: pageKind,
  link_button: linkKind,
};
