"""Server time of the public registry pages at today's size ("1x") and at 100 times it.

    cd /work/main && PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 .venv/bin/python scripts/bench.py
    (or: make bench)

What it does:

1. Builds two SQLite databases under var/bench/ (var/smartcity.sqlite3 is never touched):
   - 1x:   migrate + load_geography + load_certified_areas + load_network_cities;
   - 100x: a copy of 1x topped up with synthetic data (scripts/bench_data.py) to
     3,000 certified areas over all 77 provinces.
   A database is reused when it already holds the expected number of areas and has no
   unapplied migration, so a second run starts measuring at once; --rebuild forces
   both to be built again.
2. Measures each database in its own subprocess (Django reads DATABASE_URL once, at
   start-up): for every page, two warm-up requests, then --runs timed requests with
   django.test.Client (the time is taken around client.get, so it is server time:
   middleware, view, queries, template rendering; no network, no browser), then one
   more request to count the SQL queries.
3. Prints a table (median ms at 1x and 100x, ratio, queries, bytes) and exits non-zero
   if any page did not answer 200. --json PATH also writes every sample.
"""

import argparse
import csv
import gc
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
STATIC_DIR = BENCH_DIR / "static"
DATABASES = {"1x": BENCH_DIR / "bench-1x.sqlite3", "100x": BENCH_DIR / "bench-100x.sqlite3"}
AREAS_AT_100X = 3000
CERTIFIED_AREAS_CSV = ROOT / "smartcity" / "certification" / "data" / "certified_areas.csv"

# The pages measured, in display order. "{area}" is replaced by the first certified area
# (lowest id: a real one, the same in both databases).
PAGES = [
    "/",
    "/?as_of=2022-11-08",
    "/areas/",
    "/areas/?q=พิษณุโลก",
    "/areas/?region=south&sort=newest",
    "/areas/?domain=mobility",
    "/areas/{area}/",
    "/provinces/65/",
    "/map/",
    "/map/provinces.geojson",
    "/areas/export.csv",
    "/areas/export.geojson",
]
EXPORT_PAGES = {"/areas/export.csv", "/areas/export.geojson"}
SLOW_RATIO = 1.5


# --------------------------------------------------------------------------------------
# Environment shared by every subprocess
# --------------------------------------------------------------------------------------


def django_env(database: Path) -> dict[str, str]:
    """Environment for a Django process working on `database`, configured as in production.

    DEBUG is off, as in production: with DEBUG on, Django records every query (a small
    but real distortion) and some code paths differ. With DEBUG off, settings.py selects
    whitenoise's CompressedManifestStaticFilesStorage, whose {% static %} needs the
    manifest written by collectstatic; we therefore run collectstatic once into
    var/bench/static (DJANGO_STATIC_ROOT) -- a couple of seconds, and the pages then
    render exactly as in production. SMARTCITY_VAR_DIR keeps media and any default
    database inside var/bench as well."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "smartcity.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_STATIC_ROOT": str(STATIC_DIR),
            "SMARTCITY_VAR_DIR": str(BENCH_DIR),
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHAINLP_OFFLINE": "1",
            "PYTHAINLP_READ_ONLY": "1",
        }
    )
    env.pop("CACHE_URL", None)  # local-memory cache, as in a single-process deployment
    return env


def run(database: Path, *args: str, quiet: bool = False) -> subprocess.CompletedProcess:
    """Run a Python command in the project directory against `database`; raise on failure."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=django_env(database),
        check=True,
        capture_output=quiet,
        text=True,
    )


def manage(database: Path, *args: str, quiet: bool = False) -> subprocess.CompletedProcess:
    """Run a manage.py command against `database`."""
    return run(database, "manage.py", *args, quiet=quiet)


# --------------------------------------------------------------------------------------
# Databases
# --------------------------------------------------------------------------------------


def count_areas(database: Path) -> int | None:
    """Certified areas in `database`, or None if it is missing or not a registry."""
    if not database.exists():
        return None
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            return connection.execute(
                "SELECT COUNT(*) FROM certification_certifiedarea"
            ).fetchone()[0]
    except sqlite3.Error:
        return None


