"""Command line of the benchmark: python -m scripts.bench (or python scripts/bench, or
make bench). See scripts/bench/__init__.py for what it does."""

import argparse
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/bench`: make `scripts` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.bench.databases import DATASETS, collect_static, prepare_databases
from scripts.bench.measure import measure_all, measure_database
from scripts.bench.report import (
    load_results,
    print_comparison,
    print_context,
    print_report,
    print_slowest_queries,
)
from scripts.bench.suites import SUITE_DATASETS, SUITES


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
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    args.suites = args.only.split(",") if args.only else list(SUITES)
    unknown = [suite for suite in args.suites if suite not in SUITES]
    if unknown:
        parser.error(f"--only: unknown suite {', '.join(unknown)} (choose {' or '.join(SUITES)})")
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
        print_comparison(load_results(args.compare), load_results(args.results))
        return 0
    started = time.perf_counter()
    datasets = [d for d in DATASETS if any(SUITE_DATASETS[s] == d for s in args.suites)]
    prepare_databases(args.rebuild, args.seed, datasets)
    collect_static(force=args.rebuild, database=DATASETS[datasets[0]]["1x"])
    results = measure_all(args.runs, args.warmup, args.suites)
    print_context(results, args.runs, args.warmup)
    all_ok = print_report(results, args.suites)
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
    if args.compare:
        print_comparison(load_results(args.compare), results)
    print(f"\nTotal time {time.perf_counter() - started:.0f} s")
    if not all_ok:
        print("\nFAILED: at least one page did not answer 200 (see above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
