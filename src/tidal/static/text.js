// Text element kinds: headings, Markdown, captions, plain text, LaTeX, code, callouts and
// dividers, with the layout options Streamlit gives them (width, text_alignment, wrap).
// Same kind interface as elements.js. Code is highlighted by highlight.js and LaTeX typeset by
// KaTeX, both fetched on first use (lazy.js); Markdown that streams in (st.write_stream) is
// parsed by its tail. Knows nothing about paths, ops or the connection.
import { loadHighlighter } from './lazy.js';
import {
  anchorLink, escapeHtml, inlineMarkdown, markdown, materialIcon, setMarkdown, slugify,
} from './markdown.js';

/**
 * Create a DOM element (the `h` of elements.js, kept here so this module stands alone).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|null|false)} children
 * @returns {HTMLElement}
 */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'html') el.innerHTML = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null && c !== false) el.append(c);
  return el;
}

/** A "?" whose tooltip is `text` (the look of elements.js's help icon). */
function helpIcon(text) {
  if (!text) return null;
  return h('span', { class: 'help', tabindex: '0', role: 'img', 'aria-label': `Help: ${text}`, 'data-tip': text }, '?');
}

/**
 * Apply `width`, `height`, `text_alignment` and `wrap` props to an element's root.
 * @param {HTMLElement} el
 * @param {Record<string, any>} p
 */
export function applyLayout(el, p) {
  const w = p.width;
  el.classList.toggle('w-content', w === 'content');
  el.style.width = typeof w === 'number' ? `${w}px` : '';
  el.style.maxWidth = typeof w === 'number' ? '100%' : '';
  el.style.textAlign = p.text_alignment && p.text_alignment !== 'left' ? p.text_alignment : '';
  el.classList.toggle('nowrap', p.wrap === false);
}

/**
 * An icon given as `icon=`: an emoji, or `:material/name:`.
 * @param {string|null|undefined} icon
 * @param {string} cls
 * @returns {HTMLElement|null}
 */
export function iconEl(icon, cls) {
  if (!icon) return null;
  const m = /^:material\/(\w+):$/.exec(icon);
  if (m) return h('span', { class: cls, html: materialIcon(m[1]) });
  return h('span', { class: cls, 'aria-hidden': 'true', text: icon });
}

/** A kind whose create and update both (re)render from props. */
function simple(make, render) {
  return {
    create(node, p) {
      node.el = make(p);
      render(node.el, p, {}, node);
    },
    update(node, p, prev) {
      render(node.el, p, prev, node);
    },
  };
}

// ------------------------------------------------------------------------------ headings
let headingSeq = 0;
let scrolledToHash = false;

function heading(tag) {
  return simple(
    () => h(tag, { class: 'heading' }),
    (el, p, prev, node) => {
      node.s.textId ??= `heading-${++headingSeq}`;
      const text = h('span', { class: 'heading-text', id: node.s.textId });
      setMarkdown(text, p.body ?? '', { inline: true });
      const id = p.anchor || slugify(text.textContent);
      const link = !p.hide_anchor && id ? h('span', { class: 'heading-actions', html: anchorLink(id) }) : null;
      el.replaceChildren(...[iconEl(p.icon, 'heading-icon'), text, helpIcon(p.help), link].filter(Boolean));
      if (id) el.id = id;
      else el.removeAttribute('id');
      // the accessible name is the text alone, not the icon's or the link's labels
      el.setAttribute('aria-labelledby', node.s.textId);
      el.classList.toggle('divided', Boolean(p.divider));
      el.dataset.divider = p.divider || '';
      applyLayout(el, p);
      if (id && !scrolledToHash && decodeURIComponent(location.hash.slice(1)) === id) {
        // a link to this heading opened the page: scroll to it once it is in the page
        scrolledToHash = true;
        requestAnimationFrame(() => el.scrollIntoView());
      }
    },
  );
}

