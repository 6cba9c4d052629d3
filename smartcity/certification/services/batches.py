"""Batches: one per acknowledging meeting, labelled B1, B2, ... in order of certification,
and their logo ceremonies."""

import datetime as dt

from django.db import transaction
from django.db.models import F, Max, Min
from django.utils.translation import gettext as _

from smartcity.certification.enums import EventKind
from smartcity.certification.models import Batch, CertificateEvent, CertifiedArea
from smartcity.certification.selectors import first_certificate
from smartcity.certification.services.errors import CertificationError
from smartcity.certification.services.numbering import next_batch_code
from smartcity.core import audit, versions


def batch_of(meeting, ceremony) -> Batch:
    """The batch of the areas acknowledged at `meeting` (one batch per steering meeting),
    created with the ceremony's date if it is the first; labelled by relabel_batches()."""
    area = CertifiedArea.objects.filter(
        certificates__acknowledging_meeting=meeting, batch__isnull=False
    ).first()
    if area:
        return area.batch
    return Batch.objects.create(code=next_batch_code(), logo_ceremony_on=ceremony)


def batch_for_meeting(meeting) -> Batch:
    """The batch of the areas acknowledged at a steering meeting: one per meeting."""
    return batch_of(meeting, None)


def relabel_batches(*, by=None) -> bool:
    """Label the batches B1, B2, ... in order of their certification date (the earliest
    acknowledgement among their areas), whatever order they were recorded in; True if a
    label changed. A batch recorded later but certified earlier takes its place, and the
    ones after it move up by one. Must run inside the caller's transaction.

    Side effects: codes and positions saved (through temporary codes, as codes are
    unique); the registry's version bumped; one audit row with the labels before and after, if a label changed."""
    batches = list(
        Batch.objects.annotate(first=Min("areas__certified_on")).order_by(
            F("first").asc(nulls_last=True), "pk"
        )
    )
    wanted = {b.pk: (f"B{i}", i) for i, b in enumerate(batches, start=1)}
    changed = [b for b in batches if (b.code, b.position) != wanted[b.pk]]
    if not changed:
        return False
    renamed = [b for b in changed if b.code != wanted[b.pk][0]]
    before = {str(b.pk): b.code for b in renamed}
    for batch in renamed:
        batch.code = f"~{batch.pk}"
    Batch.objects.bulk_update(renamed, ["code"])
    for batch in changed:
        batch.code, batch.position = wanted[batch.pk]
    Batch.objects.bulk_update(changed, ["code", "position"])
    versions.bump(versions.REGISTRY)
    if renamed:
        audit.record(
            action="certification.batch.relabelled",
            by=by,
            before={"codes": before},
            after={"codes": {str(b.pk): b.code for b in renamed}},
        )
    return bool(renamed)


@transaction.atomic
def set_ceremony(*, batch: Batch, on: dt.date, by) -> int:
    """Record the day the logo was presented to a batch; returns the areas updated.

    Refused before the batch's latest certification. Side effects: the batch's and each
    area's ceremony date; the "logo presented" event of each area's first certificate
    (the one that put it in the batch) replaced; the registry's version bumped; an
    audit row."""
    latest = batch.areas.aggregate(latest=Max("certified_on"))["latest"]
    if latest and on < latest:
        raise CertificationError(_("The logo cannot be presented before the area is certified."))
    before = batch.logo_ceremony_on
    batch.logo_ceremony_on = on
    batch.save(update_fields=["logo_ceremony_on"])
    areas = list(batch.areas.prefetch_related("certificates"))
    for area in areas:
        area.logo_ceremony_on = on
        area.save(update_fields=["logo_ceremony_on", "updated_at"])
        certificate = first_certificate(area)
        if certificate is None:
            continue
        certificate.events.filter(kind=EventKind.CEREMONY).delete()
        CertificateEvent.objects.create(
            certificate=certificate, kind=EventKind.CEREMONY, on=on, by=by
        )
    versions.bump(versions.REGISTRY)
    audit.record(
        action="certification.batch.ceremony_recorded",
        by=by,
        target=batch,
        before={"logo_ceremony_on": before},
        after={"logo_ceremony_on": on},
    )
    return len(areas)
