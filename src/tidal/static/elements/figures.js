// Images the server draws (st.pyplot: a Matplotlib figure as SVG or PNG), loaded on first use.
// Each image becomes a blob: URL (the page's CSP allows blob: images), released when the
// element goes or changes.
import { h } from '../elements.js';

function blobUrl(img) {
  let bytes;
  if (img.b64 != null) {
    const text = atob(img.b64);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  } else {
    bytes = new TextEncoder().encode(img.data ?? '');
  }
  return URL.createObjectURL(new Blob([bytes], { type: img.mime }));
}

function release(node) {
  for (const url of node.s.urls ?? []) URL.revokeObjectURL(url);
  node.s.urls = [];
}

const imgsKind = {
  create(node, p) {
    node.el = h('div', { class: 'figure-el' });
    this.update(node, p, {});
  },
  update(node, p, prev) {
    if (JSON.stringify(p.imgs) !== JSON.stringify(prev.imgs ?? null)) {
      release(node);
      node.s.urls = (p.imgs ?? []).map(blobUrl);
      node.el.replaceChildren(...node.s.urls.map((src) => h('img', { src, alt: p.alt ?? '' })));
    }
    for (const img of node.el.querySelectorAll('img')) {
      img.style.width = typeof p.width === 'number' ? `${p.width}px` : p.width === 'stretch' ? '100%' : '';
      img.style.maxWidth = '100%';
      img.style.height = 'auto';
      img.style.display = 'block';
      img.alt = p.alt ?? '';
    }
  },
  destroy(node) {
    release(node);
  },
};

export const kinds = { imgs: imgsKind };
