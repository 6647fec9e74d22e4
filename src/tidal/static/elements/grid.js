// The data grid of st.dataframe and st.data_editor: a lean virtual grid. Only the rows in
// view are in the DOM; the frame stays on the server, which sends the window of rows the grid
// asks for (`rows` request, plus a margin) and sorts or searches the whole frame. A fixed
// header, pinned index columns, column resizing, keyboard focus, copy of a range as TSV,
// selections (rows, columns, cells) and, for the editor, cell edits, added and deleted rows.
// Very tall frames (over MAX_PX of rows) scroll through a scaled scrollbar.
//
// Input (clicks, selections, keys, copy) is in grid_input.js, editing in grid_edit.js.
//
// Why hand-written and not AG Grid Community: its infinite row model maps well onto rows on
// demand, but the library is ~1 MB minified, more than this page's whole budget before the
// first rows (issue 9: < 1 MB); this grid is ~30 KB unminified and needs nothing else.
import { h } from '../elements.js';
import { onReply } from '../replies.js';
import { columnType, renderCell } from './cells.js';
import { editing } from './grid_edit.js';
import { input } from './grid_input.js';

const ROW_H = 35;
const AUTO_ROWS = 10;
const MARGIN = 60;
const MAX_PX = 4_000_000;
const CACHE_MAX = 6000;
const WIDTHS = { small: 75, medium: 200, large: 400 };
let nextReq = 1;

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

  resetRows(p) {
    this.version++;
    this.minReq = nextReq;
    this.cache.clear();
    this.total = p.nrows;
    const rows = p.rows ?? p.head ?? [];
    rows.forEach((cells, i) => this.cache.set(i, { pos: i, cells, display: p.display?.[i] ?? null, css: p.css?.[i] ?? null }));
    this.whole = Boolean(p.rows);
  }

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
  }

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
  }

  pin(cell, col) {
    cell.classList.toggle('pinned', col.left != null);
    cell.style.left = col.left != null ? `${col.left + 0}px` : '';
  }

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
        else this.toggleSort(col.pos);
      });
      resize.addEventListener('pointerdown', (e) => this.startResize(e, col, c));
      this.head.append(cell);
    });
    this.paintSort();
  }

  paintSort() {
    this.head.querySelectorAll('[data-c]').forEach((cell) => {
      const col = this.cols[Number(cell.dataset.c)];
      const on = this.sort && this.sort[0] === col.pos && !col.index;
      cell.querySelector('.sort').textContent = on ? (this.sort[1] ? '↑' : '↓') : '';
      cell.setAttribute('aria-sort', on ? (this.sort[1] ? 'ascending' : 'descending') : 'none');
      cell.classList.toggle('selected', this.sel.columns.includes(col.name) && !col.index);
    });
  }

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
  }

  // ------------------------------------------------------------------ order
  toggleSort(pos) {
    if (!this.sort || this.sort[0] !== pos) this.sort = [pos, true];
    else if (this.sort[1]) this.sort = [pos, false];
    else this.sort = null;
    this.reorder();
  }

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
      this.version++;
      this.minReq = nextReq;
      this.cache.clear();
      this.inflight = null;
      if (plain && this.node.p.head) this.resetRows(this.node.p);
    }
    this.scroller.scrollTop = 0;
    this.focus = null;
    this.schedule();
  }

  // ------------------------------------------------------------------ rows on demand
  /** Ask the server for the rows around [first, last] that are not here yet. */
  ensure(first, last) {
    // one request at a time; an answer that never comes (refused) frees the slot after 5 s
    if (this.inflight && performance.now() - this.inflight.at < 5000) return;
    const lo = Math.max(0, first - MARGIN);
    const hi = Math.min(this.total - 1, last + MARGIN);
    let missing = -1;
    for (let i = first; i <= Math.min(last, this.total - 1); i++) {
      if (!this.cache.has(i)) { missing = i; break; }
    }
    if (missing < 0) {
      // prefetch the margin when the view is complete
      for (const i of [lo, hi]) if (i >= 0 && i < this.total && !this.cache.has(i)) { missing = i; break; }
      if (missing < 0) return;
    }
    let start = lo;
    while (start < hi && this.cache.has(start)) start++;
    let end = hi;
    while (end > start && this.cache.has(end)) end--;
    const req = nextReq++;
    this.inflight = { req, version: this.version, at: performance.now() };
    setTimeout(() => this.schedule(), 5100);
    this.ctx.send('rows', {
      req, data: this.node.p.data, start, count: end - start + 1, sort: this.sort, search: this.search,
    });
  }

  receive(msg) {
    if (msg.req < this.minReq) return; // asked for an order we no longer show
    if (this.inflight?.req === msg.req) this.inflight = null;
    this.total = msg.total;
    msg.rows.forEach((cells, i) => this.cache.set(msg.start + i, {
      pos: msg.pos[i], cells, display: msg.display?.[i] ?? null, css: msg.css?.[i] ?? null,
    }));
    if (this.cache.size > CACHE_MAX) this.evict();
    this.schedule();
  }

  evict() {
    const mid = this.firstRow ?? 0;
    for (const k of this.cache.keys()) if (Math.abs(k - mid) > CACHE_MAX / 3) this.cache.delete(k);
  }

  // ------------------------------------------------------------------ view rows
  /** Rows in view order: the server's (minus deleted ones when known), then added rows. */
  viewTotal() {
    if (!this.editor) return this.total;
    return this.baseCount() + this.edits.added_rows.length;
  }

  baseCount() {
    return this.localMap() ? this.localMap().length : this.total;
  }

  /** For a whole, unsorted editor: view index -> base index, without deleted rows. */
  localMap() {
    if (!this.editor || !this.whole || this.sort || this.search || !this.edits.deleted_rows.length) return null;
    if (this._mapFor !== this.edits) {
      const gone = new Set(this.edits.deleted_rows);
      this._map = [];
      for (let i = 0; i < this.total; i++) if (!gone.has(i)) this._map.push(i);
      this._mapFor = this.edits;
    }
    return this._map;
  }

  /** The row at view index r: {pos, cells, display, css, added?} or null (not here yet). */
  rowAt(r) {
    const base = this.baseCount();
    if (this.editor && r >= base) {
      const k = r - base;
      const added = this.edits.added_rows[k];
      if (!added) return null;
      const nIndex = this.node.p.index.length;
      const cells = new Array(nIndex + this.node.p.columns.length).fill(null);
      this.node.p.columns.forEach((c, j) => { cells[nIndex + j] = added[c.name] ?? null; });
      if (nIndex) cells[0] = added._index ?? null;
      return { pos: this.node.p.nrows + k, cells, display: null, css: null, added: k };
    }
    const map = this.localMap();
    const row = this.cache.get(map ? map[r] : r);
    if (!row || !this.editor) return row ?? null;
    const edited = this.edits.edited_rows[String(row.pos)];
    if (!edited) return row;
    const cells = row.cells.slice();
    const nIndex = this.node.p.index.length;
    for (const [name, v] of Object.entries(edited)) {
      const j = this.node.p.columns.findIndex((c) => c.name === name);
      if (j >= 0) cells[nIndex + j] = v;
    }
    return { ...row, cells, display: null };
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
    if (this.editor) return this.edits;
    return { rows: this.sel.rows, columns: this.sel.columns, cells: this.sel.cells };
  }

  write(v) {
    if (this.editor) {
      this.edits = {
        edited_rows: v?.edited_rows ?? {}, added_rows: v?.added_rows ?? [], deleted_rows: v?.deleted_rows ?? [],
      };
    } else {
      this.sel = { rows: v?.rows ?? [], columns: v?.columns ?? [], cells: v?.cells ?? [] };
      this.paintSort();
    }
    this.schedule();
  }

  destroy() {
    this.unlisten?.();
    if (this.raf) cancelAnimationFrame(this.raf);
  }
}

Object.assign(Grid.prototype, input, editing);
