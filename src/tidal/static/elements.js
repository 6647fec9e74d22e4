// Display elements and containers: how each type builds its DOM from props and updates it.
// A kind is { create(node, p, ctx), update(node, p, prev, ctx), destroy?(node, ctx) }: create
// sets node.el (and node.box for containers); update gets the new and previous props, only
// when they differ. Knows nothing about paths, ops or the connection.
import { escapeHtml, inlineMarkdown, markdown } from './markdown.js';
import { applyLayout, textKinds } from './text.js';

/**
 * Create a DOM element.
 * @param {string} tag
 * @param {Record<string, any>} [attrs] `class`, `text`, `html`, `on<event>`, or attributes
 * @param {...(Node|string|null|false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'html') el.innerHTML = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null && c !== false) el.append(c);
  return el;
}

/**
 * A small "?" that shows `text` as a tooltip on hover and keyboard focus.
 * @param {string|null|undefined} text
 * @returns {HTMLElement|null}
 */
export function helpIcon(text) {
  if (!text) return null;
  return h('span', { class: 'help', tabindex: '0', role: 'img', 'aria-label': `Help: ${text}`, 'data-tip': text }, '?');
}

/** Replace the help icon inside `parent` (kept as its last `.help` child). */
export function setHelp(parent, text, before = null) {
  parent.querySelector(':scope > .help')?.remove();
  const icon = helpIcon(text);
  if (icon) parent.insertBefore(icon, before);
}

/** A kind whose create and update both just (re)render from props. */
function simple(make, render) {
  return {
    create(node, p) {
      node.el = make(p);
      render(node.el, p, {});
    },
    update(node, p, prev) {
      render(node.el, p, prev);
    },
  };
}

// ------------------------------------------------------------------------------ json
const JSON_TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|(true|false|null|NaN|-?Infinity)|([{}[\],:]))/y;

/** Parse JSON text keeping each scalar's source text (1.0 stays 1.0; NaN is allowed). */
function parseJson(text) {
  JSON_TOKEN.lastIndex = 0;
  let tok = null;
  const next = () => {
    const start = JSON_TOKEN.lastIndex;
    const m = JSON_TOKEN.exec(text);
    if (!m) throw new SyntaxError(`bad JSON at ${start}`);
    tok = m[1] ? { k: 'str', raw: m[1] } : m[2] ? { k: 'num', raw: m[2] } : m[3] ? { k: 'lit', raw: m[3] } : { k: 'p', raw: m[4] };
    return tok;
  };
  const value = () => {
    const t = next();
    if (t.k !== 'p') return t;
    if (t.raw === '{') return container('obj', '}', () => {
      const key = next();
      if (key.k !== 'str' || next().raw !== ':') throw new SyntaxError('bad key');
      return [key.raw, value()];
    });
    if (t.raw === '[') return container('arr', ']', () => [null, value()]);
    throw new SyntaxError(`unexpected ${t.raw}`);
  };
  const container = (k, close, item) => {
    const items = [];
    const save = JSON_TOKEN.lastIndex;
    if (next().raw === close) return { k, items };
    JSON_TOKEN.lastIndex = save;
    for (;;) {
      items.push(item());
      const sep = next().raw;
      if (sep === close) return { k, items };
      if (sep !== ',') throw new SyntaxError(`expected , or ${close}`);
    }
  };
  const v = value();
  if (text.slice(JSON_TOKEN.lastIndex).trim()) throw new SyntaxError('trailing text');
  return v;
}

function jsonScalar(v) {
  const cls = v.k === 'str' ? 'js' : v.k === 'num' ? 'jn' : 'jl';
  return h('span', { class: cls, text: v.raw });
}

