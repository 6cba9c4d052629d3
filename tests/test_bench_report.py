"""The bench's goal table and its skip logic, on hand-made results (no database is built:
the bench's numbers are read by people, these tests check what they are shown)."""

import pytest
from django.urls import Resolver404

from scripts.bench.measure import page_key, skip_reason
from scripts.bench.report import goal_rows, pages_failed, print_goals, print_report
from scripts.bench.suites import CERTIFICATE_PDF_PAGE, PUBLIC_LIST_PAGES


def page(ms: float, queries: int = 3, **extra) -> dict:
    return {"path": extra.pop("path", "/"), "ok": True, "median_ms": ms, "queries": queries,
            "bytes": 1000, "runs": 15, "runs_asked": 15, **extra}  # fmt: skip


def skipped(path: str) -> dict:
    return {"path": path, "ok": None, "skipped": "no such URL in the code measured"}


def results(pages_1x: dict, pages_100x: dict, extras_1x=None, extras_100x=None) -> dict:
    return {
        "1x": {"contexts": {}, "pages": pages_1x, "extras": {"main": extras_1x or {}}},
        "100x": {"contexts": {}, "pages": pages_100x, "extras": {"main": extras_100x or {}}},
    }


def row(rows: list[dict], starts: str) -> dict:
    [found] = [r for r in rows if r["goal"].startswith(starts)]
    return found


def api_results(api_1x: dict, api_100x: dict) -> dict:
    return results(
        {"/api/v1/areas/": api_1x, "/api/v1/figures/": skipped("/api/v1/figures/"),
         "/areas/": page(20.0, path="/areas/")},
        {"/api/v1/areas/": api_100x, "/api/v1/figures/": skipped("/api/v1/figures/"),
         "/areas/": page(25.0, path="/areas/")},
    )  # fmt: skip


def test_skip_reason_names_a_missing_url_and_passes_an_existing_one():
    def missing(path):
        raise Resolver404({"path": path})

    assert "no such URL" in skip_reason("/api/v1/areas/?lang=en", resolve=missing)
    assert skip_reason("/api/v1/areas/", resolve=lambda path: object()) is None
    # The query string is not part of the URL resolved.
    seen = []
    skip_reason("/areas/?q=x", resolve=seen.append)
    assert seen == ["/areas/"]
    assert skip_reason("/areas/") is None  # against the project's own URLs


def test_a_skipped_api_page_is_a_note_not_a_failure(capsys):
    engines = {"sqlite": api_results(page(10.0), page(12.0))}
    rows = goal_rows(engines, {}, ["api"])
    assert row(rows, "API /api/v1/areas/, 100x")["cells"]["sqlite"] == (
        "1.20x (10.0 -> 12.0 ms)",
        "yes",
    )
    assert row(rows, "API /api/v1/areas/ vs")["cells"]["sqlite"][0].startswith("0.48x")
    measured, met = row(rows, "API /api/v1/figures/, 100x")["cells"]["sqlite"]
    assert measured.startswith("skipped: no such URL") and met == "-"

    assert pages_failed(engines) == []
    assert print_report(engines, ["api"]) is True
    out = capsys.readouterr().out
    assert "skipped" in out and "no such URL in the code measured" in out


def test_a_page_that_errors_fails_the_run_and_its_goal_says_error():
    broken = {"path": "/api/v1/areas/", "ok": False, "error": "AssertionError: answered 500"}
    engines = {"sqlite": api_results(page(10.0), broken)}
    assert pages_failed(engines) == ["SQLite 100x /api/v1/areas/"]
    assert print_report(engines, ["api"]) is False
    measured, met = row(goal_rows(engines, {}, ["api"]), "API /api/v1/areas/, 100x")["cells"][
        "sqlite"
    ]
    assert measured.startswith("error") and met == "-"


def test_public_lists_report_the_worst_page_and_throughput_the_share_of_the_bare_view():
    pages_1x = {key: page(10.0, path=key) for key in PUBLIC_LIST_PAGES}
    pages_100x = {key: page(12.0, path=key) for key in PUBLIC_LIST_PAGES}
    pages_100x["/areas/?domain=mobility"] = page(18.0, path="/areas/?domain=mobility")
    throughput = {
        "sqlite": {
            "1x": {"ok": True, "home": {"rps": 900.0}, "bare": {"rps": 1500.0}},
            "100x": {"ok": True, "home": {"rps": 300.0}, "bare": {"rps": 1500.0}},
        }
    }
    rows = goal_rows({"sqlite": results(pages_1x, pages_100x)}, throughput, ["registry"])
    assert row(rows, "Public list pages")["cells"]["sqlite"] == (
        f"1.80x (worst of {len(PUBLIC_LIST_PAGES)}: /areas/?domain=mobility)",
        "no",
    )
    assert row(rows, "Home page req/s under granian vs bare /healthz, 1x")["cells"]["sqlite"] == (
        "60% (900 of 1,500 req/s)",
        "yes",
    )
    assert row(rows, "Home page req/s under granian vs bare /healthz, 100x")["cells"]["sqlite"] == (
        "20% (300 of 1,500 req/s)",
        "no",
    )
    # The PDF was not measured in these results: said so, not guessed.
    assert row(rows, "Certificate PDF request")["cells"]["sqlite"] == ("not measured", "-")


