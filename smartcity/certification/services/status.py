"""The certificate's status (active, suspended, revoked): one writer and its table."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from smartcity.certification import notices
from smartcity.certification.enums import CertificateStatus, EventKind
from smartcity.certification.models import Certificate, CertificateEvent
from smartcity.certification.services.errors import CertificationError
from smartcity.core import audit, versions
from smartcity.notifications.services import after_commit

# The certificate's status: one function moves it, by this table (from, to) -> event.
CERTIFICATE_TRANSITIONS: dict[tuple[str, str], str] = {
    (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED): EventKind.SUSPENDED,
    (CertificateStatus.SUSPENDED, CertificateStatus.ACTIVE): EventKind.REINSTATED,
    (CertificateStatus.ACTIVE, CertificateStatus.REVOKED): EventKind.REVOKED,
    (CertificateStatus.SUSPENDED, CertificateStatus.REVOKED): EventKind.REVOKED,
}


@transaction.atomic
def transition_certificate(
    *, certificate: Certificate, to_status: str, reason: str, meeting, on: dt.date, by
) -> Certificate:
    """Suspend, reinstate or revoke a certificate. A reason and the meeting that decided
    are required; both are shown publicly with the date.

    Side effects: the row is locked and re-read; status saved (and `revoked_on` for a
    revocation); a public event; the registry's version bumped; an audit row; after the commit, the holder told
    (`certification.notices.tell_status_changed`)."""
    current = Certificate.objects.select_for_update().get(pk=certificate.pk)
    event = CERTIFICATE_TRANSITIONS.get((current.status, to_status))
    if event is None:
        raise CertificationError(
            _("A certificate that is “%(status)s” cannot become “%(target)s”.")
            % {
                "status": current.get_status_display(),
                "target": CertificateStatus(to_status).label
                if to_status in CertificateStatus.values
                else to_status,
            }
        )
    if not (reason or "").strip():
        raise CertificationError(_("Give the reason; it is shown publicly."))
    if meeting is None:
        raise CertificationError(_("Name the meeting that decided."))
    if on is None:
        raise CertificationError(_("Give the date it takes effect."))
    if on < current.certified_on:
        raise CertificationError(_("The date is before the area was certified."))
    if meeting.held_on and on < meeting.held_on:
        raise CertificationError(_("The date is before the meeting that decided."))
    # The public history reads in date order: a step cannot precede the one it follows.
    changes = current.events.filter(kind__in=EventKind.status_changes())
    last = changes.aggregate(last=Max("on"))["last"]
    if last and on < last:
        raise CertificationError(_("The date is before the certificate's last change."))
    previous = current.status
    current.status = to_status
    fields = ["status", "updated_at"]
    if to_status == CertificateStatus.REVOKED:
        current.revoked_on = on
        fields.append("revoked_on")
    current.save(update_fields=fields)
    CertificateEvent.objects.create(
        certificate=current, kind=event, on=on, reason=reason.strip(), meeting=meeting, by=by
    )
    versions.bump(versions.REGISTRY)
    audit.record(
        action=f"certification.certificate.{event}",
        by=by,
        target=current,
        before={"status": previous},
        after={"status": to_status, "meeting": meeting.pk, "on": on},
        note=reason.strip(),
    )
    after_commit(
        notices.tell_status_changed,
        current.pk,
        kind=event,
        event=f"certification.certificate.{event}",
    )
    certificate.status = current.status
    certificate.revoked_on = current.revoked_on
    return current
