"""Load runs against the production server (numbers in docs/production.md).

    .venv/bin/python scripts/load.py [--suite public|mixed|both] [--workers 4]
        [--clients 200] [--duration 60] [--database sqlite|postgres] [--threads 4]
    (or: make load)

What it does:

1. Prepares a database of its own (var/load/ for SQLite, or the PostgreSQL database
   --database-url, created when missing; var/smartcity.sqlite3 is never touched): migrate
   and the real reference and programme data (the same commands as `make data`), and for
   the mixed suite 100 synthetic proposals in every state (scripts/bench_proposals.py) so
   the secretariat's queue has something to list. collectstatic into var/load/static.
2. Starts the production server on 127.0.0.1 with --workers processes, DEBUG off, exactly
   as scripts/serve.py does (no task worker: nothing the runs request enqueues work).
3. public: --clients concurrent clients, each in a loop with no pause, for --duration
   seconds, over the public pages: the home page, the registry list, a province page and a
   certificate's verification JSON.
   mixed (PostgreSQL): three quarters of the clients are applicants, each autosaving its
   own draft as fast as the server answers (signed in, the htmx POST with its CSRF token
   and the revision the last reply gave it, a new text each time); the others are the
   secretariat reading the screening queue (first page and the second). Afterwards each
   draft's text and revision are read from the database: a draft whose text is not the
   last one the server said it saved, or whose revision did not move once per save, is a
   lost autosave.
4. Prints, per suite and per page, requests/s, p50 and p99 latency and errors (any answer
   other than 200, a refused autosave, a timeout or a broken connection); --json writes it.

The load generator is aiohttp (asyncio) in this one process: it shares the machine's cores
with the server, so requests/s is a floor, not the server's ceiling.
"""

