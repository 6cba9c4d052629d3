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
    API_HTML_PAGE,
    API_PAGES,
    BOARD_PAGES,
    CERTIFICATE_PDF_PAGE,
    EXPORTS,
    PAGE_BUDGET_S,
    PUBLIC_LIST_PAGES,
    REVIEW_XLSX_PAGE,
    SEARCHES,
    SLOW_RATIO,
    SUITES,
    TARGETS,
)

ENGINE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


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


def print_context(engines: dict, runs: int, warmup: int) -> None:
    """The machine, the engines and the data of each database (those of the first engine:
    the others hold copies of its rows)."""
    results = next(iter(engines.values()))
    context = next(iter(results["1x"]["contexts"].values()))
    print()
    print("Context")
    print(f"  Python {platform.python_version()} ({platform.python_implementation()}), "
          f"Django {context['django']}, {platform.platform()}, {os.cpu_count()} CPU(s)")  # fmt: skip
    for engine, measured in engines.items():
        c = next(iter(measured["1x"]["contexts"].values()))
        version = f" (SQLite {c['sqlite']})" if c.get("sqlite") else ""
        print(f"  {ENGINE_NAMES.get(engine, engine)}: {c['engine']}{version}, "
              f"DEBUG={c['debug']}")  # fmt: skip
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


def _page(results: dict, label: str, key: str) -> dict | None:
    return results.get(label, {}).get("pages", {}).get(key)


def _cells(page_1x: dict | None, page_100x: dict | None) -> tuple[list[str], list[str]]:
    """An engine's cells for one page (ms 1x, ms 100x, 100x/1x, queries 1x, queries 100x)
    and its flags."""
    if page_1x is None or page_100x is None:
        return ["-"] * 5, []
    if page_1x.get("ok") is None or page_100x.get("ok") is None:
        note = page_1x.get("skipped") or page_100x.get("skipped") or "skipped"
        return ["skipped", "", "", "", ""], [note]
    if not (page_1x["ok"] and page_100x["ok"]):
        return ["FAILED", "", "", "", ""], [page_1x.get("error") or page_100x.get("error")]
    ratio = page_100x["median_ms"] / page_1x["median_ms"]
    flags = []
    if ratio > SLOW_RATIO:
        flags.append("slower")
    if page_100x["queries"] > page_1x["queries"]:
        flags.append("more queries")
    return [
        f"{page_1x['median_ms']:.1f}",
        f"{page_100x['median_ms']:.1f}",
        f"{ratio:.1f}x",
        str(page_1x["queries"]),
        str(page_100x["queries"]),
    ], flags


def pages_failed(engines: dict) -> list[str]:
    """Pages that answered other than 200 (or raised), on any engine and size; a skipped
    page is not one."""
    return [
        f"{ENGINE_NAMES.get(engine, engine)} {label} {page.get('path', key)}"
        for engine, results in engines.items()
        for label, measured in results.items()
        for key, page in measured.get("pages", {}).items()
        if page.get("ok") is False
    ]


def print_report(engines: dict, suites: list[str]) -> bool:
    """Print a table per suite, the engines' columns side by side; return True if every
    page answered 200 (a skipped page counts as answered)."""
    names = list(engines)
    headers = ["page"]
    for engine in names:
        prefix = f"{ENGINE_NAMES.get(engine, engine)} " if len(names) > 1 else ""
        headers += [f"{prefix}ms 1x", "ms 100x", "100x/1x", "queries 1x", "queries 100x"]
    headers += ["bytes 100x", "flag"]
    first = engines[names[0]]
    for suite in suites:
        print()
        print(f"{suite.capitalize()} pages")
        rows = []
        for page, who in SUITES[suite]:
            key = page_key(page, who)
            row, flags = [page_label(key, first)], []
            for engine in names:
                cells, engine_flags = _cells(
                    _page(engines[engine], "1x", key), _page(engines[engine], "100x", key)
                )
                row += cells
                if engine_flags:
                    prefix = f"{ENGINE_NAMES.get(engine, engine)}: " if len(names) > 1 else ""
                    flags.append(prefix + ", ".join(dict.fromkeys(engine_flags)))
            large = _page(first, "100x", key)
            row.append(f"{large['bytes']:,}" if large and large.get("ok") else "")
            row.append("; ".join(flags))
            rows.append(row)
        print_table(headers, rows, numeric=set(range(1, len(headers) - 1)))
        fewer = [
            f"{ENGINE_NAMES.get(engine, engine)} {page_label(page_key(page, who), first)} "
            f"{size} {m['runs']}"
            for engine in names
            for page, who in SUITES[suite]
            for size in ("1x", "100x")
            if (m := _page(engines[engine], size, page_key(page, who)))
            and m.get("ok")
            and m["runs"] < m.get("runs_asked", m["runs"])
        ]
        if fewer:
            print(f"  Fewer timed runs (slow pages): {'; '.join(fewer)}")
    return not pages_failed(engines)


