"""Run the platform in production: the web server and the task worker, together.

    DJANGO_SECRET_KEY=... .venv/bin/python scripts/serve.py [--bind 127.0.0.1:8000] [--workers N]
    (or: make serve)

1. Refuses to start without DJANGO_SECRET_KEY (DEBUG is always off here).
2. collectstatic (hashed, compressed files for WhiteNoise) and migrate, unless --no-setup.
3. Starts the web server (granian, WSGI) and `manage.py run_worker` (the tasks on the
   database queue), and watches both: when either stops, or on Ctrl-C / SIGTERM, both stop
   (SIGTERM first, SIGKILL after a grace period) and the launcher exits with the status of
   the one that stopped first. A supervisor (systemd, a container runtime) restarts it.

scripts/load.py imports server_command() to start the same server for the load runs.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
GRACE_S = 20  # matches the servers' graceful timeout: requests in flight may finish


def default_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY", "") or 2 * (os.cpu_count() or 1) + 1)


def default_threads() -> int:
    return int(os.environ.get("SMARTCITY_WEB_THREADS", "") or 4)


def server_command(*, bind: str, workers: int, threads: int = 4) -> list[str]:
    """granian (WSGI): chosen over gunicorn by the load runs in docs/production.md."""
    host, _, port = bind.rpartition(":")
    return [
        str(BIN / "granian"),
        "--interface=wsgi",
        f"--host={host}",
        f"--port={port}",
        f"--workers={workers}",
        # Threads overlap a request's waits (database, disk); each one may hold a database
        # connection, so workers x threads must stay under PostgreSQL's max_connections.
        # granian's own default is far more threads: 100 connections ran out under load.
        f"--blocking-threads={threads}",
        f"--workers-kill-timeout={GRACE_S}",
        "--respawn-failed-workers",
        "smartcity.wsgi:application",
    ]


def production_env() -> dict[str, str]:
    env = dict(os.environ, DJANGO_DEBUG="0", PYTHONUNBUFFERED="1")
    env.setdefault("PYTHAINLP_OFFLINE", "1")
    env.setdefault("PYTHAINLP_READ_ONLY", "1")
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bind", default=os.environ.get("SMARTCITY_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--threads", type=int, default=default_threads())
    parser.add_argument("--no-setup", action="store_true", help="skip collectstatic and migrate")
    parser.add_argument("--no-worker", action="store_true", help="web server only")
    args = parser.parse_args()

    if not os.environ.get("DJANGO_SECRET_KEY"):
        print(
            "DJANGO_SECRET_KEY is not set. The production server needs its own secret key, "
            "kept out of the repository, e.g.\n"
            "  export DJANGO_SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\"\n"
            "(see docs/production.md).",
            file=sys.stderr,
        )
        return 2
    env = production_env()
    if not args.no_setup:
        manage("collectstatic", "--no-input", "-v0", env=env)
        manage("migrate", "--no-input", "-v0", env=env)

    processes = [
        subprocess.Popen(
            server_command(bind=args.bind, workers=args.workers, threads=args.threads),
            cwd=ROOT,
            env=env,
        )
    ]
    if not args.no_worker:
        processes.append(
            subprocess.Popen([PYTHON, "manage.py", "run_worker", "--no-reload"], cwd=ROOT, env=env)
        )

    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.5)
    finally:
        first = next((process for process in processes if process.poll() is not None), None)
        stop(processes)
    if first is not None and not stopping:
        name = "web server" if first is processes[0] else "task worker"
        print(f"The {name} stopped (exit {first.returncode}); stopped the other.", file=sys.stderr)
        return first.returncode if first.returncode > 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
