// Code and styles fetched on first use. Element kinds whose module loads when a page first shows
// one of their elements: the large or rarely used families (tables, charts, media, chat...) and
// the widget families other than buttons, each an ES module exporting `kinds`; until its module
// has loaded, an element shows a quiet placeholder (which also collects a container's children),
// then the real kind builds the element from its latest props. A page that shows no such element
// never fetches the module; a module that loads comes with everything it needs in the same
// round trip (its imports, theirs, its stylesheet: `preloadNeeds`). Also the vendored libraries
// that text needs only sometimes: KaTeX (LaTeX), highlight.js and its language grammars (code),
// DOMPurify (st.html) and the emoji shortcode table. Every fetch in flight counts in `window.__tidal.loading`, so tests (and idle
// checks) wait for it. Knows nothing about elements' DOM or Markdown.

/** @type {Map<string, Promise<any>>} module URL -> its import */
const modules = new Map();

/**
 * Import a module under static/ once, counted while in flight. Everything it needs before it
 * runs is asked for at the same time (see `preloadNeeds`).
 * @param {string} path relative to this file, e.g. `./vendor/katex/katex.js`
 * @returns {Promise<any>}
 */
export function importOnce(path) {
  const url = new URL(path, import.meta.url).href;
  let p = modules.get(url);
  if (!p) {
    p = track(import(url));
    modules.set(url, p);
    preloadNeeds(url);
  }
  return p;
}

const STATIC = new URL('./', import.meta.url).href;
/** @type {Record<string, string[]>|null} path under static/ -> the files it needs (read once) */
let needs = null;
/** @type {Set<string>} files under static/ already asked for */
const asked = new Set();

/**
 * Ask at once for every file the module at `url` needs before it runs, directly or through
 * the files it needs: its static imports, the vendored scripts it imports at its top level
 * and the stylesheets it links. Without this the browser finds them one level per round trip
 * (data.js, then grid.js, then grid_rows.js...). The server puts the map in the page
 * (module_graph.py: the page's own modules, already loaded, are left out of it).
 * @param {string} url absolute, under static/
 */
function preloadNeeds(url) {
  needs ??= JSON.parse(document.getElementById('tidal-needs')?.textContent || '{}');
  if (!url.startsWith(STATIC)) return;
  const stack = [url.slice(STATIC.length)];
  while (stack.length) {
    for (const file of needs[stack.pop()] ?? []) {
      if (asked.has(file)) continue;
      asked.add(file);
      stack.push(file);
      if (file.endsWith('.css')) {
        useStyles(STATIC + file); // the module links it when it runs: the same link
        continue;
      }
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = STATIC + file;
      document.head.append(link);
    }
  }
}

/**
 * Count a promise in `window.__tidal.loading` until it settles.
 * @template T
 * @param {Promise<T>} promise
 * @returns {Promise<T>}
 */
export function track(promise) {
  const hook = /** @type {any} */ (window).__tidal;
  if (!hook) return promise;
  hook.loading = (hook.loading ?? 0) + 1;
  return promise.finally(() => { hook.loading -= 1; });
}

/**
 * Kinds that stand in for the real ones until their module has loaded.
 * @param {Record<string, string|{url: string, widget?: boolean}>} table type -> module URL
 *   (relative to this file, under static/), or {url, widget: true} for a widget type
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
        node.el = node.box = document.createElement('div');
        node.el.className = 'lazy-loading';
        node.el.setAttribute('aria-busy', 'true');
        importOnce(url).then((mod) => {
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
          // before what was written into a container, which stays readable
          node.el.prepend(`Could not load the code for ${t}: ${err.message ?? err}`);
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
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    loaded = new Promise((resolve) => {
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => resolve(), { once: true });
    });
    sheets.set(url, loaded);
    document.head.append(link);
  }
  return loaded;
}

/**
 * Link a stylesheet under static/ once.
 * @param {string} path relative to this file
 * @returns {Promise<void>} settles when the sheet has loaded (or failed)
 */
