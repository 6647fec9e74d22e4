// The grid's columns (mixed into Grid.prototype by grid.js): which columns show and in what
// order (index columns, column_order, hidden and pinned columns, as Streamlit lays them out),
// their widths (configured, estimated from the first values, or dragged), the header row with
// its sort marks and column selection, and sorting by a header click.
import { h } from '../elements.js';
import { columnType } from './cells.js';

const WIDTHS = { small: 75, medium: 200, large: 400 };

/** Estimated width of a column from its header and first values. */
function autoWidth(col, rows) {
  let chars = String(col.label).length + 2;
  for (let i = 0; i < Math.min(rows.length, 50); i++) {
    const v = rows[i][col.src];
    const n = v == null ? 0 : typeof v === 'number' ? String(Number(v.toFixed?.(4) ?? v)).length : String(typeof v === 'object' ? JSON.stringify(v) : v).length;
    if (n > chars) chars = n;
  }
  return Math.max(60, Math.min(320, chars * 8 + 24));
}

export const columns = {
  layoutColumns(p) {
    const nIndex = p.index.length;
    const config = p.column_config ?? {};
    const rows = p.rows ?? p.head ?? [];
    const cols = [];
    if (!p.hide_index) {
      p.index.forEach((c, k) => {
        const conf = config._index ?? {};
        cols.push({ ...c, label: conf.label ?? c.name, src: k, index: true, pos: -1, config: conf, pinned: true });
      });
    }
    let order = p.column_order ?? p.columns.map((c) => c.name);
    for (const name of order) {
      const j = p.columns.findIndex((c) => c.name === name);
      if (j < 0) continue;
      const conf = config[name] ?? {};
      if (conf.hidden) continue;
      cols.push({ ...p.columns[j], label: conf.label ?? name, src: nIndex + j, index: false, pos: j, config: conf, pinned: Boolean(conf.pinned) });
    }
    // pinned columns first, as Streamlit draws them
    cols.sort((a, b) => Number(b.pinned) - Number(a.pinned));
    for (const col of cols) {
      const w = col.config.width;
      col.width = this.widths.get(col.label) ?? (typeof w === 'number' ? w : WIDTHS[w] ?? autoWidth(col, rows));
    }
    this.cols = cols;
    this.markers = Boolean(this.node.p.selection_mode?.some((m) => m.endsWith('row'))) || (this.editor && !this.delBtn.hidden);
    this.renderHead();
    this.applyWidths();
    for (const row of this.pool) row.remove();
    this.pool = [];
  },

  applyWidths() {
    let left = this.markers ? 36 : 0;
    const tpl = [];
    if (this.markers) tpl.push('36px');
    for (const col of this.cols) {
      col.left = col.pinned ? left : null;
      if (col.pinned) left += col.width;
      tpl.push(`${col.width}px`);
    }
    const total = tpl.reduce((s, w) => s + parseFloat(w), 0);
    this.el.style.setProperty('--cols', tpl.join(' '));
    this.el.style.setProperty('--grid-w', `${total}px`);
    this.head.querySelectorAll('[data-c]').forEach((cell) => this.pin(cell, this.cols[Number(cell.dataset.c)]));
  },

  pin(cell, col) {
    cell.classList.toggle('pinned', col.left != null);
    cell.style.left = col.left != null ? `${col.left + 0}px` : '';
  },

  renderHead() {
    this.head.textContent = '';
    if (this.markers) this.head.append(h('div', { class: 'c marker pinned', style: 'left:0' }));
    this.cols.forEach((col, c) => {
      const sortMark = h('span', { class: 'sort' });
      const resize = h('span', { class: 'resize', 'aria-hidden': 'true' });
      const cell = h('div', { class: `c hc${col.index ? ' ix' : ''} t-${columnType(col)}`, role: 'columnheader', 'data-c': String(c), title: col.config.help ?? col.label },
        h('span', { class: 'label' }, String(col.label)), sortMark, resize);
      if (col.config.help) cell.classList.add('has-help');
      cell.addEventListener('click', (e) => {
        if (e.target === resize) return;
        if (col.index) return;
        const modes = this.node.p.selection_mode ?? [];
        if (modes.some((m) => m.endsWith('column')) && !e.altKey) this.toggleColumn(col.name, modes.includes('multi-column'));
        else if (this.sortable()) this.toggleSort(col.pos);
      });
      resize.addEventListener('pointerdown', (e) => this.startResize(e, col, c));
      this.head.append(cell);
    });
    this.paintSort();
  },

  paintSort() {
    this.head.querySelectorAll('[data-c]').forEach((cell) => {
      const col = this.cols[Number(cell.dataset.c)];
      const on = this.sort && this.sort[0] === col.pos && !col.index;
      cell.querySelector('.sort').textContent = on ? (this.sort[1] ? '↑' : '↓') : '';
      cell.setAttribute('aria-sort', on ? (this.sort[1] ? 'ascending' : 'descending') : 'none');
      cell.classList.toggle('selected', this.sel.columns.includes(col.name) && !col.index);
    });
  },

  startResize(e, col, c) {
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const w0 = col.width;
    const move = (ev) => {
      col.width = Math.max(40, w0 + ev.clientX - x0);
      this.widths.set(col.label, col.width);
      this.applyWidths();
      this.paint();
    };
    const up = () => {
      removeEventListener('pointermove', move);
      removeEventListener('pointerup', up);
    };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  },

  /** Whether a header click sorts: not in an editor that adds rows (they go last), as Streamlit. */
  sortable() {
    return !(this.editor && ['dynamic', 'add'].includes(this.node.p.num_rows));
  },

  toggleSort(pos) {
    if (!this.sort || this.sort[0] !== pos) this.sort = [pos, true];
    else if (this.sort[1]) this.sort = [pos, false];
    else this.sort = null;
    this.reorder();
  },
};
