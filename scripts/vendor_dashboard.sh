#!/usr/bin/env bash
# Reproduce src/spillwatch/serve/static/vendor/: the dashboard's map and chart libraries, from npm,
# checked against the registry's integrity hashes. Served by `spillwatch serve`; nothing is
# fetched by the browser from anywhere else. Versions and licences: vendor/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/src/spillwatch/serve/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

fetch() {  # name version integrity
  npm pack "$1@$2" --silent >/dev/null
  local tgz="${1}-${2}.tgz"
  local got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  [ "$got" = "$3" ] || { echo "$tgz: integrity $got is not the pinned $3" >&2; exit 1; }
  mkdir -p "$1" && tar xzf "$tgz" -C "$1"
}

fetch leaflet 1.9.4 "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
fetch topojson-client 3.1.0 "sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw=="
fetch uplot 1.6.32 "sha512-KIMVnG68zvu5XXUbC4LQEPnhwOxBuLyW1AHtpm6IKTXImkbLgkMy+jabjLgSLMasNuGGzQm/ep3tOkyTxpiQIw=="

rm -rf "$out/leaflet" "$out/topojson-client" "$out/uplot"
mkdir -p "$out/leaflet" "$out/topojson-client" "$out/uplot"
cp leaflet/package/dist/leaflet.js leaflet/package/dist/leaflet.css leaflet/package/LICENSE "$out/leaflet/"
cp topojson-client/package/dist/topojson-client.min.js topojson-client/package/LICENSE "$out/topojson-client/"
cp uplot/package/dist/uPlot.iife.min.js uplot/package/dist/uPlot.min.css uplot/package/LICENSE "$out/uplot/"
cd "$out" && find leaflet topojson-client uplot -type f | sort | xargs sha256sum
