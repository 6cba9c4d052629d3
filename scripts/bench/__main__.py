"""Command line of the benchmark: python -m scripts.bench (or python scripts/bench, or
make bench). See scripts/bench/__init__.py for what it does."""

import argparse
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/bench`: make `scripts` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.bench.databases import (
    DATASETS,
    DEFAULT_POSTGRES_URL,
    collect_static,
    is_postgres_url,
    prepare_databases,
    prepare_postgres,
)
from scripts.bench.measure import measure_all, measure_database
from scripts.bench.report import (
    ENGINE_NAMES,
    goal_rows,
    load_run,
    print_comparison,
    print_context,
    print_goals,
    print_report,
    print_slowest_queries,
    print_throughput,
)
from scripts.bench.suites import (
    SUITE_DATASETS,
    SUITES,
    THROUGHPUT_CONCURRENCY,
    THROUGHPUT_ROUNDS,
    THROUGHPUT_SECONDS,
)

QUICK_RUNS, QUICK_WARMUP, QUICK_THROUGHPUT_S = 5, 1, 1.5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Server time of the registry, proposal and evaluation pages at 1x and "
        "100x data.",
    )
    parser.add_argument("--runs", type=int, default=15, help="timed runs per page (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up runs per page (default 2)")
    parser.add_argument(
        "--only",
        metavar="SUITE",
        help=f"measure these suites only, comma-separated: {', '.join(SUITES)} (default: all)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the databases and the static files"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2564,
        help="seed of the synthetic data (a different seed rebuilds the databases)",
    )
    parser.add_argument(
        "--db",
        choices=["sqlite", "postgres", "both"],
        help="the engines to measure (default: sqlite, and postgres too when DATABASE_URL "
        "is a PostgreSQL URL or --postgres-url is given)",
    )
    parser.add_argument(
        "--postgres-url",
        metavar="URL",
        help="the PostgreSQL server (its user, host and port; the bench uses databases of "
        f"its own there: sc_bench_*). Default: DATABASE_URL's server, else {DEFAULT_POSTGRES_URL}",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"fewer runs ({QUICK_RUNS} per page after {QUICK_WARMUP} warm-up) and shorter "
        f"throughput loads ({QUICK_THROUGHPUT_S} s, one round): a check that everything "
        "answers, not numbers to read",
    )
    parser.add_argument(
        "--no-throughput",
        action="store_true",
        help="skip the home page's throughput under the production server",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument(
        "--queries", type=int, default=0, metavar="N", help="show the N slowest queries per page"
    )
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="BEFORE.json",
        help="after the run, compare each page's 100x median with an earlier --json file",
    )
    parser.add_argument(
        "--results",
        type=Path,
        metavar="AFTER.json",
        help="with --compare: compare this saved --json file instead of measuring",
    )
    # Internal: the measuring subprocess.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.runs, args.warmup = min(args.runs, QUICK_RUNS), min(args.warmup, QUICK_WARMUP)
    environment_url = os.environ.get("DATABASE_URL")
    args.postgres = args.postgres_url or (
        environment_url if is_postgres_url(environment_url) else None
    )
    if args.db is None:
        args.db = "both" if args.postgres else "sqlite"
    args.engines = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    if "postgres" in args.engines and not args.postgres:
        args.postgres = DEFAULT_POSTGRES_URL
    if args.postgres and not is_postgres_url(args.postgres):
        parser.error(f"--postgres-url: not a PostgreSQL URL: {args.postgres}")
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    args.suites = args.only.split(",") if args.only else list(SUITES)
    unknown = [suite for suite in args.suites if suite not in SUITES]
    if unknown:
        parser.error(f"--only: unknown suite {', '.join(unknown)} (choose {', '.join(SUITES)})")
    if args.results and not args.compare:
        parser.error("--results needs --compare BEFORE.json")
    for path in filter(None, (args.compare, args.results)):
        if not path.is_file():
            parser.error(f"{path}: no such file")
    return args


def main() -> int:
    args = parse_args()
    if args.worker:
        measure_database(args.runs, args.warmup, args.output, args.suites)
        return 0

    if args.results:
        before, after = load_run(args.compare), load_run(args.results)
        compare_engines(before, after)
        suites = [suite for suite in SUITES if all(
            page in after["results"]["100x"]["pages"] for page in suite_keys(suite))]  # fmt: skip
        print_goals(
            goal_rows(after["engines"], after["throughput"], suites), list(after["engines"])
        )
        return 0
    started = time.perf_counter()
    datasets = [d for d in DATASETS if any(SUITE_DATASETS[s] == d for s in args.suites)]
    # The SQLite databases are always prepared: PostgreSQL's are copies of them.
    prepare_databases(args.rebuild, args.seed, datasets)
    targets = {"sqlite": {dataset: DATASETS[dataset] for dataset in datasets}}
    if "postgres" in args.engines:
        targets["postgres"] = prepare_postgres(args.postgres, args.rebuild, datasets)
    collect_static(force=args.rebuild, database=DATASETS[datasets[0]]["1x"])
    engines = {
        engine: measure_all(args.runs, args.warmup, args.suites, targets[engine], engine)
        for engine in args.engines
    }
    throughput = {}
    if "registry" in args.suites and not args.no_throughput:
        from scripts.bench.throughput import measure_throughput

        seconds = QUICK_THROUGHPUT_S if args.quick else THROUGHPUT_SECONDS
        rounds = 1 if args.quick else THROUGHPUT_ROUNDS
        throughput = {
            engine: {
                label: measure_throughput(target, label, seconds, rounds, THROUGHPUT_CONCURRENCY)
                for label, target in targets[engine]["main"].items()
            }
            for engine in args.engines
        }
    print_context(engines, args.runs, args.warmup)
    all_ok = print_report(engines, args.suites)
    print_throughput(throughput)
    if args.queries:
        for engine, results in engines.items():
            print(f"\n{ENGINE_NAMES[engine]}:")
            print_slowest_queries(results, args.queries)
    goals = goal_rows(engines, throughput, args.suites)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "runs": args.runs,
                    "warmup": args.warmup,
                    "results": engines[args.engines[0]],
                    "engines": engines,
                    "throughput": throughput,
                    "goals": goals,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        print(f"\nResults written to {args.json}")
    if args.compare:
        compare_engines(load_run(args.compare), {"results": engines[args.engines[0]],
                                                 "engines": engines})  # fmt: skip
    print_goals(goals, args.engines)
    print(f"\nTotal time {time.perf_counter() - started:.0f} s")
    failed_loads = [
        f"{ENGINE_NAMES[engine]} {label}: {measured.get('error')}"
        for engine, per_label in throughput.items()
        for label, measured in per_label.items()
        if not measured.get("ok")
    ]
    if not all_ok or failed_loads:
        print("\nFAILED: at least one page did not answer 200 (see above).", file=sys.stderr)
        return 1
    return 0


def suite_keys(suite: str) -> list[str]:
    from scripts.bench.measure import page_key

    return [page_key(page, who) for page, who in SUITES[suite]]


def compare_engines(before: dict, after: dict) -> None:
    """The comparison of each engine both runs measured (a file of an earlier version of
    the bench has SQLite's only)."""
    for engine, results in after["engines"].items():
        if engine in before["engines"]:
            print(f"\n{ENGINE_NAMES.get(engine, engine)}:")
            print_comparison(before["engines"][engine], results)


if __name__ == "__main__":
    sys.exit(main())
