// The page's script nonce. The server gives each page load a fresh nonce and a policy that
// runs only scripts carrying it (see headers.py): the scripts an app shows on purpose get it
// here. An iframe's `srcdoc` document is under the page's policy too, so the scripts of a
// `components.html` or `st.iframe` document get the nonce as well (they run sandboxed).
export const PAGE_NONCE = /** @type {HTMLScriptElement|null} */ (document.querySelector('script[nonce]'))?.nonce ?? '';

/**
 * `html` with the page's nonce on every <script>, for an iframe's srcdoc.
 * @param {string} html
 * @returns {string}
 */
export function withNonce(html) {
  if (!PAGE_NONCE || !/<script/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const script of doc.querySelectorAll('script')) script.setAttribute('nonce', PAGE_NONCE);
  const doctype = /^\s*<!doctype/i.test(html) ? '<!doctype html>' : '';
  return doctype + doc.documentElement.outerHTML;
}
