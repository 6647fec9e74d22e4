// Display elements and containers: how each type builds its DOM from props and updates it.
// A kind is { create(node, p, ctx), update(node, p, prev, ctx), destroy?(node, ctx) }: create
// sets node.el (and node.box for containers); update gets the new and previous props, only
// when they differ. Knows nothing about paths, ops or the connection.
import { escapeHtml, inlineMarkdown, markdown } from './markdown.js';
import { appendMarkdown, endStream } from './stream.js';

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

// ------------------------------------------------------------------------------ text
function heading(tag) {
  return simple(
    () => h(tag, { class: 'heading' }),
    (el, p) => {
      el.innerHTML = inlineMarkdown(p.body);
      el.classList.toggle('divided', Boolean(p.divider));
    },
  );
}

const markdownKind = {
  create(node, p) {
    node.s.body = h('div', { class: 'md' });
    node.el = h('div', { class: 'markdown' }, node.s.body);
    this.update(node, p, {});
  },
  update(node, p, prev) {
    if (p.body !== prev.body || p.unsafe_allow_html !== prev.unsafe_allow_html || p.cursor !== prev.cursor) {
      endStream(node);
      node.s.body.innerHTML = markdown(p.body, Boolean(p.unsafe_allow_html));
    }
    if (p.help !== prev.help) setHelp(node.el, p.help);
  },
  /** An `append` op grew `body` (st.write_stream): render only the unfinished tail again. */
  append(node, key) {
    if (key === 'body') appendMarkdown(node, node.s.body);
  },
  destroy(node) {
    endStream(node);
  },
};

/** ``st.empty``: a placeholder that shows nothing. */
const emptyKind = {
  create(node) {
    node.el = h('div', { class: 'empty', 'aria-hidden': 'true' });
  },
  update() {},
};

const textKind = simple(() => h('div', { class: 'text' }), (el, p) => { el.textContent = p.body ?? ''; });

const captionKind = simple(
  () => h('div', { class: 'caption md' }),
  (el, p) => { el.innerHTML = markdown(p.body); },
);

function copyButton(getText) {
  if (!navigator.clipboard) return null;
  const btn = h('button', { class: 'copy', type: 'button', 'aria-label': 'Copy to clipboard', title: 'Copy' }, 'Copy');
  btn.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(getText());
      btn.textContent = 'Copied';
    } catch {
      btn.textContent = 'Failed';
    }
    setTimeout(() => { btn.textContent = 'Copy'; }, 1200);
  });
  return btn;
}

const codeKind = {
  create(node, p) {
    node.s.code = h('code');
    node.el = h('div', { class: 'code' }, h('pre', {}, node.s.code), copyButton(() => node.p.body ?? ''));
    this.update(node, p, {});
  },
  update(node, p) {
    node.s.code.textContent = p.body ?? '';
    node.s.code.className = p.language ? `language-${p.language}` : '';
    if (p.language) node.el.dataset.lang = p.language;
    else delete node.el.dataset.lang;
  },
};

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
  v.items.forEach(([k, child], i) => body.append(jsonRow(k, child, i === n - 1, open)));
  return h('details', { class: 'jc', open },
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
    el.replaceChildren(jsonRow(null, tree, true, Boolean(p.expanded)));
  },
);

// ------------------------------------------------------------------------------ feedback
function callout(kind) {
  return simple(
    () => h('div', { class: `callout callout-${kind}`, role: kind === 'error' ? 'alert' : 'status' }),
    (el, p) => {
      const icon = p.icon ? h('span', { class: 'callout-icon', 'aria-hidden': 'true', text: p.icon }) : null;
      el.replaceChildren(...[icon, h('div', { class: 'md', html: markdown(p.body) })].filter(Boolean));
    },
  );
}

function stackText(stack) {
  return (Array.isArray(stack) ? stack : []).map((l) => String(l).replace(/\n$/, '')).join('\n');
}

