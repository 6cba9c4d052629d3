"""The audit log refuses UPDATE and DELETE in the database itself, not only in
`AuditEntry.save()`: a queryset `.update()`, a raw statement or a database shell are
refused too.

- PostgreSQL: a django-pgtrigger `Protect` trigger on the table (AuditEntry.Meta.triggers).
- SQLite: two plain triggers (migration core 0003) that raise unless
  `smartcity_audit_unlocked()` answers 1. Django registers that function on each of its
  SQLite connections; a shell without it gets "no such function", which refuses as well.

Emptying the whole database (`manage.py flush`, which the test runner calls after a
live-server test) is not an edit of the log: on PostgreSQL it is a TRUNCATE, which row
triggers do not see; on SQLite it runs inside `unlocked()` (core's `flush` command).
"""

import contextlib
import threading

from django.db.backends.signals import connection_created
from django.dispatch import receiver

_state = threading.local()


def _unlocked() -> int:
    return 1 if getattr(_state, "unlocked", False) else 0


@contextlib.contextmanager
def unlocked():
    """Only for emptying the whole database."""
    previous = getattr(_state, "unlocked", False)
    _state.unlocked = True
    try:
        yield
    finally:
        _state.unlocked = previous


@receiver(connection_created, dispatch_uid="core.audit_lock")
def _register_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("smartcity_audit_unlocked", 0, _unlocked)
