"""Writing the audit log. Every service that changes something meaningful calls record()."""

import contextlib
import contextvars
import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models

from smartcity.core.models import AuditEntry

# The address of the request being answered (set by core.middleware.AuditAddressMiddleware):
# every row written while answering it records where it came from.
_request_address: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "audit_request_address", default=None
)


@contextlib.contextmanager
def request_address(ip: str | None):
    token = _request_address.set(ip or None)
    try:
        yield
    finally:
        _request_address.reset(token)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of the named fields, ready for an audit row."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        values[name] = _jsonable(getattr(obj, field.attname))
    return values


def record(
    *,
    action: str,
    by=None,
    target: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    ip: str | None = None,
) -> AuditEntry:
    """Append one audit row. `action` is dotted: "<app>.<model>.<verb>". `ip` defaults to
    the address of the request being answered (none in a command or a task)."""
    entry = AuditEntry(
        action=action,
        ip=ip or _request_address.get(),
        actor=by if getattr(by, "is_authenticated", False) else None,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:300]
    entry.save()
    return entry


def record_download(*, action: str, by, filename: str, target: models.Model | None = None):
    """A document that left the platform (an attachment, an export): who took which file,
    from where (the request's address). `action` ends in ".downloaded"."""
    return record(action=action, by=by, target=target, after={"filename": filename})