def real_area_count() -> int:
    """Areas the real loader creates: one per data row of the programme's CSV."""
    with CERTIFIED_AREAS_CSV.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _row in csv.DictReader(handle))


def is_reusable(database: Path, expected_areas: int) -> bool:
    """True if `database` holds `expected_areas` areas and every migration is applied."""
    if count_areas(database) != expected_areas:
        return False
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check", "-v0"],
        cwd=ROOT,
        env=django_env(database),
        capture_output=True,
    )
    return check.returncode == 0


def remove_database(database: Path) -> None:
    """Delete an SQLite file with its WAL side files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def copy_database(source: Path, target: Path) -> None:
    """Consistent copy through SQLite's backup API (safe with WAL files around)."""
    remove_database(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def building_path(database: Path) -> Path:
    """Where a database is built before it replaces the final file, so an interrupted
    build never leaves a half-filled database that looks reusable."""
    return database.with_name(database.stem + ".building.sqlite3")


def finish_build(building: Path, database: Path) -> None:
    """Move a completed build into place."""
    remove_database(database)
    copy_database(building, database)
    remove_database(building)


def build_1x(database: Path) -> None:
    """Migrate and load the real reference and programme data."""
    building = building_path(database)
    remove_database(building)
    manage(building, "migrate", "--no-input", "-v0")
    for loader in ("load_geography", "load_certified_areas", "load_network_cities"):
        manage(building, loader)
    finish_build(building, database)


def build_100x(database: Path, base: Path, areas: int, seed: int) -> None:
    """Copy the 1x database and add synthetic data up to `areas` certified areas."""
    building = building_path(database)
    copy_database(base, building)
    run(building, "scripts/bench_data.py", "--areas", str(areas), "--seed", str(seed))
    finish_build(building, database)


def prepare_databases(rebuild: bool, seed: int) -> None:
    """Build the 1x and 100x databases unless they can be reused."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    expected_1x = real_area_count()
    rebuilt_1x = False
    if rebuild or not is_reusable(DATABASES["1x"], expected_1x):
        print(f"Building {DATABASES['1x'].relative_to(ROOT)} ...", flush=True)
        started = time.perf_counter()
        build_1x(DATABASES["1x"])
        rebuilt_1x = True
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    if rebuilt_1x or not is_reusable(DATABASES["100x"], AREAS_AT_100X):
        print(f"Building {DATABASES['100x'].relative_to(ROOT)} ...", flush=True)
        started = time.perf_counter()
        build_100x(DATABASES["100x"], DATABASES["1x"], AREAS_AT_100X, seed)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    for label, database in DATABASES.items():
        print(f"Using {database.relative_to(ROOT)} ({count_areas(database)} areas) for {label}")


def static_is_current() -> bool:
    """True if var/bench/static has a manifest newer than every project static file."""
    manifest = STATIC_DIR / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [
        path
        for folder in (ROOT / "smartcity").glob("**/static")
        for path in folder.rglob("*")
        if path.is_file()
    ]
    newest = max((path.stat().st_mtime for path in sources), default=0)
    return manifest.stat().st_mtime >= newest


def collect_static(force: bool) -> None:
    """Hashed, compressed static files + manifest, as production has (see django_env).
    Skipped when the previous run's files are still current."""
    if not force and static_is_current():
        print(f"Static files in {STATIC_DIR.relative_to(ROOT)} are current")
        return
    started = time.perf_counter()
    manage(DATABASES["1x"], "collectstatic", "--no-input", "--clear", "-v0")
    print(f"Static files collected into {STATIC_DIR.relative_to(ROOT)} "
          f"in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip


# --------------------------------------------------------------------------------------
# Measuring (runs inside the subprocess, one per database)
# --------------------------------------------------------------------------------------


def setup_django() -> None:
    """Make the project importable and configure Django from the environment."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
    import django

    django.setup()


def measure_page(client, path: str, runs: int, warmup: int) -> dict:
    """Warm up, time `runs` GETs of `path`, then count the queries of one more GET.

    Raises AssertionError if any response is not 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(path):
        """GET and read the whole body: a streamed export is timed until its last byte."""
        response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} answered {response.status_code}")
        if response.streaming:
            response.body = b"".join(response.streaming_content)
        else:
            response.body = response.content
        return response

    # Garbage left by the previous page (the exports leave a lot) is not this page's cost.
    gc.collect()
    for _ in range(warmup):
        get(path)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = get(path)
        samples.append((time.perf_counter() - started) * 1000)
    # Counted apart from the timed runs: capturing forces Django's debug cursor.
    with CaptureQueriesContext(connection) as captured:
        response = get(path)
    queries = [{"sql": q["sql"], "ms": float(q["time"]) * 1000} for q in captured.captured_queries]
    return {
        "ok": True,
        "median_ms": statistics.median(samples),
        "min_ms": min(samples),
        "max_ms": max(samples),
        "samples_ms": samples,
        "queries": len(queries),
        "query_log": queries,
        "bytes": len(response.body),
    }


def measure_database(runs: int, warmup: int, output: Path) -> None:
    """Worker entry point: measure every page against the configured database and write
    the results as JSON to `output`."""
    setup_django()
    import django
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from smartcity.certification.models import CertifiedArea
    from smartcity.registry.selectors import certified_areas

    first_area = CertifiedArea.objects.order_by("pk").values_list("pk", flat=True).first()
    client = Client()
    pages = {}
    for page in PAGES:
        path = page.format(area=first_area)
        try:
            pages[page] = {"path": path, **measure_page(client, path, runs, warmup)}
        except Exception as exc:  # reported with the page; the other pages still run
            pages[page] = {"path": path, "ok": False, "error": f"{type(exc).__name__}: {exc}"}
            print(f"FAILED {path}: {exc}", file=sys.stderr, flush=True)
    context = {
        "django": django.get_version(),
        "engine": settings.DATABASES["default"]["ENGINE"],
        "vendor": connection.vendor,
        "sqlite": connection.Database.sqlite_version if connection.vendor == "sqlite" else None,
        "debug": settings.DEBUG,
        "areas": CertifiedArea.objects.count(),
        "areas_certified_today": certified_areas().count(),
    }
    output.write_text(json.dumps({"context": context, "pages": pages}, ensure_ascii=False))


def measure_in_subprocess(label: str, database: Path, runs: int, warmup: int) -> dict:
    """Run the worker for one database and return its results."""
    output = BENCH_DIR / f"results-{label}.json"
    output.unlink(missing_ok=True)
    print(f"Measuring {label} ({runs} runs per page after {warmup} warm-ups) ...", flush=True)
    run(
        database,
        str(Path(__file__).relative_to(ROOT)),
        "--worker",
        "--runs", str(runs),
        "--warmup", str(warmup),
        "--output", str(output),
    )  # fmt: skip
    return json.loads(output.read_text())


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: Thai vowel and tone marks take none."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me") else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """Pad `text` to `width` terminal columns."""
    filling = " " * max(0, width - display_width(text))
    return filling + text if right else text + filling


