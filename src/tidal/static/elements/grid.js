// The data grid of st.dataframe and st.data_editor: a lean virtual grid. Only the rows in
// view are in the DOM; the frame stays on the server, which sends the window of rows the grid
// asks for (`rows` request, plus a margin) and sorts or searches the whole frame. A fixed
// header, pinned index columns, column resizing, keyboard focus, copy of a range as TSV,
// selections (rows, columns, cells) and, for the editor, cell edits, added and deleted rows.
// Very tall frames (over MAX_PX of rows) scroll through a scaled scrollbar.
//
// Rows on demand are in grid_rows.js, columns and the header in grid_columns.js, input
// (clicks, selections, keys, copy) in grid_input.js, editing in grid_edit.js, button cells
// (st.column_config.ButtonColumn) in grid_buttons.js.
//
// Why hand-written and not AG Grid Community: its infinite row model maps well onto rows on
// demand, but the library is ~1 MB minified, more than this page's whole budget before the
// first rows (issue 9: < 1 MB); this grid is ~30 KB unminified and needs nothing else.
import { h } from '../elements.js';
import { onReply } from '../replies.js';
import { sameValue } from '../widgets/base.js';
import { renderCell } from './cells.js';
import { buttons } from './grid_buttons.js';
import { columns } from './grid_columns.js';
import { editing } from './grid_edit.js';
import { input } from './grid_input.js';
import { rows } from './grid_rows.js';

const ROW_H = 35;
const AUTO_ROWS = 10;
const MAX_PX = 4_000_000;

export class Grid {
  /**
   * @param {any} node the tree node (node.p are its props)
   * @param {any} ctx
   * @param {boolean} editor whether this is a data editor
   */
  constructor(node, ctx, editor) {
    this.node = node;
    this.ctx = ctx;
    this.editor = editor;
    this.sort = null; // [column position, ascending]
    this.search = '';
    this.version = 0;
    this.minReq = 0;
    this.inflight = null;
    this.cache = new Map();
    this.total = 0;
    this.focus = null; // {r, c}: view row, visible column
    this.anchor = null;
    this.sel = { rows: [], columns: [], cells: [] };
    this.edits = { edited_rows: {}, added_rows: [], deleted_rows: [] };
    this.widths = new Map();
    this.pool = [];
    this.unlisten = null;
    this.build();
  }

