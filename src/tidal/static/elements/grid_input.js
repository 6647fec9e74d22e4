// The grid's input (mixed into Grid.prototype by grid.js): clicks on cells and row markers,
// selections of rows, columns and cells (the dataframe's widget value), keyboard focus and
// navigation, scrolling a row into view, and copying the focused range as TSV.
import { commit } from '../widgets/base.js';
import { cellText, columnType } from './cells.js';

export const input = {
  cellAt(target) {
    const cell = target.closest?.('.c');
    const rowEl = target.closest?.('.grid-row');
    if (!cell || !rowEl || rowEl.dataset.r == null) return null;
    return { r: Number(rowEl.dataset.r), c: cell.dataset.c != null ? Number(cell.dataset.c) : -1, cell };
  },

  click(e) {
    if (e.target.closest('a, .grid-editor')) return;
    const at = this.cellAt(e.target);
    if (!at) return;
    const row = this.rowAt(at.r);
    if (!row) return;
    if (at.c >= 0 && this.buttonClick(e, row, this.cols[at.c])) return;
    if (at.c < 0) { // the row marker
      this.toggleRow(row.pos);
      return;
    }
    const col = this.cols[at.c];
    if (e.shiftKey && this.focus) this.focus = { r: at.r, c: at.c };
    else this.focus = this.anchor = { r: at.r, c: at.c };
    this.el.focus({ preventScroll: true });
    const modes = this.node.p.selection_mode ?? [];
    if (modes.some((m) => m.endsWith('cell')) && !col.index) this.toggleCell(row.pos, col.name, modes.includes('multi-cell'));
    else if (modes.some((m) => m.endsWith('row')) && !modes.some((m) => m.endsWith('column'))) this.toggleRow(row.pos);
    if (this.editor && columnType(col) === 'checkbox' && e.target.closest('.cb') && this.editable(col, row)) {
      this.setCell(row, col, !row.cells[col.src]);
    }
    this.schedule();
  },

  toggleRow(pos) {
    const modes = this.node.p.selection_mode ?? [];
    const multi = this.editor || modes.includes('multi-row');
    if (!this.editor && !modes.some((m) => m.endsWith('row'))) return;
    const on = this.sel.rows.includes(pos);
    const rows = on ? this.sel.rows.filter((x) => x !== pos) : multi ? [...this.sel.rows, pos] : [pos];
    this.select({ ...this.sel, rows });
  },

  toggleColumn(name, multi) {
    const on = this.sel.columns.includes(name);
    const columns = on ? this.sel.columns.filter((x) => x !== name) : multi ? [...this.sel.columns, name] : [name];
    this.select({ ...this.sel, columns });
  },

  toggleCell(pos, name, multi) {
    const on = this.sel.cells.some(([r, n]) => r === pos && n === name);
    const cells = on ? this.sel.cells.filter(([r, n]) => !(r === pos && n === name)) : multi ? [...this.sel.cells, [pos, name]] : [[pos, name]];
    this.select({ ...this.sel, cells });
  },

  select(sel) {
    this.sel = sel;
    this.paintSort();
    this.schedule();
    if (this.editor) {
      this.delBtn.disabled = sel.rows.length === 0;
      return;
    }
    commit(this.node, this.ctx, { rows: sel.rows, columns: sel.columns, cells: sel.cells });
  },

  key(e) {
    if (e.target !== this.el) return;
    const del = e.key === 'Delete' || e.key === 'Backspace';
    if (del && this.editor && this.sel.rows.length && !this.delBtn.hidden) {
      // rows picked with their markers: no cell needs the focus
      e.preventDefault();
      this.deleteSelected();
      return;
    }
    if (!this.focus) {
      if (e.key.startsWith('Arrow')) this.focus = this.anchor = { r: 0, c: 0 };
      else return;
    }
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      const next = {
        r: Math.max(0, Math.min(this.viewTotal() - 1, this.focus.r + dr)),
        c: Math.max(0, Math.min(this.cols.length - 1, this.focus.c + dc)),
      };
      this.focus = next;
      if (!e.shiftKey) this.anchor = next;
      this.scrollToRow(next.r);
      this.schedule();
    } else if ((e.key === 'Enter' || e.key === ' ') && this.pressButton(this.focus.r, this.focus.c)) {
      e.preventDefault();
    } else if ((e.key === 'Enter' || e.key === 'F2') && this.editor) {
      e.preventDefault();
      this.openEditor(this.focus.r, this.focus.c);
    } else if (del && this.editor) {
      e.preventDefault();
      this.clearRange();
    } else if (this.editor && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      this.openEditor(this.focus.r, this.focus.c, e.key);
      e.preventDefault();
    }
  },

  scrollToRow(r) {
    const { rh, bodyH, content, virtual } = this.sizes();
    const maxTop = Math.max(1, virtual - bodyH);
    const toTop = (y) => (content > virtual ? (y / Math.max(1, content - bodyH)) * maxTop : y);
    const exactTop = content > virtual ? (this.scroller.scrollTop / maxTop) * (content - bodyH) : this.scroller.scrollTop;
    if (r * rh < exactTop) this.scroller.scrollTop = toTop(r * rh);
    else if ((r + 1) * rh > exactTop + bodyH) this.scroller.scrollTop = toTop((r + 1) * rh - bodyH);
  },

  /** Copy the focused range as TSV (rows that have arrived; a header row for several rows). */
  copy(e) {
    if (!this.focus || e.target !== this.el) return;
    const a = this.anchor ?? this.focus;
    const [r0, r1] = [Math.min(a.r, this.focus.r), Math.max(a.r, this.focus.r)];
    const [c0, c1] = [Math.min(a.c, this.focus.c), Math.max(a.c, this.focus.c)];
    const lines = [];
    for (let r = r0; r <= r1; r++) {
      const row = this.rowAt(r);
      if (!row) continue;
      const out = [];
      for (let c = c0; c <= c1; c++) {
        const col = this.cols[c];
        out.push(cellText(row.cells[col.src], col, col.index ? null : row.display?.[col.pos] ?? null));
      }
      lines.push(out.join('\t'));
    }
    e.clipboardData.setData('text/plain', lines.join('\n'));
    e.preventDefault();
  },
};