# --------------------------------------------------------------------------------------
# Goals (issue 12, and the API rows of issue 13)
# --------------------------------------------------------------------------------------

NOT_MEASURED = ("not measured", "-")


def _met(value: float, target: float, at_least: bool = False) -> str:
    return "yes" if (value >= target if at_least else value <= target) else "no"


def _extra(results: dict, label: str, section: str, key: str) -> dict | None:
    for extras in results.get(label, {}).get("extras", {}).values():
        found = (extras.get(section) or {}).get(key) if section != "pdf" else extras.get("pdf")
        if found:
            return found
    return None


def _failed_or_skipped(*pages: dict | None) -> tuple[str, str] | None:
    """The cell of a goal that cannot be computed: a page not measured, skipped or failed."""
    if any(page is None for page in pages):
        return NOT_MEASURED
    for page in pages:
        if page.get("ok") is None:
            return f"skipped: {page.get('skipped', '')}", "-"
    for page in pages:
        if page.get("ok") is False:
            return "error (see the table)", "-"
    return None


def goal_throughput(throughput: dict, label: str) -> tuple[str, str]:
    measured = (throughput or {}).get(label)
    if not measured:
        return NOT_MEASURED
    if not measured.get("ok"):
        return f"error: {measured.get('error', '?')}", "-"
    home, bare = measured["home"]["rps"], measured["bare"]["rps"]
    share = home / bare if bare else 0.0
    return (f"{share:.0%} ({home:,.0f} of {bare:,.0f} req/s)",
            _met(share, TARGETS["throughput"], at_least=True))  # fmt: skip


def goal_worst_ratio(results: dict, keys: list[str], target: float) -> tuple[str, str]:
    """The largest 100x/1x ratio of `keys` (the pages measured)."""
    ratios = []
    for key in keys:
        small, large = _page(results, "1x", key), _page(results, "100x", key)
        if small is None and large is None:
            continue
        if (cell := _failed_or_skipped(small, large)) is not None:
            return cell
        ratios.append((large["median_ms"] / small["median_ms"], small.get("path", key)))
    if not ratios:
        return NOT_MEASURED
    worst, path = max(ratios)
    return f"{worst:.2f}x (worst of {len(ratios)}: {path})", _met(worst, target)


def goal_page_ratio(results: dict, key: str, target: float | None) -> tuple[str, str]:
    small, large = _page(results, "1x", key), _page(results, "100x", key)
    if (cell := _failed_or_skipped(small, large)) is not None:
        return cell
    ratio = large["median_ms"] / small["median_ms"]
    text = f"{ratio:.2f}x ({small['median_ms']:.1f} -> {large['median_ms']:.1f} ms)"
    return text, "-" if target is None else _met(ratio, target)


def goal_against(results: dict, key: str, other: str) -> tuple[str, str]:
    """`key` against `other` at 100x (read, no target)."""
    a, b = _page(results, "100x", key), _page(results, "100x", other)
    if (cell := _failed_or_skipped(a, b)) is not None:
        return cell
    ratio = a["median_ms"] / b["median_ms"]
    return f"{ratio:.2f}x ({a['median_ms']:.1f} vs {b['median_ms']:.1f} ms)", "-"


def goal_search(results: dict, label: str) -> tuple[str, str]:
    measured = _extra(results, "100x", "searches", label)
    if measured is None:
        return NOT_MEASURED
    if not measured.get("ok"):
        return f"skipped: {measured.get('skipped', '')}", "-"
    ratio = measured["search_ms"] / measured["lookup_ms"]
    return (f"{ratio:.1f}x ({measured['search_ms']:.2f} vs {measured['lookup_ms']:.2f} ms, "
            f"{measured['found']:,} found)", _met(ratio, TARGETS["search"]))  # fmt: skip


