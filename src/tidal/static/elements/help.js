// st.help: an object's name, signature, docstring and members. Loaded on first use.
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';

useStyles(new URL('help.css', import.meta.url).href);

const helpKind = {
  create(node, p) {
    node.el = h('div', { class: 'st-help' });
    this.update(node, p);
  },
  update(node, p) {
    const head = h('div', { class: 'help-head' },
      h('code', { class: 'help-name', text: `${p.name || p.type}${p.signature ?? ''}` }),
      h('span', { class: 'help-type', text: p.module ? `${p.type} in ${p.module}` : p.type }));
    const parts = [head, h('pre', { class: 'help-doc', text: p.doc_string ?? '' })];
    if (p.value) parts.push(h('pre', { class: 'help-value', text: p.value }));
    const members = Array.isArray(p.members) ? p.members : [];
    if (members.length) {
      const rows = members.map((m) => h('tr', {},
        h('td', {}, h('code', { text: m.name })), h('td', { class: 'help-mtype', text: m.type }),
        h('td', { text: m.value || m.doc || '' })));
      parts.push(h('details', { class: 'help-members' },
        h('summary', { text: `${members.length} members` }), h('table', {}, h('tbody', {}, ...rows))));
    }
    node.el.replaceChildren(...parts);
  },
};

export const kinds = { help: helpKind };