  // ------------------------------------------------------------------ DOM
  build() {
    this.searchBox = h('input', { class: 'grid-search input', type: 'search', placeholder: 'Search', 'aria-label': 'Search the table', hidden: true });
    this.count = h('span', { class: 'grid-count' });
    this.searchBtn = h('button', { type: 'button', class: 'grid-btn', title: 'Search', 'aria-label': 'Search' }, '⌕');
    this.addBtn = h('button', { type: 'button', class: 'grid-btn grid-add', hidden: true }, '+ Add row');
    this.delBtn = h('button', { type: 'button', class: 'grid-btn grid-del', hidden: true, disabled: true }, 'Delete rows');
    this.bar = h('div', { class: 'grid-bar' }, this.count, this.searchBox, this.addBtn, this.delBtn, this.searchBtn);
    this.head = h('div', { class: 'grid-head grid-row', role: 'row' });
    this.body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.spacer = h('div', { class: 'grid-spacer' });
    this.scroller = h('div', { class: 'grid-scroll' }, this.head, this.body, this.spacer);
    this.el = h('div', { class: 'grid', tabindex: '0', role: 'grid' }, this.bar, this.scroller);
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.searchBtn.addEventListener('click', () => {
      this.searchBox.hidden = !this.searchBox.hidden;
      if (!this.searchBox.hidden) this.searchBox.focus();
      else if (this.search) this.setSearch('');
    });
    let timer = 0;
    this.searchBox.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.setSearch(this.searchBox.value), 250);
    });
    this.searchBox.addEventListener('keydown', (e) => e.stopPropagation());
    this.addBtn.addEventListener('click', () => this.addRow());
    this.delBtn.addEventListener('click', () => this.deleteSelected());
    this.el.addEventListener('keydown', (e) => this.key(e));
    this.el.addEventListener('copy', (e) => this.copy(e));
    this.body.addEventListener('click', (e) => this.click(e));
    this.body.addEventListener('dblclick', (e) => {
      const at = this.cellAt(e.target);
      if (at) this.openEditor(at.r, at.c);
    });
  }

  // ------------------------------------------------------------------ props
  /** New props from the server (the first ones included). */
  update(p, prev) {
    if (this.editor) {
      const dyn = p.num_rows;
      this.addBtn.hidden = p.disabled || !(dyn === 'dynamic' || dyn === 'add');
      this.delBtn.hidden = p.disabled || !(dyn === 'dynamic' || dyn === 'delete');
    }
    const dataChanged = p.data !== prev.data;
    if (dataChanged) {
      this.unlisten?.();
      this.unlisten = onReply('rows', p.data, (msg) => this.receive(msg));
      this.sort = null;
      this.search = '';
      this.searchBox.value = '';
      this.resetRows(p);
    }
    if (dataChanged || p.columns !== prev.columns || p.column_config !== prev.column_config
        || p.column_order !== prev.column_order || p.hide_index !== prev.hide_index) this.layoutColumns(p);
    this.rowH = p.row_height ?? ROW_H;
    this.el.style.setProperty('--row-h', `${this.rowH}px`);
    this.el.classList.toggle('w-content', p.width === 'content');
    if (typeof p.width === 'number') this.el.style.width = `${p.width}px`;
    if (dataChanged) this.paint(); // the first rows at once, not at the next frame
    else this.schedule();
  }

  // ------------------------------------------------------------------ order
  setSearch(text) {
    this.search = text.trim();
    this.reorder();
  }

  reorder() {
    this.paintSort();
    const plain = !this.sort && !this.search;
    if (plain && this.whole) {
      this.resetRows(this.node.p);
    } else {
      this.dropRows();
      if (plain && this.node.p.head) this.resetRows(this.node.p);
    }
    this.scroller.scrollTop = 0;
    this.focus = null;
    this.schedule();
  }

  // ------------------------------------------------------------------ painting
  schedule() {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.paint();
    });
  }

  sizes() {
    const total = this.viewTotal();
    const rh = this.rowH;
    const p = this.node.p;
    let bodyH;
    if (typeof p.height === 'number') bodyH = Math.max(rh, p.height - rh - 2);
    else if (p.height === 'stretch') bodyH = 400;
    else if (p.height === 'content') bodyH = Math.max(total, 1) * rh;
    else bodyH = Math.min(Math.max(total, 1), AUTO_ROWS) * rh;
    const content = total * rh;
    const virtual = Math.min(content, MAX_PX);
    return { total, rh, bodyH, content, virtual };
  }

  paint() {
    if (!this.cols) return;
    const { total, rh, bodyH, content, virtual } = this.sizes();
    this.body.style.height = `${bodyH}px`;
    this.scroller.style.height = `${bodyH + rh}px`;
    this.spacer.style.height = `${Math.max(0, virtual - bodyH)}px`;
    const maxTop = Math.max(1, virtual - bodyH);
    const top = Math.min(this.scroller.scrollTop, maxTop);
    const exact = content > virtual ? (top / maxTop) * Math.max(0, content - bodyH) : top;
    const first = Math.floor(exact / rh);
    const offset = exact - first * rh;
    const n = Math.min(Math.ceil((bodyH + offset) / rh) + 1, Math.max(total - first, 0));
    this.firstRow = first;
    while (this.pool.length < n) {
      const row = h('div', { class: 'grid-row', role: 'row' });
      this.body.append(row);
      this.pool.push(row);
    }
    const p = this.node.p;
    let missingLo = -1;
    let missingHi = -1;
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k];
      if (k >= n) { el.hidden = true; continue; }
      el.hidden = false;
      const r = first + k;
      el.style.transform = `translateY(${k * rh - offset}px)`;
      const row = this.rowAt(r);
      if (!row && r < this.baseCount()) {
        if (missingLo < 0) missingLo = r;
        missingHi = r;
      }
      this.paintRow(el, r, row, p);
    }
    if (missingLo >= 0) this.ensure(missingLo, missingHi);
    else if (n > 0 && !this.whole) this.ensure(first, first + n - 1);
    const shown = this.viewTotal();
    this.count.textContent = `${shown.toLocaleString()} row${shown === 1 ? '' : 's'}${this.search ? ' found' : ''}`;
    this.el.classList.toggle('empty', shown === 0);
  }

  paintRow(el, r, row, p) {
    const cells = this.cols.length + (this.markers ? 1 : 0);
    while (el.childElementCount < cells) el.append(h('div', { class: 'c', role: 'gridcell' }));
    while (el.childElementCount > cells) el.lastChild.remove();
    el.dataset.r = String(r);
    el.classList.toggle('pending', !row);
    const deleted = row && this.editor && !this.localMap() && this.edits.deleted_rows.includes(row.pos);
    el.classList.toggle('deleted', Boolean(deleted));
    const selectedRow = row && this.sel.rows.includes(row.pos);
    el.classList.toggle('selected', Boolean(selectedRow));
    const missing = row?.added != null ? this.missing(this.edits.added_rows[row.added]) : [];
    el.classList.toggle('incomplete', missing.length > 0);
    if (missing.length) el.title = 'Fill the required cells to add this row';
    else el.removeAttribute('title');
    let i = 0;
    if (this.markers) {
      const m = el.children[i++];
      m.className = 'c marker pinned';
      m.style.left = '0px';
      m.textContent = '';
      if (row) m.append(h('span', { class: `cb${selectedRow ? ' on' : ''}`, role: 'checkbox', 'aria-checked': String(Boolean(selectedRow)), 'aria-label': `Select row ${row.pos}` }));
    }
    this.cols.forEach((col, c) => {
      const cell = el.children[i++];
      cell.dataset.c = String(c);
      cell.style.cssText = '';
      if (!row) {
        cell.className = 'c';
        cell.textContent = '';
      } else {
        const display = col.index ? null : row.display?.[col.pos] ?? null;
        renderCell(cell, row.cells[col.src], col, display, p.placeholder);
        const css = col.index ? null : row.css?.[col.pos];
        if (css) cell.style.cssText = css;
        if (this.editor && !col.index && this.isEdited(row, col)) cell.classList.add('edited');
        if (this.editor && !this.editable(col, row)) cell.classList.add('ro');
        if (missing.includes(col.index ? '_index' : col.name)) cell.classList.add('missing');
      }
      if (col.index) cell.classList.add('ix');
      if (col.left != null) {
        cell.classList.add('pinned');
        cell.style.left = `${col.left}px`;
      }
      if (row && this.cellSelected(row.pos, col)) cell.classList.add('selected');
      if (this.focus && this.focus.r === r && this.focus.c === c) cell.classList.add('focus');
      else if (this.inRange(r, c)) cell.classList.add('range');
    });
  }

  isEdited(row, col) {
    if (row.added != null) return true;
    return Object.hasOwn(this.edits.edited_rows[String(row.pos)] ?? {}, col.name);
  }

  cellSelected(pos, col) {
    if (col.index) return false;
    if (this.sel.columns.includes(col.name)) return true;
    return this.sel.cells.some(([r, n]) => r === pos && n === col.name);
  }

  inRange(r, c) {
    if (!this.focus || !this.anchor) return false;
    const [r0, r1] = [Math.min(this.focus.r, this.anchor.r), Math.max(this.focus.r, this.anchor.r)];
    const [c0, c1] = [Math.min(this.focus.c, this.anchor.c), Math.max(this.focus.c, this.anchor.c)];
    return r >= r0 && r <= r1 && c >= c0 && c <= c1;
  }

  // ------------------------------------------------------------------ widget value
  read() {
    if (this.editor) return this.wire();
    return { rows: this.sel.rows, columns: this.sel.columns, cells: this.sel.cells };
  }

  write(v) {
    if (this.editor) {
      const next = {
        edited_rows: v?.edited_rows ?? {}, added_rows: v?.added_rows ?? [], deleted_rows: v?.deleted_rows ?? [],
      };
      // the server's copy of what the grid sent: keep the added rows still being filled in
      if (!sameValue(next, this.wire())) this.edits = next;
    } else {
      this.sel = { rows: v?.rows ?? [], columns: v?.columns ?? [], cells: v?.cells ?? [] };
      this.paintSort();
    }
    this.schedule();
  }

  destroy() {
    this.closeActions();
    this.unlisten?.();
    if (this.raf) cancelAnimationFrame(this.raf);
  }
}

Object.assign(Grid.prototype, rows, columns, input, editing, buttons);
