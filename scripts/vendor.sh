#!/usr/bin/env bash
# Fetches the pinned third-party front-end files from the npm registry and copies each file
# and its licence into src/tidal/static/vendor/, unchanged. The repository keeps the fetched
# files; rerun this only to change a pinned version, then review the diff and the printed
# sha256 sums. Needs npm. Usage: scripts/vendor.sh
set -euo pipefail

# name@exact-version  file-inside-the-package  licence-file  destination (under vendor/; ES
# modules are named .js so that every server sends them as JavaScript)
PINNED=(
  "marked@18.2.1 lib/marked.esm.js LICENSE marked.esm.js"
  # st.latex and $...$ in Markdown, loaded on first use
  "katex@0.19.1 dist/katex.mjs LICENSE katex/katex.js"
  "katex@0.19.1 dist/katex.min.css LICENSE katex/katex.min.css"
  # st.html sanitising, loaded on first use
  "dompurify@3.4.18 dist/purify.es.mjs LICENSE purify.js"
  # emoji shortcodes in Markdown (:smile:), loaded on first use
  "gemoji@8.1.0 index.js license gemoji.js"
  # :material/icon_name: (the browser fetches the font only when an icon is shown) and the
  # name list the server checks icon= arguments against
  "@fontsource/material-symbols-rounded@5.3.8 files/material-symbols-rounded-latin-400-normal.woff2 LICENSE material-symbols-rounded.woff2"
  "@material-symbols/metadata@0.47.5 versions.json LICENSE material-symbols.json"
  # st.code highlighting, loaded on first use: the core and one module per language
  "@highlightjs/cdn-assets@11.12.0 es/core.min.js LICENSE highlight/core.min.js"
  # charts (st.line_chart... st.vega_lite_chart, st.altair_chart), loaded on first use, in this
  # order: each UMD build sets a global the next one reads (vega-embed bundles vega-interpreter,
  # the expression evaluator that needs no eval, which the page's CSP forbids)
  "vega@6.4.0 build/vega.min.js LICENSE vega/vega.js"
  "vega-lite@6.5.0 build/vega-lite.min.js LICENSE vega/vega-lite.js"
  "vega-embed@7.3.0 build/vega-embed.min.js LICENSE vega/vega-embed.js"
  # st.graphviz_chart: Graphviz compiled to WebAssembly (the CSP allows 'wasm-unsafe-eval'),
  # loaded on first use. The package ships no licence file: its package.json says MIT, and
  # viz.js opens with the copyright notices
  "@viz-js/viz@3.31.0 dist/viz.js package.json viz/viz.js"
  # st.plotly_chart, loaded on first use (its only new Function() is a fallback for a missing
  # globalThis, and its eval() belongs to map traces' web workers)
  "plotly.js-dist-min@4.1.2 plotly.min.js LICENSE plotly/plotly.js"
  # st.echarts_chart, loaded on first use (its one new Function() parses a GeoJSON string
  # only where JSON.parse is missing)
  "echarts@6.1.0 dist/echarts.esm.min.js LICENSE echarts/echarts.js"
  "echarts@6.1.0 NOTICE LICENSE echarts/echarts.NOTICE"
  # st.pydeck_chart, loaded on first use: deck.gl's UMD bundle (sets globalThis.deck; no eval
  # or new Function; draws with WebGL2, which needs nothing from the CSP)
  "deck.gl@9.4.0 dist.min.js LICENSE deck/deck.js"
  # pydeck's JSON ("@@type" classes, "@@=" accessors through its own parser, no eval); its UMD
  # bundle reads and then replaces globalThis.deck (elements/deck.js keeps both)
  "@deck.gl/json@9.4.0 dist.min.js LICENSE deck/deck-json.js"
)

# KaTeX's fonts (woff2 only: every browser tidal supports reads it, and it comes first in
# KaTeX's @font-face rules, so the other formats are never fetched)
KATEX_FONTS="katex@0.19.1 dist/fonts katex/fonts .woff2"

# st.mermaid_chart, loaded on first use: the ES module build and its chunks (relative imports;
# source maps left out)
MERMAID="mermaid@11.17.2"

# highlight.js languages vendored (others show as plain text)
HLJS="@highlightjs/cdn-assets@11.12.0"
HLJS_LANGUAGES="bash c cpp csharp css dart diff dockerfile elixir erlang go graphql groovy
haskell http ini java javascript json julia kotlin latex less lua makefile markdown matlab nginx
objectivec perl pgsql php plaintext powershell protobuf python python-repl r ruby rust scala
scss shell sql swift typescript vbnet xml yaml"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/src/tidal/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"

# unpack SPEC once into $work/<dir> and print that directory
unpack() {
  local spec="$1" dir
  dir="$work/$(echo "$spec" | tr '/@' '__')"
  if [[ ! -d "$dir" ]]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null && tar -xzf ./*.tgz && rm -f ./*.tgz)
  fi
  echo "$dir/package"
}

licence_name() {  # vendor/katex/katex.mjs -> katex/katex.LICENSE; gemoji.js -> gemoji.LICENSE
  local target="$1" base
  base="$(basename "$target")"
  echo "$(dirname "$target")/${base%%.*}.LICENSE"
}

for entry in "${PINNED[@]}"; do
  read -r spec file licence target <<<"$entry"
  pkg="$(unpack "$spec")"
  mkdir -p "$dest/$(dirname "$target")"
  cp "$pkg/$file" "$dest/$target"
  cp "$pkg/$licence" "$dest/$(licence_name "$target")"
  echo "$spec -> vendor/$target"
done

read -r spec dir target ext <<<"$KATEX_FONTS"
pkg="$(unpack "$spec")"
mkdir -p "$dest/$target"
cp "$pkg/$dir"/*"$ext" "$dest/$target/"
echo "$spec -> vendor/$target/*$ext"

pkg="$(unpack "$MERMAID")"
mkdir -p "$dest/mermaid/chunks/mermaid.esm.min"
cp "$pkg/dist/mermaid.esm.min.mjs" "$dest/mermaid/"
cp "$pkg/dist/chunks/mermaid.esm.min/"*.mjs "$dest/mermaid/chunks/mermaid.esm.min/"
cp "$pkg/LICENSE" "$dest/mermaid/mermaid.LICENSE"
echo "$MERMAID -> vendor/mermaid/"

pkg="$(unpack "$HLJS")"
mkdir -p "$dest/highlight/languages"
for lang in $HLJS_LANGUAGES; do
  cp "$pkg/es/languages/$lang.min.js" "$dest/highlight/languages/"
done
echo "$HLJS -> vendor/highlight/languages/ ($(echo $HLJS_LANGUAGES | wc -w) languages)"

(cd "$dest" && find . -type f ! -name README.md | sort | xargs sha256sum)
