// The page menu (top right): rerun, settings (run on save, wide mode, theme), the app's
// `menu_items` links (get help, report a bug) and its About text. Also owns what the page
// config and the person's settings decide together: the wide layout. The person's choices
// are kept in the browser (theme, wide mode: localStorage; run on save: sessionStorage).
import { markdown } from './markdown.js';

const THEME_KEY = 'tidal.theme';
const WIDE_KEY = 'tidal.wide';
export const ALWAYS_RERUN_KEY = 'tidal.alwaysRerun';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function stored(storage, key) {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function store(storage, key, value) {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** What the app's `set_page_config` asked for (null: not set in the last run). */
const app = { layout: null, menu: {} };

/** Whether "run on save" is on for this tab. */
export function alwaysRerun() {
  return stored(sessionStorage, ALWAYS_RERUN_KEY) === '1';
}

/** Turn "run on save" on or off for this tab. */
export function setAlwaysRerun(on) {
  store(sessionStorage, ALWAYS_RERUN_KEY, on ? '1' : null);
}

function wide() {
  const choice = stored(localStorage, WIDE_KEY);
  if (choice === '1' || choice === '0') return choice === '1';
  return app.layout === 'wide';
}

function applyLayout() {
  document.body.classList.toggle('layout-wide', wide());
}

/**
 * The app's layout from `st.set_page_config` (null: the default, centered).
 * @param {string|null} layout
 */
export function setAppLayout(layout) {
  app.layout = layout;
  applyLayout();
}

/**
 * The app's `menu_items` (null values hide an entry; absent keys keep tidal's default).
 * @param {Record<string, string|null>} items
 */
export function setMenuItems(items) {
  app.menu = items ?? {};
}

function renderItems() {
  for (const a of document.querySelectorAll('#page-menu [data-item]')) {
    const url = app.menu[a.dataset.item];
    a.hidden = !url;
    if (url) a.href = url;
  }
  const about = $('page-menu').querySelector('[data-action="about"]');
  about.hidden = app.menu.about === null;
}

/**
 * Wire the menu button, its menu and the settings and about dialogs.
 * @param {{rerun: () => void, inspector?: () => void}} actions
 */
export function setupMenu({ rerun, inspector }) {
  const button = $('menu-button');
  const menu = $('page-menu');
  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  const open = () => {
    renderItems();
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    menu.querySelector('[role="menuitem"]:not([hidden])')?.focus();
  };
  button.addEventListener('click', () => (menu.hidden ? open() : close()));
  document.addEventListener('click', (e) => {
    if (!menu.hidden && !menu.contains(e.target) && !button.contains(e.target)) close();
  });
  menu.addEventListener('keydown', (e) => {
    const items = [...menu.querySelectorAll('[role="menuitem"]:not([hidden])')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      close();
      button.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      items[(i + d + items.length) % items.length]?.focus();
    }
  });
  menu.addEventListener('click', (e) => {
    const item = e.target.closest('[role="menuitem"]');
    if (!item) return;
    close();
    const action = item.dataset.action;
    if (action === 'rerun') rerun();
    else if (action === 'settings') openSettings();
    else if (action === 'about') openAbout();
    else if (action === 'inspector') inspector?.();
  });
  const theme = /** @type {HTMLSelectElement} */ ($('setting-theme'));
  theme.addEventListener('change', () => {
    store(localStorage, THEME_KEY, theme.value === 'system' ? null : theme.value);
    window.__tidalTheme?.(window.__tidalForcedTheme ?? null);
  });
  $('setting-wide').addEventListener('change', (e) => {
    store(localStorage, WIDE_KEY, e.target.checked ? '1' : '0');
    applyLayout();
  });
  $('setting-run-on-save').addEventListener('change', (e) => setAlwaysRerun(e.target.checked));
  applyLayout();
}

function openSettings() {
  const pick = stored(localStorage, THEME_KEY);
  /** @type {HTMLSelectElement} */ ($('setting-theme')).value = pick === 'light' || pick === 'dark' ? pick : 'system';
  /** @type {HTMLInputElement} */ ($('setting-wide')).checked = wide();
  /** @type {HTMLInputElement} */ ($('setting-run-on-save')).checked = alwaysRerun();
  /** @type {HTMLDialogElement} */ ($('settings')).showModal();
}

function openAbout() {
  const text = app.menu.about ?? 'Made with **tidal**: Streamlit-compatible apps as plain Python scripts.';
  $('about-body').innerHTML = markdown(text);
  /** @type {HTMLDialogElement} */ ($('about')).showModal();
}
