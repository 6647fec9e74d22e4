// The data editor's editing (mixed into Grid.prototype by grid.js): which cells may be
// edited, the editor overlay (text, number, select, date/time inputs; checkboxes toggle),
// parsing what was typed, added and deleted rows, and committing the editing state
// ({edited_rows, added_rows, deleted_rows}) as the widget value.
//
// As Streamlit's, an added row whose required cells (column_config required=True, and the
// index of data that has its own) are not all filled stays in the grid only: the widget value
// leaves it out until they are, and an added row holds only the cells that have a value.
import { h } from '../elements.js';
import { commit } from '../widgets/base.js';
import { columnType } from './cells.js';

export const editing = {
  /** The required cells of an added row that are still empty (names; '_index': the index). */
  missing(added) {
    return (this.node.p.required ?? []).filter((name) => added?.[name] == null);
  },

  /**
   * The editing state as the widget value: complete added rows only, each with the cells that
   * have a value, in column order (the index first).
   */
  wire(edits = this.edits) {
    const p = this.node.p;
    const names = [...(p.index.length ? ['_index'] : []), ...p.columns.map((c) => c.name)];
    const added = edits.added_rows.filter((a) => this.missing(a).length === 0)
      .map((a) => Object.fromEntries(names.filter((n) => a[n] != null).map((n) => [n, a[n]])));
    return { edited_rows: edits.edited_rows, added_rows: added, deleted_rows: edits.deleted_rows };
  },

  editable(col, row) {
    if (col.index) return Boolean(row?.added != null && this.node.p.editable?._index);
    return Boolean(this.node.p.editable && Object.hasOwn(this.node.p.editable, col.name));
  },

  openEditor(r, c, initial = null) {
    if (!this.editor) return;
    const row = this.rowAt(r);
    const col = this.cols[c];
    if (!row || !col || !this.editable(col, row)) return;
    const type = this.node.p.editable[col.index ? '_index' : col.name] ?? columnType(col);
    if (type === 'checkbox') {
      this.setCell(row, col, !row.cells[col.src]);
      return;
    }
    const rowEl = this.pool.find((el) => el.dataset.r === String(r) && !el.hidden);
    const cell = rowEl?.querySelector(`[data-c="${c}"]`);
    if (!cell) return;
    const v = row.cells[col.src];
    const conf = col.config?.type_config ?? {};
    let input;
    if (type === 'selectbox') {
      input = h('select', { class: 'grid-editor' }, h('option', { value: '' }, ''));
      (conf.options ?? []).forEach((o, i) => input.append(h('option', { value: String(i) }, conf.labels?.[i] ?? String(o))));
      const i = (conf.options ?? []).indexOf(v);
      input.value = i >= 0 ? String(i) : '';
    } else {
      const kinds = { date: 'date', time: 'time', datetime: 'datetime-local' };
      input = h('input', { class: 'grid-editor', type: kinds[type] ?? 'text', inputmode: type === 'number' ? 'decimal' : null });
      if (type === 'datetime' && v) input.value = String(v).slice(0, 19);
      else if (type === 'time' && v) input.value = String(v).slice(0, 8);
      else if (type === 'list' || type === 'multiselect') input.value = Array.isArray(v) ? v.join(', ') : '';
      else input.value = v == null ? '' : String(v);
      if (initial != null && input.type === 'text') input.value = initial;
      if (input.type === 'time') input.step = '1';
      if (type === 'datetime') input.step = '1';
    }
    // an overlay on the grid, not a child of the cell: repaints rewrite cells
    const box = cell.getBoundingClientRect();
    const root = this.el.getBoundingClientRect();
    Object.assign(input.style, {
      left: `${box.left - root.left}px`, top: `${box.top - root.top}px`, width: `${Math.max(box.width, 120)}px`, height: `${box.height}px`,
    });
    this.el.append(input);
    input.focus();
    if (input.select && input.type === 'text' && initial == null) input.select();
    let done = false;
    const finish = (save) => {
      if (done) return;
      done = true;
      const raw = input.value;
      input.remove();
      this.el.focus({ preventScroll: true });
      if (!save) return;
      const value = this.parse(type, raw, col, conf);
      if (value === undefined) return;
      this.setCell(row, col, value);
    };
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') { e.preventDefault(); finish(true); }
      else if (e.key === 'Escape') { e.preventDefault(); finish(false); }
    });
    input.addEventListener('blur', () => finish(true));
    this.scroller.addEventListener('scroll', () => finish(true), { once: true });
    input.addEventListener('click', (e) => e.stopPropagation());
  },

  /** Text typed in an editor -> the JSON value (undefined: refused, with a message). */
  parse(type, raw, col, conf) {
    const text = raw.trim();
    if (text === '') return null;
    switch (type) {
      case 'number': {
        const n = Number(text.replace(/[, _]/g, ''));
        if (!Number.isFinite(n) || (col.kind === 'int' && !Number.isInteger(n))) {
          this.refuse(`"${raw}" is not ${col.kind === 'int' ? 'a whole number' : 'a number'}.`);
          return undefined;
        }
        return n;
      }
      case 'selectbox': return conf.options?.[Number(raw)] ?? null;
      case 'list': case 'multiselect': return text.split(',').map((s) => s.trim()).filter(Boolean);
      case 'datetime': return text.length === 16 ? `${text}:00` : text;
      default: return raw;
    }
  },

  refuse(message) {
    this.el.dispatchEvent(new CustomEvent('grid-refused', { bubbles: true, detail: message }));
    const note = h('div', { class: 'grid-note', role: 'alert' }, message);
    this.bar.append(note);
    setTimeout(() => note.remove(), 4000);
  },

  setCell(row, col, value) {
    const name = col.index ? '_index' : col.name;
    if (value == null && row.added == null && (this.node.p.required ?? []).includes(name)) {
      this.refuse(`"${col.label}" is required: it cannot be empty.`);
      return;
    }
    const edits = structuredClone(this.edits);
    if (row.added != null) edits.added_rows[row.added][name] = value;
    else (edits.edited_rows[String(row.pos)] ??= {})[name] = value;
    this.setEdits(edits);
  },

  /** Delete (no rows selected): empty the editable cells of the focused range, as Streamlit. */
  clearRange() {
    const a = this.anchor ?? this.focus;
    const [r0, r1] = [Math.min(a.r, this.focus.r), Math.max(a.r, this.focus.r)];
    const [c0, c1] = [Math.min(a.c, this.focus.c), Math.max(a.c, this.focus.c)];
    const required = this.node.p.required ?? [];
    const edits = structuredClone(this.edits);
    let refused = null;
    for (let r = r0; r <= r1; r++) {
      const row = this.rowAt(r);
      for (let c = c0; c <= c1 && row; c++) {
        const col = this.cols[c];
        const name = col.index ? '_index' : col.name;
        if (!this.editable(col, row) || row.cells[col.src] == null) continue;
        if (row.added != null) edits.added_rows[row.added][name] = null;
        else if (required.includes(name)) refused = col.label;
        else (edits.edited_rows[String(row.pos)] ??= {})[name] = null;
      }
    }
    if (refused != null) this.refuse(`"${refused}" is required: it cannot be empty.`);
    this.setEdits(edits);
  },

  addRow() {
    const edits = structuredClone(this.edits);
    edits.added_rows.push({ ...(this.node.p.defaults ?? {}) });
    this.setEdits(edits);
    const last = this.viewTotal() - 1;
    this.scrollToRow(last);
    const c = this.cols.findIndex((col) => !col.index && this.editable(col, { added: 0 }));
    this.focus = this.anchor = { r: last, c: Math.max(0, c) };
    this.schedule();
  },

  deleteSelected() {
    const edits = structuredClone(this.edits);
    const n = this.node.p.nrows;
    const gone = new Set(edits.deleted_rows);
    const addedGone = new Set();
    for (const pos of this.sel.rows) {
      if (pos < n) gone.add(pos);
      else addedGone.add(pos - n);
    }
    edits.deleted_rows = [...gone].sort((a, b) => a - b);
    edits.added_rows = edits.added_rows.filter((_, k) => !addedGone.has(k));
    this.sel = { rows: [], columns: [], cells: [] };
    this.delBtn.disabled = true;
    this.focus = this.anchor = null;
    this.setEdits(edits);
  },

  setEdits(edits) {
    this.edits = edits;
    this.schedule();
    commit(this.node, this.ctx, this.wire(edits)); // not sent when the value did not change
  },
};
