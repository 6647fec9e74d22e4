// Markdown to HTML, through the vendored `marked`, with Streamlit's extensions: colours
// (:red[...], :blue-background[...], :color[...]{foreground="..."}), badges (:green-badge[...]),
// :small[...], :shimmer[...], Material Symbols (:material/name:), emoji shortcodes (:smile:),
// LaTeX ($...$, $$...$$) and typographic arrows (-> <- <-> -- >= <= ~=).
// Raw HTML in the source is escaped unless the caller allows it; link and image URLs with a
// scheme other than http(s)/mailto/tel (javascript:, vbscript:, data: outside images) are
// dropped either way; links leave the page in a new tab. LaTeX, emoji and code highlighting
// need libraries fetched on first use (lazy.js, typeset.js); rendered HTML is finished once
// they are in.
// Knows nothing about elements or the DOM tree beyond the element it is given.
import { importOnce, loadEmoji } from './lazy.js';
import { Marked } from './vendor/marked.esm.js';

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape text for use inside HTML.
 * @param {string} s
 * @returns {string}
 */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESC[c]);
}

const SCHEME = /^\s*([a-z][a-z0-9+.-]*):/i;

/** @param {string} href @param {boolean} image */
function safeUrl(href, image) {
  const m = SCHEME.exec(href);
  if (!m) return true; // relative, #fragment, //host
  const scheme = m[1].toLowerCase();
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto' || scheme === 'tel') return true;
  return image && /^\s*data:image\/(png|gif|jpe?g|webp);/i.test(href);
}

// ------------------------------------------------------------------------------ anchors

/**
 * The anchor Streamlit makes from a heading's text: lower-case words of Latin letters and
 * digits joined by '-' (accents dropped, camelCase split, '&' read as 'and'); text with no
 * such letters (e.g. Japanese) gets a short hash instead.
 * @param {string} text
 * @returns {string}
 */
export function slugify(text) {
  const s = String(text ?? '').trim();
  if (!s) return '';
  const slug = s
    .replace(/&/g, ' and ')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug) return slug;
  let h = 0x811c9dc5; // FNV-1a
  for (const ch of s) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

const LINK_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/**
 * The "link to this heading" icon.
 * @param {string} id
 * @returns {string} HTML
 */
export function anchorLink(id) {
  return `<a class="anchor-link" href="#${escapeHtml(id)}" aria-label="Link to heading">${LINK_ICON}</a>`;
}

// ------------------------------------------------------------------------------ extensions

/** Palette colours of :color[...] and :color-background[...]. */
export const COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'violet', 'gray', 'grey', 'rainbow', 'primary'];
const BADGE_COLORS = COLORS.filter((c) => c !== 'rainbow');

/** @param {string} c */
const canon = (c) => (c === 'grey' ? 'gray' : c);

/** Options of the parse in progress (parsing is synchronous, so one slot is enough). */
let current = { anchors: true, needsEmoji: false };

/** Index of the `]` closing the `[` at src[open], honouring nesting and backslash escapes. */
function closingBracket(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
    else if (c === '\n' && src[i + 1] === '\n') return -1; // not across paragraphs
  }
  return -1;
}

const ATTR = /^\{([^}\n]*)\}/;
const ATTR_PAIR = /(\w+)\s*=\s*"([^"]*)"/g;

/** @param {string} value */
function cssColor(value) {
  return typeof CSS !== 'undefined' && CSS.supports('color', value) ? value : null;
}

/** Turn a directive name (+ attributes) into a span's class and style, or null if unknown. */
function directiveStyle(name, attrs) {
  if (name === 'small') return { cls: 'md-small' };
  if (name === 'shimmer') return { cls: 'md-shimmer' };
  if (name === 'color') {
    const fg = attrs.foreground ? cssColor(attrs.foreground) : null;
    const bg = attrs.background ? cssColor(attrs.background) : null;
    const style = [fg && `color: ${fg}`, bg && `background-color: ${bg}`].filter(Boolean).join('; ');
    return { cls: bg ? 'md-bg' : 'md-fg', style };
  }
  const m = /^([a-z]+)(?:-(background|badge))?$/.exec(name);
  if (!m) return null;
  const [, color, kind] = m;
  if (kind === 'badge') return BADGE_COLORS.includes(color) ? { cls: `md-badge md-badge-${canon(color)}` } : null;
  if (!COLORS.includes(color)) return null;
  return kind ? { cls: `md-bg md-bg-${canon(color)}` } : { cls: `md-fg md-fg-${canon(color)}` };
}

