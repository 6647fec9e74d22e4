// st.pydeck_chart, loaded on first use with the vendored deck.gl (2 MB) and its JSON converter
// (which reads pydeck's "@@type" classes and "@@=" accessors with its own expression parser, no
// eval). The layers are drawn with WebGL2 on the page's background, light or dark. On maps (a
// MapView, with a map provider) they are drawn over the raster tiles of map.tileUrl (deck.gl's
// TileLayer of BitmapLayers), or over a graticule when none are configured or they fail to
// load, so the chart draws with no network. With on_select, a click on an object selects
// it (single-object), or adds or removes it (multi-object); a click on nothing clears the
// selection. The selection is sent as the widget's value in Streamlit's shape:
// {selection: {indices: {layer_id: [...]}, objects: {layer_id: [...]}}}.
import { h } from '../elements.js';
import { loadPurify, useStyles } from '../lazy.js';
import { commit } from '../widgets/base.js';
import { templates, tileNote, tilesFailed } from './tiles.js';

useStyles(new URL('deck.css', import.meta.url).href);

// Each UMD bundle sets globalThis.deck: the JSON converter's replaces the core's, and reads it
// while it loads, so keep both and put the core back.
const root = /** @type {any} */ (globalThis);
await import(new URL('../vendor/deck/deck.js', import.meta.url).href);
const deck = root.deck;
await import(new URL('../vendor/deck/deck-json.js', import.meta.url).href);
const deckJson = root.deck;
root.deck = deck;

const classes = Object.fromEntries(Object.entries(deck)
  .filter(([name, v]) => typeof v === 'function' && /(Layer|View|Extension)$/.test(name)));
const converter = new deckJson.JSONConverter({
  configuration: new deckJson.JSONConfiguration({
    classes,
    enumerations: { COORDINATE_SYSTEM: deck.COORDINATE_SYSTEM },
  }),
});
const purify = await loadPurify();

// base map settings deck.gl itself does not take (tidal draws its own base: tiles or a graticule)
const MAP_KEYS = ['mapStyle', 'mapProvider', 'map_style', 'map_provider', 'google_maps_key',
  'mapbox_key', 'customLibraries', 'description', 'tooltip'];
const EMPTY = () => ({ indices: {}, objects: {} });

// A graticule every 10 degrees in the theme's border colour under the layers of a map (the
// base st.map draws too), redrawn when the theme changes.
const GRATICULE = [
  ...Array.from({ length: 37 }, (_, i) => [[-180 + i * 10, -85], [-180 + i * 10, 85]]),
  ...Array.from({ length: 17 }, (_, i) => [[-180, -80 + i * 10], [180, -80 + i * 10]]),
];
const live = new Set();
new MutationObserver(() => {
  for (const node of live) node.s.deck?.setProps({ layers: withBase(node) });
}).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

/** A CSS colour as [r, g, b, a] (0-255), as deck.gl takes colours. */
function rgba(css) {
  const c = document.createElement('canvas').getContext('2d');
  c.fillStyle = css;
  c.fillRect(0, 0, 1, 1);
  return [...c.getImageData(0, 0, 1, 1).data];
}

function withBase(node) {
  const layers = highlighted(node);
  if (!node.s.geographic) return layers;
  const tiles = node.s.basemap ? [tileLayer(node)] : [];
  if (tiles.length && !node.s.tilesFailed) return [...tiles, ...layers];
  const color = rgba(getComputedStyle(document.documentElement).getPropertyValue('--border').trim() || '#d0d7de');
  return [new deck.PathLayer({
    id: '__tidal_graticule', data: GRATICULE, getPath: (d) => d, getColor: color,
    getWidth: 1, widthUnits: 'pixels', pickable: false,
  }), ...tiles, ...layers];
}

