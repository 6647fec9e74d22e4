// Element kinds whose code loads on first use: the large or rarely used families (tables,
// charts, media, chat...), each an ES module under elements/ exporting `kinds`. Until its module
// has loaded, an element shows a quiet placeholder (which also collects a container's children);
// then the real kind builds the element from its latest props. A page that shows no such
// element never fetches the module. `window.__tidal.loading` counts modules in flight, so tests
// can wait for them.
import { h } from './elements.js';

/** @type {Map<string, Promise<any>>} module URL -> its import */
const modules = new Map();

function load(url) {
  let p = modules.get(url);
  if (!p) {
    const hook = /** @type {any} */ (window).__tidal;
    if (hook) hook.loading = (hook.loading ?? 0) + 1;
    p = import(new URL(url, import.meta.url).href).finally(() => {
      if (hook) hook.loading -= 1;
    });
    modules.set(url, p);
  }
  return p;
}

/**
 * Kinds that stand in for the real ones until their module has loaded.
 * @param {Record<string, string|{url: string, widget?: boolean}>} table type -> module URL
 *   (relative to this file), or {url, widget: true} for a widget type
 * @returns {Record<string, object>}
 */
export function lazyKinds(table) {
  const out = {};
  for (const [t, spec] of Object.entries(table)) {
    const { url, widget = false } = typeof spec === 'string' ? { url: spec } : spec;
    let real = null;
    out[t] = {
      widget,
      create(node, p, ctx) {
        if (real) {
          real.create(node, p, ctx);
          return;
        }
        node.s.pending = true;
        node.el = node.box = h('div', { class: 'lazy-loading', 'aria-busy': 'true' });
        load(url).then((mod) => {
          real = mod.kinds?.[t] ?? null;
          if (!real) throw new Error(`${url} does not define the element type ${t}`);
          if (!node.s.pending) return; // removed while loading
          const holder = node.el;
          node.s = {};
          node.box = null;
          real.create(node, node.p, ctx);
          node.el.classList.add('el');
          if (node.box) for (const kid of node.kids) node.box.appendChild(kid.el);
          holder.replaceWith(node.el);
        }).catch((err) => {
          if (!node.s.pending) return;
          node.el.classList.add('unknown');
          node.el.removeAttribute('aria-busy');
          node.el.textContent = `Could not load the code for ${t}: ${err.message ?? err}`;
        });
      },
      update(node, p, prev, ctx) {
        // while loading, the tree already keeps the latest props in node.p
        if (!node.s.pending) real?.update(node, p, prev, ctx);
      },
      destroy(node, ctx) {
        if (node.s.pending) node.s.pending = false;
        else real?.destroy?.(node, ctx);
      },
    };
    if (widget) {
      // forms read and reset widgets through their kind: delegate once loaded
      out[t].read = (node) => (node.s.pending ? null : real?.read?.(node) ?? null);
      out[t].write = (node, v) => {
        if (!node.s.pending) real?.write?.(node, v);
      };
    }
  }
  return out;
}

/** @type {Map<string, Promise<void>>} stylesheets linked, each settled once it has loaded */
const sheets = new Map();

/**
 * Link a family's stylesheet once (call it from the family's module, at import time).
 * @param {string} url absolute, e.g. `new URL('chat.css', import.meta.url).href`
 * @returns {Promise<void>} settles when the sheet has loaded (or failed): await it before
 *   code that reads the sheet's variables
 */
export function useStyles(url) {
  let loaded = sheets.get(url);
  if (!loaded) {
    const link = h('link', { rel: 'stylesheet', href: url });
    loaded = new Promise((resolve) => {
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => resolve(), { once: true });
    });
    sheets.set(url, loaded);
    document.head.append(link);
  }
  return loaded;
}