const exceptionKind = simple(
  () => h('div', { class: 'exception', role: 'alert' }),
  (el, p) => {
    const head = h('div', { class: 'exc-head' }, h('strong', { class: 'exc-type', text: p.type ?? 'Exception' }));
    const parts = [head];
    if (p.is_markdown) {
      parts.push(h('div', { class: 'md exc-msg', html: markdown(p.message ?? '') }));
    } else if (p.message) {
      head.append(': ', h('span', { class: 'exc-msg', text: p.message }));
    }
    const stack = stackText(p.stack);
    if (stack) {
      parts.push(h('details', { class: 'exc-trace' }, h('summary', {}, 'Traceback'), h('pre', { text: stack })));
    }
    el.replaceChildren(...parts);
  },
);

// ------------------------------------------------------------------------------ containers
const GAPS = { small: 'gap-small', medium: 'gap-medium', large: 'gap-large' };
const ALIGN = { top: 'flex-start', center: 'center', bottom: 'flex-end' };

const columnsKind = {
  create(node, p) {
    node.el = node.box = h('div', { class: 'columns' });
    this.update(node, p, {});
  },
  update(node, p) {
    node.el.classList.remove(...Object.values(GAPS));
    node.el.classList.add(GAPS[p.gap] ?? 'gap-small');
    node.el.style.alignItems = ALIGN[p.align] ?? 'flex-start';
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
  },
};

const containerKind = {
  create(node, p) {
    node.el = node.box = h('div', { class: 'block container' });
    this.update(node, p);
  },
  update(node, p) {
    node.el.classList.toggle('bordered', Boolean(p.border));
  },
};

const expanderKind = {
  create(node, p) {
    node.s.label = h('span', { class: 'exp-label' });
    node.box = h('div', { class: 'block exp-body' });
    node.el = h('details', { class: 'expander', open: Boolean(p.expanded) },
      h('summary', {}, node.s.label), node.box);
    this.update(node, p, {});
  },
  update(node, p, prev) {
    node.s.label.innerHTML = inlineMarkdown(p.label ?? '');
    // `expanded` is the initial state; the person's toggling wins until the prop changes.
    if ('expanded' in prev && p.expanded !== prev.expanded) node.el.open = Boolean(p.expanded);
  },
};

// Tabs: a tablist of buttons over `tab` children, one shown at a time. The selection is the
// person's and lives in the page only (as in Streamlit); arrows, Home and End move it.
let tabsSeq = 0;

const tabsKind = {
  create(node, p) {
    node.s.uid = `tabs-${++tabsSeq}`;
    node.s.selected = 0;
    node.s.list = h('div', { class: 'tab-list', role: 'tablist' });
    node.box = h('div', { class: 'tab-panels' });
    node.el = h('div', { class: 'tabs' }, node.s.list, node.box);
    node.s.list.addEventListener('click', (e) => {
      const b = e.target.closest('[role="tab"]');
      if (b) selectTab(node, Number(b.dataset.i));
    });
    node.s.list.addEventListener('keydown', (e) => {
      const n = node.s.list.children.length;
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
      if (!(e.key in moves) || !n) return;
      e.preventDefault();
      const d = moves[e.key];
      const from = Number(e.target.closest('[role="tab"]')?.dataset.i ?? node.s.selected);
      const i = Number.isFinite(d) ? (from + d + n) % n : d > 0 ? n - 1 : 0;
      selectTab(node, i);
      node.s.list.children[i].focus();
    });
    this.update(node, p, {});
  },
  update(node, p) {
    const labels = Array.isArray(p.labels) ? p.labels : [];
    if (node.s.selected >= labels.length) node.s.selected = 0;
    node.s.list.replaceChildren(...labels.map((label, i) => h('button', {
      type: 'button', role: 'tab', class: 'tab', id: `${node.s.uid}-tab-${i}`,
      'aria-controls': `${node.s.uid}-panel-${i}`, 'data-i': String(i),
      html: inlineMarkdown(String(label)),
    })));
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
  },
};

/** Element types other than widgets, by type name. */
export const elementKinds = {
  title: heading('h1'),
  header: heading('h2'),
  subheader: heading('h3'),
  markdown: markdownKind,
  text: textKind,
  caption: captionKind,
  code: codeKind,
  json: jsonKind,
  error: callout('error'),
  warning: callout('warning'),
  info: callout('info'),
  success: callout('success'),
  exception: exceptionKind,
  divider: simple(() => h('hr', { class: 'divider' }), () => {}),
  empty: emptyKind,
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
