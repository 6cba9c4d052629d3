"""Measuring: the worker that runs inside one subprocess per database (Django reads
DATABASE_URL once, at start-up) and times every page of the chosen suites, and the
parent's side that starts it."""

import csv
import gc
import importlib
import io
import json
import os
import re
import shutil
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from scripts.bench.databases import BENCH_DIR, DATABASES, DATASETS, ROOT, Target, run
from scripts.bench.suites import (
    CERTIFICATE_PDF_PAGE,
    EXPORTS,
    MIN_RUNS,
    OPTIONAL_SUITES,
    PAGE_BUDGET_S,
    SEARCH_PAGE_SIZE,
    SEARCH_RUNS,
    SEARCHES,
    SUITE_DATASETS,
    SUITES,
)

# A page whose first request takes longer than this gets one timed run (the review XLSX at
# 100x): its time is seconds, not noise.
SLOW_PAGE_S = PAGE_BUDGET_S / 2
PDF_CSS = ROOT / "smartcity" / "templates" / "pdf" / "pdf.css"
BLANK_PDF_LINE = "หนังสือรับรองพื้นที่เมืองอัจฉริยะ"
BLANK_PDF_RUNS = 10
FIRST_PDF_RUNS = 3


def setup_django() -> None:
    """Make the project importable and configure Django from the environment."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
    import django

    django.setup()


def skip_reason(path: str, resolve=None) -> str | None:
    """Why a page of an optional suite is not measured: its URL does not exist in the code
    being measured (the API is built in another branch); None if it does."""
    if resolve is None:
        from django.urls import resolve
    from django.urls import Resolver404

    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        return "no such URL in the code measured (not built yet)"
    return None


def read_body(response) -> bytes:
    """The whole body; a streamed response is read to its last byte."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def measure_page(client, path: str, runs: int, warmup: int, keep_body: bool = False) -> dict:
    """Warm up, time `runs` GETs of `path`, then count the queries of one more GET.

    A slow page gets fewer runs: when the first warm-up request takes more than
    PAGE_BUDGET_S / runs, about PAGE_BUDGET_S seconds of runs (at least MIN_RUNS); when it
    takes more than a second, no further warm-up; and past SLOW_PAGE_S, that first request
    is the one timed run.

    Raises AssertionError if any response is not 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(path):
        """GET and read the whole body: a streamed export is timed until its last byte."""
        response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} answered {response.status_code}")
        response.body = read_body(response)
        return response

    # Garbage left by the previous page (the exports leave a lot) is not this page's cost.
    gc.collect()
    runs_asked = runs
    samples = []
    for number in range(warmup):
        started = time.perf_counter()
        get(path)
        if number == 0:
            first = time.perf_counter() - started
            runs = max(min(runs, int(PAGE_BUDGET_S / max(first, 1e-6))), min(runs, MIN_RUNS))
            if first > SLOW_PAGE_S:
                # Seconds, not noise: the first request is its one timed run (a warm-up
                # would not change what it costs).
                samples, runs = [first * 1000], 0
            if first > 1.0:
                break
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
        "runs": len(samples),
        "runs_asked": runs_asked,
        "queries": len(queries),
        "query_log": queries,
        "bytes": len(response.body),
        **({"body": response.body} if keep_body else {}),
    }


def peak_memory(client, path: str) -> int:
    """Peak bytes Python allocated (tracemalloc) while answering one GET of `path` and
    reading its body chunk by chunk, as a server sends it (a streamed export keeps only a
    chunk; one built whole holds all of it)."""
    gc.collect()
    tracemalloc.start()
    try:
        response = client.get(path)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        else:
            _ = response.content
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def export_rows(kind: str, body: bytes, bodies: dict) -> list[list[str]]:
    """The rows of an export, as csv.writer would write them: a CSV read back with
    csv.reader (header included), a GeoJSON's features (their properties and the geometry
    as JSON text, one row each), or ("as:PAGE") the rows of PAGE's export."""
    if kind.startswith("as:"):
        return export_rows("csv", bodies[kind.removeprefix("as:")], bodies)
    if kind == "geojson":
        features = json.loads(body)["features"]
        return [
            [*("" if v is None else str(v) for v in f.get("properties", {}).values()),
             json.dumps(f.get("geometry"), ensure_ascii=False)]
            for f in features
        ]  # fmt: skip
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def csv_writer_ms(rows: list[list[str]], runs: int = 5) -> float:
    """Median ms of Python's csv.writer writing `rows` into memory."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        csv.writer(io.StringIO()).writerows(rows)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure_export(client, path: str, kind: str, bodies: dict) -> dict:
    """Rows of an export and csv.writer's time on the same rows, and the export's peak
    memory for one request."""
    rows = export_rows(kind, bodies[path], bodies)
    return {
        "rows": max(len(rows) - (1 if kind != "geojson" else 0), 0),
        "columns": max((len(row) for row in rows), default=0),
        "csv_writer_ms": csv_writer_ms(rows),
        "peak_bytes": peak_memory(client, path),
    }


def _median_ms(action, runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure_search(selector_path: str, word: str) -> dict:
    """Word search against an exact lookup on the same selector: its count and first page
    of rows with {"q": word}, then the same with no filter but a primary key (an indexed
    unique column) picked from its own rows. A selector the code no longer has, or that
    takes other arguments, gives a note instead."""
    module, _, name = selector_path.rpartition(".")
    try:
        selector = getattr(importlib.import_module(module), name)
        first = selector({}).values_list("pk", flat=True)[:1]
        pk = next(iter(first), None)
        if pk is None:
            return {"ok": None, "skipped": "the selector lists no rows"}

        def search():
            queryset = selector({"q": word})
            return queryset.count(), list(queryset[:SEARCH_PAGE_SIZE])

        def lookup():
            queryset = selector({}).filter(pk=pk)
            return queryset.count(), list(queryset[:SEARCH_PAGE_SIZE])

        found = search()[0]
        return {
            "ok": True,
            "selector": selector_path,
            "word": word,
            "found": found,
            "pk": pk,
            "search_ms": _median_ms(search, SEARCH_RUNS),
            "lookup_ms": _median_ms(lookup, SEARCH_RUNS),
        }
    except (ImportError, AttributeError, TypeError) as exc:
        return {"ok": None, "skipped": f"{selector_path}: {type(exc).__name__}: {exc}"}


def certificate_font_family() -> str:
    """The font family the certificate's style sheet names first."""
    found = re.search(r"font-family:\s*([^;]+);", PDF_CSS.read_text(encoding="utf-8"))
    return found.group(1).strip() if found else '"Laksaman", "Garuda", "Loma", sans-serif'