def print_table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> None:
    """A plain text table; the columns whose index is in `numeric` are right-aligned."""
    widths = [max(display_width(str(c)) for c in column) for column in zip(headers, *rows)]
    for index, line in enumerate([headers, *rows]):
        cells = [pad(str(c), w, right=i in numeric) for i, (c, w) in enumerate(zip(line, widths))]
        print(" | ".join(cells).rstrip())
        if index == 0:
            print("-+-".join("-" * w for w in widths))


def page_label(page: str, results: dict) -> str:
    """The page as requested (with the area id filled in)."""
    for measured in results.values():
        if page in measured["pages"]:
            return measured["pages"][page]["path"]
    return page


def print_report(results: dict, runs: int, warmup: int) -> bool:
    """Print the context and the table; return True if every page answered 200."""
    small, large = results["1x"], results["100x"]
    context = small["context"]
    print()
    print("Context")
    print(f"  Python {platform.python_version()} ({platform.python_implementation()}), "
          f"Django {context['django']}, {platform.platform()}, {os.cpu_count()} CPU(s)")  # fmt: skip
    print(f"  Database: {context['engine']} (SQLite {context['sqlite']}), DEBUG={context['debug']}")
    for label, measured in results.items():
        print(f"  {label}: {measured['context']['areas']} certified areas "
              f"({DATABASES[label].relative_to(ROOT)})")  # fmt: skip
    print(f"  {runs} timed runs per page after {warmup} warm-ups; server time around client.get")
    print()

    headers = ["page", "ms 1x", "ms 100x", "100x/1x", "queries 1x", "queries 100x",
               "bytes 100x", "flag"]  # fmt: skip
    rows, all_ok = [], True
    for page in PAGES:
        a, b = small["pages"][page], large["pages"][page]
        if not (a["ok"] and b["ok"]):
            all_ok = False
            failure = a.get("error") or b.get("error")
            rows.append([page_label(page, results), "FAILED", "", "", "", "", "", failure])
            continue
        ratio = b["median_ms"] / a["median_ms"]
        flags = []
        if ratio > SLOW_RATIO:
            flags.append("slower")
        if b["queries"] > a["queries"]:
            flags.append("more queries")
        rows.append(
            [
                page_label(page, results),
                f"{a['median_ms']:.1f}",
                f"{b['median_ms']:.1f}",
                f"{ratio:.1f}x",
                str(a["queries"]),
                str(b["queries"]),
                f"{b['bytes']:,}",
                ", ".join(flags),
            ]
        )
    print_table(headers, rows, numeric={1, 2, 3, 4, 5, 6})

    areas = large["context"]["areas"]
    print()
    print(f"Exports at 100x ({areas} areas):")
    for page in PAGES:
        if page in EXPORT_PAGES and large["pages"][page]["ok"]:
            measured = large["pages"][page]
            print(f"  {page}: {measured['median_ms']:.0f} ms, "
                  f"{1000 * measured['median_ms'] / areas:.0f} µs and "
                  f"{measured['bytes'] / areas:.0f} bytes per area")  # fmt: skip
    return all_ok