const directive = {
  name: 'directive',
  level: 'inline',
  start(src) {
    const m = /:[a-z][a-z-]*\[/.exec(src);
    return m ? m.index : undefined;
  },
  tokenizer(src) {
    const m = /^:([a-z][a-z-]*)\[/.exec(src);
    if (!m) return undefined;
    const open = m[0].length - 1;
    const close = closingBracket(src, open);
    if (close < 0) return undefined;
    let end = close + 1;
    const attrs = {};
    if (m[1] === 'color') {
      const a = ATTR.exec(src.slice(end));
      if (!a) return undefined;
      for (const [, k, v] of a[1].matchAll(ATTR_PAIR)) attrs[k] = v;
      end += a[0].length;
    }
    const style = directiveStyle(m[1], attrs);
    if (!style) return undefined;
    const inner = src.slice(open + 1, close);
    return { type: 'directive', raw: src.slice(0, end), style, tokens: this.lexer.inlineTokens(inner) };
  },
  renderer(token) {
    const { cls, style } = token.style;
    const styleAttr = style ? ` style="${escapeHtml(style)}"` : '';
    return `<span class="${cls}"${styleAttr}>${this.parser.parseInline(token.tokens)}</span>`;
  },
};

/**
 * A Material Symbol as HTML (drawn by the vendored font, fetched when first shown).
 * @param {string} name e.g. `thumb_up`
 * @returns {string}
 */
export function materialIcon(name) {
  const n = escapeHtml(name);
  return `<span class="material-icon" role="img" aria-label="${n} icon" translate="no">${n}</span>`;
}

const material = {
  name: 'material',
  level: 'inline',
  start(src) {
    const i = src.indexOf(':material/');
    return i < 0 ? undefined : i;
  },
  tokenizer(src) {
    const m = /^:material\/(\w+):/.exec(src);
    return m ? { type: 'material', raw: m[0], icon: m[1] } : undefined;
  },
  renderer(token) {
    return materialIcon(token.icon);
  },
};

/** @type {Record<string, string>|null} shortcode -> emoji, once loaded */
let emojiTable = null;

const emoji = {
  name: 'emoji',
  level: 'inline',
  start(src) {
    const m = /:[\w+-]+:/.exec(src);
    return m ? m.index : undefined;
  },
  tokenizer(src) {
    const m = /^:([\w+-]+):/.exec(src);
    if (!m) return undefined;
    if (!emojiTable) {
      // the table is not in yet: a placeholder that resolvePendingEmoji fills in later
      current.needsEmoji = true;
      return { type: 'emoji', raw: m[0], name: m[1], pending: true };
    }
    const e = Object.hasOwn(emojiTable, m[1]) ? emojiTable[m[1]] : null;
    return e ? { type: 'emoji', raw: m[0], text: e } : undefined;
  },
  renderer(token) {
    if (token.pending) {
      return `<span class="emoji-pending" data-name="${escapeHtml(token.name)}">${escapeHtml(token.raw)}</span>`;
    }
    return escapeHtml(token.text);
  },
};

/**
 * Replace the emoji placeholders under `root` (rendered before the table was in) by their
 * emoji, or by their text when the name is no emoji.
 * @param {ParentNode} root
 */
function resolvePendingEmoji(root) {
  if (!emojiTable) return;
  for (const span of root.querySelectorAll('.emoji-pending')) {
    const name = span.getAttribute('data-name') ?? '';
    const e = Object.hasOwn(emojiTable, name) ? emojiTable[name] : null;
    span.replaceWith(document.createTextNode(e ?? span.textContent ?? ''));
  }
}

function mathHtml(tex, display) {
  const tag = display ? 'div' : 'span';
  const cls = display ? 'math math-display' : 'math math-inline';
  return `<${tag} class="${cls}" data-tex="${escapeHtml(tex)}">${escapeHtml(tex)}</${tag}>`;
}

const blockMath = {
  name: 'blockMath',
  level: 'block',
  start(src) {
    const m = /^ {0,3}\$\$/m.exec(src);
    return m ? m.index : undefined;
  },
  tokenizer(src) {
    const m = /^ {0,3}\$\$([^\n]*)\n([\s\S]*?)\n? {0,3}\$\$[ \t]*(?:\n+|$)/.exec(src);
    if (!m) return undefined;
    const tex = `${m[1]}\n${m[2]}`.trim();
    return { type: 'blockMath', raw: m[0], tex };
  },
  renderer(token) {
    return `${mathHtml(token.tex, true)}\n`;
  },
};

const inlineMath = {
  name: 'inlineMath',
  level: 'inline',
  start(src) {
    const m = /(?<!\\)\$/.exec(src);
    return m ? m.index : undefined;
  },
  tokenizer(src) {
    let m = /^\$\$((?:\\.|[^\\$])+?)\$\$/.exec(src);
    if (m) return { type: 'inlineMath', raw: m[0], tex: m[1].trim(), display: true };
    // $x$: no space just inside the dollars and no digit right after: "$5 and $10" stays text
    m = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    return m ? { type: 'inlineMath', raw: m[0], tex: m[1], display: false } : undefined;
  },
  renderer(token) {
    return mathHtml(token.tex, token.display);
  },
};

const SYMBOLS = [
  [/(^|\s)<->(?=\s|$)/g, '$1↔'], [/(^|\s)->(?=\s|$)/g, '$1→'], [/(^|\s)<-(?=\s|$)/g, '$1←'],
  [/(^|\s)--(?=\s|$)/g, '$1—'], [/(^|\s)>=(?=\s|$)/g, '$1≥'], [/(^|\s)<=(?=\s|$)/g, '$1≤'],
  [/(^|\s)~=(?=\s|$)/g, '$1≈'],
];

/** Arrows and symbols in plain text, never inside links (marked walks a link before its text). */
function walkTokens(token) {
  if (token.type === 'link') {
    for (const t of token.tokens ?? []) t.inLink = true;
  } else if (token.type === 'text' && !token.inLink && !token.tokens && !token.escaped) {
    let s = token.text;
    for (const [re, to] of SYMBOLS) s = s.replace(re, to);
    token.text = s;
  }
}

const renderer = {
  link({ href, title, tokens }) {
    const text = this.parser.parseInline(tokens);
    if (!safeUrl(href, false)) return text;
    let out = `<a href="${escapeHtml(href)}"`;
    if (title) out += ` title="${escapeHtml(title)}"`;
    // as in Streamlit, links leave the app in a new tab; in-page anchors stay
    if (!href.startsWith('#')) out += ' target="_blank" rel="noopener noreferrer"';
    return `${out}>${text}</a>`;
  },
  image({ href, title, text }) {
    if (!safeUrl(href, true)) return escapeHtml(text);
    let out = `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}" loading="lazy"`;
    if (title) out += ` title="${escapeHtml(title)}"`;
    return `${out}>`;
  },
  heading({ tokens, depth, text }) {
    const id = slugify(text.replace(/[*_`~[\]]/g, ''));
    const link = current.anchors && id ? anchorLink(id) : '';
    return `<h${depth} id="${escapeHtml(id)}">${this.parser.parseInline(tokens)}${link}</h${depth}>\n`;
  },
};

const extensions = [blockMath, inlineMath, material, directive, emoji];

// Without raw HTML, tags are not even tokenized: they stay text (escaped on output) and the
// Markdown around them still renders. The html renderer is a second line of defence.
const safe = new Marked({
  gfm: true,
  tokenizer: { html: () => undefined, tag: () => undefined },
  renderer: { ...renderer, html: ({ text }) => escapeHtml(text) },
  extensions,
  walkTokens,
});
const unsafe = new Marked({ gfm: true, renderer, extensions, walkTokens });

/**
 * Render block Markdown to an HTML string.
 * @param {string} body Markdown source.
 * @param {boolean} [allowHtml] keep raw HTML (`unsafe_allow_html`); escaped otherwise.
 * @param {{anchors?: boolean}} [opts] `anchors: false` leaves out heading links
 * @returns {string}
 */
export function markdown(body, allowHtml = false, opts = {}) {
  current = { anchors: opts.anchors ?? true, needsEmoji: false };
  const html = (allowHtml ? unsafe : safe).parse(String(body ?? ''), { async: false });
  return finish(html);
}

/**
 * Render inline Markdown (no paragraphs) to an HTML string, raw HTML escaped.
 * @param {string} body
 * @returns {string}
 */
export function inlineMarkdown(body) {
  current = { anchors: false, needsEmoji: false };
  const html = safe.parseInline(String(body ?? ''), { async: false });
  return finish(html);
}

/**
 * Start what rendered HTML needs, wherever the caller puts it: the emoji table (its
 * placeholders are filled in on arrival) and KaTeX (formulas typeset once the caller's
 * synchronous code has run), so labels and other plain `markdown()` users get both.
 * @param {string} html
 * @returns {string}
 */
function finish(html) {
  if (current.needsEmoji) {
    loadEmoji().then((t) => {
      emojiTable = t;
      resolvePendingEmoji(document);
    }).catch(() => {});
  }
  if (html.includes('data-tex=')) queueMicrotask(() => { finishLater(document, MATH, 'typeset'); });
  return html;
}

/**
 * Render Markdown into `el`, then finish it: LaTeX typeset and fenced code highlighted once
 * their libraries are in (emoji shortcodes fill in by themselves when their table is).
 * @param {HTMLElement} el
 * @param {string} body
 * @param {{allowHtml?: boolean, inline?: boolean, anchors?: boolean}} [opts]
 */
export function setMarkdown(el, body, opts = {}) {
  el.innerHTML = opts.inline ? inlineMarkdown(body) : markdown(body, opts.allowHtml, opts);
  finishLater(el, MATH, 'typeset');
  finishLater(el, CODE, 'highlightBlocks');
}

const MATH = '.math[data-tex]:not([data-typeset])';
const CODE = 'pre > code[class^="language-"]:not(.hljs)';

/**
 * Call typeset.js's `name` on `root` (that module and the library it needs are fetched on
 * first use) when something under `root` matches `selector`; on failure the source stays.
 * @param {ParentNode} root
 * @param {string} selector
 * @param {'typeset'|'highlightBlocks'} name
 */
function finishLater(root, selector, name) {
  if (!root.querySelector(selector)) return;
  importOnce('./typeset.js').then((m) => m[name](root)).catch(() => {});
}

