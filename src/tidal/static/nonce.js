// The page's script nonce. The server gives each page load a fresh nonce and a policy that
// runs only scripts carrying it (see headers.py): the scripts an app shows on purpose get it
// here (st.html with unsafe_allow_javascript; iframe documents go through frames.js).
export const PAGE_NONCE = /** @type {HTMLScriptElement|null} */ (document.querySelector('script[nonce]'))?.nonce ?? '';

