// Answers to requests that are not events (the `rows` a data grid asks for as it scrolls):
// whoever asked registers a handler under a key, the app hands each answer over. Knows
// nothing about the DOM or the socket.

/** @type {Map<string, (msg: any) => void>} */
const handlers = new Map();

/**
 * Receive the answers of type `t` for `key` (a grid's data id); returns an unsubscribe.
 * @param {string} t message type, e.g. "rows"
 * @param {string} key
 * @param {(msg: any) => void} fn
 * @returns {() => void}
 */
export function onReply(t, key, fn) {
  const k = `${t}:${key}`;
  handlers.set(k, fn);
  return () => { if (handlers.get(k) === fn) handlers.delete(k); };
}

/**
 * Hand an answer to whoever waits for it (answers nobody waits for are dropped).
 * @param {{t: string, data?: string}} msg
 */
export function dispatchReply(msg) {
  handlers.get(`${msg.t}:${msg.data}`)?.(msg);
}
