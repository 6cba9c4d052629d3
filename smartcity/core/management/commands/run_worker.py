"""`manage.py run_worker`: django_tasks_db's `db_worker` on every queue, with a heartbeat
(core.worker) that /readyz reads. Same options as db_worker (`--batch`, `--max-tasks`,
`--queue-name`, `--interval`, ...); see docs/operations.md."""

import os
import signal

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from smartcity.core.worker import Heartbeat

SIGNALS = [signal.SIGINT, signal.SIGTERM, *([signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else [])]


class Command(db_worker.Command):
    help = "Run the background worker (every queue by default) and write its heartbeat."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Our queues are default, mail and exports: one worker takes them all unless told.
        parser.set_defaults(queue_name="*")

    def handle(self, *args, **options):
        reloading = options["reload"] and not options["batch"]
        # With --reload the outer process only watches files; the child runs the tasks
        # and is the one that beats.
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)
        heartbeat = Heartbeat(worker_id=options["worker_id"], queues=options["queue_name"])
        # The worker installs its own signal handlers; a worker run inside another program
        # (a test, a --batch call) gives that program its handlers back when it is done.
        handlers = {number: signal.getsignal(number) for number in SIGNALS}
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
            for number, handler in handlers.items():
                signal.signal(number, handler)
