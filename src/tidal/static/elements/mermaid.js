// st.mermaid_chart, loaded on first use: the vendored Mermaid draws the diagram as SVG, at the
// strict security level (labels are sanitised text), in the page's theme (redrawn when it
// changes).
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import mermaid from '../vendor/mermaid/mermaid.esm.min.mjs';

useStyles(new URL('charts.css', import.meta.url).href);

const live = new Set();
let counter = 0;
new MutationObserver(() => {
  for (const node of live) draw(node);
}).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

async function draw(node) {
  const p = node.p;
  const hook = /** @type {any} */ (window).__tidal;
  if (hook) hook.loading = (hook.loading ?? 0) + 1;
  const gen = (node.s.gen = (node.s.gen ?? 0) + 1);
  try {
    const dark = document.documentElement.dataset.theme === 'dark';
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
    const { svg } = await mermaid.render(`tidal-mermaid-${++counter}`, String(p.body ?? ''));
    if (gen !== node.s.gen) return;
    node.el.innerHTML = svg;
    const el = node.el.querySelector('svg');
    if (el) {
      el.setAttribute('role', 'img');
      if (p.alt) el.setAttribute('aria-label', p.alt);
      if (typeof p.width === 'number') el.style.maxWidth = `${p.width}px`;
      else if (p.width === 'content') el.style.maxWidth = 'none';
    }
  } catch (err) {
    if (gen !== node.s.gen) return;
    node.el.replaceChildren(h('div', { class: 'chart-error', role: 'alert' },
      `Mermaid could not draw this diagram: ${err?.message ?? err}`));
  } finally {
    if (hook) hook.loading -= 1;
  }
}

const mermaidKind = {
  create(node) {
    node.el = h('div', { class: 'mermaid-el' });
    live.add(node);
    draw(node);
  },
  update(node, p, prev) {
    if (p.body !== prev.body || p.width !== prev.width || p.alt !== prev.alt) draw(node);
  },
  destroy(node) {
    live.delete(node);
    node.s.gen = (node.s.gen ?? 0) + 1;
  },
};

export const kinds = { mermaid_chart: mermaidKind };
