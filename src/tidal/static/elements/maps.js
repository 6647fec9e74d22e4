// st.map, loaded on first use: points on a canvas in Web Mercator, fitted to the points (or at
// the zoom given), over the raster XYZ tiles of map.tileUrl, or over a plain base with a
// graticule in the theme's colours when there are none or they fail to load (so the map draws
// with no network). Drag to pan, scroll to zoom; redrawn when the theme or the width changes.
// Data arrives as compact columns (see chart_data.py).
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { column } from './chart_data.js';
import { tileNote, tilesFailed, tileUrl } from './tiles.js';

useStyles(new URL('charts.css', import.meta.url).href);

const TILE = 256; // world size in pixels at zoom 0
const EARTH = 40075016.686; // metres around the equator
const MAX_TILE_ZOOM = 19; // the deepest zoom raster tile servers commonly have
const MAX_TILES = 512; // tile images a map keeps

const live = new Set();
new MutationObserver(() => {
  for (const node of live) paint(node);
}).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

/** World pixel coordinates (zoom 0) of a point. */
function project(lat, lon) {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return [TILE * (0.5 + lon / 360), TILE * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI))];
}

function cssColor(c) {
  if (Array.isArray(c)) {
    const [r, g, b, a = 255] = c;
    return `rgba(${r}, ${g}, ${b}, ${a > 1 ? a / 255 : a})`;
  }
  return String(c);
}

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Points, and the view (centre and zoom) that fits them. */
function prepare(node, p) {
  const lat = column(p.lat, p.n);
  const lon = column(p.lon, p.n);
  const colors = typeof p.color === 'string' ? null : column(p.color, p.n);
  const sizes = typeof p.size === 'number' ? null : column(p.size, p.n);
  const pts = lat.map((la, i) => {
    const [x, y] = project(la, lon[i]);
    const metres = sizes ? Number(sizes[i]) : p.size;
    // radius in world pixels at zoom 0: metres over the ground size of a pixel at that latitude
    const r = metres / ((EARTH * Math.cos((la * Math.PI) / 180)) / TILE);
    return { x, y, r, c: colors ? cssColor(colors[i]) : p.color };
  });
  node.s.pts = pts;
  const w = node.s.canvas.clientWidth || 600;
  const hgt = node.s.canvas.clientHeight || 500;
  let cx = TILE / 2;
  let cy = TILE / 2;
  let zoom = p.zoom ?? 0;
  if (pts.length) {
    const xs = pts.map((q) => q.x);
    const ys = pts.map((q) => q.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    cx = (x0 + x1) / 2;
    cy = (y0 + y1) / 2;
    if (p.zoom == null) {
      const span = Math.max((x1 - x0) / (w * 0.8), (y1 - y0) / (hgt * 0.8), 1e-9);
      zoom = Math.max(0, Math.min(14, Math.log2(1 / span)));
    }
  }
  node.s.view = { cx, cy, zoom };
}

function paint(node) {
  const canvas = node.s.canvas;
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const hgt = canvas.clientHeight;
  if (!w || !hgt) return;
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(hgt * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const { cx, cy, zoom } = node.s.view;
  const k = 2 ** zoom;
  const sx = (x) => (x - cx) * k + w / 2;
  const sy = (y) => (y - cy) * k + hgt / 2;
  ctx.fillStyle = cssVar('--bg-2', cssVar('--bg', '#fff'));
  ctx.fillRect(0, 0, w, hgt);
  if (!node.p.tiles || !drawTiles(node, ctx, w, hgt)) graticule(ctx, sx, sy, zoom, w, hgt);
  for (const q of node.s.pts) {
    ctx.fillStyle = q.c;
    ctx.beginPath();
    ctx.arc(sx(q.x), sy(q.y), Math.max(3, q.r * k), 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** The tiles under the view, as far as they have loaded; false when none can be drawn. */
function drawTiles(node, ctx, w, hgt) {
  const { cx, cy, zoom } = node.s.view;
  const z = Math.max(0, Math.min(MAX_TILE_ZOOM, Math.round(zoom)));
  const n = 2 ** z;
  const side = (TILE * 2 ** zoom) / n; // a tile's size on screen
  const left = (cx * 2 ** zoom - w / 2) / side; // the view's edges in tiles
  const top = (cy * 2 ** zoom - hgt / 2) / side;
  let drawn = 0;
  for (let ty = Math.max(0, Math.floor(top)); ty < Math.min(n, Math.ceil(top + hgt / side)); ty++) {
    for (let tx = Math.floor(left); tx < Math.ceil(left + w / side); tx++) {
      const img = tile(node, z, ((tx % n) + n) % n, ty);
      if (img) {
        ctx.drawImage(img, (tx - left) * side, (ty - top) * side, side + 0.5, side + 0.5);
        drawn++;
      }
    }
  }
  return drawn > 0 || !node.s.tilesFailed;
}

/** A loaded tile image, or null (its load starts, and repaints the map when it ends). */
function tile(node, z, x, y) {
  const cache = node.s.tiles;
  const url = tileUrl(node.p.tiles, z, x, y);
  const known = cache.get(url);
  if (known) return known.ok ? known.img : null;
  if (cache.size >= MAX_TILES) cache.clear();
  const img = new Image();
  img.crossOrigin = 'anonymous'; // CORS, as deck.gl's tiles: the canvas stays readable
  const entry = { img, ok: false };
  cache.set(url, entry);
  img.onload = () => { entry.ok = true; repaint(node); };
  img.onerror = () => {
    node.s.tilesFailed = true;
    tilesFailed(node.s.note, node.p.tiles, 'Points');
    repaint(node);
  };
  img.src = url;
  return null;
}

/** One repaint on the next frame, however many tiles arrive before it. */
function repaint(node) {
  if (node.s.frame) return;
  node.s.frame = requestAnimationFrame(() => {
    node.s.frame = 0;
    if (live.has(node)) paint(node);
  });
}

/** A graticule every 10 degrees (every degree once zoomed in). */
function graticule(ctx, sx, sy, zoom, w, hgt) {
  ctx.strokeStyle = cssVar('--border', '#d0d7de');
  ctx.lineWidth = 1;
  const step = zoom > 5 ? 1 : 10;
  ctx.beginPath();
  for (let lon = -180; lon <= 180; lon += step) {
    const x = sx(project(0, lon)[0]);
    if (x >= 0 && x <= w) { ctx.moveTo(x, 0); ctx.lineTo(x, hgt); }
  }
  for (let lat = -80; lat <= 80; lat += step) {
    const y = sy(project(lat, 0)[1]);
    if (y >= 0 && y <= hgt) { ctx.moveTo(0, y); ctx.lineTo(w, y); }
  }
  ctx.stroke();
}

function size(node, p) {
  const c = node.s.canvas;
  c.style.width = typeof p.width === 'number' ? `${p.width}px` : '100%';
  c.style.height = typeof p.height === 'number' ? `${p.height}px` : '100%';
}

const mapKind = {
  create(node, p) {
    const canvas = h('canvas', { class: 'map-canvas', role: 'img', 'aria-label': p.alt ?? 'Map' });
    node.s.canvas = canvas;
    node.s.tiles = new Map();
    node.s.note = tileNote(p.tiles, 'Points');
    node.el = h('div', { class: 'map-el' }, canvas, node.s.note);
    size(node, p);
    let drag = null;
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, ...node.s.view };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const k = 2 ** drag.zoom;
      node.s.view = { ...drag, cx: drag.cx - (e.clientX - drag.x) / k, cy: drag.cy - (e.clientY - drag.y) / k };
      paint(node);
    });
    canvas.addEventListener('pointerup', () => { drag = null; });
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const v = node.s.view;
      node.s.view = { ...v, zoom: Math.max(0, Math.min(20, v.zoom - e.deltaY / 300)) };
      paint(node);
    }, { passive: false });
    node.s.resize = new ResizeObserver(() => paint(node));
    node.s.resize.observe(canvas);
    live.add(node);
    requestAnimationFrame(() => { prepare(node, p); paint(node); });
  },
  update(node, p, prev) {
    if ((p.tiles?.url ?? null) !== (prev.tiles?.url ?? null)
        || (p.tiles?.attribution ?? null) !== (prev.tiles?.attribution ?? null)) {
      node.s.tiles.clear();
      node.s.tilesFailed = false;
      const note = tileNote(p.tiles, 'Points');
      node.s.note.replaceWith(note);
      node.s.note = note;
    }
    size(node, p);
    prepare(node, p);
    paint(node);
  },
  destroy(node) {
    live.delete(node);
    node.s.resize?.disconnect();
  },
};

export const kinds = { map: mapKind };