def print_slowest_queries(results: dict, count: int) -> None:
    """The `count` slowest queries of each page at 100x (for diagnosis)."""
    print()
    print(f"Slowest queries per page at 100x (one request, {count} shown):")
    for page in PAGES:
        measured = results["100x"]["pages"][page]
        if not measured["ok"]:
            continue
        print(f"  {measured['path']}")
        for query in sorted(measured["query_log"], key=lambda q: -q["ms"])[:count]:
            sql = " ".join(query["sql"].split())
            print(f"    {query['ms']:7.1f} ms  {sql[:200]}")


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Server time of the public registry pages at 1x and 100x data.",
    )
    parser.add_argument("--runs", type=int, default=15, help="timed runs per page (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up runs per page (default 2)")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild both databases and the static files"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2564,
        help="seed of the synthetic data (used when the 100x database is built)",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument(
        "--queries", type=int, default=0, metavar="N", help="show the N slowest queries per page"
    )
    # Internal: the measuring subprocess.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def main() -> int:
    args = parse_args()
    if args.worker:
        measure_database(args.runs, args.warmup, args.output)
        return 0

    prepare_databases(args.rebuild, args.seed)
    collect_static(force=args.rebuild)
    results = {
        label: measure_in_subprocess(label, database, args.runs, args.warmup)
        for label, database in DATABASES.items()
    }
    all_ok = print_report(results, args.runs, args.warmup)
    if args.queries:
        print_slowest_queries(results, args.queries)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"runs": args.runs, "warmup": args.warmup, "results": results},
                ensure_ascii=False,
                indent=1,
            )
        )
        print(f"\nResults written to {args.json}")
    if not all_ok:
        print("\nFAILED: at least one page did not answer 200 (see above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
