// The theme follows the browser's preference, live, unless the server forces one (app.js
// calls __tidalTheme(forced) on welcome); the person's choice in the page menu's settings
// ("tidal.theme" in localStorage) wins over both. A classic script loaded before the
// stylesheet, so the first paint is right; a file, not inline, so the page needs no
// 'unsafe-inline' script.
(() => {
  const dark = matchMedia('(prefers-color-scheme: dark)');
  let forced = null;
  const chosen = () => {
    try { return localStorage.getItem('tidal.theme'); } catch { return null; }
  };
  const apply = () => {
    const pick = chosen();
    const theme = pick === 'light' || pick === 'dark' ? pick : forced;
    document.documentElement.dataset.theme = theme || (dark.matches ? 'dark' : 'light');
  };
  window.__tidalTheme = (theme) => { forced = theme || null; apply(); };
  dark.addEventListener('change', apply);
  apply();
})();
