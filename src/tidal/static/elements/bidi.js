// Custom components v2 (Streamlit's st.components.v2): mounted into the page, not an iframe.
//
// A component is its HTML and CSS, put into a shadow root (isolate_styles, the default) or
// straight into the page, and an ES module whose default export is called with
// {name, key, data, parentElement, setStateValue, setTriggerValue}: once mounted, again
// whenever its data or the theme change (same parentElement); the function it returns (if
// any) is called when the element goes. The module is loaded with import() from the
// component's own URL on this server (a file of its package's asset_dir, or its inline `js`
// served as a module): the page's policy allows scripts from its origin only, never eval or
// blob:. Scripts inside the component's HTML get the page's nonce, as Streamlit runs them.
//
// Trust: this is the app's own code running in the page, with the page's privileges (DOM,
// cookies of this origin, the websocket). A shadow root isolates styles, not scripts.
//
// Values: setStateValue(name, v) updates the component's state (a widget value: an object
// of named values, kept across runs); setTriggerValue(name, v) sends a one-run event to the
// widget `<id>__events`. Calls made in the same task are sent together: the state as a
// `sync`, then the triggers as a `change`, so one run sees both. In a form, state waits for
// the submit and triggers are ignored, as in Streamlit.
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { PAGE_NONCE } from '../nonce.js';
import { commit, sameValue } from '../widgets/base.js';

// the --st-* theme variables a component reads at mount come from this sheet
const styled = useStyles(new URL('bidi.css', import.meta.url).href);

const APP_BASE = new URL('../../', import.meta.url);
let counter = 0;