def test_exports_compare_with_csv_writer_per_row_and_memory_between_sizes():
    key = "/areas/export.csv"
    extras_1x = {"exports": {key: {"rows": 30, "columns": 9, "csv_writer_ms": 0.1,
                                   "peak_bytes": 2_000_000}}}  # fmt: skip
    extras_100x = {"exports": {key: {"rows": 3000, "columns": 9, "csv_writer_ms": 10.0,
                                     "peak_bytes": 5_000_000}}}  # fmt: skip
    engines = {
        "sqlite": results(
            {key: page(5.0, queries=4, path=key)},
            {key: page(40.0, queries=4, path=key)},
            extras_1x,
            extras_100x,
        )
    }
    rows = goal_rows(engines, {}, ["registry"])
    assert row(rows, "registry CSV export per row")["cells"]["sqlite"] == (
        "4.0x (13.3 vs 3.33 µs/row, 3,000 rows)",
        "no",
    )
    assert row(rows, "registry CSV export queries")["cells"]["sqlite"] == ("4 and 4", "yes")
    assert row(rows, "registry CSV export peak memory")["cells"]["sqlite"] == (
        "2.50x (2.0 -> 5.0 MB)",
        "no",
    )


def test_certificate_pdf_ratios_read_the_blank_page():
    key = page_key(CERTIFICATE_PDF_PAGE, None)
    extras = {"pdf": {"blank_ms": 50.0, "first_ms": 400.0, "font_family": "Laksaman"}}
    engines = {"sqlite": results({key: page(5.0)}, {key: page(60.0)}, extras, extras)}
    rows = goal_rows(engines, {}, ["registry"])
    assert row(rows, "Certificate PDF request")["cells"]["sqlite"] == ("1.2x (60 vs 50 ms)", "yes")
    assert row(rows, "Certificate PDF first")["cells"]["sqlite"] == ("8.0x (400 vs 50 ms)", "no")


def test_goal_table_puts_the_engines_side_by_side(capsys):
    engines = {
        "sqlite": api_results(page(10.0), page(12.0)),
        "postgres": api_results(page(10.0), page(20.0)),
    }
    print_goals(goal_rows(engines, {}, ["api"]), ["sqlite", "postgres"])
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.startswith("goal"))
    assert [c.strip() for c in header.split("|")] == [
        "goal", "target", "SQLite measured", "met", "PostgreSQL measured", "met",
    ]  # fmt: skip
    line = next(line for line in lines if line.startswith("API /api/v1/areas/, 100x"))
    cells = [c.strip() for c in line.split("|")]
    assert cells[1:] == ["<= 1.5x", "1.20x (10.0 -> 12.0 ms)", "yes", "2.00x (10.0 -> 20.0 ms)",
                         "no"]  # fmt: skip
    # Every row has as many columns as the header.
    table = [line for line in lines if " | " in line]
    assert len({line.count(" | ") for line in table}) == 1


@pytest.mark.parametrize("suites", [["registry"], ["proposals"], ["reviews"], ["api"]])
def test_goals_of_suites_not_run_are_left_out(suites):
    rows = goal_rows({"sqlite": results({}, {})}, {}, suites)
    goals = " ".join(r["goal"] for r in rows)
    assert ("Home page" in goals) == ("registry" in suites)
    assert ("API" in goals) == ("api" in suites)
    assert ("review XLSX" in goals) == ("reviews" in suites)


def test_a_reused_database_with_a_pending_migration_is_migrated_not_rebuilt(tmp_path, monkeypatch):
    import sqlite3

    from scripts.bench import databases

    path = tmp_path / "bench.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE certification_certifiedarea (id INTEGER)")
        connection.execute("INSERT INTO certification_certifiedarea VALUES (1), (2)")
        connection.execute("PRAGMA user_version = 7")
    migrated = []
    monkeypatch.setattr(databases, "migrations_pending", lambda database: True)
    expected = {"certification_certifiedarea": 2}

    monkeypatch.setattr(databases, "migrate_forward", lambda db: migrated.append(db) or True)
    assert databases.is_reusable(path, expected, 7) is True
    assert migrated == [path]

    # A failed migration, another fingerprint or other sizes: built again.
    monkeypatch.setattr(databases, "migrate_forward", lambda db: False)
    assert databases.is_reusable(path, expected, 7) is False
    monkeypatch.setattr(databases, "migrate_forward", lambda db: True)
    assert databases.is_reusable(path, expected, 8) is False
    assert databases.is_reusable(path, {"certification_certifiedarea": 3}, 7) is False


def test_postgres_databases_are_the_bench_own_on_the_given_server():
    from scripts.bench.databases import is_postgres_url, postgres_databases

    urls = postgres_databases("postgres://bench:secret@db.example:6543/production?sslmode=require")
    assert (
        urls["main"]["100x"]
        == "postgres://bench:secret@db.example:6543/sc_bench_100x?sslmode=require"
    )
    assert urls["reviews"]["1x"].endswith("/sc_bench_reviews_1x?sslmode=require")
    assert is_postgres_url("postgresql://x@h/db") and not is_postgres_url("sqlite:///x.sqlite3")
