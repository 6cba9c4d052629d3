"""Measuring: the worker that runs inside one subprocess per database (Django reads
DATABASE_URL once, at start-up) and times every page of the chosen suites, and the
parent's side that starts it."""

import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

from scripts.bench.databases import BENCH_DIR, DATABASES, DATASETS, ROOT, run
from scripts.bench.suites import MIN_RUNS, PAGE_BUDGET_S, SUITE_DATASETS, SUITES


def setup_django() -> None:
    """Make the project importable and configure Django from the environment."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
    import django

    django.setup()


def measure_page(client, path: str, runs: int, warmup: int) -> dict:
    """Warm up, time `runs` GETs of `path`, then count the queries of one more GET.

    A slow page gets fewer runs: when the first warm-up request takes more than
    PAGE_BUDGET_S / runs, about PAGE_BUDGET_S seconds of runs (at least MIN_RUNS), and
    when it takes more than a second, no further warm-up.

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
    runs_asked = runs
    for number in range(warmup):
        started = time.perf_counter()
        get(path)
        if number == 0:
            first = time.perf_counter() - started
            runs = max(min(runs, int(PAGE_BUDGET_S / max(first, 1e-6))), min(runs, MIN_RUNS))
            if first > 1.0:
                break
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
        "runs": len(samples),
        "runs_asked": runs_asked,
        "queries": len(queries),
        "query_log": queries,
        "bytes": len(response.body),
    }


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
    from smartcity.certification.models import CertifiedArea
    from smartcity.proposals.models import Proposal

    first_area = CertifiedArea.objects.order_by("pk").values_list("pk", flat=True).first()
    reviewed = Proposal.objects.filter(version_number=2, state="screening").order_by("pk").first()
    secretariat = User.objects.filter(is_secretariat=True, is_active=True).order_by("pk").first()
    clients = {None: Client()}
    users = {"secretariat": secretariat}
    values = {"area": first_area, "proposal": reviewed.pk if reviewed else None}
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

    pages = {}
    for suite in suites:
        for page, who in SUITES[suite]:
            key = page_key(page, who)
            path = page.format(**values)
            try:
                pages[key] = {
                    "path": path,
                    "who": who,
                    **measure_page(clients[who], path, runs, warmup),
                }
            except Exception as exc:  # reported with the page; the other pages still run
                pages[key] = {"path": path, "who": who, "ok": False,
                              "error": f"{type(exc).__name__}: {exc}"}  # fmt: skip
                print(f"FAILED {path}: {exc}", file=sys.stderr, flush=True)
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
    output.write_text(json.dumps({"context": context, "pages": pages}, ensure_ascii=False))


def measure_in_subprocess(
    label: str, database: Path, runs: int, warmup: int, suites: list[str]
) -> dict:
    """Run the worker for one database and return its results."""
    output = BENCH_DIR / f"results-{database.stem.removeprefix('bench-')}.json"
    output.unlink(missing_ok=True)
    print(f"Measuring {label} on {database.name} ({runs} runs per page after {warmup} "
          f"warm-ups) ...", flush=True)  # fmt: skip
    run(
        database,
        "-m", "scripts.bench",
        "--worker",
        "--runs", str(runs),
        "--warmup", str(warmup),
        "--output", str(output),
        "--only", ",".join(suites),
    )  # fmt: skip
    return json.loads(output.read_text())


def measure_all(runs: int, warmup: int, suites: list[str]) -> dict:
    """Measure `suites` at both sizes, each on its dataset's database; returns, per size,
    the contexts per dataset and the pages of every suite."""
    results = {}
    for label in DATABASES:
        results[label] = {"contexts": {}, "pages": {}}
        for dataset, database_of in DATASETS.items():
            chosen = [suite for suite in suites if SUITE_DATASETS[suite] == dataset]
            if not chosen:
                continue
            measured = measure_in_subprocess(label, database_of[label], runs, warmup, chosen)
            results[label]["contexts"][dataset] = measured["context"]
            results[label]["pages"].update(measured["pages"])
    return results
