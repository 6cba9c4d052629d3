"""`make run`: the development web server and a background worker, started together and
stopped together. Ctrl-C stops both; if either exits, the other is stopped and this script
exits with the first one's code.

    python scripts/run_dev.py [ADDRESS]      # default 127.0.0.1:8000
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRACE_SECONDS = 10


def start(name: str, *arguments: str) -> tuple[str, subprocess.Popen]:
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    # Each in its own process group: the autoreloaders run a child process, and stopping
    # the group stops both (killing only the parent would leave the child running).
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "DJANGO_DEBUG": "1"}, start_new_session=True
    )
    return name, process


def stop(processes) -> None:
    for _name, process in processes:
        with contextlib.suppress(ProcessLookupError):  # the group is gone already
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for _name, process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def main(address: str) -> int:
    # Ctrl-C reaches only this process (the children have their own sessions), and a
    # SIGTERM from a supervisor means the same: stop both.
    signal.signal(signal.SIGTERM, _interrupted)
    processes = [
        start("web server", "runserver", address),
        # Without the autoreloader: a worker stopped mid-task by a reload would leave the task
        # marked running; restart `make run` after changing a task.
        start("worker", "run_worker", "--no-startup-delay", "--no-reload"),
    ]
    code = 0
    try:
        while True:
            exited = [(name, p) for name, p in processes if p.poll() is not None]
            if exited:
                name, process = exited[0]
                code = process.returncode
                print(f"run_dev: the {name} exited ({code}); stopping the rest.", file=sys.stderr)
                break
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop(processes)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
