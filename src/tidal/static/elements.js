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
export function simple(make, render) {
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
export function applyKey(node, key) {
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
export function sendPanel(node, ctx, v, text) {
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

/** Element types other than widgets, by type name. */
export const elementKinds = {
  ...textKinds,
  exception: exceptionKind,
  empty: simple(() => h('div', { class: 'empty-slot', hidden: true }), () => {}),
  space: spaceKind,
  skeleton: skeletonKind,
  grid: gridKind,
  columns: columnsKind,
  column: columnKind,
  container: containerKind,
  expander: expanderKind,
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
