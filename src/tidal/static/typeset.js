// Typesetting of rendered Markdown by libraries fetched on first use (lazy.js): LaTeX
// placeholders (`.math[data-tex]`) by KaTeX and fenced code blocks by highlight.js. Itself
// imported by markdown.js only when rendered HTML has formulas or fenced code, so pages
// without them never fetch it. Knows nothing about elements.
import { loadHighlighter, loadKatex } from './lazy.js';

/**
 * Highlight the fenced code blocks (```python) under `root` once their grammar is in.
 * @param {ParentNode} root
 */
export function highlightBlocks(root) {
  for (const code of root.querySelectorAll('pre > code[class^="language-"]:not(.hljs)')) {
    const lang = code.className.slice('language-'.length);
    loadHighlighter(lang).then((hl) => {
      if (!hl || code.classList.contains('hljs')) return;
      code.innerHTML = hl.hljs.highlight(code.textContent ?? '', { language: hl.name, ignoreIllegals: true }).value;
      code.classList.add('hljs');
    }).catch(() => {}); // plain text stays
  }
}

/**
 * Typeset the LaTeX placeholders under `root` with KaTeX (fetched on first use).
 * @param {ParentNode} root
 * @returns {Promise<void>}
 */
export async function typeset(root) {
  const todo = [...root.querySelectorAll('.math[data-tex]:not([data-typeset])')];
  if (!todo.length) return;
  let katex;
  try {
    katex = await loadKatex();
  } catch {
    return; // the source stays visible
  }
  for (const el of todo) {
    if (el.dataset.typeset) continue;
    el.dataset.typeset = '1';
    katex.render(el.dataset.tex ?? '', el, {
      displayMode: el.classList.contains('math-display'),
      throwOnError: false,
      output: 'htmlAndMathml',
    });
  }
}