/** The map tiles under the layers: a BitmapLayer per tile of the view. */
function tileLayer(node) {
  const tiles = node.p.tiles;
  node.s.tileData ??= templates(tiles); // the same array each time: deck.gl keeps the tiles
  return new deck.TileLayer({
    id: '__tidal_tiles', data: node.s.tileData, minZoom: 0, maxZoom: 19, tileSize: 256,
    pickable: false,
    onTileError: () => {
      if (node.s.tilesFailed) return;
      node.s.tilesFailed = true;
      tilesFailed(node.s.note, tiles, 'Layers');
      node.s.deck?.setProps({ layers: withBase(node) });
    },
    renderSubLayers: (props) => {
      const [[west, south], [east, north]] = props.tile.boundingBox;
      return new deck.BitmapLayer(props, { data: null, image: props.data, bounds: [west, south, east, north] });
    },
  });
}

/** The note under the chart, when the base it describes changes. */
function setNote(node, tiles) {
  const key = JSON.stringify(tiles ?? null);
  if (node.s.noteFor === key) return;
  node.s.noteFor = key;
  node.s.tileData = null;
  node.s.tilesFailed = false;
  const note = tileNote(tiles, 'Layers');
  node.s.note.replaceWith(note);
  node.s.note = note;
}

/** Throws, naming it, on a "@@type" this deck.gl does not have (deck.gl only asserts). */
function checkClasses(json) {
  if (Array.isArray(json)) { json.forEach(checkClasses); return; }
  if (!json || typeof json !== 'object') return;
  const type = json['@@type'];
  if (type !== undefined && !(type in classes)) {
    throw new Error(`deck.gl has no class "${type}" (layers, views and extensions of deck.gl `
      + `${deck.VERSION} only: check the name, e.g. "ScatterplotLayer")`);
  }
  for (const [k, v] of Object.entries(json)) if (k !== 'data') checkClasses(v);
}

/** "{field}" in a tooltip template, filled from the hovered object. */
function fill(template, object) {
  return String(template).replace(/\{([^{}]+)\}/g, (all, name) => {
    const v = object?.[name] ?? object?.properties?.[name];
    return v === undefined ? all : String(v);
  });
}

function tooltipOf(p) {
  const tip = p.tooltip ? JSON.parse(p.tooltip) : null;
  if (!tip) return null;
  return (info) => {
    if (!info.object) return null;
    const style = { backgroundColor: 'var(--bg)', color: 'var(--fg)', fontFamily: 'var(--font-sans)',
      fontSize: '.8rem', border: '1px solid var(--border)', borderRadius: 'var(--radius)', ...(tip.style ?? {}) };
    if (tip.html) return { html: purify.sanitize(fill(tip.html, info.object)), style };
    return { text: fill(tip.text ?? '', info.object), style };
  };
}

