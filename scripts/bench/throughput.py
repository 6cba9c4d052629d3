"""The home page's throughput under the production server, against a bare view under the
same server: scripts/serve.py's granian command (THROUGHPUT_WORKERS workers, DEBUG off,
DJANGO_SECRET_KEY set) on a bench database, loaded from this process by aiohttp clients.

/healthz is the bare view (it touches nothing: no database, no template), so its requests/s
is what the server, the middleware and the load generator cost on this machine; the home
page's share of it is what the page itself costs. The two are measured in alternating
rounds and the best round of each is kept: the machine is shared, and a round slowed by
someone else's work says nothing about either page."""

import asyncio
import socket
import subprocess
import time
import urllib.request

from scripts.bench.databases import BENCH_DIR, ROOT, Target, django_env
from scripts.bench.suites import (
    THROUGHPUT_CONCURRENCY,
    THROUGHPUT_PAGES,
    THROUGHPUT_ROUNDS,
    THROUGHPUT_SECONDS,
    THROUGHPUT_WORKERS,
)
from scripts.serve import server_command  # the production launcher's server

START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database: Target, port: int, log_name: str) -> subprocess.Popen:
    """The production server on `database`, answering /healthz; raises if it does not."""
    env = django_env(database)
    log = open(BENCH_DIR / log_name, "w")  # noqa: SIM115 -- kept open while it runs
    process = subprocess.Popen(
        server_command(bind=f"127.0.0.1:{port}", workers=THROUGHPUT_WORKERS),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start-up (see {log.name})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S} s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def load(base: str, path: str, seconds: float, concurrency: int) -> dict:
    """`concurrency` clients GET `path` in a loop for `seconds`; requests/s of the 200s
    and the count of anything else."""
    import aiohttp

    ok = errors = 0
    statuses: dict[int | str, int] = {}
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as session:

        async def client(stop_at: float) -> None:
            nonlocal ok, errors
            while time.monotonic() < stop_at:
                try:
                    async with session.get(path) as response:
                        await response.read()
                        if response.status == 200:
                            ok += 1
                            continue
                        statuses[response.status] = statuses.get(response.status, 0) + 1
                except (aiohttp.ClientError, TimeoutError) as error:
                    name = type(error).__name__
                    statuses[name] = statuses.get(name, 0) + 1
                errors += 1

        # A short warm-up (each worker's first requests import and fill caches).
        await asyncio.gather(*(client(time.monotonic() + 0.5) for _ in range(concurrency)))
        ok = errors = 0
        statuses.clear()
        started = time.monotonic()
        await asyncio.gather(*(client(started + seconds) for _ in range(concurrency)))
        elapsed = time.monotonic() - started
    return {"rps": ok / elapsed, "requests": ok, "errors": errors, "statuses": statuses}


def measure_throughput(
    database: Target, label: str, seconds: float = THROUGHPUT_SECONDS,
    rounds: int = THROUGHPUT_ROUNDS, concurrency: int = THROUGHPUT_CONCURRENCY,
) -> dict:  # fmt: skip
    """req/s of the bare view and of the home page on `database` (best of `rounds`)."""
    port = free_port()
    name = database.rsplit("/", 1)[1] if isinstance(database, str) else database.stem
    print(f"Throughput at {label} on {name} (granian, {THROUGHPUT_WORKERS} workers, "
          f"{concurrency} clients, {rounds} x {seconds:.0f} s per page) ...", flush=True)  # fmt: skip
    try:
        process = start_server(database, port, f"server-{name}.log")
    except RuntimeError as error:
        return {"ok": False, "error": str(error)}
    try:
        best: dict[str, dict] = {}
        for _round in range(rounds):
            for kind, path in THROUGHPUT_PAGES.items():
                measured = asyncio.run(load(f"http://127.0.0.1:{port}", path, seconds, concurrency))
                if kind not in best or measured["rps"] > best[kind]["rps"]:
                    best[kind] = measured
                if measured["errors"]:
                    best[kind]["errors"] = max(best[kind]["errors"], measured["errors"])
                    best[kind]["statuses"] = measured["statuses"]
    finally:
        stop_server(process)
    failed = {kind: m["statuses"] for kind, m in best.items() if m["errors"]}
    return {
        "ok": not failed,
        **({"error": f"answers other than 200: {failed}"} if failed else {}),
        "workers": THROUGHPUT_WORKERS,
        "concurrency": concurrency,
        "seconds": seconds,
        "rounds": rounds,
        **{kind: {"path": THROUGHPUT_PAGES[kind], **m} for kind, m in best.items()},
    }
