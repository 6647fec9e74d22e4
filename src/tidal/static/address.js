// The address bar's query string, written by the page itself: a panel bound to the query
// params (`bind="query-params"`) whose change starts no run (`on_change="ignore"`) shows its
// state in the address at once, as the server would at the next run. The multipage menu
// (nav.js) listens, so that the query a reconnect's `hello` names stays the one shown.
// Knows nothing about elements, pages or the socket.

/** @type {((query: string) => void)|null} */
let listener = null;

/**
 * Who keeps the session's query string (nav.js): told each time the page writes a param.
 * @param {(query: string) => void} fn
 */
export function onQueryWritten(fn) {
  listener = fn;
}

/**
 * Show one query param in the address, in place (no history entry, no reload).
 * @param {string} name the param (the widget's key)
 * @param {string|null} text its value, or null to leave it out (the widget's default)
 */
export function showParam(name, text) {
  const params = new URLSearchParams(location.search);
  if (text === null) params.delete(name);
  else params.set(name, text);
  const query = params.toString();
  if (query !== location.search.replace(/^\?/, '')) {
    history.replaceState(history.state, '', location.pathname + (query ? `?${query}` : '') + location.hash);
  }
  listener?.(query);
}
