// The theme follows the browser's preference, live, unless the server forces one (app.js
// calls __tidalTheme(forced) on welcome). A classic script loaded before the stylesheet, so
// the first paint is right; a file, not inline, so the page needs no 'unsafe-inline' script.
(() => {
  const dark = matchMedia('(prefers-color-scheme: dark)');
  let forced = null;
  const apply = () => {
    document.documentElement.dataset.theme = forced || (dark.matches ? 'dark' : 'light');
  };
  window.__tidalTheme = (theme) => { forced = theme || null; apply(); };
  dark.addEventListener('change', apply);
  apply();
})();