function jsonRow(key, v, last, open) {
  const keyEl = key === null ? null : h('span', { class: 'jk', text: key });
  const comma = last ? '' : ',';
  if (v.k !== 'obj' && v.k !== 'arr') {
    return h('div', { class: 'jrow' }, keyEl, key === null ? null : ': ', jsonScalar(v), comma);
  }
  const [o, c] = v.k === 'obj' ? ['{', '}'] : ['[', ']'];
  if (v.items.length === 0) return h('div', { class: 'jrow' }, keyEl, key === null ? null : ': ', `${o}${c}${comma}`);
  const n = v.items.length;
  const count = v.k === 'obj' ? `${n} ${n === 1 ? 'key' : 'keys'}` : `${n} ${n === 1 ? 'item' : 'items'}`;
  const body = h('div', { class: 'jbody' });
  v.items.forEach(([k, child], i) => body.append(jsonRow(k, child, i === n - 1, open - 1)));
  return h('details', { class: 'jc', open: open > 0 },
    h('summary', {}, keyEl, key === null ? null : ': ', o,
      h('span', { class: 'jprev' }, `…${c}${comma}`, h('span', { class: 'jcount', text: ` ${count}` }))),
    body,
    h('div', { class: 'jclose', text: `${c}${comma}` }));
}

const jsonKind = simple(
  () => h('div', { class: 'json' }),
  (el, p) => {
    let tree;
    try {
      tree = parseJson(String(p.body ?? 'null'));
    } catch {
      el.replaceChildren(h('pre', { text: p.body ?? '' }));
      return;
    }
    // expanded: true opens every level, false none, a number that many levels
    const levels = p.expanded === true ? Infinity : typeof p.expanded === 'number' ? p.expanded : 0;
    el.replaceChildren(jsonRow(null, tree, true, levels));
    applyLayout(el, p);
  },
);

// ------------------------------------------------------------------------------ exception
function stackText(stack) {
  return (Array.isArray(stack) ? stack : []).map((l) => String(l).replace(/\n$/, '')).join('\n');
}

const exceptionKind = simple(
  () => h('div', { class: 'exception', role: 'alert' }),
  (el, p) => {
    // an empty type: client.showErrorDetails = "none" keeps even the exception's class
    const type = p.type ?? 'Exception';
    const head = h('div', { class: 'exc-head' }, ...(type ? [h('strong', { class: 'exc-type', text: type })] : []));
    const parts = [head];
    if (p.is_markdown) {
      parts.push(h('div', { class: 'md exc-msg', html: markdown(p.message ?? '') }));
    } else if (p.message) {
      head.append(...(type ? [': '] : []), h('span', { class: 'exc-msg', text: p.message }));
    }
    const stack = stackText(p.stack);
    if (stack) {
      parts.push(h('details', { class: 'exc-trace' }, h('summary', {}, 'Traceback'), h('pre', { text: stack })));
    }
    el.replaceChildren(...parts);
    applyLayout(el, p);
  },
);

// ------------------------------------------------------------------------------ containers
const GAP_SIZES = ['xxsmall', 'xsmall', 'small', 'medium', 'large', 'xlarge', 'xxlarge'];
const ALIGN = { top: 'flex-start', center: 'center', bottom: 'flex-end', distribute: 'space-between' };
const JUSTIFY = { left: 'flex-start', center: 'center', right: 'flex-end', distribute: 'space-between' };

/** A `gap` prop as a CSS length ("small" by default, null: none). */
export function gapLength(gap) {
  if (gap === null) return '0';
  return `var(--gap-${GAP_SIZES.includes(gap) ? gap : 'small'})`;
}

/** Apply a `width` prop: "stretch" (default), "content", or pixels. */
export function applyWidth(el, width) {
  el.classList.toggle('w-content', width === 'content');
  el.style.width = typeof width === 'number' ? `${width}px` : '';
  el.style.maxWidth = typeof width === 'number' ? '100%' : '';
}

/** Apply a `height` prop: "content" (default), "stretch", or pixels (then it scrolls). */
export function applyHeight(el, height) {
  const px = typeof height === 'number';
  el.style.height = px ? `${height}px` : '';
  el.classList.toggle('scrolls', px);
  el.classList.toggle('h-stretch', height === 'stretch');
}

/** Give a keyed container its `st-key-<key>` class (and drop the previous one). */
function applyKey(node, key) {
  if (node.s.key) node.el.classList.remove(node.s.key);
  node.s.key = key || null;
  if (node.s.key) node.el.classList.add(node.s.key);
}

const columnsKind = {
  create(node, p) {
    node.el = node.box = h('div', { class: 'columns' });
    this.update(node, p, {});
  },
  update(node, p) {
    node.el.style.setProperty('--col-gap', gapLength(p.gap));
    node.el.style.alignItems = ALIGN[p.align] ?? 'flex-start';
    node.el.classList.toggle('nowrap', p.wrap === false);
    applyWidth(node.el, p.width);
  },
};