/** The object as a dict (rows given as arrays arrive as {value: [...]}). */
function plain(object) {
  if (object && typeof object === 'object' && !Array.isArray(object)) {
    return JSON.parse(JSON.stringify(object, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
  }
  return { value: object ?? null };
}

/** The selection after a click on `info` (a picked object, or nothing). */
function clicked(sel, info, mode) {
  const id = info.layer?.id;
  if (!info.object || id == null || info.index == null || info.index < 0) return EMPTY();
  const picked = sel.indices[id] ?? [];
  const at = picked.indexOf(info.index);
  if (mode === 'single-object') {
    return at >= 0 ? EMPTY() : { indices: { [id]: [info.index] }, objects: { [id]: [plain(info.object)] } };
  }
  const next = { indices: { ...sel.indices }, objects: { ...sel.objects } };
  if (at >= 0) {
    next.indices[id] = picked.filter((_, i) => i !== at);
    next.objects[id] = (sel.objects[id] ?? []).filter((_, i) => i !== at);
    if (!next.indices[id].length) { delete next.indices[id]; delete next.objects[id]; }
  } else {
    next.indices[id] = [...picked, info.index];
    next.objects[id] = [...(sel.objects[id] ?? []), plain(info.object)];
  }
  return next;
}

/** The layers with the selected objects highlighted (the last one picked in each layer). */
function highlighted(node) {
  const sel = node.s.sel;
  return (node.s.layers ?? []).map((layer) => {
    const picked = sel.indices[layer.id];
    return picked?.length
      ? layer.clone({ highlightedObjectIndex: picked[picked.length - 1] })
      : layer;
  });
}

function size(node, p) {
  const box = node.s.box;
  box.style.width = typeof p.width === 'number' ? `${p.width}px` : '100%';
  box.style.height = typeof p.height === 'number' ? `${p.height}px` : '100%';
}

function draw(node) {
  const p = node.p;
  const hook = /** @type {any} */ (window).__tidal;
  let waiting = Boolean(hook);
  const done = () => {
    if (waiting) { hook.loading -= 1; waiting = false; }
  };
  if (hook) hook.loading = (hook.loading ?? 0) + 1;
  // a browser without WebGL2 never renders: the page must not wait for it forever
  setTimeout(done, 5000);
  try {
    const spec = JSON.parse(p.spec);
    checkClasses(spec);
    const props = /** @type {any} */ (converter.convert(spec));
    // pydeck's map_provider=None (no "mapProvider") asks for no base map
    const basemap = p.tiles?.url && spec.mapProvider != null ? p.tiles : null;
    for (const k of MAP_KEYS) delete props[k];
    node.s.layers = (props.layers ?? []).filter(Boolean);
    node.s.sel = node.s.sel ?? EMPTY();
    const views = props.views == null ? [] : [props.views].flat();
    node.s.geographic = views.every((v) => v instanceof deck.MapView);
    node.s.basemap = Boolean(basemap && node.s.geographic);
    setNote(node, node.s.basemap ? basemap : null);
    const selecting = Boolean(p.id);
    const settings = {
      ...props,
      controller: props.controller ?? true,
      layers: withBase(node),
      getTooltip: tooltipOf(p),
      onClick: selecting ? (info) => {
        node.s.sel = clicked(node.s.sel, info, p.selection_mode);
        node.s.deck?.setProps({ layers: withBase(node) });
        commit(node, node.s.ctx, { selection: node.s.sel });
      } : undefined,
      onAfterRender: () => {
        node.s.box.dataset.drawn = String(Number(node.s.box.dataset.drawn ?? 0) + 1);
        done();
      },
      onError: (err) => { showError(node, err); done(); },
    };
    if (node.s.deck) node.s.deck.setProps(settings);
    else node.s.deck = new deck.Deck({ ...settings, parent: node.s.box, width: '100%', height: '100%' });
  } catch (err) {
    showError(node, err);
    done();
  }
}

function showError(node, err) {
  const webgl = document.createElement('canvas').getContext('webgl2')
    ? '' : ' (this browser has WebGL2 turned off: deck.gl needs it)';
  node.el.replaceChildren(h('div', { class: 'chart-error', role: 'alert' },
    `deck.gl could not draw this chart: ${err?.message ?? err}${webgl}`));
}

const DRAWN = ['spec', 'tooltip', 'selection_mode', 'id'];
const sameTiles = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const deckKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.box = h('div', { class: 'deck-box' });
    node.s.note = h('div');
    node.el = h('div', { class: 'deck-el', role: 'figure', 'aria-label': p.alt ?? 'Map' }, node.s.box,
      node.s.note);
    node.s.ctx = ctx;
    node.s.committed = null;
    size(node, p);
    live.add(node);
    draw(node);
  },
  update(node, p, prev, ctx) {
    node.s.ctx = ctx;
    size(node, p);
    if (p.alt !== prev.alt) node.el.setAttribute('aria-label', p.alt ?? 'Map');
    if (DRAWN.some((k) => (p[k] ?? null) !== (prev[k] ?? null)) || !sameTiles(p.tiles, prev.tiles)) {
      if (p.selection_mode !== prev.selection_mode || p.id !== prev.id) {
        node.s.sel = EMPTY();
        node.s.committed = null;
      }
      draw(node);
    }
  },
  destroy(node) {
    live.delete(node);
    node.s.deck?.finalize();
    node.s.deck = null;
  },
  read(node) {
    return node.s.committed ?? null;
  },
};

export const kinds = { deck_gl_json_chart: deckKind };
