// Multipage apps: the sidebar menu of the app's pages, `page_link` elements, and the address
// bar. Going to a page pushes a history entry (without the old page's query params) and sends
// `navigate`; back/forward (popstate) sends `navigate` too, with that entry's query; a `pages`
// message from the server updates the menu and, when the script moved elsewhere
// (st.switch_page, an unknown page), the address; a `query` message (the script changed
// st.query_params) replaces the address's query in place. Knows nothing about the element tree
// or the socket beyond the `send` it is given.
import { h, helpIcon } from './elements.js';

/** @type {Nav|null} the page's one menu, which page links go through */
let active = null;

/**
 * Show one query param in the address, in place (no history entry, no reload), and keep it
 * as the session's query (a reconnect's `hello` names the query shown). Fired by a panel
 * bound to the query params (`bind="query-params"`) whose change starts no run
 * (`on_change="ignore"`), as the server would write it at the next run.
 * @param {string} name the param (the widget's key)
 * @param {string|null} text its value, or null to leave it out (the widget's default)
 */
function showParam(name, text) {
  const params = new URLSearchParams(location.search);
  if (text === null) params.delete(name);
  else params.set(name, text);
  const query = params.toString();
  if (query !== location.search.replace(/^\?/, '')) {
    history.replaceState(history.state, '', location.pathname + (query ? `?${query}` : '') + location.hash);
  }
  active?.setQuery(query);
}
addEventListener('tidal:param', (e) => showParam(e.detail.name, e.detail.text));

/** Query params that survive going to another page: they say how the app is embedded. */
const EMBED_KEYS = new Set(['embed', 'embed_options']);

/**
 * The part of a query string (without "?") that another page keeps.
 * @param {string} query
 */
function embedOnly(query) {
  const kept = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(query)) if (EMBED_KEYS.has(k.toLowerCase())) kept.append(k, v);
  return kept.toString();
}

/** Two query strings as one (either may be empty). */
const joinQueries = (a, b) => [a, b].filter(Boolean).join('&');

/** "?" and the query string, or nothing when it is empty. */
const withQuery = (query) => (query ? `?${query}` : '');

