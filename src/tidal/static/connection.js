// The websocket to the server: hello/welcome with the tab's token, numbered events (kept until
// a run acknowledges them, resent after a reconnect, so none is lost or reordered), keep-alive
// pings and reconnecting with backoff. Knows nothing about elements or the DOM.

const PROTOCOL_VERSION = 1;
const TOKEN_KEY = 'tidal.token';
const PING_MS = 20_000;
const SILENCE_MS = 50_000; // no frame at all for this long: the socket is dead, reconnect
const CONNECT_MS = 10_000; // no welcome this long after opening a socket: try again
const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 2_000;
const EVENTS = new Set(['change', 'submit', 'sync', 'rerun', 'navigate', 'rewind', 'load_state']);

function randomNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function loadToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: every load is a new session
  }
}

function saveToken(token) {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // storage disabled: nothing to keep
  }
}

/** What only the browser knows, for `st.context`: address, timezone, language, theme, iframe. */
function browserFacts() {
  let timezone = '';
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    // no Intl time zone support: unknown
  }
  let embedded = false;
  try {
    embedded = window.self !== window.top;
  } catch {
    embedded = true; // a cross-origin parent denies access: we are framed
  }
  const theme = document.documentElement.dataset.theme;
  return {
    url: location.href.split('#')[0].slice(0, 8192),
    timezone: timezone.slice(0, 64),
    tz_offset: new Date().getTimezoneOffset(),
    locale: (navigator.language || '').slice(0, 64),
    theme: theme === 'dark' || theme === 'light' ? theme : '',
    embedded,
  };
}

/** One tab's link to the server, across reconnects. */
export class Connection {
  /**
   * @param {object} opts
   * @param {string} opts.url websocket URL
   * @param {string} opts.page page path without the leading "/"
   * @param {string} opts.query the address's query string without "?" (the app keeps it current)
   * @param {(msg: object) => void} opts.onMessage every server message but `pong`, in order
   * @param {(up: boolean) => void} opts.onLink the socket is welcomed (true) or lost (false)
   */
  constructor({ url, page, query, onMessage, onLink }) {
    Object.assign(this, { url, page, query, onMessage, onLink });
    this.nonce = randomNonce();
    this.token = loadToken();
    this.seq = 0;
    /** @type {{seq: number, t: string, frame: string}[]} events not yet acknowledged */
    this.outbox = [];
    this.acked = 0;
    this.ws = null;
    this.ready = false;
    this.stopped = false;
    this.backoff = BACKOFF_MIN_MS;
    this.timers = { ping: 0, retry: 0, connect: 0 };
    this.lastFrame = 0;
    // Leaving the page closes the socket: that is no lost connection. Back from the
    // back/forward cache, connect again.
    this.leaving = false;
    addEventListener('pagehide', () => { this.leaving = true; });
    addEventListener('pageshow', (e) => {
      this.leaving = false;
      if (e.persisted && !this.ws) this.connect();
    });
  }

  /** Open the socket (again). */
  connect() {
    if (this.stopped || this.leaving) return;
    clearTimeout(this.timers.retry);
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.retry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.lastFrame = Date.now();
      ws.send(JSON.stringify({
        t: 'hello', v: PROTOCOL_VERSION, nonce: this.nonce, token: this.token, page: this.page, query: this.query,
        ...browserFacts(),
      }));
    };
    ws.onmessage = (ev) => this.receive(ws, ev.data);
    ws.onclose = () => this.lost(ws);
    ws.onerror = () => {}; // a close event follows
    this.timers.connect = setTimeout(() => { if (!this.ready) ws.close(); }, CONNECT_MS);
  }

  receive(ws, data) {
    if (ws !== this.ws) return;
    this.lastFrame = Date.now();
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (msg.t === 'pong') return;
    if (msg.t === 'welcome') this.welcomed(msg);
    if (msg.t === 'error' && msg.fatal) this.stopped = true;
    this.onMessage(msg);
  }

  welcomed(msg) {
    clearTimeout(this.timers.connect);
    this.token = msg.token;
    saveToken(msg.token);
    this.ready = true;
    this.backoff = BACKOFF_MIN_MS;
    // Resend what no run acknowledged yet: the server drops the seqs it has already seen.
    for (const ev of this.outbox) this.ws.send(ev.frame);
    clearInterval(this.timers.ping);
    this.timers.ping = setInterval(() => this.ping(), PING_MS);
    this.onLink(true);
  }

  ping() {
    if (Date.now() - this.lastFrame > SILENCE_MS) {
      this.ws?.close();
      return;
    }
    if (this.ready) this.ws.send('{"t":"ping"}');
  }

  lost(ws) {
    if (ws !== this.ws) return;
    this.ready = false;
    this.ws = null;
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.connect);
    if (!this.stopped && !this.leaving) this.onLink(false);
    this.retry();
  }

  retry() {
    if (this.stopped || this.leaving) return;
    clearTimeout(this.timers.retry);
    this.timers.retry = setTimeout(() => this.connect(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
  }

  /**
   * Send an event; `change`/`submit`/`sync`/`rerun` get the next `seq` and are kept (and
   * resent after a reconnect) until a run acknowledges them. While disconnected they wait.
   * @param {string} t message type
   * @param {object} [fields]
   * @returns {number} the event's seq (0 for other messages)
   */
  send(t, fields = {}) {
    if (!EVENTS.has(t)) {
      if (this.ready) this.ws.send(JSON.stringify({ t, ...fields }));
      return 0;
    }
    const seq = ++this.seq;
    const frame = JSON.stringify({ t, seq, ...fields });
    this.outbox.push({ seq, t, frame });
    if (this.ready) this.ws.send(frame);
    return seq;
  }

  /**
   * A run took every event up to `ack` into account.
   * @param {number} ack
   */
  ack(ack) {
    if (!(ack > this.acked)) return;
    this.acked = ack;
    while (this.outbox.length && this.outbox[0].seq <= ack) this.outbox.shift();
  }

  /**
   * Events that wait for a run (a `sync` asks for none, so it is not counted).
   * @returns {number}
   */
  pending() {
    return this.outbox.reduce((n, ev) => n + (ev.t === 'sync' ? 0 : 1), 0);
  }

  /** Stop for good (a fatal error): no more reconnects. */
  stop() {
    this.stopped = true;
    clearTimeout(this.timers.retry);
  }
}