def blank_pdf_ms() -> float:
    """A blank WeasyPrint page with the certificate's fonts: one Thai line."""
    from weasyprint import HTML

    html = (f'<html lang="th"><head><style>body {{ font-family: {certificate_font_family()} }}'
            f"</style></head><body><p>{BLANK_PDF_LINE}</p></body></html>")  # fmt: skip
    return _median_ms(lambda: HTML(string=html).write_pdf(), BLANK_PDF_RUNS, warmup=1)


def stored_files() -> set[str]:
    """Every file of the default storage's MEDIA_ROOT (empty if it is not on disk)."""
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    return (
        {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
        if root.is_dir()
        else set()
    )


def forget_documents(before: set[str]) -> None:
    """Whatever keeps a rendered document between requests, removed: the cache and every
    file the default storage gained since `before`."""
    from django.conf import settings
    from django.core.cache import cache

    cache.clear()
    for name in stored_files() - before:
        (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)


def first_rendering_ms(client, path: str, before: set[str]) -> float:
    """Median ms of `path` with nothing kept from an earlier rendering."""
    samples = []
    for _ in range(FIRST_PDF_RUNS):
        forget_documents(before)
        started = time.perf_counter()
        response = client.get(path)
        read_body(response)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} answered {response.status_code}")
    forget_documents(before)
    return statistics.median(samples)


def page_key(page: str, who: str | None) -> str:
    """The key of a page in the results: its path template, and who asks if anyone."""
    return page if who is None else f"{page} ({who})"