export function linkStyle(path) {
  return track(useStyles(new URL(path, import.meta.url).href));
}

/** KaTeX, with its stylesheet (and so its fonts) linked. */
export function loadKatex() {
  linkStyle('./vendor/katex/katex.min.css');
  return importOnce('./vendor/katex/katex.js').then((m) => m.default);
}

/** DOMPurify. */
export function loadPurify() {
  return importOnce('./vendor/purify.js').then((m) => m.default);
}

/** The emoji shortcode table: name -> emoji. */
export function loadEmoji() {
  return importOnce('./vendor/gemoji.js').then((m) => m.nameToEmoji);
}

// Names people write in ```lang fences and st.code(language=...), mapped to the vendored grammar
// files (vendor/highlight/languages/<file>.min.js). Unknown languages show as plain text.
const GRAMMARS = {
  bash: 'bash', sh: 'bash', zsh: 'bash', console: 'bash', c: 'c', h: 'c', cpp: 'cpp',
  'c++': 'cpp', cc: 'cpp', hpp: 'cpp', csharp: 'csharp', cs: 'csharp', 'c#': 'csharp',
  css: 'css', dart: 'dart', diff: 'diff', patch: 'diff', dockerfile: 'dockerfile',
  docker: 'dockerfile', elixir: 'elixir', ex: 'elixir', erlang: 'erlang', erl: 'erlang',
  go: 'go', golang: 'go', graphql: 'graphql', gql: 'graphql', groovy: 'groovy',
  haskell: 'haskell', hs: 'haskell', http: 'http', ini: 'ini', toml: 'ini', cfg: 'ini',
  java: 'java', javascript: 'javascript', js: 'javascript', jsx: 'javascript', mjs: 'javascript',
  json: 'json', jsonc: 'json', julia: 'julia', jl: 'julia', kotlin: 'kotlin', kt: 'kotlin',
  latex: 'latex', tex: 'latex', less: 'less', lua: 'lua', makefile: 'makefile', make: 'makefile',
  markdown: 'markdown', md: 'markdown', matlab: 'matlab', nginx: 'nginx',
  objectivec: 'objectivec', objc: 'objectivec', perl: 'perl', pl: 'perl', pgsql: 'pgsql',
  postgres: 'pgsql', postgresql: 'pgsql', php: 'php', plaintext: 'plaintext', text: 'plaintext',
  txt: 'plaintext', powershell: 'powershell', ps1: 'powershell', protobuf: 'protobuf',
  proto: 'protobuf', python: 'python', py: 'python', python3: 'python', pycon: 'python-repl',
  'python-repl': 'python-repl', r: 'r', ruby: 'ruby', rb: 'ruby', rust: 'rust', rs: 'rust',
  scala: 'scala', scss: 'scss', shell: 'shell', sql: 'sql', swift: 'swift',
  typescript: 'typescript', ts: 'typescript', tsx: 'typescript', vbnet: 'vbnet', vb: 'vbnet',
  xml: 'xml', html: 'xml', xhtml: 'xml', svg: 'xml', yaml: 'yaml', yml: 'yaml',
};

/**
 * The grammar file for a language name, or null when it is not vendored.
 * @param {string|null|undefined} language
 * @returns {string|null}
 */
export function grammarOf(language) {
  const key = String(language ?? '').trim().toLowerCase();
  return Object.hasOwn(GRAMMARS, key) ? GRAMMARS[key] : null;
}

/**
 * highlight.js with the grammar of `language` registered, or null for a language without one.
 * @param {string} language
 * @returns {Promise<{hljs: any, name: string}|null>}
 */
export async function loadHighlighter(language) {
  const file = grammarOf(language);
  if (!file || file === 'plaintext') return null;
  const [core, grammar] = await Promise.all([
    importOnce('./vendor/highlight/core.min.js'),
    importOnce(`./vendor/highlight/languages/${file}.min.js`),
  ]);
  const hljs = core.default;
  if (!hljs.getLanguage(file)) hljs.registerLanguage(file, grammar.default);
  return { hljs, name: file };
}
