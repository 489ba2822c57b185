#!/usr/bin/env bash
# Reproduce src/spillwatch/data/geo/countries-50m.json: Natural Earth 1:50m country outlines
# (public domain) as TopoJSON, from the npm package world-atlas 2.0.2 (ISC licence).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack world-atlas@2.0.2 >/dev/null
tar xzf world-atlas-2.0.2.tgz
cp package/countries-50m.json "$here/src/spillwatch/data/geo/countries-50m.json"
sha256sum "$here/src/spillwatch/data/geo/countries-50m.json"
