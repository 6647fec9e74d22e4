// The element tree: one Node per element, addressed by path ([root, i, j, ...]), each owning
// its DOM element. Applies the `set`/`trim` ops of a delta and fades what the current run has
// not confirmed yet. How each element type builds and updates its DOM lives in elements.js and
// widgets/*.js; this module only knows the tree, the ops and the fading.
import { elementKinds, unknownKind } from './elements.js';
import { lazyKinds } from './lazy.js';
import { navKinds } from './nav.js';
import { sameValue } from './widgets/base.js';
import { buttonKinds } from './widgets/buttons.js';

/**
 * @typedef {object} Node
 * @property {string} t element type
 * @property {Record<string, any>} p props, as last received
 * @property {HTMLElement} el the element's DOM root
 * @property {HTMLElement|null} box where children go (containers only)
 * @property {Node[]} kids children
 * @property {number[]} path
 * @property {Record<string, any>} s per-type state
 * @property {boolean} faded
 */

/**
 * @typedef {object} Ctx what element types may use
 * @property {(t: string, fields: object) => void} send queue an event (change/submit/sync)
 * @property {Map<string, Node>} widgets widget id -> node
 * @property {Map<string, Node>} forms form id -> form node
 * @property {Record<string, object>} kinds element type -> kind
 * @property {Tree} tree
 */

/** Widget types by the module under static/widgets/ that draws them. */
const WIDGET_FAMILIES = {
  'widgets/inputs.js': ['text_input', 'text_area', 'number_input', 'date_input', 'datetime_input',
    'time_input', 'color_picker'],
  'widgets/choices.js': ['checkbox', 'toggle', 'selectbox', 'radio', 'multiselect'],
  'widgets/slider.js': ['slider', 'select_slider'],
  'widgets/groups.js': ['pills', 'segmented_control', 'feedback', 'menu_button', 'pagination',
    'link_button'],
};

/**
 * Element types whose code is fetched on first use (see lazy.js): type -> module under
 * static/, or {url, widget: true} for widgets. Families that need a large library (tables,
 * charts, media, chat, components) register their types here, and so do the widget families
 * (not every page has inputs or choices; buttons, the most common, load with the page).
 */
const LAZY = {
  ...Object.fromEntries(Object.entries(WIDGET_FAMILIES)
    .flatMap(([url, types]) => types.map((t) => [t, { url, widget: true }]))),
  component_instance: { url: 'elements/component.js', widget: true },
  component_html: 'elements/component.js',
  component_iframe: 'elements/component.js',
  bidi_component: { url: 'elements/bidi.js', widget: true },
  json: 'elements/inspect.js',
  help: 'elements/inspect.js',
  html: 'elements/html.js',
  iframe: 'elements/html.js',
  tabs: { url: 'elements/tabs.js', widget: true },
  tab: 'elements/tabs.js',
  popover: { url: 'elements/overlays.js', widget: true },
  dialog: { url: 'elements/overlays.js', widget: true },
  page_config: 'elements/overlays.js',
  logo: 'elements/overlays.js',
  spinner: 'elements/feedback.js',
  progress: 'elements/feedback.js',
  status: 'elements/feedback.js',
  toast: 'elements/feedback.js',
  balloons: 'elements/feedback.js',
  snow: 'elements/feedback.js',
  chat_message: 'elements/chat.js',
  chat_input: { url: 'elements/chat.js', widget: true },
  dataframe: { url: 'elements/data.js', widget: true },
  data_editor: { url: 'elements/data.js', widget: true },
  table: 'elements/data.js',
  metric: 'elements/data.js',
  image: 'elements/media.js',
  audio: 'elements/media.js',
  video: 'elements/media.js',
  pdf: 'elements/media.js',
  file_uploader: { url: 'elements/files.js', widget: true },
  camera_input: { url: 'elements/files.js', widget: true },
  audio_input: { url: 'elements/files.js', widget: true },
  download_button: { url: 'elements/files.js', widget: true },
  arrow_vega_lite_chart: { url: 'elements/charts.js', widget: true },
  imgs: 'elements/figures.js',
  graphviz_chart: 'elements/graphviz.js',
  map: 'elements/maps.js',
  mermaid_chart: 'elements/mermaid.js',
  plotly_chart: { url: 'elements/plotly.js', widget: true },
  deck_gl_json_chart: { url: 'elements/deck.js', widget: true },
  echarts_chart: { url: 'elements/echarts.js', widget: true },
};