const columnKind = {
  create(node, p) {
    node.el = node.box = h('div', { class: 'block column' });
    this.update(node, p);
  },
  update(node, p) {
    const w = Number(p.weight);
    node.el.style.setProperty('--w', String(Number.isFinite(w) && w > 0 ? w : 1));
    node.el.classList.toggle('bordered', Boolean(p.border));
    // `gap` is the row's (between columns); elements inside keep the usual spacing
  },
};

// Keep a scrolling container at its end while elements arrive, unless the person scrolled up.
function followEnd(node) {
  const el = node.el;
  const atEnd = () => el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  node.s.stick = true;
  node.s.onScroll = () => { node.s.stick = atEnd(); };
  el.addEventListener('scroll', node.s.onScroll);
  node.s.observer = new MutationObserver(() => {
    if (node.s.stick) el.scrollTop = el.scrollHeight;
  });
  node.s.observer.observe(el, { childList: true, subtree: true, characterData: true });
}

const containerKind = {
  create(node, p) {
    node.el = node.box = h('div', { class: 'block container' });
    this.update(node, p, {});
  },
  update(node, p, prev = {}) {
    const el = node.el;
    el.classList.toggle('bordered', Boolean(p.border));
    el.classList.toggle('horizontal', Boolean(p.horizontal));
    el.classList.toggle('nowrap', p.wrap === false);
    // a parallel fragment still running beside the script (st.fragment(parallel=True))
    el.classList.toggle('loading', Boolean(p.loading));
    if (p.loading) el.setAttribute('aria-busy', 'true');
    else el.removeAttribute('aria-busy');
    el.style.gap = 'gap' in p ? gapLength(p.gap) : '';
    const main = p.horizontal ? JUSTIFY[p.h_align] : ALIGN[p.v_align];
    const cross = p.horizontal ? ALIGN[p.v_align] : JUSTIFY[p.h_align];
    el.style.justifyContent = main && main !== 'flex-start' ? main : '';
    el.style.alignItems = cross && cross !== 'flex-start' && cross !== 'space-between' ? cross : '';
    applyWidth(el, p.width);
    applyHeight(el, p.height);
    applyKey(node, p.key);
    if (p.autoscroll && !prev.autoscroll && !node.s.observer) followEnd(node);
    if (!p.autoscroll && node.s.observer) this.destroy(node);
  },
  destroy(node) {
    node.s.observer?.disconnect();
    if (node.s.onScroll) node.el.removeEventListener('scroll', node.s.onScroll);
    node.s.observer = null;
  },
};

const gridKind = {
  create(node, p) {
    node.el = node.box = h('div', { class: 'grid' });
    this.update(node, p);
  },
  update(node, p) {
    const el = node.el;
    const weights = Array.isArray(p.weights) ? p.weights : [];
    const min = typeof p.min_column_width === 'number' ? `${p.min_column_width}px` : '12rem';
    el.style.gridTemplateColumns = weights.length
      ? weights.map((w) => `minmax(0, ${Number(w) || 1}fr)`).join(' ')
      : `repeat(auto-fill, minmax(min(${min}, 100%), 1fr))`;
    if (weights.length && typeof p.min_column_width === 'number') {
      el.style.setProperty('--grid-min', `${p.min_column_width}px`);
    }
    el.style.gap = gapLength(p.gap);
    el.style.alignItems = ALIGN[p.align] ?? 'start';
    el.style.gridAutoRows = typeof p.row_height === 'number' ? `${p.row_height}px` : '';
    el.style.gridAutoFlow = p.dense ? 'row dense' : '';
    el.classList.toggle('cells-bordered', Boolean(p.border));
    el.classList.toggle('nowrap', p.wrap === false);
    applyWidth(el, p.width);
    applyHeight(el, p.height);
    applyKey(node, p.key);
  },
};

