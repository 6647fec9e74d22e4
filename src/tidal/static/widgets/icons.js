// Icons on widgets: an emoji as text, or ":material/name:" as a Material Symbols glyph. The few
// glyphs tidal's own widgets need (feedback thumbs and stars, pagination arrows) are inline SVG so
// they show without a font; other names use the "Material Symbols Rounded" font when the page
// has it, and show nothing (not the raw name) when it has not.
import { h } from '../elements.js';

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
