// st.graphviz_chart, loaded on first use: Graphviz compiled to WebAssembly (vendored viz.js)
// lays out the DOT text and draws it as SVG. In the dark theme the drawing is inverted (hues
// kept), as Graphviz's default black on white would vanish on a dark page.
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { instance } from '../vendor/viz/viz.js';

useStyles(new URL('charts.css', import.meta.url).href);

const viz = await instance();

function draw(node, p) {
  let svg;
  try {
    svg = viz.renderSVGElement(String(p.spec ?? ''), { engine: p.engine ?? 'dot' });
  } catch (err) {
    node.el.replaceChildren(h('div', { class: 'chart-error', role: 'alert' },
      `Graphviz could not draw this graph: ${err?.message ?? err}`));
    return;
  }
  svg.setAttribute('role', 'img');
  if (p.alt) svg.setAttribute('aria-label', p.alt);
  if (p.width === 'stretch' || typeof p.width === 'number') {
    svg.setAttribute('width', typeof p.width === 'number' ? `${p.width}px` : '100%');
    svg.removeAttribute('height');
  }
  if (typeof p.height === 'number') svg.setAttribute('height', `${p.height}px`);
  node.el.replaceChildren(svg);
}

const graphvizKind = {
  create(node, p) {
    node.el = h('div', { class: 'graphviz-el' });
    draw(node, p);
  },
  update(node, p, prev) {
    if (['spec', 'engine', 'width', 'height', 'alt'].some((k) => p[k] !== prev[k])) draw(node, p);
  },
};

export const kinds = { graphviz_chart: graphvizKind };
