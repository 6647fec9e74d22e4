// HTML documents shown in iframes (components.html, st.iframe of an HTML string). A `srcdoc`
// document would live under the page's strict Content-Security-Policy (no inline scripts or
// event handlers), which such documents commonly need. So the iframe loads a blank shell
// from the server (/_tidal/frame, served with only a framing rule), which says it is ready;
// the page then hands it the document, which it writes into itself. The iframe's sandbox
// decides what the document may reach; the shell accepts documents only from its parent.
const SHELL = new URL('../_tidal/frame', import.meta.url);

/** @type {Map<HTMLIFrameElement, string>} frames waiting for, or showing, a document */
const documents = new Map();
let listening = false;

function listen() {
  if (listening) return;
  listening = true;
  window.addEventListener('message', (e) => {
    const type = e.data?.type;
    if ((type !== 'tidal:frameReady' && type !== 'tidal:frameShown') || !e.source) return;
    for (const [frame, html] of documents) {
      if (frame.contentWindow !== e.source) continue;
      if (type === 'tidal:frameReady') e.source.postMessage({ type: 'tidal:document', html }, '*');
      else frame.dispatchEvent(new Event('tidal-shown')); // the document is in: measure it
      return;
    }
  });
}

let loads = 0;

/**
 * Show `html` as the document of `frame` (its sandbox as the caller set it).
 * @param {HTMLIFrameElement} frame
 * @param {string} html
 */
export function showDocument(frame, html) {
  listen();
  documents.set(frame, html);
  frame.removeAttribute('srcdoc');
  // a new load for every document: the shell writes one document, once
  frame.src = `${SHELL.href}?n=${++loads}`;
}

/** Forget a frame that left the page. */
export function forgetFrame(frame) {
  documents.delete(frame);
}
