// Buttons: button and form_submit_button (triggers: a click is sent, never a value), and what
// every button-like widget shares: activation by click, Enter and Space, and the dress (kind,
// icon on its side, label wrapping, the keyboard shortcut it shows and answers). Every page
// loads this module, so the icons of widgets and the keyboard shortcuts of buttons live here too
// rather than in modules of their own (one request fewer each on the first load).
import { h } from '../elements.js';
import { NONE, applyCommon, commit, submitForm } from './base.js';

// ---------------------------------------------------------------------------------------- icons
// Icons on widgets: an emoji as text, or ":material/name:" as a Material Symbols glyph. The few
// glyphs tidal's own widgets need (feedback thumbs and stars, pagination arrows) are inline SVG so
// they show without a font; other names use the "Material Symbols Rounded" font when the page
// has it, and show nothing (not the raw name) when it has not.

const SVG = {
  thumb_up: 'M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L13.17 1 6.59 7.59C6.22 7.95 6 8.45 6 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z',
  thumb_down: 'M22 3h-4v12h4V3zM2 14c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L10.83 23l6.58-6.59c.37-.36.59-.86.59-1.41V5c0-1.1-.9-2-2-2H7c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2z',
  star: 'M12 17.27 18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z',
  chevron_left: 'M15.41 7.41 14 6l-6 6 6 6 1.41-1.41L10.83 12z',
  chevron_right: 'M10 6 8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z',
  expand_more: 'M16.59 8.59 12 13.17 7.41 8.59 6 10l6 6 6-6z',
  open_in_new: 'M19 19H5V5h7V3H5c-1.11 0-2 .9-2 2v14c0 1.1.89 2 2 2h14c1.1 0 2-.9 2-2v-7h-2v7zM14 3v2h3.59l-9.83 9.83 1.41 1.41L19 6.41V10h2V3h-7z',
};

/** Faces for `st.feedback("faces")`, drawn (not an emoji font): the mouth's curve by mood. */
const MOUTHS = {
  sentiment_very_dissatisfied: 'M8 17q4-4 8 0',
  sentiment_dissatisfied: 'M8.5 16.5q3.5-2.5 7 0',
  sentiment_neutral: 'M8.5 15.5h7',
  sentiment_satisfied: 'M8.5 14.5q3.5 2.5 7 0',
  sentiment_very_satisfied: 'M8 14q4 4.5 8 0',
};

function face(name) {
  const span = h('span', { class: 'w-icon material', 'aria-hidden': 'true', 'data-icon': name });
  span.innerHTML = '<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" '
    + 'stroke-width="1.8" stroke-linecap="round"><circle cx="12" cy="12" r="9.2"/>'
    + '<circle cx="9" cy="10" r=".9" fill="currentColor"/><circle cx="15" cy="10" r=".9" fill="currentColor"/>'
    + `<path d="${MOUTHS[name]}"/></svg>`;
  return span;
}

/**
 * The element showing an icon, or null for none.
 * @param {string|null|undefined} icon an emoji or ":material/name:"
 * @returns {HTMLElement|null}
 */
export function iconEl(icon) {
  if (!icon) return null;
  const m = /^:material\/([a-z0-9_]+):$/.exec(icon);
  if (!m) return h('span', { class: 'w-icon emoji', 'aria-hidden': 'true', text: icon });
  if (Object.hasOwn(MOUTHS, m[1])) return face(m[1]);
  const path = SVG[m[1]];
  if (path) {
    const span = h('span', { class: 'w-icon material', 'aria-hidden': 'true', 'data-icon': m[1] });
    span.innerHTML = `<svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor"><path d="${path}"/></svg>`;
    return span;
  }
  return h('span', { class: 'w-icon material font', 'aria-hidden': 'true', 'data-icon': m[1], text: m[1] });
}

// ------------------------------------------------------------------------------------ shortcuts
// Keyboard shortcuts of buttons (`st.button(..., shortcut="Ctrl+K")`): one keydown listener for
// the page and a table of canonical shortcuts ("ctrl+shift+k", as the server spells them) ->
// what they activate. "mod" is Cmd on macOS and Ctrl elsewhere. A shortcut without Ctrl, Cmd or
// Alt does nothing while the person types in a field.

const IS_MAC = /Mac|iP(hone|ad|od)/.test(navigator.platform);

/** @type {Map<string, () => void>} */
const table = new Map();

const NAMED = {
  ' ': 'space', enter: 'enter', escape: 'escape', tab: 'tab', backspace: 'backspace',
  delete: 'delete', home: 'home', end: 'end', pageup: 'pageup', pagedown: 'pagedown',
  arrowup: 'arrowup', arrowdown: 'arrowdown', arrowleft: 'arrowleft', arrowright: 'arrowright',
};

/** The key an event names: a named key, a letter or digit (by position, so Alt and Shift do
 * not change it), else the character typed. */
function keyOf(e) {
  const k = e.key.toLowerCase();
  if (Object.hasOwn(NAMED, k)) return NAMED[k];
  if (/^f\d{1,2}$/.test(k)) return k;
  const m = /^(?:Key([A-Z])|Digit(\d))$/.exec(e.code);
  if (m) return (m[1] ?? m[2]).toLowerCase();
  return k;
}

/** The canonical forms an event matches ("mod+k" and "ctrl+k" both, off a Mac). */
function namesOf(e) {
  const key = keyOf(e);
  const mods = { ctrl: e.ctrlKey, cmd: e.metaKey, alt: e.altKey, shift: e.shiftKey };
  const base = ['ctrl', 'cmd', 'alt', 'shift'].filter((m) => mods[m]);
  const out = [[...base, key].join('+')];
  const modKey = IS_MAC ? 'cmd' : 'ctrl';
  if (mods[modKey]) out.push(['mod', ...base.filter((m) => m !== modKey), key].join('+'));
  return out;
}

