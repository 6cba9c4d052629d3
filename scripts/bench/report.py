"""The report: a table per suite, the exports per row, the slowest queries, and the
comparison with an earlier run's JSON (--compare)."""

import json
import os
import platform
import unicodedata
from pathlib import Path

from scripts.bench.databases import DATABASES, REVIEW_DATABASES, ROOT
from scripts.bench.measure import page_key
from scripts.bench.suites import (
    EXPORT_PAGES,
    PAGE_BUDGET_S,
    REVIEW_EXPORT_PAGE,
    SLOW_RATIO,
    SUITES,
)


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


def page_label(key: str, results: dict) -> str:
    """The page as requested (ids filled in), and who asked if anyone."""
    for measured in results.values():
        if key in measured["pages"]:
            page = measured["pages"][key]
            return page["path"] + (f" ({page['who']})" if page.get("who") else "")
    return key


def print_context(results: dict, runs: int, warmup: int) -> None:
    context = next(iter(results["1x"]["contexts"].values()))
    print()
    print("Context")
    print(f"  Python {platform.python_version()} ({platform.python_implementation()}), "
          f"Django {context['django']}, {platform.platform()}, {os.cpu_count()} CPU(s)")  # fmt: skip
    print(f"  Database: {context['engine']} (SQLite {context['sqlite']}), DEBUG={context['debug']}")
    for label, measured in results.items():
        c = measured["contexts"].get("main")
        if c is None:
            continue
        states = ", ".join(f"{state} {n}" for state, n in c["proposal_states"].items())
        print(f"  {label}: {c['areas']} certified areas, {c['proposals']} proposals of "
              f"{c['proposal_organisations']} organisations ({states}); "
              f"the applicant's organisation has {c['applicant_proposals']} "
              f"({DATABASES[label].relative_to(ROOT)})")  # fmt: skip
    for label, measured in results.items():
        c = measured["contexts"].get("reviews")
        if c is None:
            continue
        states = ", ".join(f"{state} {n:,}" for state, n in c["proposal_states"].items())
        reviews = ", ".join(f"{state} {n:,}" for state, n in c["review_states"].items())
        print(f"  reviews {label}: {c['board_proposals']:,} proposals on the board ({states}), "
              f"{c['reviewers']:,} reviewers, {c['assignments']:,} assignments, reviews "
              f"{reviews}; {c['scores']:,} scores, {c['criterion_results']:,} criterion "
              f"results, {c['conflicts']:,} conflicts, {c['summaries']:,} summaries; "
              f"the reviewer has {c['reviewer_load']} assignments "
              f"({REVIEW_DATABASES[label].relative_to(ROOT)})")  # fmt: skip
    print(f"  {runs} timed runs per page after {warmup} warm-ups (fewer for a page whose "
          f"first request takes over {PAGE_BUDGET_S / runs:.1f} s); "
          f"server time around client.get")  # fmt: skip