// ------------------------------------------------------------------------------ markdown
function markdownLike(cls) {
  return {
    create(node, p) {
      node.s.body = h('div', { class: 'md' });
      node.el = h('div', { class: cls }, node.s.body);
      this.update(node, p, {});
    },
    update(node, p, prev) {
      if (
        p.body !== prev.body || p.unsafe_allow_html !== prev.unsafe_allow_html
        || p.anchors !== prev.anchors || p.cursor !== prev.cursor
      ) {
        endStream(node);
        renderBody(node, node.s.body);
      }
      if (p.help !== prev.help) {
        node.el.querySelector(':scope > .help')?.remove();
        const icon = helpIcon(p.help);
        if (icon) node.el.append(icon);
      }
      applyLayout(node.el, p);
    },
    /** An `append` op grew `body` (st.write_stream): render only the unfinished tail again. */
    append(node, key) {
      if (key === 'body') appendMarkdown(node, node.s.body, (box) => renderBody(node, box));
    },
    destroy(node) {
      endStream(node);
    },
  };
}

/** A Markdown element's whole body, with Streamlit's extensions. */
function renderBody(node, box) {
  const p = node.p;
  setMarkdown(box, p.body ?? '', { allowHtml: Boolean(p.unsafe_allow_html), anchors: p.anchors !== false });
}

const textKind = simple(
  () => h('div', { class: 'text' }),
  (el, p) => {
    el.replaceChildren(h('span', { class: 'text-body', text: p.body ?? '' }), ...[helpIcon(p.help)].filter(Boolean));
    applyLayout(el, p);
  },
);

// ------------------------------------------------------------------------------ streaming
// Markdown that grows while it streams (`append` ops of st.write_stream): only the tail since
// the last finished block is parsed again per append, not the whole text. A block is finished
// at a blank line outside a fenced code block that is followed by more text; finished blocks
// are rendered once and kept. When appends pause, the whole text is parsed once and shown, so
// the final page is exactly what a full render shows (even where a later line changes an
// earlier block, such as a loose list or a link reference).

const SETTLE_MS = 250;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The end of the last finished block in `text` (an index just after a blank line, outside
 * code fences, with more text after it), or 0 if none.
 * @param {string} text
 * @returns {number}
 */
function finishedPrefix(text) {
  let best = 0;
  let fence = null;
  let pos = 0;
  let blank = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    const m = FENCE.exec(line);
    if (m) {
      if (fence === null) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
    }
    const isBlank = line.trim() === '';
    // a finished block ends before a non-blank, non-indented line that follows a blank one
    if (!isBlank && blank && fence === null && !/^[ \t]/.test(line) && !m) best = pos;
    blank = isBlank && fence === null;
    if (nl < 0) break;
    pos = nl + 1;
  }
  return best;
}

function div(cls) {
  const el = document.createElement('div');
  el.className = cls;
  return el;
}

function cursorEl(cursor) {
  const el = document.createElement('span');
  el.className = 'stream-cursor';
  el.setAttribute('aria-hidden', 'true');
  el.innerHTML = inlineMarkdown(cursor);
  return el;
}

/**
 * Show `node.p.body` (which just grew by an append) in `box`, parsing only the unfinished tail.
 * @param {import('./render.js').Node} node
 * @param {HTMLElement} box the `.md` element of the markdown element
 * @param {(box: HTMLElement) => void} [full] how the element renders its whole body (with
 *   its Markdown extensions): used once appends pause
 */
function appendMarkdown(node, box, full) {
  const body = String(node.p.body ?? '');
  const allowHtml = Boolean(node.p.unsafe_allow_html);
  let st = node.s.stream;
  if (!st) {
    st = { done: 0, doneEl: div('md-done'), tailEl: div('md-tail'), timer: 0 };
    box.replaceChildren(st.doneEl, st.tailEl);
    node.s.stream = st;
  }
  const tail = body.slice(st.done);
  const cut = finishedPrefix(tail);
  if (cut > 0) {
    const html = markdown(tail.slice(0, cut), allowHtml);
    st.doneEl.insertAdjacentHTML('beforeend', html);
    st.done += cut;
  }
  st.tailEl.innerHTML = markdown(body.slice(st.done), allowHtml);
  if (node.p.cursor) (st.tailEl.lastElementChild ?? st.tailEl).append(cursorEl(node.p.cursor));
  clearTimeout(st.timer);
  if (!node.p.cursor) st.timer = setTimeout(() => settle(node, box, full), SETTLE_MS);
}

/** Appends paused: show exactly what a full render of the text shows (one parse of the whole
 * text per pause; the next append starts a new tail from there). */
function settle(node, box, full) {
  const st = node.s.stream;
  if (!st || !box.isConnected) return;
  node.s.stream = null;
  if (full) full(box);
  else box.innerHTML = markdown(String(node.p.body ?? ''), Boolean(node.p.unsafe_allow_html));
}

