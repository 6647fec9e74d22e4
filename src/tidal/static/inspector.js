// The state inspector panel: this tab's session-state keys, its run timeline (triggers, diffs,
// explanations, callbacks, problems), rewind to an earlier run, export and import of the
// session document. Loaded on first use (app.js imports it when the panel first opens). It has
// its own DOM beside the app's roots and never touches them: the server sends one small
// `inspection` message per run while the panel is open, and nothing while it is closed.
import { h } from './elements.js';
import { useStyles } from './lazy.js';

const MAX_RUNS = 50;
const SHORT = 48;

/** A value summary: short ones inline, longer ones expandable. */
function value(text) {
  if (text == null) return h('span', { class: 'insp-null', text: '—' });
  if (text.length <= SHORT) return h('code', { class: 'insp-val', text });
  return h('details', { class: 'insp-more' },
    h('summary', {}, h('code', { class: 'insp-val', text: `${text.slice(0, SHORT - 1)}…` })),
    h('code', { class: 'insp-val insp-full', text }));
}

function diffRows(run) {
  const rows = [];
  for (const [k, v] of Object.entries(run.added ?? {})) {
    rows.push(h('li', { class: 'insp-add' }, h('span', { class: 'insp-sign', text: '+' }), h('b', { text: k }), ' ', value(v)));
  }
  for (const [k, [a, b]] of Object.entries(run.changed ?? {})) {
    rows.push(h('li', { class: 'insp-chg' }, h('span', { class: 'insp-sign', text: '~' }), h('b', { text: k }), ' ', value(a), ' → ', value(b)));
  }
  for (const [k, v] of Object.entries(run.removed ?? {})) {
    rows.push(h('li', { class: 'insp-del' }, h('span', { class: 'insp-sign', text: '−' }), h('b', { text: k }), ' ', value(v)));
  }
  return rows;
}

/**
 * The panel. `send(t, fields)` sends a message (events get a seq from the connection).
 * @param {{send: (t: string, fields?: object) => number}} io
 */
export function createInspector({ send }) {
  useStyles(new URL('inspector.css', import.meta.url).href);
  const state = { open: false, runs: [], keys: [], selected: null };
  const hook = /** @type {any} */ (window).__tidal ?? {};
  hook.inspector = { open: false, runs: 0, doc: null };

  const keysBody = h('tbody');
  const timeline = h('ol', { class: 'insp-runs', reversed: true });
  const fileInput = h('input', { type: 'file', accept: 'application/json,.json', class: 'insp-file', 'aria-label': 'Import a session document' });
  const status = h('p', { class: 'insp-status', role: 'status' });
  const panel = h('aside', { id: 'inspector', class: 'inspector', 'aria-label': 'State inspector', hidden: true },
    h('header', { class: 'insp-head' },
      h('h2', { text: 'State inspector' }),
      h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-insp': 'export', text: 'Export', onclick: () => send('inspect', { open: true, export: true }) }),
      h('label', { class: 'btn btn-secondary btn-small insp-import' }, 'Import', fileInput),
      h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close the inspector', text: '×', onclick: () => close() })),
    status,
    h('section', { class: 'insp-section' },
      h('h3', { text: 'Session state' }),
      h('table', { class: 'insp-keys' },
        h('thead', {}, h('tr', {}, h('th', { text: 'Key' }), h('th', { text: 'Value' }), h('th', { text: 'Kind' }), h('th', { text: 'Durable' }))),
        keysBody)),
    h('section', { class: 'insp-section' },
      h('h3', { text: 'Timeline' }),
      timeline));
  document.body.append(panel);

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    try {
      const doc = JSON.parse(await file.text());
      send('load_state', { doc });
      status.textContent = `Loaded ${file.name}.`;
    } catch (err) {
      status.textContent = `Not a JSON file: ${err.message}`;
    }
    fileInput.value = '';
  });

  function renderKeys() {
    keysBody.replaceChildren(...state.keys.map((k) => h('tr', { 'data-key': k.key },
      h('td', {}, h('b', { text: k.key }), k.widget ? h('small', { text: k.widget }) : null),
      h('td', {}, value(k.value), h('small', { text: k.type })),
      h('td', { text: k.kind }),
      h('td', { text: k.durable ? 'yes' : 'no', title: k.durable ? 'kept by the session store' : 'not kept by the session store' }))));
    if (!state.keys.length) keysBody.append(h('tr', {}, h('td', { colspan: 4, class: 'insp-empty', text: 'No keys yet.' })));
  }

  function runItem(run, latest) {
    const diff = diffRows(run);
    const problems = [...(run.errors ?? []).map((e) => h('li', { class: 'insp-error', text: e })),
      ...(run.warnings ?? []).map((w) => h('li', { class: 'insp-warning', text: w }))];
    return h('li', { class: `insp-run insp-${run.status}`, 'data-run': String(run.run) },
      h('div', { class: 'insp-run-head' },
        h('span', { class: 'insp-num', text: `#${run.run}` }),
        h('span', { class: 'insp-trigger', text: run.trigger }),
        h('span', { class: 'insp-meta', text: `${run.status} · ${run.ms} ms` }),
        latest ? null : h('button', { type: 'button', class: 'btn btn-secondary btn-small insp-rewind', text: 'Rewind here', title: `Restore the state after run ${run.run} and rerun`, onclick: () => rewind(run.run) })),
      run.callbacks?.length ? h('div', { class: 'insp-callbacks', text: `callbacks: ${run.callbacks.join(', ')}` }) : null,
      diff.length ? h('ul', { class: 'insp-diff' }, ...diff) : h('div', { class: 'insp-nodiff', text: 'no state change' }),
      run.explanations?.length ? h('ul', { class: 'insp-why' }, ...run.explanations.map((e) => h('li', { text: e }))) : null,
      problems.length ? h('ul', { class: 'insp-problems' }, ...problems) : null);
  }

  function renderRuns() {
    const last = state.runs.at(-1)?.run;
    timeline.replaceChildren(...state.runs.slice().reverse().map((r) => runItem(r, r.run === last)));
  }

  function rewind(run) {
    status.textContent = `Rewound to the state after run ${run}.`;
    send('rewind', { run });
  }

  function download(doc) {
    hook.inspector.doc = doc;
    const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: 'session.json' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    status.textContent = doc.left_out?.length ? `Exported; left out: ${doc.left_out.join(', ')}.` : 'Exported.';
  }

  function receive(msg) {
    if (!state.open) return;
    state.keys = msg.keys ?? [];
    state.runs = msg.reset ? (msg.runs ?? []) : [...state.runs, ...(msg.runs ?? [])].slice(-MAX_RUNS);
    renderKeys();
    renderRuns();
    hook.inspector.runs = state.runs.length;
    hook.inspector.last = state.runs.at(-1)?.run ?? 0;
    if (msg.doc) download(msg.doc);
  }

  function open() {
    state.open = true;
    panel.hidden = false;
    document.body.classList.add('inspector-open');
    hook.inspector.open = true;
    send('inspect', { open: true });
  }

  function close() {
    state.open = false;
    panel.hidden = true;
    document.body.classList.remove('inspector-open');
    hook.inspector.open = false;
    send('inspect', { open: false });
  }

  return {
    open,
    close,
    receive,
    toggle() { if (state.open) close(); else open(); },
    /** After a reconnect: the server forgot the panel was open. */
    reconnected() { if (state.open) send('inspect', { open: true }); },
  };
}