/** Plain left clicks navigate in place; modified clicks keep the browser's behaviour. */
function plainClick(e) {
  return e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

export class Nav {
  /**
   * @param {object} opts
   * @param {URL} opts.base where the app is served (its main page)
   * @param {HTMLElement} opts.sidebar the sidebar panel
   * @param {HTMLElement} opts.before the menu goes before this child of the sidebar
   * @param {(t: string, fields: object) => number} opts.send queue an event, returns its seq
   * @param {(page: string) => void} opts.onPage the current page changed (its url path)
   * @param {(query: string) => void} opts.onQuery the query params changed (the query string)
   */
  constructor({ base, sidebar, before, send, onPage, onQuery }) {
    Object.assign(this, { base, send, onPage, onQuery });
    /** @type {{url: string, title: string, icon?: string|null, section?: string|null}[]} */
    this.pages = [];
    this.position = 'sidebar';
    this.current = this.path();
    this.query = this.search(); // the query string the session's st.query_params hold
    this.lastNavigate = 0; // seq of the last `navigate` sent: older `pages` cannot undo it
    this.list = h('ul', { class: 'nav-list' });
    this.el = h('nav', { class: 'nav', 'aria-label': 'Pages', hidden: true }, this.list);
    sidebar.insertBefore(this.el, before);
    onPage(this.current); // the hello names the page, decoded as the server spells it
    addEventListener('popstate', () => {
      // a hash change is no navigation
      if (this.path() !== this.current || this.search() !== this.query) this.go(this.path(), false);
    });
    active = this;
  }

  /** Whether the menu shows (two pages or more, not `position="hidden"`). */
  get visible() {
    return this.position === 'sidebar' && this.pages.length > 1;
  }

  /** The page the address bar shows: its url path without the leading "/". */
  path() {
    const path = location.pathname;
    const rel = path.startsWith(this.base.pathname) ? path.slice(this.base.pathname.length) : path.replace(/^\//, '');
    try {
      return decodeURIComponent(rel).replace(/\/+$/, '');
    } catch {
      return rel;
    }
  }

  /** The query string the address bar shows, without "?". */
  search() {
    return location.search.replace(/^\?/, '');
  }

  /** The address of a page. */
  href(url) {
    return new URL(encodeURIComponent(url), this.base).pathname;
  }

  /**
   * Go to a page: a history entry (unless the browser already moved: back/forward), then
   * `navigate` with the query the address shows: none for another page (but the embed
   * params), the entry's own after back/forward.
   * @param {string} url the page's url path
   * @param {boolean} [push]
   * @param {string} [linkQuery] the query a page link carries (`st.page_link(query_params=)`)
   */
  go(url, push = true, linkQuery = '') {
    let query = this.search();
    if (push) {
      query = joinQueries(embedOnly(query), linkQuery);
      const href = this.href(url) + withQuery(query);
      if (url !== this.path()) history.pushState(null, '', href);
      else history.replaceState(history.state, '', href);
    }
    this.current = url;
    this.onPage(url);
    this.setQuery(query);
    this.lastNavigate = this.send('navigate', { page: url, query });
    this.render();
  }

  /** @param {string} query the query string the session's st.query_params now hold */
  setQuery(query) {
    this.query = query;
    this.onQuery(query);
  }

  /**
   * A `query` message: the script changed st.query_params. The address follows in place (no
   * history entry, no reload), unless a `navigate` sent since has replaced the params.
   */
  updateQuery(msg) {
    if ((msg.ack ?? 0) < this.lastNavigate) return;
    const query = msg.query ?? '';
    this.setQuery(query);
    if (this.search() !== query) {
      history.replaceState(history.state, '', location.pathname + withQuery(query) + location.hash);
    }
  }

  /** A `pages` message: the page list, the current page, where the menu goes. */
  update(msg) {
    this.pages = msg.pages ?? [];
    this.position = msg.position ?? 'sidebar';
    if ((msg.ack ?? 0) >= this.lastNavigate) {
      this.current = msg.current ?? '';
      if (this.path() !== this.current) {
        // st.switch_page starts the page without query params; a corrected address keeps them
        const query = msg.switched ? embedOnly(this.search()) : this.search();
        const href = this.href(this.current) + withQuery(query);
        if (msg.switched) history.pushState(null, '', href);
        else history.replaceState(null, '', href);
        this.setQuery(query);
      }
      this.onPage(this.current);
    }
    const page = this.pages.find((p) => p.url === this.current);
    // st.set_page_config(page_title=...) wins over the page's own title
    if (page && this.pages.length > 1 && !window.__tidalPageTitle) document.title = page.title;
    this.render();
  }

  render() {
    this.el.hidden = !this.visible;
    const items = [];
    let section = null;
    for (const p of this.pages) {
      if (p.hidden) continue; // st.Page(visibility="hidden"): reachable, not listed
      if ((p.section ?? null) !== section) {
        section = p.section ?? null;
        if (section) items.push(h('li', { class: 'nav-section', role: 'presentation' }, section));
      }
      const link = this.link(p.url, p.title, p.icon);
      if (p.help) link.title = p.help;
      items.push(h('li', {}, link));
    }
    this.list.replaceChildren(...items);
    for (const a of document.querySelectorAll('.page-link a[data-page]')) this.mark(a);
  }

  /**
   * A link that navigates in place.
   * @param {string} url
   * @param {string|null} label
   * @param {string|null} icon
   * @param {string} [query] query params the page opens with
   */
  link(url, label, icon, query = '') {
    const a = h('a', { href: this.href(url) + withQuery(query), 'data-page': url },
      icon ? h('span', { class: 'nav-icon', 'aria-hidden': 'true' }, icon) : null,
      h('span', { class: 'nav-label' }, label));
    a.addEventListener('click', (e) => {
      if (!plainClick(e)) return;
      e.preventDefault();
      const elsewhere = url !== this.current || url !== this.path();
      if (elsewhere || (query && query !== this.search())) this.go(url, true, query);
    });
    this.mark(a);
    return a;
  }

  mark(a) {
    if (a.dataset.page === this.current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function renderPageLink(node, p) {
  const label = [h('span', { class: 'nav-label' }, p.label ?? '')];
  if (p.icon) {
    const icon = h('span', { class: 'nav-icon', 'aria-hidden': 'true' }, p.icon);
    if (p.icon_position === 'right') label.push(icon);
    else label.unshift(icon);
  }
  let a;
  if (p.disabled) {
    a = h('a', { 'aria-disabled': 'true', role: 'link' }, ...label);
  } else if (p.external) {
    a = h('a', { href: p.url, target: '_blank', rel: 'noopener noreferrer' }, ...label);
  } else if (active) {
    a = active.link(p.url, null, null, p.query ?? '');
    a.replaceChildren(...label);
  } else {
    a = h('a', { href: `/${p.url}${withQuery(p.query ?? '')}` }, ...label);
  }
  node.el.replaceChildren(a);
  const help = helpIcon(p.help);
  if (help) node.el.append(help);
  node.el.classList.toggle('full', Boolean(p.use_container_width));
  node.el.style.width = typeof p.width === 'number' ? `${p.width}px` : '';
}

/** `page_link` elements. */
export const navKinds = {
  page_link: {
    create(node, p) {
      node.el = h('div', { class: 'page-link' });
      renderPageLink(node, p);
    },
    update(node, p) {
      renderPageLink(node, p);
    },
  },
};
