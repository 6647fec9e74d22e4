// The grid's rows (mixed into Grid.prototype by grid.js): the cache of rows that arrived, the
// `rows` requests for the window the person scrolls to (plus a margin; one at a time, an
// unanswered one freed after 5 s), their answers, and the view rows: the server's rows (minus
// deleted ones when the editor knows them) with the edits laid over them, then added rows.

const MARGIN = 60;
const CACHE_MAX = 6000;
let nextReq = 1;

export const rows = {
  /** Forget every row: what comes next is a new order (or new data). */
  dropRows() {
    this.version++;
    this.minReq = nextReq;
    this.cache.clear();
    this.inflight = null;
  },

  /** Start over from the rows that travel with the element's props. */
  resetRows(p) {
    this.dropRows();
    this.total = p.nrows;
    const first = p.rows ?? p.head ?? [];
    first.forEach((cells, i) => this.cache.set(i, { pos: i, cells, display: p.display?.[i] ?? null, css: p.css?.[i] ?? null }));
    this.whole = Boolean(p.rows);
  },

  /** Ask the server for the rows around [first, last] that are not here yet. */
  ensure(first, last) {
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
  },

  receive(msg) {
    if (msg.req < this.minReq) return; // asked for an order we no longer show
    if (this.inflight?.req === msg.req) this.inflight = null;
    this.total = msg.total;
    msg.rows.forEach((cells, i) => this.cache.set(msg.start + i, {
      pos: msg.pos[i], cells, display: msg.display?.[i] ?? null, css: msg.css?.[i] ?? null,
    }));
    if (this.cache.size > CACHE_MAX) this.evict();
    this.schedule();
  },

  evict() {
    const mid = this.firstRow ?? 0;
    for (const k of this.cache.keys()) if (Math.abs(k - mid) > CACHE_MAX / 3) this.cache.delete(k);
  },

  /** Rows in view order: the server's (minus deleted ones when known), then added rows. */
  viewTotal() {
    if (!this.editor) return this.total;
    return this.baseCount() + this.edits.added_rows.length;
  },

  baseCount() {
    return this.localMap() ? this.localMap().length : this.total;
  },

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
  },

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
  },
};