/** An icon prop: an emoji as text, `:material/name:` as a Material Symbols ligature. */
export function iconEl(icon, cls = 'icon') {
  if (!icon) return null;
  const m = /^:material[/_]([a-z0-9_]+):$/.exec(icon);
  if (m) return h('span', { class: `${cls} material`, 'aria-hidden': 'true', 'data-icon': m[1], text: m[1] });
  return h('span', { class: cls, 'aria-hidden': 'true', text: icon });
}

/**
 * A tracked panel's new state: a `change` (a run), or with `on_change="ignore"` a `sync` that
 * waits for the next run, the address showing a bound panel's param at once.
 */
function sendPanel(node, ctx, v, text) {
  if (!node.p.ignore_rerun) return ctx.send('change', { id: node.p.id, v });
  ctx.send('sync', { values: { [node.p.id]: v } });
  const bind = node.p.bind;
  // the address bar is nav.js's: it shows the param in place (no history entry, no reload)
  if (bind) dispatchEvent(new CustomEvent('tidal:param', { detail: { name: bind.param, text: text === bind.default ? null : text } }));
}

// An expander. Untracked (no `id`): the person's toggling lives in the page. Tracked (a
// widget): opening or closing it is a `change`, and the server's `value` decides.
const expanderKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.label = h('span', { class: 'exp-label' });
    node.s.head = h('summary', {}, node.s.label);
    node.box = h('div', { class: 'block exp-body' });
    const open = p.id ? Boolean(p.value) : Boolean(p.expanded);
    node.s.committed = open;
    node.el = h('details', { class: 'expander', open }, node.s.head, node.box);
    node.el.addEventListener('toggle', () => {
      if (!node.p.id || node.el.open === node.s.committed) return;
      node.s.committed = node.el.open;
      sendPanel(node, ctx, node.el.open, String(node.el.open));
    });
    this.update(node, p, {});
  },
  update(node, p, prev) {
    if (p.label !== prev.label || p.icon !== prev.icon) {
      node.s.label.innerHTML = inlineMarkdown(p.label ?? '');
      const icon = iconEl(p.icon, 'exp-icon');
      if (icon) node.s.label.prepend(icon);
    }
    node.el.dataset.type = p.type ?? 'default';
    applyWidth(node.el, p.width);
    applyKey(node, p.key);
    if (p.id) {
      if ('value' in prev && p.value !== prev.value) {
        node.s.committed = Boolean(p.value);
        node.el.open = Boolean(p.value);
      }
    } else if ('expanded' in prev && p.expanded !== prev.expanded) {
      // `expanded` is the initial state; the person's toggling wins until the prop changes.
      node.el.open = Boolean(p.expanded);
    }
  },
};

// Tabs: a tablist of buttons over `tab` children, one shown at a time. Untracked, the
// selection is the person's and lives in the page only (as in Streamlit); tracked (a widget,
// `on_change` set), a click is a `change` with the tab's label. Arrows, Home and End move it.
let tabsSeq = 0;

const tabsKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.uid = `tabs-${++tabsSeq}`;
    node.s.selected = Math.max(0, (p.labels ?? []).indexOf(p.id ? p.value : p.default));
    node.s.list = h('div', { class: 'tab-list', role: 'tablist' });
    node.box = h('div', { class: 'tab-panels' });
    node.el = h('div', { class: 'tabs' }, node.s.list, node.box);
    const pick = (i) => {
      selectTab(node, i);
      const label = node.p.labels?.[i];
      if (node.p.id && label !== undefined && label !== node.s.committed) {
        node.s.committed = label;
        sendPanel(node, ctx, label, String(label));
      }
    };
    node.s.committed = p.id ? p.value : null;
    node.s.list.addEventListener('click', (e) => {
      const b = e.target.closest('[role="tab"]');
      if (b) pick(Number(b.dataset.i));
    });
    node.s.list.addEventListener('keydown', (e) => {
      const n = node.s.list.children.length;
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
      if (!(e.key in moves) || !n) return;
      e.preventDefault();
      const d = moves[e.key];
      const from = Number(e.target.closest('[role="tab"]')?.dataset.i ?? node.s.selected);
      const i = Number.isFinite(d) ? (from + d + n) % n : d > 0 ? n - 1 : 0;
      pick(i);
      node.s.list.children[i].focus();
    });
    this.update(node, p, {});
  },
  update(node, p, prev) {
    const labels = Array.isArray(p.labels) ? p.labels : [];
    if (p.id && 'value' in prev && p.value !== prev.value) {
      node.s.committed = p.value;
      node.s.selected = Math.max(0, labels.indexOf(p.value));
    }
    if (node.s.selected >= labels.length) node.s.selected = 0;
    node.s.list.replaceChildren(...labels.map((label, i) => h('button', {
      type: 'button', role: 'tab', class: 'tab', id: `${node.s.uid}-tab-${i}`,
      'aria-controls': `${node.s.uid}-panel-${i}`, 'data-i': String(i),
      html: inlineMarkdown(String(label)),
    })));
    applyWidth(node.el, p.width);
    node.box.style.height = typeof p.height === 'number' ? `${p.height}px` : '';
    node.box.classList.toggle('scrolls', typeof p.height === 'number');
    applyKey(node, p.key);
    selectTab(node, node.s.selected);
  },
};

