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
