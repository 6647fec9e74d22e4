// Tabs (st.tabs): a tablist of buttons over `tab` panels, one shown at a time. Not on most
// pages, so fetched on first use (render.js LAZY); until then the panels show in a quiet
// placeholder. Same kind interface as elements.js. Knows nothing about paths, ops or the
// connection.
import { applyKey, applyWidth, h, sendPanel } from '../elements.js';
import { inlineMarkdown } from '../markdown.js';

// Tabs: a tablist of buttons over `tab` children, one shown at a time. Untracked, the
// selection is the person's and lives in the page only (as in Streamlit); tracked (a widget,
// `on_change` set), a click is a `change` with the tab's label. Arrows, Home and End move it.
let tabsSeq = 0;

const tabsKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.uid = `tabs-${++tabsSeq}`;
    node.s.selected = Math.max(0, (p.labels ?? []).indexOf(p.id ? p.value : p.default));
    node.s.list = h('div', { class: 'tab-list', role: 'tablist' });
    node.box = h('div', { class: 'tab-panels' });
    node.el = h('div', { class: 'tabs' }, node.s.list, node.box);
    const pick = (i) => {
      selectTab(node, i);
      const label = node.p.labels?.[i];
      if (node.p.id && label !== undefined && label !== node.s.committed) {
        node.s.committed = label;
        sendPanel(node, ctx, label, String(label));
      }
    };
    node.s.committed = p.id ? p.value : null;
    node.s.list.addEventListener('click', (e) => {
      const b = e.target.closest('[role="tab"]');
      if (b) pick(Number(b.dataset.i));
    });
    node.s.list.addEventListener('keydown', (e) => {
      const n = node.s.list.children.length;
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
      if (!(e.key in moves) || !n) return;
      e.preventDefault();
      const d = moves[e.key];
      const from = Number(e.target.closest('[role="tab"]')?.dataset.i ?? node.s.selected);
      const i = Number.isFinite(d) ? (from + d + n) % n : d > 0 ? n - 1 : 0;
      pick(i);
      node.s.list.children[i].focus();
    });
    this.update(node, p, {});
  },
  update(node, p, prev) {
    const labels = Array.isArray(p.labels) ? p.labels : [];
    if (p.id && 'value' in prev && p.value !== prev.value) {
      node.s.committed = p.value;
      node.s.selected = Math.max(0, labels.indexOf(p.value));
    }
    if (node.s.selected >= labels.length) node.s.selected = 0;
    node.s.list.replaceChildren(...labels.map((label, i) => h('button', {
      type: 'button', role: 'tab', class: 'tab', id: `${node.s.uid}-tab-${i}`,
      'aria-controls': `${node.s.uid}-panel-${i}`, 'data-i': String(i),
      html: inlineMarkdown(String(label)),
    })));
    applyWidth(node.el, p.width);
    node.box.style.height = typeof p.height === 'number' ? `${p.height}px` : '';
    node.box.classList.toggle('scrolls', typeof p.height === 'number');
    applyKey(node, p.key);
    selectTab(node, node.s.selected);
  },
};

/** Show tab `i` of a tabs node: its button selected (the one tab stop), its panel visible. */
function selectTab(node, i) {
  node.s.selected = i;
  [...node.s.list.children].forEach((b, k) => {
    b.setAttribute('aria-selected', String(k === i));
    b.tabIndex = k === i ? 0 : -1;
  });
  node.kids.forEach((kid, k) => showPanel(kid, node, k));
}

function showPanel(panel, tabs, i) {
  if (panel.t !== 'tab') return;
  panel.el.id = `${tabs.s.uid}-panel-${i}`;
  panel.el.setAttribute('aria-labelledby', `${tabs.s.uid}-tab-${i}`);
  panel.el.hidden = i !== tabs.s.selected;
}

const tabKind = {
  create(node, p, ctx) {
    node.el = node.box = h('div', { class: 'block tab-panel', role: 'tabpanel', tabindex: '0' });
    // Panels arrive after their tabs element: take the selection it already has.
    const tabs = ctx.tree.find(node.path.slice(0, -1));
    if (tabs?.t === 'tabs') showPanel(node, tabs, node.path[node.path.length - 1]);
  },
  update() {},
};

/** The element types of this family, by type name. */
export const kinds = {
  tabs: tabsKind,
  tab: tabKind,
};
