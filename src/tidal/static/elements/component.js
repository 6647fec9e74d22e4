// Custom components (Streamlit's components.v1): each in a sandboxed iframe, speaking
// Streamlit's component protocol over postMessage, so component packages built against
// streamlit-component-lib (React or plain JS) run unchanged.
//
// iframe -> page: {isStreamlitMessage: true, type: 'streamlit:componentReady', apiVersion},
//   'streamlit:setComponentValue' {value, dataType: 'json'|'bytes'|'dataframe'},
//   'streamlit:setFrameHeight' {height}.
// page -> iframe: {type: 'streamlit:render', args, dfs, disabled, theme}, sent once the
//   component is ready and again whenever its arguments, disabled state or the theme change.
//
// The iframe is sandboxed without allow-same-origin: the component runs in an opaque origin
// and cannot reach this page's DOM, cookies or storage; messages are accepted only from the
// iframe's own window.
import { h } from '../elements.js';
import { forgetFrame, showDocument } from '../frames.js';
import { commit } from '../widgets/base.js';

const SANDBOX = 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals';
// The features a component may ask for, as Streamlit grants them.
const ALLOW = [
  'accelerometer', 'ambient-light-sensor', 'autoplay', 'battery', 'camera', 'clipboard-write',
  'encrypted-media', 'fullscreen', 'geolocation', 'gyroscope', 'magnetometer', 'microphone',
  'midi', 'payment', 'picture-in-picture', 'publickey-credentials-get', 'sync-xhr', 'usb',
  'wake-lock', 'xr-spatial-tracking',
].join('; ');

/** A component's height before it reports one: its `height` argument, as in Streamlit. */
function initialHeight(args) {
  const h = args?.height;
  const n = typeof h === 'number' ? h : typeof h === 'string' && h.trim() !== '' ? Number(h) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : 0;
}
const APP_BASE = new URL('../../', import.meta.url);

/** @type {Map<HTMLIFrameElement, any>} each component's iframe -> its node */
const frames = new Map();
let listening = false;

/** The component node whose iframe's window sent a message (its WindowProxy is stable). */
function nodeOf(source) {
  if (!source) return undefined;
  for (const [frame, node] of frames) if (frame.contentWindow === source) return node;
  return undefined;
}

function listen() {
  if (listening) return;
  listening = true;
  window.addEventListener('message', (e) => {
    const node = nodeOf(e.source);
    const data = e.data;
    if (!node || !data || typeof data !== 'object' || data.isStreamlitMessage !== true) return;
    receive(node, data);
  });
}

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A value the component set, as tidal's JSON wire carries it. */
function wireValue(data) {
  const { dataType = 'json', value } = data;
  if (dataType === 'bytes' || dataType === 'dataframe') {
    let bytes = value;
    if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    else if (ArrayBuffer.isView(bytes)) bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!(bytes instanceof Uint8Array)) return null;
    return { dataType, value: toBase64(bytes) };
  }
  return { dataType: 'json', value: value === undefined ? null : value };
}

function receive(node, data) {
  switch (data.type) {
    case 'streamlit:componentReady':
      node.s.ready = true;
      render(node);
      return;
    case 'streamlit:setComponentValue': {
      const v = wireValue(data);
      if (v === null || node.p.disabled) return;
      node.s.value = v;
      commit(node, node.s.ctx, v, true);
      return;
    }
    case 'streamlit:setFrameHeight': {
      const height = Number(data.height);
      if (Number.isFinite(height) && height >= 0) node.s.frame.style.height = `${Math.ceil(height)}px`;
      return;
    }
    default:
  }
}

/** The theme as the component library reads it, from this page's CSS variables. */
function theme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    base: document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light',
    primaryColor: v('--accent'),
    backgroundColor: v('--bg'),
    secondaryBackgroundColor: v('--bg-2'),
    textColor: v('--fg'),
    font: v('--font'),
  };
}

function render(node) {
  const win = node.s.frame.contentWindow;
  if (!node.s.ready || !win) return;
  const p = node.p;
  const args = { ...(p.args ?? {}) };
  for (const [key, b64] of Object.entries(p.bytes ?? {})) args[key] = fromBase64(b64);
  const dfs = Object.entries(p.dfs ?? {}).map(([key, df]) => ({
    key,
    value: { data: { data: fromBase64(df.data), index: fromBase64(df.index), columns: fromBase64(df.columns) } },
  }));
  win.postMessage({ type: 'streamlit:render', args, dfs, disabled: Boolean(p.disabled), theme: theme() }, '*');
}

function srcOf(p) {
  const parent = encodeURIComponent(location.href);
  if (p.url) {
    const url = new URL(p.url, location.href);
    url.searchParams.set('streamlitUrl', location.href);
    return url.href;
  }
  return new URL(`component/${encodeURIComponent(p.name)}/index.html?streamlitUrl=${parent}`, APP_BASE).href;
}

const componentKind = {
  widget: true,
  create(node, p, ctx) {
    listen();
    node.s.ctx = ctx;
    node.s.ready = false;
    node.s.value = null;
    node.s.frame = h('iframe', {
      class: 'component-frame',
      sandbox: SANDBOX,
      allow: ALLOW,
      title: p.name ?? 'component',
      src: srcOf(p),
    });
    node.s.frame.style.height = `${initialHeight(p.args)}px`;
    if (p.tab_index != null) node.s.frame.tabIndex = Number(p.tab_index);
    node.el = h('div', { class: 'component' }, node.s.frame);
    frames.set(node.s.frame, node);
    node.s.theme = new MutationObserver(() => render(node));
    node.s.theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  },
  update(node, p, prev) {
    if (p.name !== prev.name || p.url !== prev.url) {
      node.s.ready = false;
      node.s.frame.src = srcOf(p);
      return;
    }
    render(node);
  },
  destroy(node) {
    node.s.theme?.disconnect();
    frames.delete(node.s.frame);
  },
  read(node) {
    return node.s.value ?? null;
  },
  write(node, v) {
    node.s.value = v;
  },
};

function frameKind(make) {
  const apply = (node, p) => {
    const frame = node.s.frame;
    frame.style.height = `${Number(p.height ?? 150)}px`;
    frame.style.width = p.width ? `${Number(p.width)}px` : '100%';
    frame.setAttribute('scrolling', p.scrolling ? 'auto' : 'no');
    if (p.tab_index != null) frame.tabIndex = Number(p.tab_index);
    make(frame, p, node);
  };
  return {
    create(node, p) {
      node.s.frame = h('iframe', { class: 'component-frame', sandbox: SANDBOX, allow: ALLOW });
      node.el = h('div', { class: 'component' }, node.s.frame);
      apply(node, p);
    },
    update(node, p) {
      apply(node, p);
    },
    destroy(node) {
      forgetFrame(node.s.frame);
    },
  };
}

export const kinds = {
  component_instance: componentKind,
  component_html: frameKind((frame, p, node) => {
    if (node.s.srcdoc !== p.srcdoc) {
      node.s.srcdoc = p.srcdoc;
      showDocument(frame, p.srcdoc ?? '');
    }
  }),
  component_iframe: frameKind((frame, p) => {
    if (frame.getAttribute('src') !== p.src) frame.src = p.src ?? 'about:blank';
  }),
};