def goal_export_row_cost(results: dict, key: str) -> tuple[str, str]:
    page = _page(results, "100x", key)
    if (cell := _failed_or_skipped(page)) is not None:
        return cell
    measured = _extra(results, "100x", "exports", key)
    if not measured or not measured["rows"]:
        return NOT_MEASURED
    ratio = page["median_ms"] / max(measured["csv_writer_ms"], 1e-6)
    rows = measured["rows"]
    return (f"{ratio:.1f}x ({1000 * page['median_ms'] / rows:.1f} vs "
            f"{1000 * measured['csv_writer_ms'] / rows:.2f} µs/row, {rows:,} rows)",
            _met(ratio, TARGETS["export_per_row"]))  # fmt: skip


def goal_export_queries(results: dict, key: str) -> tuple[str, str]:
    small, large = _page(results, "1x", key), _page(results, "100x", key)
    if (cell := _failed_or_skipped(small, large)) is not None:
        return cell
    same = small["queries"] == large["queries"]
    return f"{small['queries']} and {large['queries']}", "yes" if same else "no"


def goal_export_memory(results: dict, key: str) -> tuple[str, str]:
    small, large = _extra(results, "1x", "exports", key), _extra(results, "100x", "exports", key)
    if not small or not large:
        return NOT_MEASURED
    ratio = large["peak_bytes"] / max(small["peak_bytes"], 1)
    return (f"{ratio:.2f}x ({small['peak_bytes'] / 1e6:.1f} -> {large['peak_bytes'] / 1e6:.1f} MB)",
            _met(ratio, TARGETS["export_memory"]))  # fmt: skip


def goal_seconds(results: dict, key: str, target: float) -> tuple[str, str]:
    page = _page(results, "100x", key)
    if (cell := _failed_or_skipped(page)) is not None:
        return cell
    seconds = page["median_ms"] / 1000
    return f"{seconds:.1f} s", _met(seconds, target)


def goal_pdf(results: dict, first: bool) -> tuple[str, str]:
    key = page_key(CERTIFICATE_PDF_PAGE, None)
    page = _page(results, "100x", key)
    if (cell := _failed_or_skipped(page)) is not None:
        return cell
    pdf = _extra(results, "100x", "pdf", "")
    if not pdf:
        return NOT_MEASURED
    ms = pdf["first_ms"] if first else page["median_ms"]
    ratio = ms / pdf["blank_ms"]
    target = TARGETS["pdf_first" if first else "pdf"]
    return f"{ratio:.1f}x ({ms:.0f} vs {pdf['blank_ms']:.0f} ms)", _met(ratio, target)