import argparse
import asyncio
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import production_env, server_command

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VAR = ROOT / "var" / "load"
PASSWORD = "load-run-password-" + "x" * 8  # the load run's own accounts, on its own database
APPLICANT_SHARE = 0.75
APPLICANT_USERS = 20  # applicants share accounts (several drafts, several tabs each)
REVISION = re.compile(r'name="revision" id="id_revision" value="(\d+)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --------------------------------------------------------------------------------------
# Preparing the database (subprocesses: Django reads its settings once, at start)
# --------------------------------------------------------------------------------------


def run_env(args) -> dict[str, str]:
    env = production_env()
    env.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    env["DJANGO_STATIC_ROOT"] = str(VAR / "static")
    env["SMARTCITY_VAR_DIR"] = str(VAR)
    env.pop("CACHE_URL", None)
    if args.db == "postgres":
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def manage(env, *command: str) -> None:
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare(args, env, *, mixed: bool) -> dict:
    VAR.mkdir(parents=True, exist_ok=True)
    if args.db == "postgres":
        ensure_postgres_database(args.database_url)
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "migrate", "--no-input", "-v0")
    for command in ("load_geography", "load_certified_areas", "load_network_cities"):
        manage(env, command)
    manage(env, "load_criteria_sets")
    setup = [PYTHON, __file__, "_setup", "--applicants", str(args.applicants if mixed else 0)]
    out = subprocess.run(setup, cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"setting up the load data failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def setup_in_django(applicants: int) -> None:
    """Inside Django: what the clients need (pages to read; for the mixed suite, the
    accounts and one fresh draft per applicant client), printed as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
    import django

    django.setup()
    from smartcity.accounts.enums import MembershipRole
    from smartcity.accounts.models import Membership, User
    from smartcity.certification.models import Certificate
    from smartcity.proposals import services
    from smartcity.proposals.models import Call, Proposal

    certificate = Certificate.objects.exclude(number="").order_by("pk").first()
    found = {
        "certificate": certificate.number,
        "province": str(certificate.area.province_id),
        "drafts": [],
    }
    if applicants:
        if not Proposal.objects.exists():
            import bench_proposals

            bench_proposals.generate(proposals=100, organisations=60, seed=11)
        secretariat, _ = User.objects.get_or_create(
            email="secretariat@load.example",
            defaults={"full_name": "Load secretariat", "is_secretariat": True},
        )
        secretariat.set_password(PASSWORD)
        secretariat.save()
        owners = list(
            Membership.objects.filter(role=MembershipRole.OWNER)
            .select_related("user", "organisation")
            .order_by("pk")[:APPLICANT_USERS]
        )
        for membership in owners:
            membership.user.set_password(PASSWORD)
            membership.user.save(update_fields=["password"])
        call = Call.objects.filter(closes_on__isnull=True).order_by("pk").first()
        for index in range(applicants):
            membership = owners[index % len(owners)]
            draft = services.create_proposal(
                organisation=membership.organisation, call=call, by=membership.user
            )
            found["drafts"].append(
                {"pk": draft.pk, "email": membership.user.email, "revision": draft.revision}
            )
        found["secretariat"] = secretariat.email
    print(json.dumps(found))


def read_drafts(env, pks: list[int]) -> dict[int, dict]:
    code = (
        "import json, os, sys, django; sys.path.insert(0, '.')\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'smartcity.settings'); django.setup()\n"
        "from smartcity.proposals.models import Proposal\n"
        f"rows = Proposal.objects.filter(pk__in={pks!r}).values('pk', 'vision', 'revision')\n"
        "print(json.dumps({r['pk']: r for r in rows}))\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return {int(k): v for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}


# --------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------


def start_server(args, env) -> subprocess.Popen:
    log = open(VAR / "server.log", "w")  # noqa: SIM115 (kept open while it runs)
    command = server_command(
        bind=f"127.0.0.1:{args.port}", workers=args.workers, threads=args.threads
    )
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    import urllib.request

    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped at start-up: see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not answer within 60 s")


# --------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------


class Tally:
    def __init__(self):
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_kinds: dict[str, int] = defaultdict(int)

    def ok(self, page: str, seconds: float) -> None:
        self.latencies[page].append(seconds)

    def error(self, page: str, seconds: float, kind: str) -> None:
        self.latencies[page].append(seconds)
        self.errors[page] += 1
        self.error_kinds[kind] += 1

    def report(self, duration: float) -> dict:
        def row(values, errors):
            ordered = sorted(values)
            return {
                "requests": len(values),
                "rps": round(len(values) / duration, 1),
                "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
                "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1)
                if ordered
                else None,
                "errors": errors,
            }

        every = [value for values in self.latencies.values() for value in values]
        return {
            "all": row(every, sum(self.errors.values())),
            "pages": {
                page: row(values, self.errors[page]) for page, values in self.latencies.items()
            },
            "error_kinds": dict(self.error_kinds),
        }


async def timed(tally: Tally, page: str, request) -> str | None:
    started = time.perf_counter()
    try:
        async with request() as response:
            body = await response.text()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                tally.error(page, elapsed, f"HTTP {response.status}")
                return None
            tally.ok(page, elapsed)
            return body
    except (aiohttp.ClientError, TimeoutError) as error:
        tally.error(page, time.perf_counter() - started, type(error).__name__)
        return None


def new_session(base: str, cookies: dict | None = None) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        base_url=base,
        cookies=cookies,
        cookie_jar=aiohttp.CookieJar(unsafe=True),  # keep cookies of an IP address host
        timeout=aiohttp.ClientTimeout(total=60),
        connector=aiohttp.TCPConnector(limit=1),  # one browser tab: one request at a time
    )


async def public_client(base, pages, tally, stop_at, first):
    async with new_session(base) as session:
        index = first  # clients start on different pages, so each page gets its share
        while time.monotonic() < stop_at:
            name, path = pages[index % len(pages)]
            index += 1
            await timed(tally, name, lambda path=path: session.get(path))


async def sign_in(base: str, email: str) -> dict:
    async with new_session(base) as session:
        async with session.get("/accounts/login/") as response:
            token = CSRF_INPUT.search(await response.text()).group(1)
        form = {"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD}
        async with session.post("/accounts/login/", data=form, allow_redirects=False) as response:
            if response.status != 302:
                raise SystemExit(f"could not sign in as {email}: HTTP {response.status}")
        return {cookie.key: cookie.value for cookie in session.cookie_jar}


async def applicant_client(base, cookies, draft, client_no, tally, stop_at, saved):
    path = f"/proposals/{draft['pk']}/edit/area/"
    revision = draft["revision"]
    headers = {"HX-Request": "true", "X-CSRFToken": cookies["csrftoken"], "Referer": base + path}
    count = 0
    async with new_session(base, cookies) as session:
        while time.monotonic() < stop_at:
            count += 1
            text = f"วิสัยทัศน์ของเมือง ฉบับร่างที่ {count} (client {client_no})"
            form = {
                "name_th": f"ร่างทดสอบภาระ {client_no}",
                "name_en": f"Load draft {client_no}",
                "city_type": "",
                "vision": text,
                "goals": "",
                "population_served": "",
                "revision": str(revision),
            }
            body = await timed(
                tally, "autosave", lambda form=form: session.post(path, data=form, headers=headers)
            )
            if body is None:
                continue
            match = REVISION.search(body)
            if 'data-saved="true"' in body and match:
                revision = int(match.group(1))
                saved[draft["pk"]] = {"vision": text, "saves": saved[draft["pk"]]["saves"] + 1}
            else:
                # counted as a request that answered, and as an error: the text was refused
                tally.errors["autosave"] += 1
                tally.error_kinds["autosave refused"] += 1


async def secretariat_client(base, cookies, tally, stop_at, first):
    pages = [
        ("queue", "/secretariat/proposals/"),
        ("queue page 2", "/secretariat/proposals/?page=2"),
    ]
    async with new_session(base, cookies) as session:
        index = first
        while time.monotonic() < stop_at:
            name, path = pages[index % len(pages)]
            index += 1
            await timed(tally, name, lambda path=path: session.get(path))


async def run_public(args, found) -> dict:
    base = f"http://127.0.0.1:{args.port}"
    pages = [
        ("home", "/"),
        ("registry list", "/areas/"),
        ("province page", f"/provinces/{found['province']}/"),
        ("verification JSON", f"/verify/{found['certificate']}.json"),
    ]
    tally = Tally()
    started = time.monotonic()
    stop_at = started + args.duration
    await asyncio.gather(
        *(public_client(base, pages, tally, stop_at, n) for n in range(args.clients))
    )
    return tally.report(time.monotonic() - started)


async def run_mixed(args, found) -> tuple[dict, dict]:
    base = f"http://127.0.0.1:{args.port}"
    emails = sorted({draft["email"] for draft in found["drafts"]})
    sessions = dict(
        zip(emails, await asyncio.gather(*(sign_in(base, e) for e in emails)), strict=True)
    )
    secretariat = await sign_in(base, found["secretariat"])
    saved = {draft["pk"]: {"vision": "", "saves": 0} for draft in found["drafts"]}
    tally = Tally()
    started = time.monotonic()
    stop_at = started + args.duration
    readers = args.clients - len(found["drafts"])
    await asyncio.gather(
        *(
            applicant_client(base, sessions[d["email"]], d, n, tally, stop_at, saved)
            for n, d in enumerate(found["drafts"])
        ),
        *(secretariat_client(base, secretariat, tally, stop_at, n) for n in range(readers)),
    )
    return tally.report(time.monotonic() - started), saved


def check_autosaves(env, found, saved) -> dict:
    stored = read_drafts(env, [draft["pk"] for draft in found["drafts"]])
    lost = []
    for draft in found["drafts"]:
        expected = saved[draft["pk"]]
        row = stored[draft["pk"]]
        if (
            row["vision"] != expected["vision"]
            or row["revision"] != draft["revision"] + expected["saves"]
        ):
            lost.append({"pk": draft["pk"], "expected": expected, "stored": row})
    return {
        "drafts": len(found["drafts"]),
        "saves_acknowledged": sum(value["saves"] for value in saved.values()),
        "lost": len(lost),
        "lost_examples": lost[:5],
    }


def print_report(title: str, report: dict) -> None:
    print(f"\n== {title}")
    print(f"{'page':<20} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, row in [("ALL", report["all"]), *report["pages"].items()]:
        print(
            f"{name:<20} {row['requests']:>9} {row['rps']:>8} {row['p50_ms']!s:>8} "
            f"{row['p99_ms']!s:>8} {row['errors']:>7}"
        )
    if report["error_kinds"]:
        print("errors:", report["error_kinds"])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        setup_in_django(int(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", choices=["public", "mixed", "both"], default="both")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default=None)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/sc_load")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.applicants = int(args.clients * APPLICANT_SHARE)
    suites = ["public", "mixed"] if args.suite == "both" else [args.suite]
    results = {
        "server": "granian",
        "workers": args.workers,
        "threads": args.threads,
        "clients": args.clients,
    }
    for suite in suites:
        # The mixed run is a PostgreSQL run (the production database); public pages are
        # measured on SQLite unless --database says otherwise.
        args.db = args.database or ("postgres" if suite == "mixed" else "sqlite")
        env = run_env(args)
        found = prepare(args, env, mixed=suite == "mixed")
        server = start_server(args, env)
        try:
            if suite == "public":
                report = asyncio.run(run_public(args, found))
            else:
                report, saved = asyncio.run(run_mixed(args, found))
        finally:
            server.terminate()
            server.wait(timeout=30)
        title = f"{suite} on {args.db}, granian {args.workers}x{args.threads}, {args.clients} clients, {args.duration:.0f} s"
        print_report(title, report)
        if suite == "mixed":
            report["autosave_check"] = check_autosaves(env, found, saved)
            print("autosave check:", json.dumps(report["autosave_check"], ensure_ascii=False))
        results[f"{suite}:{args.db}"] = report
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    failed = any(
        r["all"]["errors"] or r.get("autosave_check", {}).get("lost")
        for k, r in results.items()
        if isinstance(r, dict) and "all" in r
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
