import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.enums import ExportStatus


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditEntry(models.Model):
    """One meaningful action: who did what to which object, and the values before and after.

    Rows are append-only: the application never edits or deletes them.
    """

    action = models.CharField(_("action"), max_length=120, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    # A label ("certification.certifiedarea") rather than a content-type FK: audit rows must
    # survive the deletion of their target and read the same in an export.
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Where the request came from (core.http.client_ip); empty outside a request.
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        # The database refuses edits too (core.audit_lock; SQLite: migration 0003).
        triggers = [
            pgtrigger.Protect(
                name="auditentry_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are never deleted by the application.")


class WorkerHeartbeat(models.Model):
    """A background worker saying it is alive: written every few seconds by
    `manage.py run_worker` (core.worker), read by /readyz."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    queues = models.CharField(_("queues"), max_length=200)
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ExportJob(models.Model):
    """A file asked for in the background (core.exports): who asked, what kind with which
    parameters, how far the worker is, and the file once it is written."""

    kind = models.CharField(_("kind"), max_length=80)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("rows written"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.READY, ExportStatus.FAILED, ExportStatus.EXPIRED}

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.status == ExportStatus.READY else None
        return min(100, round(100 * self.done / self.total))


class ContentVersion(models.Model):
    """A counter per published collection (today: the registry), bumped by every service
    that changes what the collection shows, inside the change's own transaction.

    Public pages and API responses are cached under the version and carry it in their
    ETag; `changed_at` is their Last-Modified. Written only by `core.versions.bump()`."""

    name = models.CharField(_("collection"), max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
