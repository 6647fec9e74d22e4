// The grid's button cells (mixed into Grid.prototype by grid.js): a click of a
// st.column_config.ButtonColumn button is a `change` of the column's widget (its id is in
// the button_click_widgets prop) with {row, label}; a cell of several actions opens a menu
// of them. Enter or Space on a focused button cell does the same as a click.
import { h } from '../elements.js';
import { buttonLabel } from './cells.js';

export const buttons = {
  /** Send the click of button `label` in `col` of `row` (a keyed column has a widget). */
  clickButton(row, col, label) {
    const wid = this.node.p.button_click_widgets?.[col.name];
    if (!wid || row.added != null) return;
    this.ctx.send('change', { id: wid, v: { row: row.pos, label } });
  },

  /** A click on a button of a button cell; true when it was one. */
  buttonClick(e, row, col) {
    const single = e.target.closest('button[data-label]');
    if (single) this.clickButton(row, col, single.dataset.label);
    const menu = e.target.closest('button[data-actions]');
    if (menu) this.openActions(row, col, menu);
    return Boolean(single || menu);
  },

  /** Enter/Space on the focused cell: press its button (or open its menu); true if it had one. */
  pressButton(r, c) {
    const row = this.rowAt(r);
    const col = this.cols[c];
    const cell = this.pool.find((el) => el.dataset.r === String(r) && !el.hidden)?.querySelector(`[data-c="${c}"]`);
    const button = cell?.querySelector('button[data-label], button[data-actions]');
    if (!row || !col || !button) return false;
    if (button.dataset.label != null) this.clickButton(row, col, button.dataset.label);
    else this.openActions(row, col, button, true);
    return true;
  },

  /** The menu of a cell's actions, under its button; closes on a choice, Escape, a click
   * elsewhere or any scroll. */
  openActions(row, col, anchor, focus = false) {
    this.closeActions();
    const labels = JSON.parse(anchor.dataset.actions);
    const menu = h('div', { class: 'page-menu grid-menu', role: 'menu' });
    for (const label of labels) {
      const item = h('button', { type: 'button', role: 'menuitem' }, ...buttonLabel(label));
      item.addEventListener('click', (e) => {
        e.stopPropagation();
        this.closeActions();
        this.el.focus({ preventScroll: true });
        this.clickButton(row, col, label);
      });
      menu.append(item);
    }
    // on the page, not in the grid: the grid clips what overflows it
    const box = anchor.getBoundingClientRect();
    Object.assign(menu.style, { left: `${box.left}px`, top: `${box.bottom + 2}px` });
    const outside = (e) => { if (!menu.contains(e.target)) this.closeActions(); };
    const scrolled = () => this.closeActions();
    menu.addEventListener('keydown', (e) => {
      e.stopPropagation();
      const items = [...menu.children];
      const at = items.indexOf(document.activeElement);
      if (e.key === 'Escape') { this.closeActions(); this.el.focus({ preventScroll: true }); }
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
      }
    });
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', scrolled, true);
    this.actions = { menu, outside, scrolled };
    document.body.append(menu);
    if (focus) menu.querySelector('button')?.focus({ preventScroll: true });
  },

  closeActions() {
    if (!this.actions) return;
    document.removeEventListener('pointerdown', this.actions.outside, true);
    document.removeEventListener('scroll', this.actions.scrolled, true);
    this.actions.menu.remove();
    this.actions = null;
  },
};
