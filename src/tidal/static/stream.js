// Markdown that grows while it streams (`append` ops of st.write_stream): only the tail since
// the last finished block is parsed again per append, not the whole text. A block is finished
// at a blank line outside a fenced code block that is followed by more text; finished blocks
// are rendered once and kept. When appends pause, the whole text is parsed once and shown, so
// the final page is exactly what a full render shows (even where a later line changes an
// earlier block, such as a loose list or a link reference).
import { inlineMarkdown, markdown } from './markdown.js';

const SETTLE_MS = 250;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The end of the last finished block in `text` (an index just after a blank line, outside
 * code fences, with more text after it), or 0 if none.
 * @param {string} text
 * @returns {number}
 */
export function finishedPrefix(text) {
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
export function appendMarkdown(node, box, full) {
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
export function endStream(node) {
  if (node.s.stream) clearTimeout(node.s.stream.timer);
  node.s.stream = null;
}