/**
 * Forget the streaming state (a full render of new props replaces it).
 * @param {import('./render.js').Node} node
 */
function endStream(node) {
  if (node.s.stream) clearTimeout(node.s.stream.timer);
  node.s.stream = null;
}

// ------------------------------------------------------------------------------ code
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

/**
 * Split highlighted code into one `.code-line` per source line; a token spanning lines is
 * cut into one span per line, so each line can be numbered and wrapped on its own.
 * @param {HTMLElement} source code whose children are text and token spans
 * @returns {HTMLElement[]}
 */
function splitLines(source) {
  const lines = [[]];
  const walk = (parent, ancestors) => {
    for (const child of parent.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        child.data.split('\n').forEach((part, i) => {
          if (i > 0) lines.push([]);
          if (!part) return;
          let piece = document.createTextNode(part);
          for (let a = ancestors.length - 1; a >= 0; a--) {
            const wrap = ancestors[a].cloneNode(false);
            wrap.append(piece);
            piece = wrap;
          }
          lines[lines.length - 1].push(piece);
        });
      } else {
        walk(child, [...ancestors, child]);
      }
    }
  };
  walk(source, []);
  if (lines.length > 1 && lines[lines.length - 1].length === 0) lines.pop();
  return lines.map((parts) => h('span', { class: 'code-line' }, ...parts));
}

function renderCode(node, p, highlighted) {
  const src = h('code');
  if (highlighted) src.innerHTML = highlighted;
  else src.textContent = p.body ?? '';
  node.s.code.replaceChildren(...splitLines(src));
  node.s.code.classList.toggle('hljs', Boolean(highlighted));
}

const codeKind = {
  create(node, p) {
    node.s.code = h('code');
    node.s.pre = h('pre', {}, node.s.code);
    node.el = h('div', { class: 'code' }, node.s.pre, copyButton(() => node.p.body ?? ''));
    this.update(node, p, {});
  },
  update(node, p, prev) {
    const lang = p.language || 'plaintext';
    node.el.dataset.lang = lang;
    node.s.code.className = `language-${lang}`;
    node.el.classList.toggle('line-numbers', Boolean(p.line_numbers));
    node.el.classList.toggle('wrap-lines', Boolean(p.wrap_lines));
    node.s.pre.style.maxHeight = typeof p.height === 'number' ? `${p.height}px` : '';
    node.el.classList.toggle('h-stretch', p.height === 'stretch');
    applyLayout(node.el, p);
    if (p.body === prev.body && p.language === prev.language) return;
    renderCode(node, p, null);
    const seq = (node.s.seq ?? 0) + 1;
    node.s.seq = seq;
    loadHighlighter(lang).then((hl) => {
      if (!hl || node.s.seq !== seq) return;
      const out = hl.hljs.highlight(node.p.body ?? '', { language: hl.name, ignoreIllegals: true });
      renderCode(node, node.p, out.value);
    }).catch(() => {}); // plain text stays
  },
};

// ------------------------------------------------------------------------------ callouts
function callout(kind) {
  return simple(
    () => h('div', { class: `callout callout-${kind}`, role: kind === 'error' ? 'alert' : 'status' }),
    (el, p) => {
      const body = h('div', { class: 'md' });
      // `plain` bodies hold text from outside the script (the address bar): never Markdown
      if (p.plain) body.textContent = p.body ?? '';
      else setMarkdown(body, p.body ?? '');
      const title = p.title ? h('div', { class: 'callout-title' }) : null;
      if (title) setMarkdown(title, p.title, { inline: true });
      const content = h('div', { class: 'callout-content' }, title, body);
      el.replaceChildren(...[iconEl(p.icon, 'callout-icon'), content].filter(Boolean));
      applyLayout(el, p);
    },
  );
}

const dividerKind = simple(
  () => h('hr', { class: 'divider' }),
  (el, p) => applyLayout(el, p),
);

/** The text element types, by type name. */
export const textKinds = {
  title: heading('h1'),
  header: heading('h2'),
  subheader: heading('h3'),
  markdown: markdownLike('markdown'),
  caption: markdownLike('markdown caption'),
  latex: markdownLike('markdown latex'),
  text: textKind,
  code: codeKind,
  error: callout('error'),
  warning: callout('warning'),
  info: callout('info'),
  success: callout('success'),
  divider: dividerKind,
};

export { escapeHtml };