function fromBase64(text) {
  const s = atob(String(text ?? ''));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The `data` the component receives: JSON as is, bytes and Arrow streams as Uint8Array. */
function dataOf(p) {
  switch (p.data_kind) {
    case 'json':
      return p.data ?? null;
    case 'bytes':
    case 'arrow':
      return fromBase64(p.blobs);
    case 'mixed': {
      const out = { ...(p.data ?? {}) };
      for (const [k, v] of Object.entries(out)) {
        const ref = v && typeof v === 'object' ? v.__streamlit_arrow_ref__ : undefined;
        if (typeof ref === 'string') out[k] = ref in (p.blobs ?? {}) ? fromBase64(p.blobs[ref]) : null;
      }
      return out;
    }
    default:
      return null;
  }
}

/** Put the component's HTML and CSS into its root (scripts in the HTML run, with the nonce). */
function showContent(node, p) {
  node.s.content?.remove();
  const content = h('div', { class: 'bidi-content' });
  if (p.html) {
    const holder = h('div');
    const tpl = document.createElement('template');
    tpl.innerHTML = String(p.html);
    for (const old of tpl.content.querySelectorAll('script')) {
      const script = document.createElement('script');
      for (const { name, value } of old.attributes) script.setAttribute(name, value);
      script.nonce = PAGE_NONCE;
      script.textContent = old.textContent;
      old.replaceWith(script);
    }
    holder.append(tpl.content);
    content.append(holder);
  }
  if (p.css) {
    const style = document.createElement('style');
    style.textContent = String(p.css);
    content.append(style);
  } else if (p.css_url) {
    content.append(h('link', { rel: 'stylesheet', href: new URL(p.css_url, APP_BASE).href }));
  }
  node.s.root.append(content);
  node.s.content = content;
}

function applySize(node, p) {
  const el = node.el;
  el.style.width = typeof p.width === 'number' ? `${p.width}px` : p.width === 'content' ? 'fit-content' : '';
  el.style.height = typeof p.height === 'number' ? `${p.height}px` : p.height === 'stretch' ? '100%' : '';
  el.classList.toggle('bidi-fixed-height', typeof p.height === 'number');
}

/** Send what the component set in this task: state (sync if triggers follow), then triggers. */
function flush(node) {
  node.s.scheduled = false;
  const ctx = node.s.ctx;
  const triggers = node.s.triggers;
  node.s.triggers = [];
  const state = node.s.state;
  const stateChanged = !sameValue(state, node.s.committed);
  if (triggers.length && !node.p.form) {
    if (stateChanged) {
      node.s.committed = state;
      ctx.send('sync', { values: { [node.p.id]: state } });
    }
    ctx.send('change', { id: `${node.p.id}__events`, v: triggers });
  } else if (stateChanged) {
    commit(node, ctx, state);
  }
}

function schedule(node) {
  if (node.s.scheduled) return;
  node.s.scheduled = true;
  queueMicrotask(() => {
    if (node.s.alive) flush(node);
  });
}

function api(node) {
  return {
    setStateValue(name, value) {
      if (!node.s.alive) return;
      node.s.state = { ...(node.s.state ?? {}), [String(name)]: value === undefined ? null : value };
      schedule(node);
    },
    setTriggerValue(name, value) {
      if (!node.s.alive) return;
      if (node.p.form) {
        console.warn('st.components.v2: setTriggerValue is ignored inside st.form; use setStateValue and the submit button.');
        return;
      }
      node.s.triggers.push({ event: String(name), value: value === undefined ? null : value });
      schedule(node);
    },
  };
}

function showError(node, err) {
  node.s.error?.remove();
  node.s.error = h('div', { class: 'bidi-error', role: 'alert' }, `Component ${node.p.name}: ${err?.message ?? err}`);
  node.s.root.append(node.s.error);
}

/** Load the module (once per URL, by the browser) and call its default export. A newer
 * call (data changed while the module loaded) supersedes an older one that has not run. */
async function run(node) {
  const p = node.p;
  if (!p.js_url) return;
  const gen = (node.s.gen = (node.s.gen ?? 0) + 1);
  const hook = /** @type {any} */ (window).__tidal;
  if (hook) hook.loading = (hook.loading ?? 0) + 1;
  let result;
  try {
    const [mod] = await Promise.all([import(new URL(p.js_url, APP_BASE).href), styled]);
    if (typeof mod?.default !== 'function') throw new Error('JS module does not have a default export function.');
    if (!node.s.alive || gen !== node.s.gen) return;
    const { setStateValue, setTriggerValue } = node.s.api;
    result = mod.default({
      name: p.name,
      key: node.s.key,
      data: dataOf(p),
      parentElement: node.s.root,
      setStateValue,
      setTriggerValue,
    });
  } catch (err) {
    failed(node, err);
    return;
  } finally {
    if (hook) hook.loading -= 1;
  }
  try {
    const cleanup = await result; // an async default export resolves to its cleanup
    if (typeof cleanup === 'function') node.s.cleanup = cleanup;
    node.s.error?.remove();
  } catch (err) {
    failed(node, err);
  }
}

function failed(node, err) {
  console.error(err);
  if (node.s.alive) showError(node, err);
}

function currentTheme() {
  return document.documentElement.dataset.theme ?? '';
}

const bidiKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.ctx = ctx;
    node.s.alive = true;
    node.s.key = `st-bidi-component-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
    node.s.state = p.value ?? {};
    node.s.committed = node.s.state;
    node.s.triggers = [];
    node.s.api = api(node);
    node.el = h('div', { class: 'bidi-component', 'data-component': p.name ?? '' });
    node.s.root = p.isolate_styles ? node.el.attachShadow({ mode: 'open' }) : node.el;
    applySize(node, p);
    showContent(node, p);
    node.s.theme = currentTheme();
    node.s.observer = new MutationObserver(() => {
      if (currentTheme() === node.s.theme) return;
      node.s.theme = currentTheme();
      run(node);
    });
    node.s.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    run(node);
  },
  update(node, p, prev) {
    applySize(node, p);
    if (p.html !== prev.html || p.css !== prev.css || p.css_url !== prev.css_url) showContent(node, p);
    if (!sameValue(p.value, prev.value) && !node.s.scheduled) {
      node.s.state = p.value ?? {};
      node.s.committed = node.s.state;
    }
    const dataChanged = p.data_kind !== prev.data_kind || !sameValue(p.data, prev.data) || !sameValue(p.blobs, prev.blobs);
    if (dataChanged || p.js_url !== prev.js_url) run(node);
  },
  destroy(node) {
    node.s.alive = false;
    node.s.observer?.disconnect();
    const cleanup = node.s.cleanup;
    node.s.cleanup = null;
    if (cleanup) {
      Promise.resolve()
        .then(() => cleanup())
        .catch((err) => console.error('Failed to run custom component cleanup', err));
    }
  },
  read(node) {
    return node.s.state ?? {};
  },
  write(node, v) {
    node.s.state = v ?? {};
  },
};

export const kinds = { bidi_component: bidiKind };
