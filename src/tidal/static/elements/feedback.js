// Feedback while a script runs: spinner, progress bar, status container, toasts, balloons and
// snow. Toasts show in the page's toast stack (#toasts), balloons and snow in an overlay; their
// element in the tree is an invisible anchor. Loaded on first use (see render.js LAZY).
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { inlineMarkdown, markdown } from '../markdown.js';

useStyles(new URL('feedback.css', import.meta.url).href);

const CHECK = '<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M4.5 10.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
const CROSS = '<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M5.5 5.5l9 9m0-9l-9 9" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/></svg>';

/**
 * An icon as Streamlit spells it: an emoji, "spinner", or ":material/name:" (drawn for the
 * few names tidal knows, else the name's first letter).
 * @param {string|null|undefined} icon
 * @returns {HTMLElement|null}
 */
export function iconEl(icon) {
  if (!icon) return null;
  if (icon === 'spinner') return h('span', { class: 'spinner', 'aria-hidden': 'true' });
  const m = /^:material\/([a-z0-9_]+):$/.exec(icon);
  if (m) {
    const name = m[1];
    if (name === 'check' || name === 'check_circle' || name === 'done') return h('span', { class: 'm-icon ok', html: CHECK });
    if (name === 'error' || name === 'close' || name === 'cancel') return h('span', { class: 'm-icon bad', html: CROSS });
    return h('span', { class: 'm-icon', 'aria-hidden': 'true', text: name[0].toUpperCase() });
  }
  return h('span', { class: 'emoji-icon', 'aria-hidden': 'true', text: icon });
}

function widthStyle(el, width) {
  el.style.width = typeof width === 'number' ? `${width}px` : '';
  el.style.maxWidth = typeof width === 'number' ? '100%' : '';
}

// ------------------------------------------------------------------------------ spinner
const spinnerKind = {
  create(node, p) {
    node.s.text = h('span', { class: 'spin-text md' });
    node.s.time = h('span', { class: 'spin-time' });
    node.s.start = performance.now();
    node.el = h('div', { class: 'st-spinner', role: 'status' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }), node.s.text, node.s.time);
    this.update(node, p, {});
  },
  update(node, p) {
    node.s.text.innerHTML = inlineMarkdown(p.text ?? '');
    clearInterval(node.s.timer);
    node.s.time.textContent = '';
    if (p.show_time) {
      const tick = () => {
        node.s.time.textContent = `(${((performance.now() - node.s.start) / 1000).toFixed(1)} seconds)`;
      };
      tick();
      node.s.timer = setInterval(tick, 100);
    }
  },
  destroy(node) {
    clearInterval(node.s.timer);
  },
};

// ------------------------------------------------------------------------------ progress
const progressKind = {
  create(node, p) {
    node.s.text = h('div', { class: 'progress-text md' });
    node.s.fill = h('div', { class: 'progress-fill' });
    node.s.track = h('div', { class: 'progress-track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, node.s.fill);
    node.el = h('div', { class: 'st-progress' }, node.s.text, node.s.track);
    this.update(node, p, {});
  },
  update(node, p) {
    const v = Math.max(0, Math.min(100, Number(p.value) || 0));
    node.s.fill.style.width = `${v}%`;
    node.s.track.setAttribute('aria-valuenow', String(v));
    node.s.text.hidden = !p.text;
    node.s.text.innerHTML = p.text ? inlineMarkdown(p.text) : '';
    if (p.text) node.s.track.setAttribute('aria-label', p.text);
    else node.s.track.removeAttribute('aria-label');
    widthStyle(node.el, p.width);
  },
};

// ------------------------------------------------------------------------------ status
const statusKind = {
  create(node, p) {
    node.s.icon = h('span', { class: 'status-icon' });
    node.s.label = h('span', { class: 'status-label' });
    node.box = h('div', { class: 'block status-body' });
    node.el = h('details', { class: 'st-status', open: Boolean(p.expanded) },
      h('summary', {}, node.s.icon, node.s.label), node.box);
    this.update(node, p, {});
  },
  update(node, p, prev) {
    if (p.state !== prev.state) {
      node.el.dataset.state = p.state ?? 'running';
      node.s.icon.replaceChildren(iconEl(p.icon ?? 'spinner') ?? '');
    }
    if (p.label !== prev.label) node.s.label.innerHTML = inlineMarkdown(p.label ?? '');
    // `expanded` is where it starts; the person's toggling wins until the prop changes
    if ('expanded' in prev && p.expanded !== prev.expanded) node.el.open = Boolean(p.expanded);
    widthStyle(node.el, p.width);
  },
};

// ------------------------------------------------------------------------------ toast
function toastHost() {
  return document.getElementById('toasts') ?? document.body;
}

function showToast(node, p) {
  let card = node.s.card;
  if (!card || !card.isConnected) {
    const body = h('div', { class: 'toast-body md' });
    const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
    card = h('div', { class: 'toast st-toast', role: 'status' }, h('span', { class: 'toast-icon' }), body, close);
    close.addEventListener('click', () => card.remove());
    node.s.card = card;
    toastHost().append(card);
  }
  card.querySelector('.toast-icon').replaceChildren(iconEl(p.icon) ?? '');
  card.querySelector('.toast-body').innerHTML = markdown(p.body ?? '');
  clearTimeout(node.s.timer);
  if (p.duration != null) node.s.timer = setTimeout(() => card.remove(), Number(p.duration) * 1000);
}

const toastKind = {
  create(node, p) {
    node.el = h('div', { class: 'anchor', hidden: true });
    showToast(node, p);
  },
  update(node, p) {
    showToast(node, p);
  },
  // the toast outlives its element: it stays for its duration, as in Streamlit
};

// ------------------------------------------------------------------------------ balloons, snow
function celebrate(kind) {
  if (matchMedia('(prefers-reduced-motion: reduce)').matches) return;
  const layer = h('div', { class: `celebration ${kind}`, 'aria-hidden': 'true' });
  const glyphs = kind === 'balloons' ? ['🎈', '🎈', '🎉', '🎈'] : ['❄', '❅', '❆'];
  const n = kind === 'balloons' ? 28 : 60;
  for (let i = 0; i < n; i++) {
    const span = h('span', { text: glyphs[i % glyphs.length] });
    span.style.left = `${Math.random() * 100}%`;
    span.style.animationDelay = `${Math.random() * (kind === 'balloons' ? 1.2 : 2.5)}s`;
    span.style.fontSize = `${1.4 + Math.random() * 1.6}rem`;
    layer.append(span);
  }
  document.body.append(layer);
  setTimeout(() => layer.remove(), kind === 'balloons' ? 4500 : 6500);
}

function celebration(kind) {
  return {
    create(node) {
      node.el = h('div', { class: 'anchor', hidden: true, 'data-kind': kind });
      celebrate(kind);
    },
    update() {
      celebrate(kind);
    },
  };
}

export const kinds = {
  spinner: spinnerKind,
  progress: progressKind,
  status: statusKind,
  toast: toastKind,
  balloons: celebration('balloons'),
  snow: celebration('snow'),
};

