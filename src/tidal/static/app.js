// Entry point of the page: wires the connection to the element tree, applies server messages
// in animation-frame batches (in order, none dropped), and runs the page chrome: the running
// indicator, the connection banner, the source-changed prompt, toasts, the sidebar toggle and
// the `window.__tidal` test hook.
import { Connection } from './connection.js';
import { alwaysRerun, setAlwaysRerun, setupMenu } from './menu.js';
import { Nav } from './nav.js';
import { dispatchReply } from './replies.js';
import { Tree } from './render.js';
import { resetForm } from './widgets/base.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const FINAL = new Set(['ok', 'stopped', 'error']);

/** State for browser tests: wait for `connected && pending === 0 && !running && !loading`
 * (`loading`: element modules still being fetched, see lazy.js). */
const hook = { connected: false, runs: 0, lastRunStatus: '', pending: 0, running: false, loading: 0 };
window.__tidal = hook;

const base = new URL('..', import.meta.url);
const wsUrl = new URL('ws', base);
wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';

/** The page path as the URL has it, relative to where the app is served ("" for the main page). */
function pagePath() {
  const path = location.pathname;
  return path.startsWith(base.pathname) ? path.slice(base.pathname.length) : path.replace(/^\//, '');
}

const conn = new Connection({
  url: wsUrl.href,
  page: pagePath(),
  query: location.search.replace(/^\?/, ''),
  onMessage: receive,
  onLink: (up) => { if (!up) showLost(); },
});

/** Submits whose run has not finished yet: after it, a clear_on_submit form is reset. */
const submits = [];

// roots: 0 main, 1 sidebar, 2 st.bottom, 3 the page itself (page config, logo; not shown)
const tree = new Tree([$('root-0'), $('root-1'), $('root-2'), $('root-3')], { send: sendEvent });
const nav = new Nav({
  base,
  sidebar: $('sidebar'),
  before: $('root-1'),
  send: sendEvent,
  onPage: (page) => { conn.page = page; },
  onQuery: (query) => { conn.query = query; }, // a reconnect's hello names the current params
});

function sendEvent(t, fields) {
  const seq = conn.send(t, fields);
  if (t === 'submit') submits.push({ seq, form: fields.form });
  hook.pending = conn.pending();
  return seq;
}

// ------------------------------------------------------------------ inbound, batched per task
// Messages that arrive together are applied together, right away: waiting for the next
// animation frame cost up to 16 ms per click, and the browser paints the latest DOM at its
// next frame anyway (mutations without reads force no layout).
const inbox = [];
let scheduled = false;

function receive(msg) {
  inbox.push(msg);
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(flush);
}

function flush() {
  if (!scheduled) return;
  scheduled = false;
  for (const msg of inbox.splice(0)) {
    try {
      handle(msg);
    } catch (err) {
      // One bad message must not cost the ones after it; the error still surfaces.
      reportError(err);
    }
  }
  document.body.classList.toggle('no-sidebar', tree.isEmpty(1) && !nav.visible);
  document.body.classList.toggle('has-bottom', !tree.isEmpty(2));
  hook.pending = conn.pending();
}

function handle(msg) {
  switch (msg.t) {
    case 'welcome': return welcome(msg);
    case 'start': return start(msg);
    case 'delta':
      tree.apply(msg.ops ?? []);
      tree.confirm(msg.at);
      return undefined;
    case 'end': return end(msg);
    case 'error': return serverError(msg);
    case 'source_changed': return sourceChanged();
    case 'state_warning': return stateWarning(msg);
    case 'pages': return nav.update(msg);
    case 'query': return nav.updateQuery(msg);
    case 'redirect': return redirect(msg.url);
    case 'rows': return dispatchReply(msg);
    case 'inspection': return inspector?.receive(msg);
    default: return undefined;
  }
}

// st.login / st.logout: the tab loads a path of the app (which may send it on to an identity
// provider); only same-origin paths are followed ("//host" and "/\host" name other sites).
function redirect(url) {
  if (typeof url === 'string' && /^\/(?![\/\\])/.test(url)) location.assign(url);
}

function welcome(msg) {
  if (msg.title) document.title = msg.title;
  window.__tidalDefaultTitle = msg.title || document.title;
  window.__tidalForcedTheme = msg.theme ?? null;
  window.__tidalTheme(msg.theme);
  hook.media = msg.media ?? ''; // the session's name in media URLs (elements/links.js)
  // A new session has no idea what this page shows: its first run sends every element.
  if (!msg.resumed) tree.beginReset();
  inspectorAllowed = Boolean(msg.inspector);
  document.querySelector('#page-menu [data-action="inspector"]').hidden = !inspectorAllowed;
  inspector?.reconnected();
  hideBanner('lost');
  hook.connected = conn.ready;
  if (!hook.running) setStatus(null);
}

function start(msg) {
  hook.running = true;
  tree.startRun(msg.scope);
  setStatus('Running…');
}

function end(msg) {
  tree.endRun(msg.status);
  conn.ack(msg.ack ?? 0);
  const final = FINAL.has(msg.status);
  if (final) {
    hook.running = false;
    setStatus(null);
    clearSubmittedForms(msg.ack ?? 0);
  }
  hook.runs += 1;
  hook.lastRunStatus = msg.status;
}

/** After the run that took a submit into account, reset clear_on_submit forms and sync. */
function clearSubmittedForms(ack) {
  const done = submits.filter((s) => s.seq <= ack);
  if (!done.length) return;
  submits.splice(0, submits.length, ...submits.filter((s) => s.seq > ack));
  const values = {};
  for (const form of new Set(done.map((s) => s.form))) {
    const node = tree.ctx.forms.get(form);
    if (node?.p.clear_on_submit) Object.assign(values, resetForm(tree.ctx, form));
  }
  if (Object.keys(values).length) sendEvent('sync', { values });
}

// ------------------------------------------------------------------ chrome
function setStatus(text) {
  const el = $('status');
  el.classList.toggle('on', Boolean(text));
  if (text) el.querySelector('.status-text').textContent = text;
}

function showBanner(kind, text, action) {
  const el = $('banner');
  el.dataset.kind = kind;
  el.className = `banner banner-${kind === 'lost' ? 'warn' : kind === 'fatal' ? 'error' : 'warn'}`;
  el.replaceChildren(Object.assign(document.createElement('span'), { textContent: text }));
  if (action) el.append(action);
  el.hidden = false;
}

function hideBanner(kind) {
  const el = $('banner');
  if (el.dataset.kind === kind) {
    el.hidden = true;
    delete el.dataset.kind;
  }
}

function showLost() {
  hook.connected = false;
  hook.running = false;
  setStatus(null);
  if ($('banner').dataset.kind === 'fatal') return;
  showBanner('lost', 'Connection lost, reconnecting…');
  $('banner').prepend(Object.assign(document.createElement('span'), { className: 'spinner', ariaHidden: 'true' }));
}

function button(text, onclick, cls = 'btn btn-secondary btn-small') {
  const b = Object.assign(document.createElement('button'), { type: 'button', className: cls, textContent: text });
  b.addEventListener('click', onclick);
  return b;
}

function serverError(msg) {
  if (msg.fatal) {
    conn.stop();
    hook.connected = false;
    document.body.classList.add('dead');
    setStatus(null);
    showBanner('fatal', msg.message || 'The server closed this session.', button('Reload', () => location.reload()));
    return;
  }
  toast(msg.message || 'The server refused a message.');
}

function toast(text) {
  const el = document.createElement('div');
  el.className = 'toast';
  el.setAttribute('role', 'status');
  el.append(Object.assign(document.createElement('span'), { textContent: text }),
    button('×', () => el.remove(), 'toast-close'));
  el.lastChild.setAttribute('aria-label', 'Dismiss');
  $('toasts').append(el);
  setTimeout(() => el.remove(), 8000);
}

function stateWarning(msg) {
  if (msg.ok) hideBanner('state');
  else showBanner('state', msg.message || 'This session could not be saved.');
}

function rerun() {
  $('source').hidden = true;
  sendEvent('rerun', {});
}

function sourceChanged() {
  if (alwaysRerun()) rerun();
  else $('source').hidden = false;
}

$('source-rerun').addEventListener('click', rerun);
$('source-always').addEventListener('click', () => {
  setAlwaysRerun(true);
  rerun();
});
/** The state inspector panel (inspector.js, loaded on first use), when the server allows it. */
let inspector = null;
let inspectorAllowed = false;

async function toggleInspector() {
  if (!inspectorAllowed) return;
  if (!inspector) {
    const { createInspector } = await import('./inspector.js');
    inspector ??= createInspector({ send: sendEvent });
  }
  inspector.toggle();
}

setupMenu({ rerun, inspector: toggleInspector });

// "r" reruns the app, as in Streamlit, unless typing somewhere.
addEventListener('keydown', (e) => {
  if ((e.key !== 'r' && e.key !== 'i') || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const t = /** @type {HTMLElement} */ (e.target);
  if (t.closest?.('input, textarea, select, [contenteditable]')) return;
  if (e.key === 'i') toggleInspector();
  else rerun();
});

function setSidebar(open) {
  document.body.classList.toggle('sidebar-collapsed', !open);
  for (const b of document.querySelectorAll('[aria-controls="sidebar"]')) b.setAttribute('aria-expanded', String(open));
}
$('sidebar-close').addEventListener('click', () => {
  setSidebar(false);
  $('sidebar-open').focus();
});
$('sidebar-open').addEventListener('click', () => {
  setSidebar(true);
  $('sidebar-close').focus();
});

setStatus('Connecting…');
conn.connect();
