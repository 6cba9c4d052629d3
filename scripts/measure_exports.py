"""Per-row cost, queries and peak memory of every export, against Python's csv writer
writing the same rows: what "exports at the speed of the disk" (issue 12) is read by.

    PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 .venv/bin/python -m scripts.measure_exports \
        REGISTRY.sqlite3 REVIEWS.sqlite3 [REGISTRY_100X.sqlite3 REVIEWS_100X.sqlite3 ...]

Each database is measured in its own process (Django reads DATABASE_URL once), configured
as the bench configures production (scripts.bench.databases.django_env). A database with
certified areas is measured for the registry's CSV and GeoJSON, one with submitted reviews
for the evaluation CSV and XLSX (its first phase). For each export: its rows, the time to
make the whole file (the best of a few runs), the time csv.writer takes to write the same
rows (read back from the export's own CSV, so the same cells), their ratio, the queries,
and the peak of memory allocated while the file is made (tracemalloc, a separate run).
"""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("MEASURE_RUNS", "3"))


def _best(make, runs=RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        make()
        best = min(best, time.perf_counter() - start)
    return best


def _peak(make) -> int:
    tracemalloc.start()
    try:
        make()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _queries(make) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        make()
    return len(queries)


def _csv_writer_seconds(rows: list[list[str]]) -> float:
    def write():
        out = io.StringIO()
        csv.writer(out).writerows(rows)

    return _best(write, runs=5)


def _drain(chunks) -> int:
    size = 0
    for chunk in chunks:
        size += len(chunk)
    return size


def _measure(name: str, make, csv_text_of) -> dict:
    """`make()` writes the whole file once; `csv_text_of()` gives its rows as CSV text."""
    rows = list(csv.reader(io.StringIO(csv_text_of().lstrip("\ufeff"))))[1:]
    seconds = _best(make)
    baseline = _csv_writer_seconds(rows)
    n = max(len(rows), 1)
    return {
        "export": name,
        "rows": len(rows),
        "seconds": round(seconds, 3),
        "us_per_row": round(seconds / n * 1e6, 1),
        "csv_writer_us_per_row": round(baseline / n * 1e6, 1),
        "ratio": round(seconds / baseline, 1) if baseline else None,
        "queries": _queries(make),
        "peak_kib": _peak(make) // 1024,
    }


def measure_here() -> list[dict]:
    import django

    django.setup()
    from django.utils import translation

    from smartcity.certification.models import CertifiedArea
    from smartcity.registry import exports as registry_exports
    from smartcity.registry import selectors
    from smartcity.reviews import exports as review_exports
    from smartcity.reviews.models import Review, ReviewPhase

    results = []
    translation.activate("th")
    if CertifiedArea.objects.exists():

        def csv_text():
            return "".join(registry_exports.csv_file(selectors.search_areas({})))

        def geojson():
            return _drain(registry_exports.geojson_chunks(selectors.search_areas({})))

        def csv_file():
            return _drain(registry_exports.csv_file(selectors.search_areas({})))

        results.append(_measure("registry CSV", csv_file, csv_text))
        results.append(_measure("registry GeoJSON", geojson, csv_text))
        features = json.loads("".join(registry_exports.geojson_chunks(selectors.search_areas({}))))
        results[-1]["json_dumps_us_per_row"] = round(
            _best(
                lambda: [
                    json.dumps(f, ensure_ascii=False, separators=(",", ":"))
                    for f in features["features"]
                ]
            )
            / max(len(features["features"]), 1)
            * 1e6,
            1,
        )
    phase = ReviewPhase.objects.order_by("pk").first()
    if phase is not None and Review.objects.filter(assignment__phase=phase).exists():

        def reviews_csv():
            return "".join(review_exports.reviews_csv(phase))

        def reviews_xlsx():
            with tempfile.TemporaryFile() as out:
                review_exports.reviews_xlsx(phase, out)

        def reviews_csv_file():
            return _drain(review_exports.reviews_csv(phase))

        results.append(_measure("reviews CSV", reviews_csv_file, reviews_csv))
        xlsx = _measure("reviews XLSX", reviews_xlsx, reviews_csv)
        results.append(xlsx)
    return results


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--here":
        print(json.dumps(measure_here()))
        return 0
    from scripts.bench.databases import django_env

    for database in sys.argv[1:]:
        env = django_env(Path(database).resolve())
        done = subprocess.run(
            [sys.executable, "-m", "scripts.measure_exports", "--here"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        print(f"== {Path(database).name}")
        for row in json.loads(done.stdout.strip().splitlines()[-1]):
            print("  " + "  ".join(f"{k}={v}" for k, v in row.items()))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
    sys.exit(main())
