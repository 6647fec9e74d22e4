// Markdown to HTML, through the vendored `marked`.
// Raw HTML in the source is escaped unless the caller allows it; link and image URLs with a
// scheme other than http(s)/mailto/tel (javascript:, vbscript:, data: outside images) are
// dropped either way. Knows nothing about elements or the DOM tree.
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

function isExternal(href) {
  return /^\s*(https?:)?\/\//i.test(href);
}

/** Renderer overrides shared by both instances: safe URLs, external links in a new tab. */
const urlRenderer = {
  link({ href, title, tokens }) {
    const text = this.parser.parseInline(tokens);
    if (!safeUrl(href, false)) return text;
    let out = `<a href="${escapeHtml(href)}"`;
    if (title) out += ` title="${escapeHtml(title)}"`;
    if (isExternal(href)) out += ' target="_blank" rel="noopener noreferrer"';
    return `${out}>${text}</a>`;
  },
  image({ href, title, text }) {
    if (!safeUrl(href, true)) return escapeHtml(text);
    let out = `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}" loading="lazy"`;
    if (title) out += ` title="${escapeHtml(title)}"`;
    return `${out}>`;
  },
};

// Without raw HTML, tags are not even tokenized: they stay text (escaped on output) and the
// Markdown around them still renders. The html renderer is a second line of defence.
const safe = new Marked({
  gfm: true,
  tokenizer: { html: () => undefined, tag: () => undefined },
  renderer: { ...urlRenderer, html: ({ text }) => escapeHtml(text) },
});
const unsafe = new Marked({ gfm: true, renderer: urlRenderer });

/**
 * Render block Markdown to an HTML string.
 * @param {string} body Markdown source.
 * @param {boolean} [allowHtml] keep raw HTML (`unsafe_allow_html`); escaped otherwise.
 * @returns {string}
 */
export function markdown(body, allowHtml = false) {
  return (allowHtml ? unsafe : safe).parse(String(body ?? ''), { async: false });
}

/**
 * Render inline Markdown (no paragraphs) to an HTML string, raw HTML escaped.
 * @param {string} body
 * @returns {string}
 */
export function inlineMarkdown(body) {
  return safe.parseInline(String(body ?? ''), { async: false });
}
