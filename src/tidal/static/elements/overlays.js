// Overlays and the page itself: `popover` (a button opening a floating container), `dialog`
// (a modal container, st.dialog), and the
// kinds of the page root: `page_config` (title, favicon, layout, sidebar, menu) and `logo`.
// Loaded on first use (render.js LAZY).
import { h, iconEl, applyWidth } from '../elements.js';
import { useStyles } from '../lazy.js';
import { inlineMarkdown } from '../markdown.js';
import { setAppLayout, setMenuItems } from '../menu.js';

useStyles(new URL('overlays.css', import.meta.url).href);

// ------------------------------------------------------------------------------ popover
// Untracked (no `id`), opening lives in the page; tracked, each open/close is a `change`.
const popoverKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.button = h('button', { type: 'button', class: 'btn popover-btn', 'aria-expanded': 'false' });
    node.box = h('div', { class: 'block popover-panel', role: 'dialog', hidden: true });
    node.el = h('div', { class: 'popover' }, node.s.button, node.box);
    node.s.committed = p.id ? Boolean(p.value) : false;
    const setOpen = (open, report) => {
      node.box.hidden = !open;
      node.s.button.setAttribute('aria-expanded', String(open));
      if (report && node.p.id && open !== node.s.committed) {
        node.s.committed = open;
        ctx.send('change', { id: node.p.id, v: open });
      }
    };
    node.s.setOpen = setOpen;
    node.s.button.addEventListener('click', () => setOpen(node.box.hidden, true));
    node.s.outside = (e) => {
      if (!node.box.hidden && !node.el.contains(e.target) && !e.target.closest?.('dialog')) setOpen(false, true);
    };
    node.s.escape = (e) => {
      if (e.key === 'Escape' && !node.box.hidden) {
        setOpen(false, true);
        node.s.button.focus();
      }
    };
    document.addEventListener('mousedown', node.s.outside);
    node.el.addEventListener('keydown', node.s.escape);
    this.update(node, p, {});
    if (node.s.committed) setOpen(true, false);
  },
  update(node, p, prev) {
    const b = node.s.button;
    b.className = `btn btn-${p.type ?? 'secondary'} popover-btn`;
    b.replaceChildren(...[iconEl(p.icon, 'btn-icon'), h('span', { class: 'btn-label', html: inlineMarkdown(p.label ?? '') }),
      h('span', { class: 'popover-caret', 'aria-hidden': 'true' })].filter(Boolean));
    b.disabled = Boolean(p.disabled);
    b.title = p.help ?? '';
    b.classList.toggle('nowrap', p.wrap === false);
    applyWidth(node.el, p.width);
    if (p.width === 'stretch') b.style.width = '100%';
    if (p.id && 'value' in prev && p.value !== prev.value) {
      node.s.committed = Boolean(p.value);
      node.s.setOpen(Boolean(p.value), false);
    }
  },
  destroy(node) {
    document.removeEventListener('mousedown', node.s.outside);
  },
};

// ------------------------------------------------------------------------------ dialog
// A modal <dialog>. Each run that calls the dialog's function sends a new `opening`, which
// opens it again if the person had closed it. Closing it (close button, Escape, a click on
// the backdrop; unless not dismissible) reports a dismissal when `on_dismiss` wants one.
const dialogKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.title = h('h2', { class: 'dialog-title' });
    node.s.close = h('button', { type: 'button', class: 'icon-btn dialog-close', 'aria-label': 'Close', text: '×' });
    node.box = h('div', { class: 'block dialog-body' });
    node.el = h('dialog', { class: 'st-dialog', 'aria-modal': 'true' },
      h('div', { class: 'dialog-box' }, h('div', { class: 'dialog-head' }, node.s.title, node.s.close), node.box));
    const dismiss = () => {
      if (!node.p.dismissible || !node.el.open) return;
      node.el.close();
      if (node.p.id && node.p.on_dismiss !== 'ignore') ctx.send('change', { id: node.p.id, v: true });
    };
    node.s.close.addEventListener('click', dismiss);
    node.el.addEventListener('cancel', (e) => {
      e.preventDefault(); // Escape: we decide
      dismiss();
    });
    node.el.addEventListener('mousedown', (e) => {
      if (e.target === node.el) dismiss(); // the backdrop is the dialog element itself
    });
    this.update(node, p, {});
  },
  update(node, p, prev) {
    node.s.title.replaceChildren(...[iconEl(p.icon, 'dialog-icon'), h('span', { html: inlineMarkdown(p.title ?? '') })].filter(Boolean));
    node.s.close.hidden = !p.dismissible;
    node.el.dataset.width = p.width ?? 'small';
    node.el.dataset.position = p.position ?? 'center';
    if (p.opening !== prev.opening) {
      queueMicrotask(() => {
        if (node.el.isConnected && !node.el.open) node.el.showModal();
      });
    }
  },
  destroy(node) {
    if (node.el.open) node.el.close();
  },
};

// ------------------------------------------------------------------------------ components.v1
// ------------------------------------------------------------------------------ the page
const FAVICON = document.querySelector('link[rel="icon"]')?.getAttribute('href') ?? '';
let sidebarApplied = false;

function faviconOf(p) {
  if (p.icon_url) return p.icon_url;
  if (!p.icon || p.icon.startsWith(':material')) return FAVICON;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">${p.icon}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function setSidebarOpen(open) {
  document.body.classList.toggle('sidebar-collapsed', !open);
  for (const b of document.querySelectorAll('[aria-controls="sidebar"]')) b.setAttribute('aria-expanded', String(open));
}

function applyPage(p) {
  window.__tidalPageTitle = p.title ?? null;
  document.title = p.title ?? window.__tidalDefaultTitle ?? document.title;
  const link = document.querySelector('link[rel="icon"]');
  if (link) link.setAttribute('href', faviconOf(p));
  setAppLayout(p.layout ?? null);
  setMenuItems(p.menu ?? {});
  const sidebar = p.sidebar;
  document.documentElement.style.setProperty('--sidebar', typeof sidebar === 'number' ? `${sidebar}px` : '');
  // the *initial* state: applied once per page load; the person's toggling wins after that
  if (sidebar != null && !sidebarApplied) {
    sidebarApplied = true;
    if (sidebar === 'collapsed') setSidebarOpen(false);
    else if (sidebar === 'expanded' || typeof sidebar === 'number') setSidebarOpen(true);
    else setSidebarOpen(!matchMedia('(max-width: 768px)').matches);
  }
}

const pageConfigKind = {
  create(node, p) {
    node.el = h('div', { class: 'page-config', hidden: true });
    applyPage(p);
  },
  update(node, p) {
    applyPage(p);
  },
  destroy() {
    applyPage({});
  },
};

const logoKind = {
  create(node, p) {
    node.el = h('div', { hidden: true });
    node.s.logo = h('a', { class: 'logo' });
    this.update(node, p);
  },
  update(node, p) {
    const img = (src, cls) => (src ? h('img', { src, alt: 'Logo', class: cls }) : null);
    node.s.logo.replaceChildren(...[img(p.image, 'logo-full'), img(p.icon_image ?? p.image, 'logo-icon')].filter(Boolean));
    node.s.logo.dataset.size = p.size ?? 'medium';
    if (p.link) node.s.logo.href = p.link;
    else node.s.logo.removeAttribute('href');
    document.body.append(node.s.logo);
  },
  destroy(node) {
    node.s.logo.remove();
  },
};

export const kinds = {
  popover: popoverKind,
  dialog: dialogKind,
  page_config: pageConfigKind,
  logo: logoKind,
};