def print_report(results: dict, suites: list[str]) -> bool:
    """Print a table per suite; return True if every page answered 200."""
    small, large = results["1x"], results["100x"]
    headers = ["page", "ms 1x", "ms 100x", "100x/1x", "queries 1x", "queries 100x",
               "bytes 100x", "flag"]  # fmt: skip
    all_ok = True
    for suite in suites:
        print()
        print(f"{suite.capitalize()} pages")
        rows = []
        for page, who in SUITES[suite]:
            key = page_key(page, who)
            a, b = small["pages"][key], large["pages"][key]
            if not (a["ok"] and b["ok"]):
                all_ok = False
                failure = a.get("error") or b.get("error")
                rows.append([page_label(key, results), "FAILED", "", "", "", "", "", failure])
                continue
            ratio = b["median_ms"] / a["median_ms"]
            flags = []
            if ratio > SLOW_RATIO:
                flags.append("slower")
            if b["queries"] > a["queries"]:
                flags.append("more queries")
            rows.append(
                [
                    page_label(key, results),
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
        fewer = [
            f"{page_label(page_key(page, who), results)} {size} {m['runs']}"
            for page, who in SUITES[suite]
            for size, m in (("1x", small["pages"][page_key(page, who)]),
                            ("100x", large["pages"][page_key(page, who)]))
            if m["ok"] and m["runs"] < m.get("runs_asked", m["runs"])
        ]  # fmt: skip
        if fewer:
            print(f"  Fewer timed runs (slow pages): {'; '.join(fewer)}")

    if "registry" in suites:
        areas = large["contexts"]["main"]["areas"]
        print()
        print(f"Exports at 100x ({areas} areas):")
        for page, who in SUITES["registry"]:
            measured = large["pages"][page_key(page, who)]
            if page in EXPORT_PAGES and measured["ok"]:
                print(f"  {page}: {measured['median_ms']:.0f} ms, "
                      f"{1000 * measured['median_ms'] / areas:.0f} µs and "
                      f"{measured['bytes'] / areas:.0f} bytes per area")  # fmt: skip
    if "reviews" in suites:
        print()
        print("Review export (every submitted review of the phase, one row each):")
        for label, measured_at in results.items():
            rows = measured_at["contexts"]["reviews"]["submitted_reviews"]
            measured = measured_at["pages"][page_key(REVIEW_EXPORT_PAGE, "secretariat")]
            if measured["ok"] and rows:
                print(f"  {label}: {rows:,} rows in {measured['median_ms']:.0f} ms "
                      f"(median of {measured['runs']}), "
                      f"{1000 * measured['median_ms'] / rows:.0f} µs and "
                      f"{measured['bytes'] / rows:.0f} bytes per row, "
                      f"{measured['queries']} queries")  # fmt: skip
    return all_ok


def print_slowest_queries(results: dict, count: int) -> None:
    """The `count` slowest queries of each page at 100x (for diagnosis)."""
    print()
    print(f"Slowest queries per page at 100x (one request, {count} shown):")
    for key, measured in results["100x"]["pages"].items():
        if not measured["ok"]:
            continue
        print(f"  {page_label(key, results)}")
        for query in sorted(measured["query_log"], key=lambda q: -q["ms"])[:count]:
            sql = " ".join(query["sql"].split())
            print(f"    {query['ms']:7.1f} ms  {sql[:200]}")


# --------------------------------------------------------------------------------------
# Comparison with an earlier run (--compare)
# --------------------------------------------------------------------------------------


def load_results(path: Path) -> dict:
    """The per-size results of a --json file."""
    try:
        return json.loads(path.read_text())["results"]
    except (OSError, ValueError, KeyError) as exc:
        raise SystemExit(f"{path}: not a results file written by --json ({exc})") from exc


def _median(results: dict, label: str, key: str) -> float | None:
    page = results.get(label, {}).get("pages", {}).get(key)
    return page["median_ms"] if page and page.get("ok") else None


def _queries(results: dict, key: str) -> int | None:
    page = results.get("100x", {}).get("pages", {}).get(key)
    return page["queries"] if page and page.get("ok") else None


def _ratio(a: float | None, b: float | None) -> str:
    return f"{b / a:.2f}x" if a and b else "-"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def print_comparison(before: dict, after: dict) -> None:
    """Per page (in the order of the later run, then pages only the earlier one had): the
    100x median before and after and their ratio, each run's 100x/1x ratio, and the
    queries at 100x (these do not depend on the machine's load). A ratio above SLOW_RATIO
    and a page with more queries are flagged. Timings of two runs on a shared machine are noisy: read
    the ratios, not single milliseconds."""
    keys = list(after.get("100x", {}).get("pages", {}))
    keys += [k for k in before.get("100x", {}).get("pages", {}) if k not in keys]
    headers = ["page", "100x before", "100x after", "after/before",
               "100x/1x before", "100x/1x after", "queries before", "queries after",
               "flag"]  # fmt: skip
    rows = []
    for key in keys:
        b100, a100 = _median(before, "100x", key), _median(after, "100x", key)
        b1, a1 = _median(before, "1x", key), _median(after, "1x", key)
        qb, qa = _queries(before, key), _queries(after, key)
        flags = []
        if b100 and a100 and a100 / b100 > SLOW_RATIO:
            flags.append("slower")
        if qb is not None and qa is not None and qa > qb:
            flags.append("more queries")
        if b100 is None or a100 is None:
            flags.append("only after" if b100 is None else "only before")
        label = page_label(key, after) if a100 is not None else page_label(key, before)
        rows.append([label, _ms(b100), _ms(a100), _ratio(b100, a100), _ratio(b1, b100),
                     _ratio(a1, a100), "-" if qb is None else str(qb),
                     "-" if qa is None else str(qa), ", ".join(flags)])  # fmt: skip
    print()
    print("Compared with the earlier run (median ms; timings are noisy, prefer the ratios)")
    print_table(headers, rows, numeric={1, 2, 3, 4, 5, 6, 7})
