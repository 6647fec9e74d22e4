// Media elements: image, audio, video, pdf and logo. Their bytes come from the media endpoint
// by content-hash id (links.js), so an unchanged element keeps its DOM and the browser's cache.
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { mediaUrl } from './links.js';

useStyles(new URL('media.css', import.meta.url).href);

/** Width: a number of pixels, 'stretch' (the container's) or 'content' (natural, capped). */
function applyWidth(el, width) {
  el.classList.toggle('m-stretch', width === 'stretch');
  el.style.width = typeof width === 'number' ? `${width}px` : '';
}

const image = {
  create(node, p) {
    node.el = h('div', { class: 'm-images' });
    this.update(node, p, {});
  },
  update(node, p) {
    const figures = (p.images ?? []).map((img) => {
      const pic = h('img', { src: mediaUrl(img.src), alt: img.alt ?? img.caption ?? '', loading: 'lazy' });
      applyWidth(pic, p.width);
      const shown = p.link ? h('a', { href: p.link, target: '_blank', rel: 'noopener noreferrer' }, pic) : pic;
      return h('figure', { class: 'm-figure' }, shown, img.caption ? h('figcaption', { text: img.caption }) : null);
    });
    node.el.replaceChildren(...figures);
  },
};

/** Play from `start` to `end` (seconds), looping back to `start` when asked. */
function playWindow(el, p) {
  el.loop = Boolean(p.loop) && p.end == null;
  el.autoplay = Boolean(p.autoplay);
  el.addEventListener('loadedmetadata', () => {
    if (p.start) el.currentTime = p.start;
  }, { once: true });
  if (p.end != null) {
    el.addEventListener('timeupdate', () => {
      if (el.currentTime < p.end) return;
      if (p.loop) el.currentTime = p.start ?? 0;
      else el.pause();
    });
  }
}

function player(tag) {
  return {
    create(node, p) {
      node.el = h('div', { class: `m-${tag}` });
      this.update(node, p, {});
    },
    update(node, p) {
      const el = h(tag, { controls: true, preload: 'auto', 'aria-label': p.alt ?? null });
      el.muted = Boolean(p.muted);
      if (p.muted) el.setAttribute('muted', '');
      applyWidth(el, p.width);
      el.append(h('source', { src: mediaUrl(p.src), type: p.mime }));
      (p.subtitles ?? []).forEach((track, i) => {
        el.append(h('track', { kind: 'subtitles', label: track.label, src: mediaUrl(track.src), default: i === 0 }));
      });
      playWindow(el, p);
      node.el.replaceChildren(el);
      node.s.media = el;
    },
    destroy(node) {
      node.s.media?.pause();
    },
  };
}

const pdf = {
  create(node, p) {
    node.el = h('div', { class: 'm-pdf' });
    this.update(node, p, {});
  },
  update(node, p) {
    const frame = h('iframe', { src: mediaUrl(p.src), title: p.alt ?? 'PDF document' });
    frame.style.height = p.height === 'stretch' ? '100%' : `${p.height}px`;
    node.el.replaceChildren(frame);
  },
};

const logo = {
  create(node, p) {
    node.el = h('div', { class: 'm-logo' });
    this.update(node, p, {});
  },
  update(node, p) {
    const pic = h('img', { src: mediaUrl(p.image), alt: 'Logo', class: `m-logo-${p.size}` });
    node.el.replaceChildren(p.link ? h('a', { href: p.link, target: '_blank', rel: 'noopener noreferrer' }, pic) : pic);
  },
};

export const kinds = { image, audio: player('audio'), video: player('video'), pdf, logo };