const kinds = {
  ...elementKinds, ...buttonKinds, ...navKinds,
  ...lazyKinds(LAZY),
};
const FADE_DELAY_MS = 200;

/**
 * Compare two paths in document order (pre-order: a container comes before its children).
 * @param {number[]} a
 * @param {number[]} b
 * @returns {number} <0, 0 or >0
 */
export function comparePaths(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function isPrefix(a, b) {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The kind that owns a type; unknown types render a notice instead of failing. */
function kindOf(t) {
  return Object.hasOwn(kinds, t) ? kinds[t] : unknownKind;
}

/** Widgets of the same type but another widget id are a different widget: rebuild. */
function sameIdentity(node, e) {
  return node.t === e.t && (node.p.id ?? null) === (e.p?.id ?? null);
}

/** The page's element tree: applies delta ops and fades what the current run has not confirmed. */
export class Tree {
  /**
   * @param {HTMLElement[]} rootBoxes DOM containers of root 0 (main), 1 (sidebar) and 2 (the
   *   bar pinned below the main area)
   * @param {Omit<Ctx, 'tree'|'widgets'|'forms'>} ctx
   */
  constructor(rootBoxes, ctx) {
    /** @type {Ctx} */
    this.ctx = { ...ctx, widgets: new Map(), forms: new Map(), kinds, tree: this };
    /** @type {Node[]} */
    this.roots = rootBoxes.map((box, i) => ({
      t: 'root', p: {}, el: box, box, kids: [], path: [i], s: {}, faded: false,
    }));
    /** @type {Set<Node>} nodes faded as a whole (their descendants carry no mark) */
    this.faded = new Set();
    /** @type {(number[]|null)[]} per root, the furthest `at` this run confirmed */
    this.frontier = this.roots.map(() => null);
    this.fading = false;
    this.fadeTimer = 0;
    /** @type {number[]|null} the container a fragment-only run redraws; null: the whole page */
    this.scope = null;
    /** ops that could not be applied (a path into nothing); kept for tests and debugging */
    this.skipped = 0;
    /** @type {Set<Node>|null} during a reset run: the nodes its set ops reached */
    this.touched = null;
  }

  /**
   * The node at a path, or undefined.
   * @param {number[]} path
   * @returns {Node|undefined}
   */
  find(path) {
    let node = this.roots[path[0]];
    for (let d = 1; node && d < path.length; d++) node = node.kids[path[d]];
    return node;
  }

  /**
   * Apply a delta's ops in order.
   * @param {Array<{o: string, p: number[], e?: {t: string, p?: object}, n?: number}>} ops
   */
  apply(ops) {
    for (const op of ops) {
      if (op.o === 'set') {
        this.set(op.p, op.e);
        // The run produced this element, so also what precedes it in its root: a sidebar
        // written before the main area is confirmed though `at` points into the main area.
        this.confirm(op.p);
      } else if (op.o === 'trim') {
        this.trim(op.p, op.n);
      } else if (op.o === 'append') {
        this.append(op.p, op.k, op.s);
        this.confirm(op.p);
      } else {
        this.skipped++;
      }
    }
  }

  /**
   * Put an element at a path: append one past the end, replace otherwise.
   * @param {number[]} path
   * @param {{t: string, p?: object}} e
   */
  set(path, e) {
    const parent = path.length > 1 ? this.find(path.slice(0, -1)) : undefined;
    const i = path[path.length - 1];
    if (!parent || !parent.box || i > parent.kids.length || i < 0) {
      this.skipped++;
      return;
    }
    const props = e.p ?? {};
    const old = parent.kids[i];
    if (old && sameIdentity(old, e)) {
      if (!sameValue(old.p, props)) {
        const prev = old.p;
        old.p = props;
        kindOf(old.t).update(old, props, prev, this.ctx);
      }
      if (old.faded) this.refadeChildren(old);
      this.touched?.add(old);
      return;
    }
    const node = this.create(e.t, props, path);
    if (old) {
      // Same container type keeps its children; another type drops them.
      if (old.t === e.t && old.box && node.box) this.adopt(old, node);
      this.destroy(old);
      old.el.replaceWith(node.el);
    } else {
      parent.box.appendChild(node.el);
    }
    parent.kids[i] = node;
    this.touched?.add(node);
  }

  /**
   * Append text to a string prop of the element at a path (a streaming st.write_stream).
   * @param {number[]} path
   * @param {string} key
   * @param {string} text
   */
  append(path, key, text) {
    const node = this.find(path);
    if (!node || path.length < 2) {
      this.skipped++;
      return;
    }
    const prev = node.p;
    node.p = { ...prev, [key]: String(prev[key] ?? '') + text };
    const kind = kindOf(node.t);
    if (kind.append) kind.append(node, key, text, this.ctx);
    else kind.update(node, node.p, prev, this.ctx);
  }

  /**
   * Keep only the first n children of the container at a path.
   * @param {number[]} path
   * @param {number} n
   */
  trim(path, n) {
    const node = this.find(path);
    if (!node || !node.box) {
      this.skipped++;
      return;
    }
    const gone = node.kids.splice(Math.max(0, n));
    for (const kid of gone) {
      this.destroy(kid);
      kid.el.remove();
    }
  }

  /** Build a node and its DOM. */
  create(t, props, path) {
    /** @type {Node} */
    const node = { t, p: props, el: null, box: null, kids: [], path: path.slice(), s: {}, faded: false };
    kindOf(t).create(node, props, this.ctx);
    node.el.classList.add('el');
    if (node.p.id != null && kindOf(t).widget) this.ctx.widgets.set(String(node.p.id), node);
    if (t === 'form' && node.p.id != null) this.ctx.forms.set(String(node.p.id), node);
    return node;
  }

  /** Move the children of `from` into `to` (a replacement of the same container type). */
  adopt(from, to) {
    to.kids = from.kids;
    from.kids = [];
    for (const kid of to.kids) to.box.appendChild(kid.el);
  }

  /** Forget a node and its subtree (widget registry, fading); the caller removes the DOM. */
  destroy(node) {
    for (const kid of node.kids) this.destroy(kid);
    kindOf(node.t).destroy?.(node, this.ctx);
    const id = node.p.id == null ? null : String(node.p.id);
    if (id !== null && this.ctx.widgets.get(id) === node) this.ctx.widgets.delete(id);
    if (node.t === 'form' && id !== null && this.ctx.forms.get(id) === node) this.ctx.forms.delete(id);
    if (node.faded) this.setFaded(node, false);
  }

  /** Call fn for every node in document order. */
  walk(fn, nodes = this.roots) {
    for (const node of nodes) {
      fn(node);
      this.walk(fn, node.kids);
    }
  }

  /**
   * The first enabled submit button of a form in document order.
   * @param {string} form
   * @returns {Node|undefined}
   */
  firstSubmitButton(form) {
    let best;
    for (const node of this.ctx.widgets.values()) {
      if (node.t !== 'form_submit_button' || node.p.form !== form || node.p.disabled) continue;
      if (!best || comparePaths(node.path, best.path) < 0) best = node;
    }
    return best;
  }

  /**
   * The server starts over from an empty page (a new session after a reconnect) while this
   * page still shows the old one: keep it until the next run ends, then drop every element
   * that run did not send.
   */
  beginReset() {
    if (this.roots.some((r) => r.kids.length)) this.touched = new Set();
  }

  /** Trim every container to the children the reset run sent (always a prefix). */
  pruneUntouched(node) {
    const keep = node.kids.findIndex((kid) => !this.touched.has(kid));
    if (keep >= 0) this.trim(node.path, keep);
    for (const kid of node.kids) this.pruneUntouched(kid);
  }

  /** Whether a root has no children (an empty sidebar is hidden). */
  isEmpty(root) {
    return this.roots[root].kids.length === 0;
  }

  // ------------------------------------------------------------------ fading of stale elements

  /**
   * A run began: fade what it has not confirmed after a short delay.
   * @param {number[]} [scope] a fragment-only run: the container it redraws (nothing else fades)
   */
  startRun(scope) {
    this.frontier = this.roots.map(() => null);
    this.scope = scope?.length ? scope : null;
    clearTimeout(this.fadeTimer);
    this.fadeTimer = setTimeout(() => this.fadeStale(), FADE_DELAY_MS);
  }

  /**
   * The run ended. `ok`/`stopped`/`error`: the page is the run's output, un-fade all;
   * `rerun`/`interrupted`: another run follows, stale elements stay faded.
   * @param {string} status
   */
  endRun(status) {
    clearTimeout(this.fadeTimer);
    if (status === 'rerun' || status === 'interrupted') return;
    if (this.touched) {
      for (const root of this.roots) this.pruneUntouched(root);
      this.touched = null;
    }
    this.unfadeAll();
    this.fading = false;
  }

  /**
   * Everything at or before `at` in document order (within its root) is current.
   * @param {number[]|undefined} at
   */
  confirm(at) {
    if (!at || at.length === 0 || !(at[0] in this.frontier)) return;
    const r = at[0];
    const cur = this.frontier[r];
    if (cur && comparePaths(at, cur) <= 0) return;
    this.frontier[r] = at.slice();
    if (!this.fading) return;
    for (const node of [...this.faded]) {
      if (isPrefix(node.path, at)) this.refadeChildren(node, at);
      else if (comparePaths(node.path, at) < 0) this.setFaded(node, false);
    }
  }

  /** Fade every maximal subtree after the frontier of its root. */
  fadeStale() {
    this.unfadeAll();
    this.fading = true;
    const scope = this.scope && this.find(this.scope);
    if (scope) {
      const at = this.frontier[scope.path[0]];
      this.fadeAfter(scope, at && isPrefix(scope.path, at) ? at : scope.path);
    } else {
      this.roots.forEach((root, r) => this.fadeAfter(root, this.frontier[r]));
    }
  }

  /**
   * `node` is confirmed (on the path to `at`, or at it): fade its children after `at`.
   * @param {Node} node
   * @param {number[]|null} at
   */
  fadeAfter(node, at) {
    const d = node.path.length;
    const k = at && at.length > d && isPrefix(node.path, at) ? at[d] : -1;
    node.kids.forEach((kid, i) => {
      if (i > k) this.setFaded(kid, true);
      else if (i === k) this.fadeAfter(kid, at);
    });
  }

  /** Un-fade a confirmed node but keep its unconfirmed descendants faded. */
  refadeChildren(node, at = this.frontier[node.path[0]]) {
    this.setFaded(node, false);
    this.fadeAfter(node, at && isPrefix(node.path, at) ? at : node.path);
  }

  setFaded(node, on) {
    if (node.faded === on) return;
    node.faded = on;
    node.el.classList.toggle('stale', on);
    if (on) this.faded.add(node);
    else this.faded.delete(node);
  }

  unfadeAll() {
    for (const node of [...this.faded]) this.setFaded(node, false);
  }
}
