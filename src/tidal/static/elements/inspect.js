// st.json and st.help: a JSON value as a tree of collapsible levels (each scalar shown as its
// source text, so 1.0 stays 1.0), and an object's name, type, value, docstring and members.
// Not on most pages, so fetched on first use (render.js LAZY). Same kind interface as
// elements.js. Knows nothing about paths, ops or the connection.
import { h, simple } from '../elements.js';
import { applyLayout } from '../text.js';

// ------------------------------------------------------------------------------ json
const JSON_TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|(true|false|null|NaN|-?Infinity)|([{}[\],:]))/y;

/** Parse JSON text keeping each scalar's source text (1.0 stays 1.0; NaN is allowed). */
function parseJson(text) {
  JSON_TOKEN.lastIndex = 0;
  let tok = null;
  const next = () => {
    const start = JSON_TOKEN.lastIndex;
    const m = JSON_TOKEN.exec(text);
    if (!m) throw new SyntaxError(`bad JSON at ${start}`);
    tok = m[1] ? { k: 'str', raw: m[1] } : m[2] ? { k: 'num', raw: m[2] } : m[3] ? { k: 'lit', raw: m[3] } : { k: 'p', raw: m[4] };
    return tok;
  };
  const value = () => {
    const t = next();
    if (t.k !== 'p') return t;
    if (t.raw === '{') return container('obj', '}', () => {
      const key = next();
      if (key.k !== 'str' || next().raw !== ':') throw new SyntaxError('bad key');
      return [key.raw, value()];
    });
    if (t.raw === '[') return container('arr', ']', () => [null, value()]);
    throw new SyntaxError(`unexpected ${t.raw}`);
  };
  const container = (k, close, item) => {
    const items = [];
    const save = JSON_TOKEN.lastIndex;
    if (next().raw === close) return { k, items };
    JSON_TOKEN.lastIndex = save;
    for (;;) {
      items.push(item());
      const sep = next().raw;
      if (sep === close) return { k, items };
      if (sep !== ',') throw new SyntaxError(`expected , or ${close}`);
    }
  };
  const v = value();
  if (text.slice(JSON_TOKEN.lastIndex).trim()) throw new SyntaxError('trailing text');
  return v;
}

function jsonScalar(v) {
  const cls = v.k === 'str' ? 'js' : v.k === 'num' ? 'jn' : 'jl';
  return h('span', { class: cls, text: v.raw });
}

function jsonRow(key, v, last, open) {
  const keyEl = key === null ? null : h('span', { class: 'jk', text: key });
  const comma = last ? '' : ',';
  if (v.k !== 'obj' && v.k !== 'arr') {
    return h('div', { class: 'jrow' }, keyEl, key === null ? null : ': ', jsonScalar(v), comma);
  }
  const [o, c] = v.k === 'obj' ? ['{', '}'] : ['[', ']'];
  if (v.items.length === 0) return h('div', { class: 'jrow' }, keyEl, key === null ? null : ': ', `${o}${c}${comma}`);
  const n = v.items.length;
  const count = v.k === 'obj' ? `${n} ${n === 1 ? 'key' : 'keys'}` : `${n} ${n === 1 ? 'item' : 'items'}`;
  const body = h('div', { class: 'jbody' });
  v.items.forEach(([k, child], i) => body.append(jsonRow(k, child, i === n - 1, open - 1)));
  return h('details', { class: 'jc', open: open > 0 },
    h('summary', {}, keyEl, key === null ? null : ': ', o,
      h('span', { class: 'jprev' }, `…${c}${comma}`, h('span', { class: 'jcount', text: ` ${count}` }))),
    body,
    h('div', { class: 'jclose', text: `${c}${comma}` }));
}

const jsonKind = simple(
  () => h('div', { class: 'json' }),
  (el, p) => {
    let tree;
    try {
      tree = parseJson(String(p.body ?? 'null'));
    } catch {
      el.replaceChildren(h('pre', { text: p.body ?? '' }));
      return;
    }
    // expanded: true opens every level, false none, a number that many levels
    const levels = p.expanded === true ? Infinity : typeof p.expanded === 'number' ? p.expanded : 0;
    el.replaceChildren(jsonRow(null, tree, true, levels));
    applyLayout(el, p);
  },
);

// ------------------------------------------------------------------------------ st.help
const helpKind = simple(
  () => h('div', { class: 'doc' }),
  (el, p) => {
    const head = h('div', { class: 'doc-head' },
      h('code', { class: 'doc-name', text: p.name || '' }),
      h('span', { class: 'doc-type', text: p.type || '' }));
    const parts = [head];
    if (p.value) parts.push(h('pre', { class: 'doc-value', text: p.value }));
    parts.push(h('div', { class: 'doc-string', text: p.doc_string || 'No docs available' }));
    const members = Array.isArray(p.members) ? p.members : [];
    if (members.length) {
      const rows = members.map((m) => h('div', { class: 'doc-member' },
        h('code', { class: 'doc-member-name', text: m.name }),
        h('span', { class: 'doc-type', text: m.type }),
        h('span', { class: 'doc-member-info', text: m.value || m.doc || '' })));
      parts.push(h('details', { class: 'doc-members' },
        h('summary', {}, `${members.length} ${members.length === 1 ? 'member' : 'members'}`), ...rows));
    }
    el.replaceChildren(...parts);
    applyLayout(el, p);
  },
);

/** The element types of this family, by type name. */
export const kinds = {
  json: jsonKind,
  help: helpKind,
};