def reviews_fixtures() -> dict:
    """What the reviews suite needs from its database: the proposal whose aggregate is
    read, the reviewer who asks, and the assignment whose score sheet they open."""
    from django.db.models import Count, Q

    from smartcity.reviews.models import Assignment, Dossier, Review, Reviewer, ReviewPhase

    phase = ReviewPhase.objects.filter(status="open").order_by("-created_at", "-pk").first()
    if phase is None:
        raise SystemExit("no open review phase in the reviews database: rebuild (--rebuild)")
    evaluated = (
        Dossier.objects.filter(assignments__phase=phase)
        .annotate(
            n=Count("assignments", filter=Q(assignments__review__state="submitted")),
            assigned=Count("assignments"),
        )
        .filter(n=phase.reviewers_per_proposal, assigned=phase.reviewers_per_proposal)
        .order_by("pk")
        .first()
    )
    # The reviewer of median load among the active ones with a review in draft.
    loads = dict(
        Assignment.objects.filter(phase=phase)
        .values_list("reviewer_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    drafting = set(
        Review.objects.filter(state="draft", assignment__phase=phase).values_list(
            "assignment__reviewer_id", flat=True
        )
    )
    active = Reviewer.objects.filter(is_active=True, pk__in=drafting).values_list("pk", flat=True)
    ranked = sorted(active, key=lambda pk: (loads.get(pk, 0), pk))
    if evaluated is None or not ranked:
        raise SystemExit("the reviews database lacks a reviewed proposal or a draft review")
    reviewer = Reviewer.objects.select_related("user").get(pk=ranked[len(ranked) // 2])
    assignment = (
        Assignment.objects.filter(reviewer=reviewer, phase=phase, review__state="draft")
        .order_by("pk")
        .first()
    )
    return {"phase": phase, "evaluated": evaluated, "reviewer": reviewer,
            "assignment": assignment, "load": loads.get(reviewer.pk, 0)}  # fmt: skip


def main_context(reviewed) -> dict:
    """The registry and proposals suites' database, described."""
    from django.db.models import Count

    from smartcity.accounts.models import Organisation
    from smartcity.certification.models import CertifiedArea
    from smartcity.proposals.models import Proposal
    from smartcity.registry.selectors import certified_areas

    return {
        "areas": CertifiedArea.objects.count(),
        "areas_certified_today": certified_areas().count(),
        "proposals": Proposal.objects.count(),
        "proposal_states": dict(
            Proposal.objects.values_list("state").annotate(n=Count("id")).order_by("state")
        ),
        "proposal_organisations": Organisation.objects.filter(proposals__isnull=False)
        .distinct()
        .count(),
        "applicant_proposals": (
            Proposal.objects.filter(organisation_id=reviewed.organisation_id).count()
            if reviewed
            else None
        ),
    }


def reviews_context(fixtures: dict) -> dict:
    """The reviews suite's database, described."""
    from django.db.models import Count

    from smartcity.proposals.models import Proposal
    from smartcity.reviews.models import (
        Assignment,
        Conflict,
        CriterionResult,
        Dossier,
        Review,
        Reviewer,
        ReviewScore,
        SummaryRecommendation,
    )

    phase = fixtures["phase"]
    return {
        "proposals": Proposal.objects.count(),
        "proposal_states": dict(
            Proposal.objects.values_list("state").annotate(n=Count("id")).order_by("state")
        ),
        "board_proposals": Dossier.objects.filter(assignments__phase=phase).distinct().count(),
        "reviewers": Reviewer.objects.count(),
        "assignments": Assignment.objects.filter(phase=phase).count(),
        "review_states": dict(
            Review.objects.values_list("state").annotate(n=Count("id")).order_by("state")
        ),
        "submitted_reviews": Review.objects.filter(
            state="submitted", assignment__phase=phase
        ).count(),
        "scores": ReviewScore.objects.count(),
        "criterion_results": CriterionResult.objects.count(),
        "conflicts": Conflict.objects.count(),
        "summaries": SummaryRecommendation.objects.count(),
        "reviewer_load": fixtures["load"],
    }


def measure_database(runs: int, warmup: int, output: Path, suites: list[str]) -> None:
    """Worker entry point: measure every page of `suites` against the configured database
    and write the results as JSON to `output`."""
    setup_django()
    import django
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from smartcity.accounts.enums import MembershipRole
    from smartcity.accounts.models import Membership, User
    from smartcity.certification.models import Certificate, CertifiedArea
    from smartcity.proposals.models import Proposal

    first_area = CertifiedArea.objects.order_by("pk").values_list("pk", flat=True).first()
    certificate = Certificate.objects.order_by("pk").values_list("number", flat=True).first()
    reviewed = Proposal.objects.filter(version_number=2, state="screening").order_by("pk").first()
    secretariat = User.objects.filter(is_secretariat=True, is_active=True).order_by("pk").first()
    clients = {None: Client()}
    users = {"secretariat": secretariat}
    values = {
        "area": first_area,
        "proposal": reviewed.pk if reviewed else None,
        "certificate": certificate,
    }
    if "proposals" in suites:
        if reviewed is None:
            raise SystemExit("no proposal with two versions in screening: rebuild (--rebuild)")
        applicant = (
            Membership.objects.filter(
                organisation_id=reviewed.organisation_id, role=MembershipRole.OWNER
            )
            .order_by("pk")
            .first()
        )
        users["applicant"] = applicant.user
    fixtures = None
    if "reviews" in suites:
        fixtures = reviews_fixtures()
        users["reviewer"] = fixtures["reviewer"].user
        values["evaluated"] = fixtures["evaluated"].pk
        values["assignment"] = fixtures["assignment"].pk
    needed = {who for suite in suites for _page, who in SUITES[suite] if who is not None}
    for who in needed:
        clients[who] = Client()
        clients[who].force_login(users[who])

    files_before = stored_files()
    export_kinds = {page: kind for page, _who, _label, kind in EXPORTS}
    bodies, extras = {}, {"exports": {}, "searches": {}, "pdf": None}
    pages = {}
    for suite in suites:
        for page, who in SUITES[suite]:
            key = page_key(page, who)
            if key in pages:  # a yardstick page another suite measured already
                continue
            path = page.format(**values)
            note = skip_reason(path) if suite in OPTIONAL_SUITES else None
            if note is None and "{certificate}" in page and certificate is None:
                note = "no certificate in this database"
            if note is not None:
                pages[key] = {"path": path, "who": who, "ok": None, "skipped": note}
                continue
            try:
                measured = measure_page(
                    clients[who], path, runs, warmup, keep_body=page in export_kinds
                )
                if page in export_kinds:
                    bodies[page] = measured.pop("body")
                    extras["exports"][key] = measure_export(
                        clients[who], page, export_kinds[page], bodies
                    )
                pages[key] = {"path": path, "who": who, **measured}
            except Exception as exc:  # reported with the page; the other pages still run
                pages[key] = {"path": path, "who": who, "ok": False,
                              "error": f"{type(exc).__name__}: {exc}"}  # fmt: skip
                print(f"FAILED {path}: {exc}", file=sys.stderr, flush=True)
    bodies.clear()
    for suite, label, selector, word in SEARCHES:
        if suite in suites:
            extras["searches"][label] = measure_search(selector, word)
    pdf_key = page_key(CERTIFICATE_PDF_PAGE, None)
    if pages.get(pdf_key, {}).get("ok"):
        # Last: clearing the cache for the first renderings must not slow other pages.
        path = pages[pdf_key]["path"]
        try:
            extras["pdf"] = {
                "blank_ms": blank_pdf_ms(),
                "font_family": certificate_font_family(),
                "first_ms": first_rendering_ms(clients[None], path, files_before),
            }
        except Exception as exc:  # the page is reported failed; the other results stand
            pages[pdf_key] = {"path": path, "who": None, "ok": False,
                              "error": f"first rendering: {type(exc).__name__}: {exc}"}  # fmt: skip
            print(f"FAILED {path} (first rendering): {exc}", file=sys.stderr, flush=True)
    for who, client in clients.items():
        if who is not None:
            client.logout()  # the session row goes, so the database stays as built
    context = {
        "django": django.get_version(),
        "engine": settings.DATABASES["default"]["ENGINE"],
        "vendor": connection.vendor,
        "sqlite": connection.Database.sqlite_version if connection.vendor == "sqlite" else None,
        "debug": settings.DEBUG,
    }
    if fixtures is not None:
        context.update(reviews_context(fixtures))
    else:
        context.update(main_context(reviewed))
    output.write_text(
        json.dumps({"context": context, "pages": pages, "extras": extras}, ensure_ascii=False)
    )


def measure_in_subprocess(
    label: str, database: Target, runs: int, warmup: int, suites: list[str], engine: str
) -> dict:
    """Run the worker for one database and return its results."""
    name = database.rsplit("/", 1)[1] if isinstance(database, str) else database.stem
    output = BENCH_DIR / f"results-{engine}-{name.removeprefix('bench-')}.json"
    output.unlink(missing_ok=True)
    # A media storage of its own, empty: a document a page keeps there (the certificate
    # PDF) is kept by this run, so its first rendering can be measured with nothing kept.
    media = BENCH_DIR / "media-runs" / f"{engine}-{name}"
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True)
    print(f"Measuring {label} on {engine} {Path(name).name} ({runs} runs per page after "
          f"{warmup} warm-ups) ...", flush=True)  # fmt: skip
    run(
        database,
        "-m", "scripts.bench",
        "--worker",
        "--runs", str(runs),
        "--warmup", str(warmup),
        "--output", str(output),
        "--only", ",".join(suites),
        env={"DJANGO_MEDIA_ROOT": str(media)},
    )  # fmt: skip
    return json.loads(output.read_text())


def measure_all(
    runs: int, warmup: int, suites: list[str], databases: dict | None = None, engine="sqlite"
) -> dict:
    """Measure `suites` at both sizes, each on its dataset's database (`databases`:
    {dataset: {label: target}}, the SQLite files by default); returns, per size, the
    contexts and extras per dataset and the pages of every suite."""
    databases = databases or DATASETS
    results = {}
    for label in DATABASES:
        results[label] = {"contexts": {}, "pages": {}, "extras": {}}
        for dataset, database_of in databases.items():
            chosen = [suite for suite in suites if SUITE_DATASETS[suite] == dataset]
            if not chosen:
                continue
            measured = measure_in_subprocess(
                label, database_of[label], runs, warmup, chosen, engine
            )
            results[label]["contexts"][dataset] = measured["context"]
            results[label]["pages"].update(measured["pages"])
            results[label]["extras"][dataset] = measured.get("extras", {})
    return results
