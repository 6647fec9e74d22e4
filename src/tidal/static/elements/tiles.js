// Map tiles (map.tileUrl) for st.map and st.pydeck_chart: the template's URLs, and the note
// under a map that says, once, that it is drawn on a plain base (no tiles configured, or a
// tile failed to load), or else the tile provider's credit.
import { h } from '../elements.js';

export const SUBDOMAINS = ['a', 'b', 'c'];

/** The template with {s} filled in each way (one URL when it has no {s}). */
export function templates(tiles) {
  return tiles.url.includes('{s}') ? SUBDOMAINS.map((s) => tiles.url.replace('{s}', s)) : [tiles.url];
}

/** The URL of tile (z, x, y), its subdomain picked by the tile so that it is stable. */
export function tileUrl(tiles, z, x, y) {
  const all = templates(tiles);
  return all[Math.abs(x + y) % all.length].replace('{z}', z).replace('{x}', x).replace('{y}', y);
}

/** The note under a map: a plain-base notice without tiles, the credit with them. */
export function tileNote(tiles, what) {
  const note = h('div', { class: 'map-note' });
  if (tiles?.url) note.textContent = tiles.attribution ?? '';
  else note.textContent = `${what} on a plain base: no map tiles are configured (map.tileUrl).`;
  return note;
}

/** Says, once, that the tiles could not be loaded; the points stay on the plain base. */
export function tilesFailed(note, tiles, what) {
  if (note.dataset.failed) return;
  note.dataset.failed = '1';
  note.setAttribute('role', 'status');
  const origin = new URL(templates(tiles)[0]).origin;
  note.textContent = `${what} on a plain base: map tiles could not be loaded from ${origin}.`;
}
