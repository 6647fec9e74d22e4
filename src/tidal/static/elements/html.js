// st.html and st.iframe, loaded on first use. st.html inserts the HTML into the page, cleaned
// by the vendored DOMPurify: scripts and event handlers are removed unless the app passed
// unsafe_allow_javascript=True, in which case its scripts run. An iframe shows a URL or an
// HTML document in a sandbox; "content" height fits a same-origin document to its content.
import { showDocument } from '../frames.js';
import { PAGE_NONCE } from '../nonce.js';
import { loadPurify } from '../lazy.js';
import { h } from '../elements.js';
import { applyLayout } from '../text.js';

const purify = await loadPurify();

/** Clean HTML for the page: no scripts, handlers or javascript: URLs; <style> kept. */
function sanitize(html) {
  return purify.sanitize(html, { FORCE_BODY: true, ADD_TAGS: ['style'] });
}

/** Put `html` into `el` with its scripts live (innerHTML never runs scripts by itself). */
function insertWithScripts(el, html) {
  el.innerHTML = html;
  for (const old of el.querySelectorAll('script')) {
    const script = document.createElement('script');
    for (const { name, value } of old.attributes) script.setAttribute(name, value);
    script.nonce = PAGE_NONCE; // the page's policy runs only scripts with its nonce
    script.textContent = old.textContent;
    old.replaceWith(script);
  }
}

const htmlKind = {
  create(node, p) {
    node.el = h('div', { class: 'html-el' });
    this.update(node, p, {});
  },
  update(node, p, prev) {
    if (p.body !== prev.body || p.unsafe_allow_javascript !== prev.unsafe_allow_javascript) {
      if (p.unsafe_allow_javascript) insertWithScripts(node.el, String(p.body ?? ''));
      else node.el.innerHTML = sanitize(String(p.body ?? ''));
    }
    // only <style>: it styles the page and takes no room
    node.el.classList.toggle('style-only', Boolean(p.style_only));
    applyLayout(node.el, p);
  },
};

const DEFAULT_HEIGHT = 150; // a URL's document can't be measured: the browser's iframe default

/** Fit a same-origin iframe to its document's height. */
function fitToContent(frame) {
  try {
    const doc = frame.contentDocument;
    if (!doc?.documentElement) return;
    frame.style.height = `${Math.ceil(doc.documentElement.scrollHeight)}px`;
  } catch {
    // cross-origin: keep the default height
  }
}

const iframeKind = {
  create(node, p) {
    node.s.frame = h('iframe', {
      class: 'iframe-el',
      sandbox: 'allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-downloads',
      loading: 'lazy',
    });
    node.s.frame.addEventListener('tidal-shown', () => {
      if (node.p.height === 'content' && node.p.srcdoc != null) fitToContent(node.s.frame);
    });
    node.el = h('div', { class: 'iframe-wrap' }, node.s.frame);
    this.update(node, p, {});
  },
  update(node, p, prev) {
    const f = node.s.frame;
    if (p.srcdoc !== prev.srcdoc || p.src !== prev.src) {
      if (p.srcdoc != null) {
        showDocument(f, p.srcdoc);
      } else {
        f.removeAttribute('srcdoc');
        f.src = p.src ?? 'about:blank';
      }
    }
    f.title = p.alt ?? 'Embedded content';
    if (p.tab_index == null) f.removeAttribute('tabindex');
    else f.tabIndex = p.tab_index;
    const hgt = p.height;
    f.style.height = typeof hgt === 'number' ? `${hgt}px` : hgt === 'stretch' ? '100%' : `${DEFAULT_HEIGHT}px`;
    applyLayout(node.el, p);
  },
};

export const kinds = { html: htmlKind, iframe: iframeKind };