addEventListener('keydown', (e) => {
  if (!table.size || e.defaultPrevented || e.repeat || e.isComposing) return;
  const typing = /** @type {HTMLElement} */ (e.target).closest?.('input, textarea, select, [contenteditable]');
  if (typing && !(e.ctrlKey || e.metaKey || e.altKey)) return;
  for (const name of namesOf(e)) {
    const activate = table.get(name);
    if (activate) {
      e.preventDefault();
      activate();
      return;
    }
  }
});

/**
 * Register a shortcut; returns the function that removes it again.
 * @param {string} shortcut canonical ("ctrl+k")
 * @param {() => void} activate
 * @returns {() => void}
 */
export function registerShortcut(shortcut, activate) {
  table.set(shortcut, activate);
  return () => {
    if (table.get(shortcut) === activate) table.delete(shortcut);
  };
}

/**
 * How a shortcut reads on its button: "⌘ K" on a Mac, "Ctrl K" elsewhere.
 * @param {string} shortcut canonical
 * @returns {string}
 */
export function shortcutLabel(shortcut) {
  const names = IS_MAC
    ? { mod: '⌘', cmd: '⌘', ctrl: '⌃', alt: '⌥', shift: '⇧' }
    : { mod: 'Ctrl', cmd: 'Win', ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift' };
  const keys = { space: 'Space', enter: '↵', escape: 'Esc', arrowup: '↑', arrowdown: '↓', arrowleft: '←', arrowright: '→' };
  return shortcut.split('+').map((p) => names[p] ?? keys[p] ?? (p.length === 1 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))).join(IS_MAC ? '' : '+');
}

// -------------------------------------------------------------------------------------- buttons
// A button is a <div role="button">, not a <button>, and nothing on screen changes while it is
// pressed: no :active style, no pressed look, no transition. Chromium holds every network task
// that follows a click until its next frame is drawn whenever the click leaves one pending
// (DeferRendererTasksAfterInput), so any of those would show the app's answer a frame late
// (measured: 4 ms click -> DOM without, 6-12 ms with). The answer itself is the feedback, and
// a run that takes a while shows the running indicator as soon as it starts. Enter (on keydown)
// and Space (on keyup) activate it, as they do a <button>.

/**
 * Make a role="button" element activate on click, Enter and Space, unless aria-disabled.
 * @param {HTMLElement} el
 * @param {() => void} activate
 */
export function pressable(el, activate) {
  const enabled = () => el.getAttribute('aria-disabled') !== 'true';
  el.addEventListener('click', () => {
    if (enabled()) activate();
  });
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') e.preventDefault(); // no page scroll on Space
    if (e.key === 'Enter' && !e.repeat && enabled()) activate();
  });
  el.addEventListener('keyup', (e) => {
    if (e.key === ' ' && enabled()) activate();
  });
}

/**
 * A button's look: kind, icon on its side, label wrapping and the shortcut it shows and answers.
 * @param {import('../render.js').Node} node
 * @param {Record<string, any>} p
 * @param {Record<string, any>} prev
 * @param {() => void} activate what the shortcut does
 */
export function dressButton(node, p, prev, activate) {
  const b = node.s.control;
  b.className = `btn btn-${['primary', 'tertiary'].includes(p.kind) ? p.kind : 'secondary'}`;
  b.classList.toggle('icon-right', p.icon_position === 'right');
  b.classList.toggle('nowrap', p.wrap === false);
  if (p.disabled !== prev.disabled) {
    b.setAttribute('aria-disabled', String(Boolean(p.disabled)));
    b.tabIndex = p.disabled ? -1 : 0;
  }
  node.el.classList.toggle('wide', Boolean(p.use_container_width));
  if (p.help) b.title = p.help;
  else b.removeAttribute('title');
  if (p.icon !== prev.icon) {
    node.s.icon?.remove();
    node.s.icon = iconEl(p.icon);
    if (node.s.icon) b.prepend(node.s.icon);
  }
  if (p.shortcut !== prev.shortcut) {
    node.s.unshortcut?.();
    node.s.kbd?.remove();
    node.s.unshortcut = null;
    node.s.kbd = null;
    if (p.shortcut) {
      node.s.unshortcut = registerShortcut(p.shortcut, () => {
        if (!node.p.disabled) activate();
      });
      node.s.kbd = h('kbd', { class: 'btn-kbd', text: shortcutLabel(p.shortcut) });
      b.append(node.s.kbd);
      b.setAttribute('aria-keyshortcuts', p.shortcut.replace('mod', 'Control').replace('cmd', 'Meta'));
    } else {
      b.removeAttribute('aria-keyshortcuts');
    }
  }
}

function buttonKind(submit) {
  return {
    widget: true,
    create(node, p, ctx) {
      node.s.label = h('span', { class: 'btn-label' });
      node.s.control = h('div', { id: p.id, role: 'button', tabindex: '0', class: 'btn' }, node.s.label);
      node.el = h('div', { class: `w w-${node.t}` }, node.s.control);
      node.s.activate = () => {
        if (submit) submitForm(ctx, node.p.form, node.p.id);
        else commit(node, ctx, true, true);
      };
      pressable(node.s.control, node.s.activate);
      this.update(node, p, NONE);
    },
    update(node, p, prev) {
      applyCommon(node, p, prev);
      dressButton(node, p, prev, node.s.activate);
    },
    destroy(node) {
      node.s.unshortcut?.();
    },
  };
}

/** The button kinds, by type name. */
export const buttonKinds = {
  button: buttonKind(false),
  form_submit_button: buttonKind(true),
};