def goal_rows(engines: dict, throughput: dict, suites: list[str]) -> list[dict]:
    """Every goal of the suites run: {"goal", "target", "cells": {engine: (measured, met)}}
    (met: "yes", "no", or "-" when there is nothing to judge)."""
    specs = []
    if "registry" in suites:
        for label in ("1x", "100x"):
            specs.append((f"Home page req/s under granian vs bare /healthz, {label}",
                          f">= {TARGETS['throughput']:.0%}",
                          lambda r, e, label=label: goal_throughput(throughput.get(e), label)))  # fmt: skip
        specs.append(("Public list pages, 100x vs 1x", f"<= {TARGETS['public_lists']}x",
                      lambda r, e: goal_worst_ratio(r, PUBLIC_LIST_PAGES, TARGETS["public_lists"])))  # fmt: skip
    if "reviews" in suites or "proposals" in suites:
        keys = [page_key(page, who) for page, who in BOARD_PAGES]
        specs.append(("Board, reviewer pool, secretariat queue (deep pages too), 100x vs 1x",
                      f"<= {TARGETS['boards']}x",
                      lambda r, e: goal_worst_ratio(r, keys, TARGETS["boards"])))  # fmt: skip
    for suite, label, _selector, word in SEARCHES:
        if suite in suites:
            specs.append((f"Word search '{word}' vs lookup by primary key, {label} selector, 100x",
                          f"<= {TARGETS['search']}x",
                          lambda r, e, label=label: goal_search(r, label)))  # fmt: skip
    for page, who, label, _rows in EXPORTS:
        suite = "registry" if who is None else "reviews"
        if suite not in suites:
            continue
        key = page_key(page, who)
        specs += [
            (f"{label} export per row vs csv.writer on the same rows, 100x",
             f"<= {TARGETS['export_per_row']}x", lambda r, e, key=key: goal_export_row_cost(r, key)),
            (f"{label} export queries, 1x and 100x", "equal",
             lambda r, e, key=key: goal_export_queries(r, key)),
            (f"{label} export peak memory (tracemalloc), 100x vs 1x",
             f"<= {TARGETS['export_memory']}x", lambda r, e, key=key: goal_export_memory(r, key)),
        ]  # fmt: skip
        if page == REVIEW_XLSX_PAGE:
            specs.append((f"{label} export at 100x", f"< {TARGETS['xlsx_seconds']:.0f} s",
                          lambda r, e, key=key: goal_seconds(r, key, TARGETS["xlsx_seconds"])))  # fmt: skip
    if "registry" in suites:
        specs += [
            ("Certificate PDF request vs blank WeasyPrint page (same fonts)",
             f"<= {TARGETS['pdf']}x", lambda r, e: goal_pdf(r, first=False)),
            ("Certificate PDF first rendering (nothing kept) vs blank page",
             f"<= {TARGETS['pdf_first']}x", lambda r, e: goal_pdf(r, first=True)),
        ]  # fmt: skip
    if "api" in suites:
        for path in API_PAGES:
            key = page_key(path, None)
            specs += [
                (f"API {path}, 100x vs 1x", f"<= {TARGETS['api']}x",
                 lambda r, e, key=key: goal_page_ratio(r, key, TARGETS["api"])),
                (f"API {path} vs the HTML list {API_HTML_PAGE}, 100x", "(read)",
                 lambda r, e, key=key: goal_against(r, key, page_key(API_HTML_PAGE, None))),
            ]  # fmt: skip
    return [
        {"goal": goal, "target": target,
         "cells": {engine: compute(results, engine) for engine, results in engines.items()}}
        for goal, target, compute in specs
    ]  # fmt: skip


def print_goals(rows: list[dict], engines: list[str]) -> None:
    """The final table: each goal, its target, and per engine what was measured and
    whether it meets the target (read, not asserted: a missed goal is not a failure)."""
    headers = ["goal", "target"]
    for engine in engines:
        name = ENGINE_NAMES.get(engine, engine)
        headers += [f"{name} measured", "met"]
    table = [
        [row["goal"], row["target"]]
        + [cell for engine in engines for cell in row["cells"].get(engine, NOT_MEASURED)]
        for row in rows
    ]
    print()
    print("Goals (issue 12; the API rows: issue 13)")
    print_table(headers, table, numeric=set())


def print_throughput(throughput: dict) -> None:
    """req/s of both pages per engine and size."""
    lines = []
    for engine, per_label in throughput.items():
        for label, measured in per_label.items():
            if measured.get("ok"):
                lines.append(
                    f"  {ENGINE_NAMES.get(engine, engine)} {label}: home "
                    f"{measured['home']['rps']:,.0f} req/s, /healthz "
                    f"{measured['bare']['rps']:,.0f} req/s ({measured['workers']} workers, "
                    f"{measured['concurrency']} clients, best of {measured['rounds']} x "
                    f"{measured['seconds']:.0f} s)"
                )
            else:
                lines.append(f"  {ENGINE_NAMES.get(engine, engine)} {label}: "
                             f"FAILED {measured.get('error')}")  # fmt: skip
    if lines:
        print()
        print("Throughput under the production server (granian, DEBUG off)")
        print("\n".join(lines))


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


def load_run(path: Path) -> dict:
    """A --json file: "results" (the first engine's, per size), and from this version on
    "engines" (every engine's) and "throughput"."""
    try:
        run = json.loads(path.read_text())
        run["results"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SystemExit(f"{path}: not a results file written by --json ({exc})") from exc
    run.setdefault("engines", {"sqlite": run["results"]})
    run.setdefault("throughput", {})
    return run


def load_results(path: Path) -> dict:
    """The per-size results of a --json file (its first engine's)."""
    return load_run(path)["results"]


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
