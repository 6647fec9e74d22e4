#!/usr/bin/env bash
# Fetches the pinned third-party ES modules of the front end from the npm registry and copies
# each module file and its licence into src/tidal/static/vendor/. The repository keeps the
# fetched files; rerun this only to change a pinned version, then review the diff and the
# printed sha256 sums. Needs npm. Usage: scripts/vendor.sh
set -euo pipefail

# name@exact-version  file-inside-the-package  licence-file  destination-name
PINNED=(
  "marked@18.2.1 lib/marked.esm.js LICENSE marked.esm.js"
)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/src/tidal/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"

for entry in "${PINNED[@]}"; do
  read -r spec file licence target <<<"$entry"
  name="${spec%@*}"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tarball="$(ls "$work"/*.tgz)"
  mkdir -p "$work/$name"
  tar -xzf "$tarball" -C "$work/$name"
  rm -f "$tarball"
  cp "$work/$name/package/$file" "$dest/$target"
  cp "$work/$name/package/$licence" "$dest/${target%%.*}.LICENSE"
  echo "$spec -> vendor/$target"
done

(cd "$dest" && sha256sum -- *)