/** Show tab `i` of a tabs node: its button selected (the one tab stop), its panel visible. */
function selectTab(node, i) {
  node.s.selected = i;
  [...node.s.list.children].forEach((b, k) => {
    b.setAttribute('aria-selected', String(k === i));
    b.tabIndex = k === i ? 0 : -1;
  });
  node.kids.forEach((kid, k) => showPanel(kid, node, k));
}

function showPanel(panel, tabs, i) {
  if (panel.t !== 'tab') return;
  panel.el.id = `${tabs.s.uid}-panel-${i}`;
  panel.el.setAttribute('aria-labelledby', `${tabs.s.uid}-tab-${i}`);
  panel.el.hidden = i !== tabs.s.selected;
}

const tabKind = {
  create(node, p, ctx) {
    node.el = node.box = h('div', { class: 'block tab-panel', role: 'tabpanel', tabindex: '0' });
    // Panels arrive after their tabs element: take the selection it already has.
    const tabs = ctx.tree.find(node.path.slice(0, -1));
    if (tabs?.t === 'tabs') showPanel(node, tabs, node.path[node.path.length - 1]);
  },
  update() {},
};

const formKind = {
  create(node, p) {
    node.el = node.box = h('div', { class: 'block form' });
    this.update(node, p);
  },
  update(node, p) {
    node.el.classList.toggle('bordered', p.border !== false);
    node.el.dataset.form = p.id ?? '';
    applyWidth(node.el, p.width);
    applyHeight(node.el, p.height);
  },
};

const SPACE = { xxsmall: '.25rem', xsmall: '.5rem', small: '.75rem', medium: '1.5rem', large: '2.5rem', xlarge: '4rem', xxlarge: '6rem' };

const spaceKind = simple(
  () => h('div', { class: 'space', 'aria-hidden': 'true' }),
  (el, p) => {
    const size = typeof p.size === 'number' ? `${p.size}px` : SPACE[p.size] ?? SPACE.small;
    el.classList.toggle('space-stretch', p.size === 'stretch');
    el.style.setProperty('--space', p.size === 'stretch' ? '0px' : size);
  },
);

const skeletonKind = simple(
  () => h('div', { class: 'skeleton', 'aria-busy': 'true', 'aria-label': 'Loading' }),
  (el, p) => {
    el.style.height = typeof p.height === 'number' ? `${p.height}px` : '';
    applyWidth(el, p.width);
  },
);

// st.help: an object's name, type, signature, docstring and members
/** Element types other than widgets, by type name. */
export const elementKinds = {
  ...textKinds,
  json: jsonKind,
  exception: exceptionKind,
  empty: simple(() => h('div', { class: 'empty-slot', hidden: true }), () => {}),
  space: spaceKind,
  skeleton: skeletonKind,
  grid: gridKind,
  columns: columnsKind,
  column: columnKind,
  container: containerKind,
  expander: expanderKind,
  tabs: tabsKind,
  tab: tabKind,
  form: formKind,
};

/** Stand-in for a type this front end does not know (a newer server). */
export const unknownKind = {
  create(node) {
    node.el = h('div', { class: 'unknown' });
    this.update(node);
  },
  update(node) {
    node.el.innerHTML = `Unsupported element type <code>${escapeHtml(node.t)}</code>`;
  },
};
